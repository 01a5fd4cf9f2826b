import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { fristerErrors } from '../../src/api/frister/index.js';
import { kalenderErrors } from '../../src/api/kalender/index.js';
import { errorCatalogue } from '../../src/api/kravogbetalinger/errors.js';
import { buildApp } from '../../src/server.js';
import { calendarTestApp, fristerUrl, jsonRequest, scenarioParty, type CalendarTestApp } from '../support/calendar-app.js';
import { testClock, testConfig } from '../support/auth.js';
import { describeEachDatabase } from '../support/databases.js';
import { expectCatalogueError } from '../support/error-assertions.js';

/**
 * The sandbox's `Kob-Forretningsdato` and `Kob-Testscenario` (decision 0175) on the real routes of
 * every API surface: the answer as of another business date, and each forced error with the
 * surface's normal body and korrelasjonsid, after every check has passed.
 */
const slowAnswerMs = 300;
const aapnekrav = `/api/innkreving/kravogbetalinger/v1/regnskapssystem/${scenarioParty}/aapnekrav`;
const frister = `/api/frister/v1/${scenarioParty}`;

describeEachDatabase('sandbox headers on every API surface', ({ handle, kind }) => {
  let t: CalendarTestApp;
  const tokens: Record<'kb' | 'kal' | 'fri', string> = { kb: '', kal: '', fri: '' };
  beforeAll(async () => {
    t = await calendarTestApp(handle().db, kind, false, slowAnswerMs);
    tokens.kb = await t.vendorToken(scenarioParty, 'skatteetaten:kravogbetalinger');
    tokens.kal = await t.vendorToken(scenarioParty, 'skatteetaten:kalender');
    tokens.fri = await t.vendorToken(scenarioParty, 'skatteetaten:frister');
  });

  const kb = (headers: Record<string, string> = {}, url = aapnekrav) => t.app.inject({ url, headers: { authorization: `Bearer ${tokens.kb}`, ...headers } });
  const kal = (headers: Record<string, string> = {}) => t.app.inject(jsonRequest(tokens.kal, { kalenderRequest: { part: [{ organisasjonsnummer: scenarioParty }], periode: { fraOgMed: '2026-07-01', tilOgMed: '2026-07-31' } } }, headers));
  const fri = (headers: Record<string, string> = {}) => t.app.inject({ url: frister, headers: { authorization: `Bearer ${tokens.fri}`, ...headers } });
  const aga3 = (response: LightMyRequestResponse) =>
    (response.json().aapentKravMedGjenstaaendeBeloep as { kravperiode: { periodeBeskrivelse: { spraakTekst: { tekst: string }[] } }; kravtype: string; stipulerteRenter?: number; gjenstaaendeBeloep: number }[]).find(
      (k) => k.kravtype === 'ARBGAVG' && k.kravperiode.periodeBeskrivelse.spraakTekst[0]!.tekst === '3. termin 2026',
    );

  it('Kob-Forretningsdato answers Krav og betalinger as of that date: earlier from the facts, later with interest accruing', async () => {
    const today = await kb();
    expect(aga3(today)).toMatchObject({ gjenstaaendeBeloep: 3000 });
    expect(aga3(today)!.stipulerteRenter ?? 0).toBe(0);
    const later = await kb({ 'kob-forretningsdato': '2026-09-15' });
    expect(later.statusCode).toBe(200);
    expect(aga3(later)!.stipulerteRenter).toBeGreaterThan(0);
    expect(later.headers.etag).not.toBe(today.headers.etag);
    // Before the claim was booked (2026-06-19) it is not there.
    expect(aga3(await kb({ 'kob-forretningsdato': '2026-06-18' }))).toBeUndefined();
    expectCatalogueError(await kb({ 'kob-forretningsdato': '2026-02-30' }), 'KB-006', errorCatalogue['KB-006'], ['Kob-Forretningsdato', '2026-02-30']);
  });

  it('Kob-Forretningsdato moves the calendar and the Frister API’s today', async () => {
    const status = async (headers: Record<string, string>) => {
      const oppgaver = (await kal(headers)).json().kalender.part[0].oppgave as { oppgaveType: string; frist: { frist: string }; oppgavestatus: string }[];
      return oppgaver.filter((o) => o.frist.frist === '2026-07-15').map((o) => o.oppgavestatus);
    };
    expect(await status({})).not.toContain('forfalt');
    expect(await status({ 'kob-forretningsdato': '2026-07-20' })).toContain('forfalt');
    const fristerLater = (await fri({ 'kob-forretningsdato': '2027-03-01' })).json();
    expect(fristerLater.kilder.flatMap((k: { frister: { frist: string }[] }) => k.frister.map((f) => f.frist)).every((frist: string) => frist >= '2027-03-01')).toBe(true);
  });

  it('Kob-Testscenario forces each error on Krav og betalinger, with its normal body and korrelasjonsid', async () => {
    expectCatalogueError(await kb({ 'kob-testscenario': 'KB-001' }), 'KB-001', errorCatalogue['KB-001'], []);
    expectCatalogueError(await kb({ 'kob-testscenario': 'KB-002' }), 'KB-002', errorCatalogue['KB-002'], []);
    expectCatalogueError(await kb({ 'kob-testscenario': 'KB-007' }), 'KB-007', errorCatalogue['KB-007'], [scenarioParty]);
    expectCatalogueError(await kb({ 'kob-testscenario': 'KB-009' }), 'KB-009', errorCatalogue['KB-009'], [scenarioParty]);
    expectCatalogueError(await kb({ 'kob-testscenario': 'KB-005' }), 'KB-006', errorCatalogue['KB-006'], ['Kob-Testscenario', 'KB-005']);
    // The same under the gateway's path.
    expectCatalogueError(await kb({ 'kob-testscenario': 'KB-002' }, `/v1/regnskapssystem/${scenarioParty}/aapnekrav`), 'KB-002', errorCatalogue['KB-002'], []);
    // Only after every check: without a token it is still KB-004.
    const unauthenticated = await t.app.inject({ url: aapnekrav, headers: { 'kob-testscenario': 'KB-001' } });
    expect([unauthenticated.statusCode, unauthenticated.json().kode]).toEqual([401, 'KB-004']);
    const korrelasjonsid = 'vendor-test-42';
    const forced = await kb({ 'kob-testscenario': 'KB-002', korrelasjonsid });
    expect(forced.json().korrelasjonsid).toBe(korrelasjonsid);
  });

  it('Kob-Testscenario on the Kalendertjeneste and the Frister API gives each its own code of that meaning', async () => {
    expectCatalogueError(await kal({ 'kob-testscenario': 'KB-001' }), 'KAL-001', kalenderErrors.entries['KAL-001'], []);
    expectCatalogueError(await kal({ 'kob-testscenario': 'KB-002' }), 'KAL-002', kalenderErrors.entries['KAL-002'], []);
    expectCatalogueError(await kal({ 'kob-testscenario': 'KB-009' }), 'KAL-009', kalenderErrors.entries['KAL-009'], [scenarioParty]);
    expectCatalogueError(await kal({ 'kob-testscenario': 'KB-007' }), 'KAL-006', kalenderErrors.entries['KAL-006'], ['KB-007']);
    expectCatalogueError(await fri({ 'kob-testscenario': 'KB-001' }), 'FRI-001', fristerErrors.entries['FRI-001'], []);
    expectCatalogueError(await fri({ 'kob-testscenario': 'KB-002' }), 'FRI-002', fristerErrors.entries['FRI-002'], []);
    expectCatalogueError(await fri({ 'kob-testscenario': 'KB-007', 'kob-forretningsdato': '2027-01-10' }), 'FRI-007', fristerErrors.entries['FRI-007'], [scenarioParty, '2027-01-10']);
    expectCatalogueError(await fri({ 'kob-testscenario': 'KB-009' }), 'FRI-007', fristerErrors.entries['FRI-007'], [scenarioParty]);
  });

  it('TREG answers normally, after a while, on every surface', async () => {
    for (const call of [() => kb({ 'kob-testscenario': 'TREG' }), () => kal({ 'kob-testscenario': 'TREG' }), () => fri({ 'kob-testscenario': 'TREG' })]) {
      const started = performance.now();
      const response = await call();
      expect(response.statusCode).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(slowAnswerMs - 5);
    }
  });

  it('outside a sandbox the headers do nothing, and there is no test-support API', async () => {
    const config = testConfig({
      sandbox: false,
      idporten: { issuer: 'https://idporten.example', clientId: 'kob-minside', clientAuth: { method: 'client_secret_post', secret: 's' }, redirectUri: 'https://kob.example/portal/innlogging/callback', scope: 'openid', acrValues: 'idporten-loa-substantial' },
    });
    const app = await buildApp({ db: handle().db, databaseKind: kind, clock: testClock(Date.UTC(2026, 5, 20, 9, 30, 47)), config, logger: false });
    try {
      const response = await app.inject({ url: aapnekrav, headers: { authorization: `Bearer ${tokens.kb}`, 'kob-testscenario': 'KB-001', 'kob-forretningsdato': '2026-09-15' } });
      expect(response.statusCode).toBe(200);
      expect(aga3(response)!.stipulerteRenter ?? 0).toBe(0);
      for (const [method, url] of [['POST', '/api/testdata/v1/virksomheter'], ['GET', '/api/testdata/v1/utbetalingsfil?dato=2026-06-20']] as const) {
        const refused = await app.inject({ method, url, headers: { 'content-type': 'application/json' }, payload: method === 'POST' ? '{"organisasjonsform":"AS"}' : undefined });
        expect(refused.statusCode, url).toBe(404);
        expect(refused.body).not.toContain('pain.001');
      }
      const document = JSON.stringify((await app.inject('/openapi.json')).json());
      expect(document).not.toContain('/api/testdata');
      expect(document).not.toContain('Testdata (sandkasse)');
      expect(document).not.toContain('kob-testscenario');
    } finally {
      await app.close();
    }
  });
});
