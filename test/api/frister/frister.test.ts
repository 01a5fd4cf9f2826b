import Fastify, { type FastifyInstance, type InjectOptions } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Frister, fristerErrors, fristerPlugin, type FristerErrorCode } from '../../../src/api/frister/index.js';
import { generateClientKey, registerClient } from '../../../src/auth/index.js';
import { localDate } from '../../../src/domain/dates.js';
import { calendarForParty, type CalendarQuery, type PartyCalendar } from '../../../src/kalender/index.js';
import { registrerLevering } from '../../../src/ledger/index.js';
import { closed, schemaErrors } from '../../support/api-schemas.js';
import { tokenFor } from '../../support/auth.js';
import { annualVatParty, calendarTestApp, scenarioParty, secondDelegatedParty, undelegatedParty, unknownLedgerParty, type CalendarTestApp } from '../../support/calendar-app.js';
import { describeEachDatabase } from '../../support/databases.js';
import { expectCatalogueError } from '../../support/error-assertions.js';

/**
 * GET /api/frister/v1/{organisasjonsnummer} (decision 0059): the published shape and texts, the
 * deadlines still to be met for the mva-melding and the skattemelding, nominal dates, JSON only,
 * and every FRI code.
 */
const url = (orgnr: string) => `/api/frister/v1/${orgnr}`;

describeEachDatabase('Frister API', ({ handle, kind }) => {
  let t: CalendarTestApp;
  let broken: FastifyInstance;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    t = await calendarTestApp(handle().db, kind);
    for (const party of [scenarioParty, annualVatParty, secondDelegatedParty, unknownLedgerParty]) tokens[party] = await t.vendorToken(party, 'skatteetaten:frister');
    // FRI-009: a bank's consent token, from another party (311851381) than the one asked for.
    const { privateJwk, publicJwk } = await generateClientKey();
    const client = await registerClient(handle().db, t.clock, { org: t.demo.finans.org, name: 'Bank frister', scopes: ['skatteetaten:frister'], publicJwk });
    tokens.consent = await tokenFor(t.app, { client_id: client.clientId, jwk: privateJwk }, t.clock, { scope: 'skatteetaten:frister', consent: t.demo.finans.consents[1]! });
    broken = Fastify({ logger: false });
    const source = async (query: CalendarQuery): Promise<PartyCalendar | undefined> => {
      if (query.partId === secondDelegatedParty) throw new Error('ledger unreachable');
      const calendar = await calendarForParty(handle().db, query);
      // A mapping bug: a date the serializer refuses to print.
      return calendar && { ...calendar, oppgaver: calendar.oppgaver.map((task) => ({ ...task, obligation: { ...task.obligation, nominellFrist: '10.10.2026' as never } })) };
    };
    await broken.register(fristerPlugin, { db: handle().db, clock: t.clock, checker: t.auth.accessChecker, calendar: source });
    await broken.ready();
  });
  afterAll(() => broken.close());

  const get = (orgnr: string, headers: Record<string, string> = {}) => t.app.inject({ url: url(orgnr), headers: { authorization: `Bearer ${tokens[orgnr] ?? tokens[scenarioParty]}`, ...headers } });

  it("lists the ENK's coming mva-meldinger and its skattemelding, nominal dates, in the published key order", async () => {
    const response = await get(scenarioParty);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = response.json();
    expect(schemaErrors(closed(Frister), body)).toBe('');
    expect(Object.keys(body)).toEqual(['kilder', 'virksomhet']);
    expect(Object.keys(body.kilder[0])).toEqual(['frister', 'kilde', 'status']);
    expect(body).toMatchObject({ virksomhet: scenarioParty, kilder: [{ kilde: 'skatt', status: 'OK' }] });
    expect(body.kilder[0].frister.map((f: { tittel: string; frist: string }) => [f.tittel, f.frist])).toEqual([
      ['Husk å levere mva-meldingen for 3. termin 2026.', '2026-08-31'],
      ['Husk å levere mva-meldingen for 4. termin 2026.', '2026-10-10'],
      ['Husk å levere mva-meldingen for 5. termin 2026.', '2026-12-10'],
      ['Husk å levere mva-meldingen for 6. termin 2026.', '2027-02-10'],
      ['Husk å levere mva-meldingen for 1. termin 2027.', '2027-04-10'],
      ['Husk å levere skattemeldingen for næringsdrivende.', '2027-05-31'],
      ['Husk å levere mva-meldingen for 2. termin 2027.', '2027-06-10'],
    ]);
    expect(body.kilder[0].frister[0]).toEqual({
      tittel: 'Husk å levere mva-meldingen for 3. termin 2026.',
      aktivitetsbeskrivelse: 'Merverdiavgiften for terminen skal betales innen samme frist.',
      aktivitetstype: 'rapporteringskrav',
      frist: '2026-08-31',
    });
  });

  it("a company's skattemelding reads exactly as Skatteetaten's published example", async () => {
    const frister = (await get(annualVatParty)).json().kilder[0].frister;
    expect(frister).toEqual([
      { tittel: 'Husk å levere mva-meldingen for årstermin 2026.', aktivitetsbeskrivelse: 'Merverdiavgiften for terminen skal betales innen samme frist.', aktivitetstype: 'rapporteringskrav', frist: '2027-03-10' },
      { tittel: 'Husk å levere skattemeldingen for selskap.', aktivitetsbeskrivelse: 'Det er mulig å søke utsatt frist.', aktivitetstype: 'rapporteringskrav', frist: '2027-05-31' },
    ]);
  });

  it('answers 304 to a repeated poll; a delivered filing leaves the list, and with nothing left it is FRI-007', async () => {
    const first = await get(secondDelegatedParty);
    expect(first.json().kilder[0].frister).toHaveLength(1);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    expect((await get(secondDelegatedParty, { 'if-none-match': first.headers.etag as string })).statusCode).toBe(304);
    await registrerLevering(handle().db, { idempotencyKey: `frister-${kind}-sm`, bokfoertDato: localDate('2026-06-20'), partId: secondDelegatedParty, leveringstype: 'skattemelding', periodeAar: 2026 });
    const after = await get(secondDelegatedParty, { 'if-none-match': first.headers.etag as string });
    expect(after.json()).toMatchObject({ kode: 'FRI-007', melding: `Fant ingen frister for organisasjonsnummer ${secondDelegatedParty} fra 2026-06-20 til 2027-06-20.` });
  });

  const scenarios: Readonly<Record<FristerErrorCode, { app: 'real' | 'broken'; request: () => InjectOptions; mentions: string[] }>> = {
    'FRI-001': { app: 'broken', request: () => ({ url: url(scenarioParty), headers: { authorization: `Bearer ${tokens[scenarioParty]}` } }), mentions: ['uventet feil i tjenesten'] },
    'FRI-002': { app: 'broken', request: () => ({ url: url(secondDelegatedParty), headers: { authorization: `Bearer ${tokens[secondDelegatedParty]}` } }), mentions: ['bakenforliggende system'] },
    'FRI-003': { app: 'real', request: () => ({ url: `${url(scenarioParty)}/mva`, headers: { authorization: `Bearer ${tokens[scenarioParty]}` } }), mentions: ['GET /api/frister/v1/{organisasjonsnummer}'] },
    'FRI-004': { app: 'real', request: () => ({ url: url(scenarioParty) }), mentions: ['token'] },
    'FRI-005': { app: 'real', request: () => ({ url: url(undelegatedParty), headers: { authorization: `Bearer ${tokens[scenarioParty]}` } }), mentions: [undelegatedParty, 'systembrukeren'] },
    'FRI-006': { app: 'real', request: () => ({ url: url('02013299997'), headers: { authorization: `Bearer ${tokens[scenarioParty]}` } }), mentions: ['organisasjonsnummer (02013299997) må være et organisasjonsnummer med 9 sifre'] },
    'FRI-007': { app: 'real', request: () => ({ url: url(unknownLedgerParty), headers: { authorization: `Bearer ${tokens[unknownLedgerParty]}` } }), mentions: ['Fant ingen frister', unknownLedgerParty] },
    'FRI-008': { app: 'real', request: () => ({ url: url(scenarioParty), headers: { authorization: `Bearer ${tokens[scenarioParty]}`, accept: 'application/xml' } }), mentions: ['application/xml', 'Kun application/json'] },
    'FRI-009': { app: 'real', request: () => ({ url: url(scenarioParty), headers: { authorization: `Bearer ${tokens.consent}` } }), mentions: ['samtykke'] },
  };

  it('has a scenario for every published code', () => {
    expect(Object.keys(scenarios).sort()).toEqual([...fristerErrors.codes].sort());
  });

  it.each([...fristerErrors.codes])('%s: status and {kode, melding, korrelasjonsid} in JSON', async (code) => {
    const scenario = scenarios[code];
    const response = await (scenario.app === 'real' ? t.app : broken).inject(scenario.request());
    expectCatalogueError(response, code, fristerErrors.entries[code], scenario.mentions);
    expect(response.body).not.toMatch(/ledger unreachable|10\.10\.2026|at \w+ \(/);
  });

  it('a malformed path goes through the FRI catalogue too (the server routes framework errors by prefix)', async () => {
    const response = await t.app.inject({ url: '/api/frister/v1/%zz', headers: { authorization: `Bearer ${tokens[scenarioParty]}` } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ kode: 'FRI-006', melding: expect.stringContaining('prosentkoding') });
  });
});
