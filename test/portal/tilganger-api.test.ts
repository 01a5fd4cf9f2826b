import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { localDate } from '../../src/domain/dates.js';
import { calendarForParty } from '../../src/kalender/index.js';
import { registrerParter } from '../../src/ledger/index.js';
import { nyttFnr, nyttOrgnr } from '../ledger/fixtures.js';
import { addClient } from '../../src/auth/altinn/client-delegation.js';
import { generateClientKey, registerClient } from '../../src/auth/index.js';
import { partyUuidFor } from '../../src/auth/altinn/organizations.js';
import { createConsentRequest } from '../../src/auth/altinn/consents.js';
import type { SystemtilgangerSvar } from '../../src/portal/api/systemtilganger-schemas.js';
import { randomUUID } from 'node:crypto';
import {
  acceptedConsent,
  callCalendarApi,
  registerTestVendor,
  sendVendorRequest,
  systemUserTokenResponse,
  type TestVendor,
  type VendorServer,
} from '../support/access-fixtures.js';
import { bookCalendarScenario, scenarioToday, scenarioYear, type CalendarScenario } from '../support/calendar-scenario.js';
import { tokenFor } from '../support/auth.js';
import { describeEachDatabase } from '../support/databases.js';
import { buildTestApp, csrfTokenOf, injectPublicUrl, InjectBrowser, loginAs, virksomhetApi } from '../support/portal-app.js';
import { seedPortalFixtures, testBusinesses, testPersons } from '../support/portal-fixtures.js';

const regnskapsfoererPakke = 'urn:altinn:accesspackage:regnskapsforer-med-signeringsrettighet';
const bank = { orgnr: '315600022', name: 'Demo Bank ASA' };
const someId = '0b5e8f3e-7a4c-4d2e-9b1a-3c6d5e4f7a8b';
/** Every route of Frister og oppgaver and Systemtilganger for a business; writes are POSTs. */
const routesOf = (orgnr: string): readonly { method: 'GET' | 'POST'; url: string; payload?: object }[] =>
  [
    { method: 'GET' as const, sti: '/frister?aar=2026' },
    { method: 'GET' as const, sti: '/kalenderabonnementer' },
    { method: 'POST' as const, sti: '/kalenderabonnementer' },
    { method: 'POST' as const, sti: `/kalenderabonnementer/${someId}/tilbakekall` },
    { method: 'GET' as const, sti: '/systemtilganger' },
    { method: 'POST' as const, sti: `/systemtilganger/forespoersler/${someId}/godkjenn` },
    { method: 'POST' as const, sti: `/systemtilganger/forespoersler/${someId}/avvis` },
    { method: 'POST' as const, sti: '/systemtilganger', payload: { systemId: '315600057_smartregnskap' } },
    { method: 'POST' as const, sti: `/systemtilganger/${someId}/slett` },
    { method: 'POST' as const, sti: `/samtykker/${someId}/trekk` },
    { method: 'POST' as const, sti: `/samtykker/${someId}/godkjenn` },
    { method: 'POST' as const, sti: `/samtykker/${someId}/avvis` },
  ].map(({ sti, ...route }) => ({ ...route, url: virksomhetApi(orgnr, sti) }));

describeEachDatabase('Min side: Frister og oppgaver and Systemtilganger over the portal API', ({ handle }) => {
  let app: FastifyInstance;
  let server: VendorServer;
  let scenario: CalendarScenario;
  let vendor: TestVendor;
  let visible: TestVendor;
  const clock = systemClock(scenarioToday);

  /** A browser logged in as `fnr`, on `orgnr`'s routes; writes send its CSRF token. */
  async function actingFor(fnr: string, orgnr: string) {
    const browser = new InjectBrowser(app);
    await loginAs(browser, fnr);
    const csrf = await csrfTokenOf(browser);
    const get = (url: string) => browser.get(virksomhetApi(orgnr, url));
    const post = (url: string, payload?: object) =>
      browser.request({ method: 'POST', url: virksomhetApi(orgnr, url), headers: { 'x-csrf-token': csrf }, ...(payload === undefined ? {} : { payload }) });
    return { browser, csrf, get, post };
  }

  /** A new person, daglig leder of a new business in Enhetsregisteret; the role row, to take away and give back. */
  async function newDagligLeder() {
    const { db } = handle();
    const role = { orgnr: nyttOrgnr(), fnr: nyttFnr(), rolle: 'daglig_leder' } as const;
    await registrerParter(db, [
      { partId: role.fnr, navn: 'Dag Avgått', registrertDato: localDate('2020-01-01') },
      { partId: role.orgnr, navn: 'Avgått AS', organisasjonsform: 'AS', registrertDato: localDate('2020-01-01') },
    ]);
    await db.insertInto('er_person_rolle').values(role).execute();
    return role;
  }

  beforeAll(async () => {
    const { db } = handle();
    await seedPortalFixtures(db);
    scenario = await bookCalendarScenario(db, nyttOrgnr(), nyttFnr());
    app = await buildTestApp(handle(), {}, clock);
    await app.ready();
    server = { app, db, clock, publicUrl: injectPublicUrl };
    vendor = await registerTestVendor(server, { orgnr: '315600057', name: 'Smart Regnskap AS', system: 'smartregnskap', systemName: 'Smart Regnskap', isVisible: false, accessPackages: [regnskapsfoererPakke] });
    visible = await registerTestVendor(server, { orgnr: '315600073', name: 'Kassaskyen AS', system: 'kassaskyen', systemName: 'Kassaskyen', isVisible: true });
    for (const orgnr of [testBusinesses.as.orgnr, testBusinesses.enk.orgnr]) await acceptedConsent(db, clock, bank, orgnr);
  });
  afterAll(async () => app?.close());

  describe('the guard', () => {
    it('answers 401 on every route without a session', async () => {
      const browser = new InjectBrowser(app);
      for (const route of routesOf(testBusinesses.as.orgnr)) {
        const response = await browser.request(route);
        expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
        expect(response.json().kode).toBe('ikke_innlogget');
      }
    });

    it('answers 403 on every write without the CSRF token', async () => {
      const { browser } = await actingFor(testPersons.kari.fnr, testBusinesses.as.orgnr);
      for (const route of routesOf(testBusinesses.as.orgnr).filter((r) => r.method === 'POST')) {
        const response = await browser.request(route);
        expect(response.statusCode, route.url).toBe(403);
        expect(response.json().kode).toBe('csrf');
      }
    });

    it('answers 403 on every route once the person may no longer represent the business', async () => {
      const { db } = handle();
      const { fnr, orgnr } = await newDagligLeder();
      const { browser, csrf } = await actingFor(fnr, orgnr);
      await db.deleteFrom('er_person_rolle').where('fnr', '=', fnr).execute();
      for (const route of routesOf(orgnr)) {
        const response = await browser.request({ ...route, headers: { 'x-csrf-token': csrf } });
        expect(response.statusCode, `${route.method} ${route.url}`).toBe(403);
        expect(response.json()).toEqual({ kode: 'ikke_tilgang', melding: 'Du kan ikke representere denne virksomheten.' });
      }
    });

    it('answers 403 on every route for a business in the path the person never could act for, with a valid CSRF token', async () => {
      const { browser, csrf } = await actingFor(testPersons.kari.fnr, testBusinesses.as.orgnr);
      for (const route of routesOf(testBusinesses.fremmed.orgnr)) {
        const response = await browser.request({ ...route, headers: { 'x-csrf-token': csrf } });
        expect(response.statusCode, `${route.method} ${route.url}`).toBe(403);
        expect(response.json().kode).toBe('ikke_tilgang');
      }
    });
  });

  describe('Frister og oppgaver', () => {
    it('shows the year from the deadline engine, with Min side\'s status texts, amounts and KIDs', async () => {
      const { get } = await actingFor(scenario.eier, scenario.enk);
      const response = await get('/frister');
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect([body.forretningsdato, body.aar]).toEqual(['2026-06-20', 2026]);
      const task = (id: string) => body.oppgaver.find((t: { id: string }) => t.id === id);
      expect(task('mva-melding-2025-06')).toMatchObject({ frist: '2026-02-10', statustekst: 'Ikke levert', oppgavestatus: 'forfalt', betaling: null });
      expect(task('mva-melding-2026-01')).toMatchObject({ statustekst: 'Levert', levertDato: '2026-04-08' });
      expect(task('mva-betaling-2026-01').statustekst).toBe('Betalt');
      expect(task('mva-betaling-2026-02')).toMatchObject({ statustekst: 'Forfalt', betaling: { opprinneligOere: 800000, gjenstaaendeOere: 500000 } });
      expect(task('aga-forskuddstrekk-2026-03')).toMatchObject({ frist: '2026-07-15', statustekst: 'Delvis betalt' });
      expect(task('aga-forskuddstrekk-2026-03').betaling.poster.map((p: { kid: string }) => p.kid)).toEqual([scenario.kid.aga3, scenario.kid.trekk3]);
      const restskatt = task(`kravforfall-${scenario.kravforfallId.restskatt1}`);
      expect(restskatt).toMatchObject({ frist: '2026-07-14', statustekst: '24 dager igjen', betaling: { poster: [{ kid: scenario.kid.restskatt, gjenstaaendeOere: 300000, kontonummer: expect.stringMatching(/^\d{11}$/) }] } });
      // Skattemelding 2025 falls on Sunday 31 May; the effective deadline is the Monday.
      expect(task('skattemelding-2025')).toMatchObject({ frist: '2026-06-01', nominellFrist: '2026-05-31', statustekst: 'Ikke levert' });

      // Nothing of its own: the same tasks, in the same order, as the calendar service gives.
      const calendar = await calendarForParty(handle().db, { partId: scenario.enk, idag: scenarioToday, periode: scenarioYear });
      expect(body.oppgaver.map((t: { id: string; statustekst: string }) => [t.id, t.statustekst])).toEqual(calendar!.oppgaver.map((t) => [t.obligation.id, t.status.visningsstatus]));
      // Åpne oppgaver: every task of the rule's years not done, the overdue ones first, each group by deadline.
      const aapne: { oppgavestatus: string; frist: string }[] = body.aapne;
      expect(aapne.length).toBeGreaterThan(0);
      expect(aapne.every((t) => t.oppgavestatus !== 'fullført')).toBe(true);
      const forfalte = aapne.filter((t) => t.oppgavestatus === 'forfalt').length;
      expect(forfalte).toBeGreaterThan(0);
      expect(aapne.slice(0, forfalte).every((t) => t.oppgavestatus === 'forfalt')).toBe(true);
      const frister = (liste: { frist: string }[]) => liste.map((t) => t.frist);
      expect(frister(aapne.slice(forfalte))).toEqual(frister(aapne.slice(forfalte)).sort());
    });

    it('shows another year on request, and refuses a year out of range', async () => {
      const { get } = await actingFor(scenario.eier, scenario.enk);
      const earlier = (await get('/frister?aar=2025')).json();
      expect(earlier.aar).toBe(2025);
      expect(earlier.oppgaver.every((t: { frist: string }) => t.frist.startsWith('2025-'))).toBe(true);
      expect(earlier.oppgaver.find((t: { id: string }) => t.id === 'mva-melding-2025-01')).toMatchObject({ statustekst: 'Ikke levert' });
      expect((await get('/frister?aar=1999')).statusCode).toBe(400);
      expect((await get('/frister?aar=2027')).json()).toEqual({ kode: 'ugyldig_aar', melding: 'Velg et år fra 2017 til 2026.' });
      expect((await get('/frister?aar=tjue')).statusCode).toBe(400);
    });

    it('makes a private calendar URL (the one the API makes), lists it, and revokes it', async () => {
      const { get, post } = await actingFor(scenario.eier, scenario.enk);
      const created = await post('/kalenderabonnementer');
      expect(created.statusCode).toBe(201);
      const { id, url, opprettetAv } = created.json();
      expect(url).toMatch(new RegExp(`^${injectPublicUrl}/kalender/[A-Za-z0-9_-]{43}\\.ics$`));
      expect(opprettetAv).toBe('Min side: Kari Kalender');
      const feed = await app.inject({ url: new URL(url).pathname });
      expect(feed.statusCode).toBe(200);
      expect(feed.body).toMatch(/^BEGIN:VCALENDAR/);
      expect(feed.body).toContain(scenario.kid.restskatt);
      // "Laget" is the business date (decision 0104), whatever the wall clock says.
      expect((await get('/kalenderabonnementer')).json().abonnementer).toEqual([{ id, opprettet: expect.any(String), lagetDato: '2026-06-20', opprettetAv }]);
      // Only the hash is kept: the list never shows the URL again.
      expect((await get('/kalenderabonnementer')).body).not.toContain(new URL(url).pathname.slice(10, 53));

      const stranger = await actingFor(testPersons.kari.fnr, testBusinesses.as.orgnr);
      expect((await stranger.post(`/kalenderabonnementer/${id}/tilbakekall`)).statusCode).toBe(404);
      expect((await app.inject({ url: new URL(url).pathname })).statusCode).toBe(200);

      expect((await post(`/kalenderabonnementer/${id}/tilbakekall`)).statusCode).toBe(204);
      expect((await app.inject({ url: new URL(url).pathname })).statusCode).toBe(410);
      expect((await get('/kalenderabonnementer')).json().abonnementer).toEqual([]);
      expect((await post(`/kalenderabonnementer/${id}/tilbakekall`)).statusCode).toBe(204);
      const revoked = await handle().db.selectFrom('kalender_abonnement').where('abonnement_id', '=', id).select('tilbakekalt_av').executeTakeFirstOrThrow();
      expect(revoked.tilbakekalt_av).toBe('Min side: Kari Kalender');
    });

    it('a subscription made in Min side ends when the person may no longer act for the business, and stays ended', async () => {
      const { db } = handle();
      const role = await newDagligLeder();
      const { fnr, orgnr } = role;
      const { post } = await actingFor(fnr, orgnr);
      const feed = new URL((await post('/kalenderabonnementer')).json<{ url: string }>().url).pathname;
      expect((await app.inject({ url: feed })).statusCode).toBe(200);

      await db.deleteFrom('er_person_rolle').where('fnr', '=', fnr).execute();
      expect((await app.inject({ url: feed })).statusCode).toBe(410);
      await db.insertInto('er_person_rolle').values(role).execute();
      expect((await app.inject({ url: feed })).statusCode).toBe(410);
      const ended = await db.selectFrom('kalender_abonnement').where('part_id', '=', orgnr).select('tilbakekalt_av').executeTakeFirstOrThrow();
      expect(ended.tilbakekalt_av).toMatch(/^Avsluttet fordi tilgangen det ble laget med, er borte: personen som laget det, kan ikke lenger representere/);
      expect(ended.tilbakekalt_av).not.toContain(fnr);
    });
  });

  describe('Systemtilganger', () => {
    it('shows pending requests, system users with who approved them, the systems to pick and the consents', async () => {
      const requestId = await sendVendorRequest(server, vendor, testBusinesses.as.orgnr);
      const { get } = await actingFor(testPersons.kari.fnr, testBusinesses.as.orgnr);
      const body = (await get('/systemtilganger')).json();
      expect(body.kanEndre).toBe(true);
      expect(body.forespoersler).toEqual([
        {
          id: requestId,
          tittel: 'Smart Regnskap for 313367002',
          system: {
            id: vendor.systemId,
            navn: 'Smart Regnskap',
            beskrivelse: 'Smart Regnskap henter krav og frister',
            leverandoer: { orgnr: '315600057', navn: 'Smart Regnskap AS' },
            tilganger: ['Krav og betalinger: se krav, innbetalinger og utbetalinger', 'Tilgangspakke: Regnskapsfører med signeringsrettighet'],
          },
          type: 'standard',
          tilganger: ['Krav og betalinger: se krav, innbetalinger og utbetalinger'],
          opprettet: expect.any(String),
        },
      ]);
      expect(body.systembrukere).toEqual([]);
      // Only visible systems without client packages can be picked by the business itself.
      expect(body.systemer.map((s: { id: string }) => s.id)).toEqual([visible.systemId]);
      expect(body.samtykker).toEqual([
        expect.objectContaining({ mottaker: { orgnr: '315600022', navn: 'Demo Bank ASA' }, status: 'aktivt', tilganger: ['Samtykke: banken kan se krav og betalinger'], trukket: null }),
      ]);
    });

    it('approves a vendor request as the logged-in person: the vendor gets a token and the API answers', async () => {
      const orgnr = testBusinesses.enk.orgnr;
      const requestId = await sendVendorRequest(server, vendor, orgnr);
      const pending = await systemUserTokenResponse(server, vendor, orgnr);
      expect(pending.json()).toMatchObject({ error: 'invalid_altinn_customer_configuration' });

      const { get, post } = await actingFor(testPersons.kari.fnr, orgnr);
      const approved = await post(`/systemtilganger/forespoersler/${requestId}/godkjenn`);
      expect(approved.statusCode).toBe(200);
      expect(approved.json()).toEqual({ status: 'Accepted' });
      const user = (await get('/systemtilganger')).json().systembrukere.find((u: { system: { id: string } }) => u.system.id === vendor.systemId);
      expect(user).toMatchObject({ tittel: `Smart Regnskap for ${orgnr}`, opprettetAv: 'Kari Nordmann', type: 'standard', klienter: [], gittDato: '2026-06-20' });

      // Recorded as Altinn would: who, what, when.
      const log = await handle().db.selectFrom('altinn_change_log').where('object_id', 'in', [requestId, user.id]).selectAll().orderBy('id').execute();
      expect(log.map((row) => [row.action, row.object_id, row.actor_kind, row.actor_id, row.actor_name])).toEqual([
        ['request.approved', requestId, 'person', testPersons.kari.fnr, 'Kari Nordmann'],
        ['system_user.created', user.id, 'person', testPersons.kari.fnr, 'Kari Nordmann'],
      ]);
      expect(log.every((row) => row.party === orgnr)).toBe(true);
      expect(Math.abs(log[0]!.at.getTime() - Date.now())).toBeLessThan(60_000);

      const token = await systemUserTokenResponse(server, vendor, orgnr);
      expect(token.statusCode).toBe(200);
      expect((await callCalendarApi(app, token.json().access_token, orgnr)).statusCode).toBe(200);

      // Revoked in the page: the next token request fails with Maskinporten's error.
      expect((await post(`/systemtilganger/${user.id}/slett`)).json()).toEqual({ status: 'Deleted' });
      const refused = await systemUserTokenResponse(server, vendor, orgnr);
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ error: 'invalid_altinn_customer_configuration' });
      expect((await get('/systemtilganger')).json().systembrukere.map((u: { id: string }) => u.id)).not.toContain(user.id);
      const deleted = await handle().db.selectFrom('altinn_change_log').where('object_id', '=', user.id).where('action', '=', 'system_user.deleted').select('actor_id').execute();
      expect(deleted).toEqual([{ actor_id: testPersons.kari.fnr }]);
      expect((await post(`/systemtilganger/${user.id}/slett`)).statusCode).toBe(404);
    });

    it('rejects a request: no system user, and the vendor is told so at the token endpoint', async () => {
      const orgnr = testBusinesses.regnskapsfoerer.orgnr;
      const requestId = await sendVendorRequest(server, vendor, orgnr);
      const { get, post } = await actingFor(testPersons.ola.fnr, orgnr);
      expect((await post(`/systemtilganger/forespoersler/${requestId}/avvis`)).json()).toEqual({ status: 'Rejected' });
      expect((await get('/systemtilganger')).json().forespoersler).toEqual([]);
      const refused = await systemUserTokenResponse(server, vendor, orgnr);
      expect(refused.json().error_description).toContain('status Rejected');
      // An answered request cannot be answered again.
      const again = await post(`/systemtilganger/forespoersler/${requestId}/godkjenn`);
      expect(again.statusCode).toBe(409);
      expect(again.json().melding).toMatch(/har status Rejected og kan ikke besvares\.$/);
    });

    it('refuses to answer another business\'s request, and leaves it pending', async () => {
      const foreign = await sendVendorRequest(server, vendor, testBusinesses.fremmed.orgnr);
      const { post } = await actingFor(testPersons.kari.fnr, testBusinesses.as.orgnr);
      for (const answer of ['godkjenn', 'avvis']) {
        const refused = await post(`/systemtilganger/forespoersler/${foreign}/${answer}`);
        expect(refused.statusCode).toBe(404);
        expect(refused.json().kode).toBe('finnes_ikke');
      }
      expect((await post(`/systemtilganger/forespoersler/${someId}/godkjenn`)).json()).toEqual((await post(`/systemtilganger/forespoersler/${foreign}/godkjenn`)).json());
      const row = await handle().db.selectFrom('altinn_request').where('id', '=', foreign).select(['status', 'system_user_id']).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'New', system_user_id: null });
      expect((await post('/systemtilganger/forespoersler/ikke-en-uuid/godkjenn')).statusCode).toBe(400);
    });

    it('creates a system user for a visible system chosen by the business, and refuses a hidden one', async () => {
      const orgnr = testBusinesses.as.orgnr;
      const { get, post } = await actingFor(testPersons.kari.fnr, orgnr);
      const created = await post('/systemtilganger', { systemId: visible.systemId });
      expect(created.statusCode).toBe(201);
      const user = (await get('/systemtilganger')).json().systembrukere.find((u: { id: string }) => u.id === created.json().id);
      expect(user).toMatchObject({ tittel: 'Kassaskyen', system: { leverandoer: { navn: 'Kassaskyen AS' } }, opprettetAv: 'Kari Nordmann' });
      const token = await systemUserTokenResponse(server, visible, orgnr);
      expect(token.statusCode).toBe(200);

      const twice = await post('/systemtilganger', { systemId: visible.systemId });
      expect(twice.statusCode).toBe(409);
      expect(twice.json().melding).toMatch(/finnes allerede/);
      const hidden = await post('/systemtilganger', { systemId: vendor.systemId });
      expect(hidden.statusCode).toBe(409);
      expect(hidden.json()).toEqual({ kode: 'kan_ikke_endres', melding: `Systemet "${vendor.systemId}" er ikke synlig for sluttbrukere; leverandøren må sende en forespørsel.` });
      expect((await post('/systemtilganger', { systemId: 'ikke gyldig' })).statusCode).toBe(400);
    });

    it('shows a bank\'s consent request waiting for an answer, and answers it as the logged-in person', async () => {
      const { get, post } = await actingFor(testPersons.kari.fnr, testBusinesses.enk.orgnr);
      const ask = async () => {
        const id = randomUUID();
        await createConsentRequest({ db: handle().db, clock, publicUrl: injectPublicUrl }, bank.orgnr, {
          id,
          from: `urn:altinn:organization:identifier-no:${testBusinesses.enk.orgnr}`,
          to: `urn:altinn:organization:identifier-no:${bank.orgnr}`,
          validTo: new Date(clock.nowEpochMs() + 30 * 86_400_000).toISOString(),
          consentRights: [{ action: ['consent'], resource: [{ type: 'urn:altinn:resource', value: 'ske-samtykke-krav-og-betalinger' }] }],
        });
        return id;
      };
      const [accepted, rejected] = [await ask(), await ask()];
      const waiting = (await get('/systemtilganger')).json<SystemtilgangerSvar>().samtykker.filter((s) => s.status === 'venter');
      expect(waiting.map((s) => s.id).sort()).toEqual([accepted, rejected].sort());
      expect(waiting[0]).toMatchObject({ mottaker: { orgnr: bank.orgnr, navn: bank.name }, samtykket: null, gittDato: null });
      expect((await post(`/samtykker/${accepted}/godkjenn`)).json()).toEqual({ status: 'Accepted' });
      expect((await post(`/samtykker/${rejected}/avvis`)).json()).toEqual({ status: 'Rejected' });
      const after = (await get('/systemtilganger')).json<SystemtilgangerSvar>().samtykker;
      expect(after.find((s) => s.id === accepted)).toMatchObject({ status: 'aktivt', gittDato: '2026-06-20' });
      expect(after.find((s) => s.id === rejected)).toBeUndefined();
      expect((await post(`/samtykker/${accepted}/godkjenn`)).statusCode).toBe(409);
    });

    it('revokes a consent: the bank\'s access ends, and who revoked it is shown', async () => {
      const { get, post } = await actingFor(testPersons.kari.fnr, testBusinesses.as.orgnr);
      const consent = (await get('/systemtilganger')).json().samtykker[0];
      expect((await post(`/samtykker/${consent.id}/trekk`)).json()).toEqual({ status: 'Revoked' });
      expect((await get('/systemtilganger')).json().samtykker[0]).toMatchObject({ id: consent.id, status: 'trukket', trukket: expect.any(String), trukketAv: 'Kari Nordmann' });
      expect((await post(`/samtykker/${consent.id}/trekk`)).statusCode).toBe(409);
      // The other business's consent is not this one's to revoke.
      const other = await handle().db.selectFrom('altinn_consent').where('from_party', '=', testBusinesses.enk.orgnr).select('id').executeTakeFirstOrThrow();
      expect((await post(`/samtykker/${other.id}/trekk`)).statusCode).toBe(404);
    });

    it('says which calendar subscriptions deleting a system user or revoking a consent ends, before it is done; doing it ends them', async () => {
      const { db } = handle();
      const business = testBusinesses.as;
      const kalenderVendor = await registerTestVendor(server, { orgnr: nyttOrgnr(), name: 'Kalender Regnskap AS', system: 'kalenderregnskap', systemName: 'Kalender Regnskap', isVisible: false });
      const { get, post } = await actingFor(testPersons.kari.fnr, business.orgnr);
      expect((await post(`/systemtilganger/forespoersler/${await sendVendorRequest(server, kalenderVendor, business.orgnr)}/godkjenn`)).statusCode).toBe(200);
      const vendorToken = (await systemUserTokenResponse(server, kalenderVendor, business.orgnr)).json<{ access_token: string }>().access_token;
      const consentId = await acceptedConsent(db, clock, bank, business.orgnr);
      const { privateJwk, publicJwk } = await generateClientKey();
      const bankClient = await registerClient(db, clock, { org: bank.orgnr, name: 'Demo Bank kalender', scopes: ['skatteetaten:kalender'], publicJwk });
      const bankToken = await tokenFor(app, { client_id: bankClient.clientId, jwk: privateJwk }, clock, {
        audience: `${injectPublicUrl}/maskinporten/`,
        scope: 'skatteetaten:kalender',
        consent: { id: consentId, from: `urn:altinn:organization:identifier-no:${business.orgnr}` },
      });
      const subscribe = async (token: string) => {
        const made = await app.inject({ method: 'POST', url: `/api/innkreving/kalendertjeneste/v1/abonnementer/${business.orgnr}`, headers: { authorization: `Bearer ${token}` } });
        expect(made.statusCode, made.body).toBe(201);
        return made.json<{ abonnementId: string; url: string; opprettetAv: string }>();
      };
      const [underSystemUser, underConsent] = [await subscribe(vendorToken), await subscribe(bankToken)];

      const page = (await get('/systemtilganger')).json();
      const user = page.systembrukere.find((u: { system: { id: string } }) => u.system.id === kalenderVendor.systemId);
      expect(user.kalenderabonnementer).toEqual([
        { id: underSystemUser.abonnementId, part: { orgnr: business.orgnr, navn: business.navn }, opprettet: expect.any(String), opprettetAv: underSystemUser.opprettetAv },
      ]);
      const consent = page.samtykker.find((c: { id: string }) => c.id === consentId);
      expect(consent.kalenderabonnementer).toEqual([
        { id: underConsent.abonnementId, part: { orgnr: business.orgnr, navn: business.navn }, opprettet: expect.any(String), opprettetAv: underConsent.opprettetAv },
      ]);
      const feed = (made: { url: string }) => app.inject({ url: new URL(made.url).pathname });
      expect([(await feed(underSystemUser)).statusCode, (await feed(underConsent)).statusCode]).toEqual([200, 200]);

      expect((await post(`/systemtilganger/${user.id}/slett`)).json()).toEqual({ status: 'Deleted' });
      expect([(await feed(underSystemUser)).statusCode, (await feed(underConsent)).statusCode]).toEqual([410, 200]);
      expect((await post(`/samtykker/${consentId}/trekk`)).json()).toEqual({ status: 'Revoked' });
      expect((await feed(underConsent)).statusCode).toBe(410);
      const after = (await get('/systemtilganger')).json();
      expect(after.samtykker.find((c: { id: string }) => c.id === consentId)).toMatchObject({ status: 'trukket', kalenderabonnementer: [] });
    });

    it('lets an accountant see a client\'s access but not change it; a firm\'s agent shows its clients', async () => {
      const { db } = handle();
      const requestId = await sendVendorRequest(server, vendor, testBusinesses.klient.orgnr);
      const client = await actingFor(testPersons.ola.fnr, testBusinesses.klient.orgnr);
      const seen = (await client.get('/systemtilganger')).json();
      expect(seen.kanEndre).toBe(false);
      expect(seen.forespoersler.map((r: { id: string }) => r.id)).toEqual([requestId]);
      const refused = await client.post(`/systemtilganger/forespoersler/${requestId}/godkjenn`);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toEqual({ kode: 'ikke_tilgangsstyrer', melding: 'Bare innehaver, daglig leder eller styreleder kan endre systemtilganger og samtykker for virksomheten.' });
      expect((await db.selectFrom('altinn_request').where('id', '=', requestId).select('status').executeTakeFirstOrThrow()).status).toBe('New');

      // Ola as daglig leder of the accounting firm approves the vendor's agent request; the firm's
      // client administrator delegates its client; the page shows the agent with its client.
      const firmOrgnr = testBusinesses.regnskapsfoerer.orgnr;
      const agentRequest = await sendVendorRequest(server, vendor, firmOrgnr, { agentPackage: regnskapsfoererPakke });
      const firm = await actingFor(testPersons.ola.fnr, firmOrgnr);
      expect((await firm.get('/systemtilganger')).json().forespoersler).toEqual([expect.objectContaining({ id: agentRequest, type: 'agent' })]);
      expect((await firm.post(`/systemtilganger/forespoersler/${agentRequest}/godkjenn`)).json()).toEqual({ status: 'Accepted' });
      const agentId = (await firm.get('/systemtilganger')).json().systembrukere.find((u: { type: string }) => u.type === 'agent').id;
      await addClient({ db, clock, publicUrl: injectPublicUrl }, firmOrgnr, agentId, partyUuidFor(testBusinesses.klient.orgnr), { kind: 'person', fnr: testPersons.ola.fnr, name: testPersons.ola.navn });
      const agent = (await firm.get('/systemtilganger')).json().systembrukere.find((u: { id: string }) => u.id === agentId);
      expect(agent).toMatchObject({ type: 'agent', opprettetAv: 'Ola Regnskapsfører', klienter: [{ orgnr: testBusinesses.klient.orgnr, navn: testBusinesses.klient.navn }] });
      expect(agent.tilganger).toEqual(['Tilgangspakke: Regnskapsfører med signeringsrettighet']);
      // An agent with clients cannot be deleted until they are removed (Altinn's rule, in Altinn's words).
      const kept = await firm.post(`/systemtilganger/${agent.id}/slett`);
      expect(kept.statusCode).toBe(409);
      expect(kept.json().melding).toMatch(/^Klientsystembrukeren har fortsatt klienter/);
    });
  });
});
