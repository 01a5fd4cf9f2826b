import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateClientKey, registerClient, scopes } from '../../src/auth/index.js';
import { registerOrganization } from '../../src/auth/altinn/organizations.js';
import { systemClock } from '../../src/clock.js';
import { accessPackageUrn, kravRight, registerSmartRegnskap, type TestVendor } from '../support/access-fixtures.js';
import { OverHttp } from '../support/over-http.js';
import { testBusinesses, testPersons } from '../support/portal-fixtures.js';
import { describeInBrowser, inspectPage, overflowPx, pageLoaded, screenshot, startHarness, type BrowserHarness } from './harness.js';

/**
 * Issue 12, item 1 (decisions 0156, 0157): the whole onboarding as a vendor and a bank run it
 * against TT02, with only the base URL changed. The vendor's and the bank's calls go over HTTP
 * with their Maskinporten tokens; the person approves in Chromium at the `confirmUrl` or `viewUri`
 * the API handed out, and the browser lands on the `redirectUrl` with Altinn's parameters.
 */
const { regnskapsfoerer: klientPakke, kravOgUtlegg: kravPakke } = accessPackageUrn;
const kravTitle = 'Krav og betalinger: se krav, innbetalinger og utbetalinger';
const receipt = 'https://smartregnskap.example/kvittering';
const bankReturn = 'https://banken.example/samtykke';
const bank = { orgnr: '315600022', name: 'Demo Bank ASA' };
const requestPath = '/altinn/authentication/api/v1/systemuser/request/vendor';
const aapneKrav = (pakke: 'regnskapssystem' | 'finans', orgnr: string) => `/api/innkreving/kravogbetalinger/v1/${pakke}/${orgnr}/aapnekrav`;

describeInBrowser('Min side: onboarding at confirmUrl and viewUri in Chromium', () => {
  let h: BrowserHarness;
  let vendor: TestVendor;
  let vendorHttp: OverHttp;
  let bankHttp: OverHttp;
  /** The addresses the browser arrived at on the vendor's and the bank's own sites. */
  const arrivals: string[] = [];
  /** The system user the first test's approval made (the change request asks to change it). */
  let systemUserId: string;

  beforeAll(async () => {
    h = await startHarness();
    const clock = systemClock();
    const server = { app: h.app, db: h.db, clock, publicUrl: h.origin };
    vendor = await registerSmartRegnskap(server, receipt);
    vendorHttp = new OverHttp(h.origin, vendor.credentials);
    await registerOrganization(h.db, bank.orgnr, bank.name);
    const { privateJwk, publicJwk } = await generateClientKey();
    const bankClient = await registerClient(h.db, clock, { org: bank.orgnr, name: bank.name, scopes: [scopes.consentRequestsWrite, scopes.consentRequestsRead, scopes.kravOgBetalinger], publicJwk });
    bankHttp = new OverHttp(h.origin, { client_id: bankClient.clientId, jwk: privateJwk });
    // The vendor's and the bank's own sites are theirs, not ours: the test answers for them and notes where the browser arrived.
    await h.context.route(/^https:\/\/(smartregnskap|banken)\.example\//, async (route) => {
      arrivals.push(route.request().url());
      await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><html lang="nb"><title>Kvittering</title><h1>Takk</h1></html>' });
    });
  });
  afterAll(async () => h?.close());

  /** Opens `url` as a new visitor: the login's person picker comes first, then the page itself. */
  async function openAs(url: string, navn: string): Promise<Page> {
    const { page } = h;
    await h.context.clearCookies();
    h.foreignRequests.splice(0);
    await page.goto(url);
    await page.getByRole('heading', { name: 'Velg testperson' }).waitFor();
    await page.getByLabel('Søk etter navn eller fødselsnummer').fill(navn);
    await page.getByRole('radio', { name: navn }).check();
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.waitForURL(url);
    await pageLoaded(page);
    return page;
  }

  /** Presses `knapp` and waits for the browser to arrive at `expected` on the vendor's or bank's site. */
  async function answerAndArrive(page: Page, knapp: 'Godkjenn' | 'Avvis', expected: string): Promise<void> {
    await page.getByRole('button', { name: knapp, exact: true }).click();
    await page.waitForURL(expected);
    expect(arrivals.at(-1)).toBe(expected);
  }

  const details = (page: Page) => page.getByTestId('forespoersel').innerText();
  /** The vendor's request to `party`; without an `externalRef` it is the party's number, which the token's grant then names too. */
  const vendorRequest = (party: string, extra: Record<string, unknown> = {}) =>
    vendorHttp.call('POST', requestPath, { scope: scopes.requestWrite }, { systemId: vendor.systemId, partyOrgNo: party, rights: [kravRight], redirectUrl: receipt, ...extra });
  const poll = async (path: string) => (await vendorHttp.call('GET', path, { scope: scopes.requestRead })).body;

  it('onboards a customer: the vendor asks over HTTP, the person approves at confirmUrl, the vendor polls Accepted, gets a token and calls the API', async () => {
    const business = testBusinesses.as;
    const created = await vendorRequest(business.orgnr);
    expect(created.status).toBe(201);
    const { id, confirmUrl } = created.body as { id: string; confirmUrl: string };
    expect(confirmUrl).toBe(`${h.origin}/altinn/accessmanagement/ui/systemuser/request?id=${id}&DONTCHOOSEREPORTEE=true`);
    await expect(vendorHttp.token({ scope: scopes.kravOgBetalinger, systemUserOrg: business.orgnr })).rejects.toThrow(/invalid_altinn_customer_configuration/);

    const page = await openAs(confirmUrl, testPersons.kari.navn);
    await page.getByRole('heading', { level: 1, name: 'Forespørsel om systemtilgang' }).waitFor();
    const shown = await details(page);
    expect(shown).toMatch(/System\s+Smart Regnskap/);
    expect(shown).toMatch(/Leverandør\s+Smart Regnskap AS \(org\.nr\. 315 600 057\)/);
    expect(shown).toMatch(new RegExp(`Gjelder\\s+${business.navn} \\(org\\.nr\\. 313 367 002\\)`));
    expect(shown).toMatch(new RegExp(`Tilganger\\s+${kravTitle}`));
    expect(await page.getByText('Når du har svart, sendes du tilbake til smartregnskap.example og logges ut av Min side.').count()).toBe(1);
    await inspectPage(h, 'godkjenning-systemtilgang');

    await answerAndArrive(page, 'Godkjenn', receipt);
    const polled = await poll(`${requestPath}/${id}`);
    expect(polled).toMatchObject({ id, status: 'Accepted', systemUserId: expect.any(String) });
    systemUserId = polled.systemUserId as string;
    const token = await vendorHttp.token({ scope: scopes.kravOgBetalinger, systemUserOrg: business.orgnr });
    const api = await fetch(`${h.origin}${aapneKrav('regnskapssystem', business.orgnr)}`, { headers: { authorization: `Bearer ${token}` } });
    expect(api.status, await api.clone().text()).toBe(200);
    expect(await api.json()).toHaveProperty('totalOversikt');
  });

  it('a rejected request: the browser lands on the redirectUrl, the vendor polls Rejected and gets no token', async () => {
    const business = testBusinesses.enk;
    const created = await vendorRequest(business.orgnr);
    const { id, confirmUrl } = created.body as { id: string; confirmUrl: string };
    const page = await openAs(confirmUrl, testPersons.kari.navn);
    expect(await details(page)).toMatch(new RegExp(`Gjelder\\s+${business.navn}`));
    await answerAndArrive(page, 'Avvis', receipt);
    expect((await poll(`${requestPath}/${id}`)).status).toBe('Rejected');
    await expect(vendorHttp.token({ scope: scopes.kravOgBetalinger, systemUserOrg: business.orgnr })).rejects.toThrow(/status Rejected/);
  });

  it('an agent request: the accounting firm\'s daglig leder approves the client system at its confirmUrl', async () => {
    const firm = testBusinesses.regnskapsfoerer;
    const created = await vendorHttp.call(
      'POST',
      `${requestPath}/agent`,
      { scope: scopes.requestWrite },
      { systemId: vendor.systemId, partyOrgNo: firm.orgnr, externalRef: randomUUID(), accessPackages: [{ urn: klientPakke }], redirectUrl: receipt },
    );
    expect(created.status).toBe(201);
    const { id, confirmUrl } = created.body as { id: string; confirmUrl: string };
    expect(confirmUrl).toBe(`${h.origin}/altinn/accessmanagement/ui/systemuser/agentrequest?id=${id}&DONTCHOOSEREPORTEE=true`);
    const page = await openAs(confirmUrl, testPersons.ola.navn);
    await page.getByRole('heading', { level: 1, name: 'Forespørsel om klientsystem' }).waitFor();
    expect(await details(page)).toMatch(/Tilganger\s+Tilgangspakke: Regnskapsfører med signeringsrettighet/);
    await inspectPage(h, 'godkjenning-klientsystem');
    await answerAndArrive(page, 'Godkjenn', receipt);
    expect(await poll(`${requestPath}/agent/${id}`)).toMatchObject({ status: 'Accepted', systemUserId: expect.any(String) });
  });

  it('a change request: the person sees what is added and what is taken away, approves, and the API still answers through the new package', async () => {
    const business = testBusinesses.as;
    const created = await vendorHttp.call(
      'POST',
      `/altinn/authentication/api/v1/systemuser/changerequest/vendor?correlation-id=${randomUUID()}&system-user-id=${systemUserId}`,
      { scope: scopes.requestWrite },
      { requiredAccessPackages: [{ urn: kravPakke }], unwantedRights: [kravRight], redirectUrl: receipt },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { id, confirmUrl } = created.body as { id: string; confirmUrl: string };
    expect(confirmUrl).toBe(`${h.origin}/altinn/accessmanagement/ui/systemuser/changerequest?id=${id}&DONTCHOOSEREPORTEE=true`);
    const page = await openAs(confirmUrl, testPersons.kari.navn);
    await page.getByRole('heading', { level: 1, name: 'Forespørsel om å endre en systemtilgang' }).waitFor();
    const shown = await details(page);
    expect(shown).toMatch(/Får tilgang til\s+Tilgangspakke: Krav, betalinger og utlegg/);
    expect(shown).toMatch(new RegExp(`Mister tilgang til\\s+${kravTitle}`));
    await inspectPage(h, 'godkjenning-endring');
    await answerAndArrive(page, 'Godkjenn', receipt);
    expect((await poll(`/altinn/authentication/api/v1/systemuser/changerequest/vendor/${id}`)).status).toBe('Accepted');
    const token = await vendorHttp.token({ scope: scopes.kravOgBetalinger, systemUserOrg: business.orgnr });
    expect((await fetch(`${h.origin}${aapneKrav('regnskapssystem', business.orgnr)}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it('a bank\'s consent: the person accepts at viewUri, the browser lands on the bank\'s redirectUrl with Status=OK, and the consent gives the bank a finans token', async () => {
    const business = testBusinesses.as;
    const id = randomUUID();
    const from = `urn:altinn:organization:identifier-no:${business.orgnr}`;
    const created = await bankHttp.call(
      'POST',
      '/altinn/accessmanagement/api/v1/enterprise/consentrequests',
      { scope: scopes.consentRequestsWrite },
      {
        id,
        from,
        to: `urn:altinn:organization:identifier-no:${bank.orgnr}`,
        validTo: new Date(Date.now() + 90 * 86_400_000).toISOString(),
        consentRights: [{ action: ['consent'], resource: [{ type: 'urn:altinn:resource', value: 'ske-samtykke-krav-og-betalinger' }] }],
        redirectUrl: `${bankReturn}?consentId=${id}`,
      },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const viewUri = created.body.viewUri as string;
    expect(viewUri).toBe(`${h.origin}/altinn/accessmanagement/ui/consent/request?id=${id}`);
    await expect(bankHttp.token({ scope: scopes.kravOgBetalinger, consent: { id, from } })).rejects.toThrow(/consent/);

    const page = await openAs(viewUri, testPersons.kari.navn);
    await page.getByRole('heading', { level: 1, name: 'Forespørsel om samtykke' }).waitFor();
    const shown = await details(page);
    expect(shown).toMatch(/Bank\s+Demo Bank ASA \(org\.nr\. 315 600 022\)/);
    expect(shown).toMatch(/Ber om å se\s+Samtykke: banken kan se krav og betalinger/);
    expect(shown).toMatch(/Gyldig til\s+\d\d\.\d\d\.\d{4}/);
    await inspectPage(h, 'godkjenning-samtykke');
    await answerAndArrive(page, 'Godkjenn', `${bankReturn}?consentId=${id}&Status=OK`);

    const token = await bankHttp.token({ scope: scopes.kravOgBetalinger, consent: { id, from } });
    const api = await fetch(`${h.origin}${aapneKrav('finans', business.orgnr)}`, { headers: { authorization: `Bearer ${token}` } });
    expect(api.status, await api.clone().text()).toBe(200);
  });

  it('on a phone: the page fits, an answer without a redirectUrl ends in a receipt, and an answered request shows its status without buttons', async () => {
    await h.page.setViewportSize({ width: 390, height: 844 });
    try {
      const created = await vendorRequest(testBusinesses.enk.orgnr, { externalRef: randomUUID(), redirectUrl: undefined });
      const { confirmUrl } = created.body as { confirmUrl: string };
      const page = await openAs(confirmUrl, testPersons.kari.navn);
      expect(await overflowPx(page)).toBe(0);
      await inspectPage(h, 'godkjenning-mobil');
      await page.getByRole('button', { name: 'Godkjenn', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Du har godkjent forespørselen. Smart Regnskap har fått tilgang.' }).waitFor();
      expect(page.url()).toBe(confirmUrl);
      await page.getByRole('link', { name: `Se systemtilganger og samtykker for ${testBusinesses.enk.navn}` }).waitFor();
      await screenshot(page, 'godkjenning-kvittering-mobil');

      await page.reload();
      await pageLoaded(page);
      await page.getByText('Forespørselen er godkjent.').waitFor();
      expect(await page.getByRole('main').getByRole('button').count()).toBe(0);
      expect(await overflowPx(page)).toBe(0);
      await inspectPage(h, 'godkjenning-besvart-mobil');
    } finally {
      await h.page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('a person who may not act for the business is told so, in plain words, without buttons', async () => {
    const created = await vendorRequest(testBusinesses.as.orgnr, { externalRef: randomUUID() });
    const page = await openAs((created.body as { confirmUrl: string }).confirmUrl, testPersons.per.navn);
    await page.getByText('Forespørselen gjelder virksomheten med org.nr. 313 367 002, som du ikke kan representere.', { exact: false }).waitFor();
    expect(await page.getByRole('main').getByRole('button').count()).toBe(0);
    await inspectPage(h, 'godkjenning-ikke-tilgang');
  });
});
