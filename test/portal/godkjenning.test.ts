import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalKindAt } from '../../src/auth/altinn/approval-pages.js';
import { generateClientKey, maskinportenIssuer, registerClient, scopes } from '../../src/auth/index.js';
import { systemClock } from '../../src/clock.js';
import { accessPackageUrn, kravRight, registerSmartRegnskap, requestedConsent, sendVendorRequest, type TestVendor, type VendorServer } from '../support/access-fixtures.js';
import { tokenFor } from '../support/auth.js';
import { describeEachDatabase } from '../support/databases.js';
import { buildTestApp, csrfTokenOf, injectPublicUrl, InjectBrowser, location, loginAs, pickPerson } from '../support/portal-app.js';
import { seedPortalFixtures, testBusinesses, testPersons } from '../support/portal-fixtures.js';

/**
 * Issue 12, item 1 (decisions 0156, 0157): the pages at a request's `confirmUrl` and a consent
 * request's `viewUri`, served by Min side at Altinn's paths and parameters on this host. Every
 * route is tried through `inject` and a real `fetch`.
 */
type Via = 'inject' | 'fetch';
const vias: readonly Via[] = ['inject', 'fetch'];
const receipt = 'https://smartregnskap.example/kvittering';
const bank = { orgnr: '315600022', name: 'Demo Bank ASA' };
const { regnskapsfoerer: klientPakke, kravOgUtlegg: kravPakke } = accessPackageUrn;
const kravTitle = 'Krav og betalinger: se krav, innbetalinger og utbetalinger';
const sessionCookie = '__Host-kob-sesjon';

describeEachDatabase('Min side: the approval pages at confirmUrl and viewUri', ({ handle }) => {
  let app: FastifyInstance;
  let baseUrl: string;
  let server: VendorServer;
  let vendor: TestVendor;
  const clock = systemClock();

  beforeAll(async () => {
    const { db } = handle();
    await seedPortalFixtures(db);
    app = await buildTestApp(handle(), {}, clock);
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    server = { app, db, clock, publicUrl: injectPublicUrl };
    vendor = await registerSmartRegnskap(server, receipt);
  });
  afterAll(async () => app?.close());

  /** A request by `method` to `url` (path and query) as `browser`, through inject or over HTTP with its cookies; redirects are not followed. */
  async function send(browser: InjectBrowser, via: Via, method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}) {
    if (via === 'inject') {
      const response: LightMyRequestResponse = await browser.request({ method, url, headers });
      return { status: response.statusCode, location: response.headers.location as string | undefined, type: String(response.headers['content-type']), body: response.body };
    }
    const response = await fetch(`${baseUrl}${url}`, { method, headers: { ...headers, cookie: browser.jar.header() }, redirect: 'manual' });
    return { status: response.status, location: response.headers.get('location') ?? undefined, type: response.headers.get('content-type') ?? '', body: await response.text() };
  }
  const json = (answer: { body: string }) => JSON.parse(answer.body) as Record<string, unknown>;

  /** The path and query of a URL the API handed out for this host. */
  const onThisHost = (url: string) => {
    expect(url.startsWith(`${injectPublicUrl}/altinn/`), url).toBe(true);
    return url.slice(injectPublicUrl.length);
  };

  /** The vendor's request to `partyOrgnr`; returns its id and the confirmUrl's path and query. */
  async function pendingRequest(partyOrgnr: string, options: { redirectUrl?: string; agent?: boolean } = {}) {
    // Each test's request is a new one: its own externalRef.
    const id = await sendVendorRequest(server, vendor, partyOrgnr, {
      externalRef: randomUUID(),
      ...(options.redirectUrl === undefined ? {} : { redirectUrl: options.redirectUrl }),
      ...(options.agent ? { agentPackage: klientPakke } : {}),
    });
    return { id, page: onThisHost(await confirmUrlOf(id, options.agent ? 'agent' : 'standard')) };
  }
  async function confirmUrlOf(id: string, kind: 'standard' | 'agent') {
    const { db } = handle();
    const row = await db.selectFrom('altinn_request').where('id', '=', id).select('user_type').executeTakeFirstOrThrow();
    expect(row.user_type).toBe(kind);
    const answer = await vendorGet(`/altinn/authentication/api/v1/systemuser/request/vendor${kind === 'agent' ? '/agent' : ''}/${id}`);
    return answer.confirmUrl as string;
  }
  async function vendorGet(url: string): Promise<Record<string, unknown>> {
    const token = await tokenFor(app, vendor.credentials, clock, { audience: maskinportenIssuer(injectPublicUrl), scope: scopes.requestRead });
    const response = await app.inject({ url, headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }
  const requestStatus = async (id: string) => (await vendorGet(`/altinn/authentication/api/v1/systemuser/request/vendor/${id}`)).status;

  /** Logged in as `fnr` through the ordinary login; writes send its CSRF token. */
  async function loggedIn(fnr: string) {
    const browser = new InjectBrowser(app);
    await loginAs(browser, fnr);
    return { browser, csrf: await csrfTokenOf(browser) };
  }
  /** The page data behind an approval page (its path and query). */
  const api = (page: string) => {
    const url = new URL(page, injectPublicUrl);
    return `/portal/api/godkjenning/${approvalKindAt(url.pathname)}/${url.searchParams.get('id')}`;
  };

  describe('the address and the login', () => {
    it('hands out confirmUrl and viewUri with Altinn\'s path and parameters: only the base URL differs', async () => {
      const { id, page } = await pendingRequest(testBusinesses.as.orgnr);
      // docs.altinn.studio, system vendor guide "Forespørsel om systembruker" (response example) and
      // RequestSystemUserController: https://am.ui.tt02.altinn.no/accessmanagement/ui/systemuser/request?id=…&DONTCHOOSEREPORTEE=true
      expect(page.replace(/^\/altinn/, 'https://am.ui.tt02.altinn.no')).toBe(`https://am.ui.tt02.altinn.no/accessmanagement/ui/systemuser/request?id=${id}&DONTCHOOSEREPORTEE=true`);
      const agent = await pendingRequest(testBusinesses.regnskapsfoerer.orgnr, { agent: true });
      expect(agent.page).toBe(`/altinn/accessmanagement/ui/systemuser/agentrequest?id=${agent.id}&DONTCHOOSEREPORTEE=true`);
      // docs.altinn.studio, "Request consent" (response example): "viewUri": "https://am.ui.tt02.altinn.no/accessmanagement/ui/consent/request?id=…"
      const consentId = await requestedConsent(handle().db, clock, bank, testBusinesses.as.orgnr);
      const viewUri = (await app.inject({ url: `/altinn/accessmanagement/api/v1/enterprise/consentrequests/${consentId}`, headers: { authorization: `Bearer ${await bankToken()}` } })).json().viewUri;
      expect(onThisHost(viewUri)).toBe(`/altinn/accessmanagement/ui/consent/request?id=${consentId}`);
    });

    it('sends a browser without a session to the login, and after it back to the same address, query and all', async () => {
      const { page } = await pendingRequest(testBusinesses.as.orgnr, { redirectUrl: receipt });
      for (const via of vias) {
        const browser = new InjectBrowser(app);
        const first = await send(browser, via, 'GET', page);
        expect(first.status, via).toBe(303);
        expect(first.location, via).toBe(`/portal/innlogging/start?tilbake=${encodeURIComponent(page)}`);
        const authorize = location(await browser.get(first.location!));
        const callback = await pickPerson(browser, location(await browser.get(authorize)), testPersons.kari.fnr);
        // No business picker: the page itself, which takes the business from the request.
        expect(location(await browser.get(callback)), via).toBe(page);
        const shown = await send(browser, via, 'GET', page);
        expect(shown.status, via).toBe(200);
        expect(shown.type, via).toMatch(/^text\/html/);
        expect(shown.body, via).toContain('<div id="root">');
      }
    });

    it('refuses to return to anything but a path on this host', async () => {
      const browser = new InjectBrowser(app);
      for (const tilbake of ['https://evil.example/', '//evil.example/x', '/\\evil.example', '/\t/evil.example', 'altinn/accessmanagement/ui/consent/request', `/${'a'.repeat(2000)}`]) {
        for (const via of vias) {
          const answer = await send(browser, via, 'GET', `/portal/innlogging/start?tilbake=${encodeURIComponent(tilbake)}`);
          expect(answer.status, `${via} ${JSON.stringify(tilbake)}`).toBe(400);
        }
      }
    });
  });

  describe('the page data', () => {
    it('names the system, the vendor and the rights in words, for the business of the request', async () => {
      const { page } = await pendingRequest(testBusinesses.enk.orgnr, { redirectUrl: receipt });
      const { browser } = await loggedIn(testPersons.kari.fnr);
      for (const via of vias) {
        const answer = await send(browser, via, 'GET', api(page));
        expect(answer.status, via).toBe(200);
        expect(json(answer)).toMatchObject({
          side: 'request',
          status: 'venter',
          part: { id: testBusinesses.enk.orgnr, navn: testBusinesses.enk.navn, erPerson: false },
          kanSvare: true,
          system: { navn: 'Smart Regnskap', leverandoer: { orgnr: vendor.orgnr, navn: vendor.name } },
          mottaker: null,
          gir: [kravTitle],
          fjerner: [],
          sendesTil: 'smartregnskap.example',
        });
      }
    });

    it('answers 404 for an unknown id and for a request of another kind, 400 for what is not an id or a kind', async () => {
      const agent = await pendingRequest(testBusinesses.regnskapsfoerer.orgnr, { agent: true });
      const { browser } = await loggedIn(testPersons.ola.fnr);
      for (const via of vias) {
        for (const url of [`/portal/api/godkjenning/request/${randomUUID()}`, `/portal/api/godkjenning/consent/${randomUUID()}`, `/portal/api/godkjenning/request/${agent.id}`]) {
          const answer = await send(browser, via, 'GET', url);
          expect(answer.status, `${via} ${url}`).toBe(404);
          expect(json(answer).kode).toBe('finnes_ikke');
        }
        expect((await send(browser, via, 'GET', api(agent.page))).status, via).toBe(200);
        expect((await send(browser, via, 'GET', '/portal/api/godkjenning/request/ikke-en-id')).status, via).toBe(400);
        expect((await send(browser, via, 'GET', `/portal/api/godkjenning/systembruker/${agent.id}`)).status, via).toBe(400);
      }
    });

    it('answers 401 without a session, on reads and answers alike', async () => {
      const { page } = await pendingRequest(testBusinesses.as.orgnr);
      const browser = new InjectBrowser(app);
      for (const via of vias) {
        expect((await send(browser, via, 'GET', api(page))).status, via).toBe(401);
        expect((await send(browser, via, 'POST', `${api(page)}/godkjenn`)).status, via).toBe(401);
      }
    });
  });

  describe('who may answer', () => {
    it('refuses a person who may not act for the business (403, naming it), and the request stays unanswered', async () => {
      const { id, page } = await pendingRequest(testBusinesses.as.orgnr, { redirectUrl: receipt });
      const { browser, csrf } = await loggedIn(testPersons.per.fnr);
      for (const via of vias) {
        const read = await send(browser, via, 'GET', api(page));
        expect(read.status, via).toBe(403);
        expect(json(read)).toEqual({
          kode: 'ikke_tilgang',
          melding: 'Forespørselen gjelder virksomheten med org.nr. 313 367 002, som du ikke kan representere. Logg ut, og logg inn som innehaver, daglig leder eller styreleder i virksomheten.',
        });
        const answer = await send(browser, via, 'POST', `${api(page)}/godkjenn`, { 'x-csrf-token': csrf });
        expect([answer.status, json(answer).kode], via).toEqual([403, 'ikke_tilgang']);
      }
      expect(await requestStatus(id)).toBe('New');
    });

    it('shows an accountant a client\'s request without letting them answer it', async () => {
      const { id, page } = await pendingRequest(testBusinesses.klient.orgnr);
      const { browser, csrf } = await loggedIn(testPersons.ola.fnr);
      for (const via of vias) {
        expect(json(await send(browser, via, 'GET', api(page))), via).toMatchObject({ kanSvare: false, status: 'venter', part: { navn: testBusinesses.klient.navn } });
        const answer = await send(browser, via, 'POST', `${api(page)}/godkjenn`, { 'x-csrf-token': csrf });
        expect([answer.status, json(answer).kode], via).toEqual([403, 'ikke_tilgangsstyrer']);
      }
      expect(await requestStatus(id)).toBe('New');
    });

    it('refuses an answer without the session\'s CSRF token, or with another session\'s', async () => {
      const { id, page } = await pendingRequest(testBusinesses.as.orgnr, { redirectUrl: receipt });
      const kari = await loggedIn(testPersons.kari.fnr);
      const other = await loggedIn(testPersons.kari.fnr);
      for (const via of vias) {
        const tokens: Record<string, string>[] = [{}, { 'x-csrf-token': other.csrf }, { 'x-csrf-token': '' }];
        for (const headers of tokens) {
          const answer = await send(kari.browser, via, 'POST', `${api(page)}/godkjenn`, headers);
          expect([answer.status, json(answer).kode], via).toEqual([403, 'csrf']);
        }
      }
      expect(await requestStatus(id)).toBe('New');
    });
  });

  describe('the answer', () => {
    it('approves once, sends the browser to the redirectUrl unchanged and ends the session; a second answer is refused', async () => {
      const { id, page } = await pendingRequest(testBusinesses.as.orgnr, { redirectUrl: receipt });
      for (const via of vias) {
        const { browser, csrf } = await loggedIn(testPersons.kari.fnr);
        const answer = await send(browser, via, 'POST', `${api(page)}/godkjenn`, { 'x-csrf-token': csrf });
        if (via === 'inject') {
          // Altinn/altinn-authentication, LogoutControllerTests.Logout_HandleLoggedOut_RedirectToRequestRedirectUrl:
          // after an answer the browser is sent to the request's redirectUrl, nothing added.
          expect([answer.status, json(answer)]).toEqual([200, { status: 'godkjent', videre: receipt }]);
          expect(browser.jar.values.has(sessionCookie)).toBe(false);
          expect((await browser.get('/portal/api/sesjon')).json()).toEqual({ innlogget: false });
        } else {
          // The same request again, from a new session: already answered, nothing changes.
          expect([answer.status, json(answer)]).toEqual([409, { kode: 'allerede_besvart', melding: 'Forespørselen er godkjent og kan ikke besvares på nytt.' }]);
          expect((await send(browser, via, 'POST', `${api(page)}/avvis`, { 'x-csrf-token': csrf })).status).toBe(409);
          expect(json(await send(browser, via, 'GET', api(page)))).toMatchObject({ status: 'godkjent' });
        }
      }
      expect(await requestStatus(id)).toBe('Accepted');
      const { db } = handle();
      const users = await db.selectFrom('altinn_system_user').where('owner_orgnr', '=', testBusinesses.as.orgnr).where('system_id', '=', vendor.systemId).where('is_deleted', '=', false).select('id').execute();
      expect(users).toHaveLength(1);
      const logged = await db.selectFrom('altinn_change_log').where('object_id', '=', id).select(['action', 'actor_id', 'actor_name']).execute();
      expect(logged).toEqual([{ action: 'request.approved', actor_id: testPersons.kari.fnr, actor_name: testPersons.kari.navn }]);
    });

    it('rejects a request without a redirectUrl: no redirect (the page shows a receipt), and the session goes on', async () => {
      const { id, page } = await pendingRequest(testBusinesses.enk.orgnr);
      const { browser, csrf } = await loggedIn(testPersons.kari.fnr);
      const answer = await send(browser, 'fetch', 'POST', `${api(page)}/avvis`, { 'x-csrf-token': csrf });
      expect([answer.status, json(answer)]).toEqual([200, { status: 'avvist', videre: null }]);
      expect((await browser.get('/portal/api/sesjon')).json()).toMatchObject({ innlogget: true });
      expect(await requestStatus(id)).toBe('Rejected');
    });

    it('answers an agent request at its own page for the accounting firm', async () => {
      const { id, page } = await pendingRequest(testBusinesses.regnskapsfoerer.orgnr, { agent: true, redirectUrl: receipt });
      const { browser, csrf } = await loggedIn(testPersons.ola.fnr);
      expect(json(await send(browser, 'inject', 'GET', api(page)))).toMatchObject({ side: 'agentrequest', gir: ['Tilgangspakke: Regnskapsfører med signeringsrettighet'], kanSvare: true });
      const answer = await send(browser, 'fetch', 'POST', `${api(page)}/godkjenn`, { 'x-csrf-token': csrf });
      expect([answer.status, json(answer)]).toEqual([200, { status: 'godkjent', videre: receipt }]);
      expect((await vendorGet(`/altinn/authentication/api/v1/systemuser/request/vendor/agent/${id}`)).status).toBe('Accepted');
    });

    it('answers a change request: what it adds and what it takes away, then the system user as changed', async () => {
      const { db } = handle();
      const { id } = await pendingRequest(testBusinesses.regnskapsfoerer.orgnr, { redirectUrl: receipt });
      const ola = await loggedIn(testPersons.ola.fnr);
      await send(ola.browser, 'inject', 'POST', `/portal/api/godkjenning/request/${id}/godkjenn`, { 'x-csrf-token': ola.csrf });
      const systemUserId = (await vendorGet(`/altinn/authentication/api/v1/systemuser/request/vendor/${id}`)).systemUserId as string;
      const token = await tokenFor(app, vendor.credentials, clock, { audience: maskinportenIssuer(injectPublicUrl), scope: scopes.requestWrite });
      const created = await app.inject({
        method: 'POST',
        url: `/altinn/authentication/api/v1/systemuser/changerequest/vendor?correlation-id=${randomUUID()}&system-user-id=${systemUserId}`,
        headers: { authorization: `Bearer ${token}` },
        payload: { requiredAccessPackages: [{ urn: kravPakke }], unwantedRights: [kravRight], redirectUrl: receipt },
      });
      // The page is of the shape ChangeRequestSystemUserController writes: …/systemuser/changerequest?id=…&DONTCHOOSEREPORTEE=true
      const page = onThisHost(created.json().confirmUrl);
      expect(page).toBe(`/altinn/accessmanagement/ui/systemuser/changerequest?id=${created.json().id}&DONTCHOOSEREPORTEE=true`);
      const { browser, csrf } = await loggedIn(testPersons.ola.fnr);
      expect(json(await send(browser, 'fetch', 'GET', api(page)))).toMatchObject({ side: 'changerequest', gir: ['Tilgangspakke: Krav, betalinger og utlegg'], fjerner: [kravTitle] });
      expect(json(await send(browser, 'fetch', 'POST', `${api(page)}/godkjenn`, { 'x-csrf-token': csrf }))).toEqual({ status: 'godkjent', videre: receipt });
      const changed = await db.selectFrom('altinn_system_user').where('id', '=', systemUserId).select(['rights', 'access_packages']).executeTakeFirstOrThrow();
      expect(changed).toEqual({ rights: [], access_packages: [{ urn: kravPakke }] });
    });
  });

  describe('a bank\'s consent', () => {
    // Altinn/altinn-access-management-frontend, ConsentControllerTest (LogoutAfterApprove_… and
    // LogoutAfterReject_…): the redirect URL as the bank gave it, with Altinn's Status parameters;
    // the last case is the redirect URL of docs.altinn.studio's "Request consent" example.
    const cases = [
      { redirectUrl: 'https://smartbank.no/consent/#/fragmentpath?authcode=123', accept: true, expected: 'https://smartbank.no/consent/#/fragmentpath?authcode=123&Status=OK' },
      { redirectUrl: 'https://smartbank.no/consent/#/fragmentpath', accept: true, expected: 'https://smartbank.no/consent/#/fragmentpath?Status=OK' },
      { redirectUrl: 'https://smartbank.no/consent#fragment', accept: false, expected: 'https://smartbank.no/consent?Status=Failed&ErrorMessage=User+did+not+give+consent#fragment' },
      { redirectUrl: 'https://smartbank.no/consent?authcode=123', accept: false, expected: 'https://smartbank.no/consent?authcode=123&Status=Failed&ErrorMessage=User+did+not+give+consent' },
      {
        redirectUrl: 'https://bankenmin.no/huslaan?consentId=77ed8698-e619-4066-9eb4-5c1eb3f165a1',
        accept: true,
        expected: 'https://bankenmin.no/huslaan?consentId=77ed8698-e619-4066-9eb4-5c1eb3f165a1&Status=OK',
      },
    ];

    it('sends the browser to the bank\'s redirectUrl with Altinn\'s Status parameters, accepted or rejected', async () => {
      for (const [index, { redirectUrl, accept, expected }] of cases.entries()) {
        const id = await requestedConsent(handle().db, clock, bank, testBusinesses.as.orgnr, { redirectUrl });
        const via = vias[index % 2]!;
        const { browser, csrf } = await loggedIn(testPersons.kari.fnr);
        const page = `/altinn/accessmanagement/ui/consent/request?id=${id}`;
        expect(json(await send(browser, via, 'GET', api(page))), via).toMatchObject({ side: 'consent', mottaker: { orgnr: bank.orgnr, navn: bank.name }, gir: ['Samtykke: banken kan se krav og betalinger'], system: null });
        const answer = await send(browser, via, 'POST', `${api(page)}/${accept ? 'godkjenn' : 'avvis'}`, { 'x-csrf-token': csrf });
        expect([answer.status, json(answer)], redirectUrl).toEqual([200, { status: accept ? 'godkjent' : 'avvist', videre: expected }]);
      }
    });

    it('shows a consent request past its end date as expired, and refuses to answer it', async () => {
      const { db } = handle();
      const id = await requestedConsent(db, clock, bank, testBusinesses.as.orgnr, { redirectUrl: 'https://smartbank.no/consent' });
      await db.updateTable('altinn_consent').set({ valid_to: new Date(clock.nowEpochMs() - 1000) }).where('id', '=', id).execute();
      const { browser, csrf } = await loggedIn(testPersons.kari.fnr);
      const page = `/altinn/accessmanagement/ui/consent/request?id=${id}`;
      expect(json(await send(browser, 'fetch', 'GET', api(page)))).toMatchObject({ status: 'utloept' });
      const answer = await send(browser, 'inject', 'POST', `${api(page)}/godkjenn`, { 'x-csrf-token': csrf });
      expect([answer.status, json(answer)]).toEqual([409, { kode: 'allerede_besvart', melding: 'Forespørselen er utløpt og kan ikke besvares på nytt.' }]);
    });
  });

  async function bankToken(): Promise<string> {
    const { privateJwk, publicJwk } = await generateClientKey();
    const client = await registerClient(handle().db, clock, { org: bank.orgnr, name: bank.name, scopes: [scopes.consentRequestsRead], publicJwk });
    return tokenFor(app, { client_id: client.clientId, jwk: privateJwk }, clock, { audience: maskinportenIssuer(injectPublicUrl), scope: scopes.consentRequestsRead });
  }
});
