import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testdataErrors } from '../../../src/api/testdata/index.js';
import { findPerson, virksomheterForPerson, type DemoAccess } from '../../../src/auth/index.js';
import { isValidPersonId } from '../../../src/domain/foedselsnummer.js';
import { makeKid } from '../../../src/domain/kid.js';
import { isValidOrganisasjonsnummer, withOrganisasjonsnummerCheckDigit } from '../../../src/domain/organisasjonsnummer.js';
import { buildApp } from '../../../src/server.js';
import { camt054Fil, ocrGiroFil } from '../../support/bankfil-builders.js';
import { seedDemo, testClock, testConfig, tokenFor, type TestClock } from '../../support/auth.js';
import { describeEachDatabase } from '../../support/databases.js';
import { expectCatalogueError } from '../../support/error-assertions.js';
import { xsdErrors } from '../../support/iso20022-schemas.js';

/** The sandbox's test-support API through the real server (inject): every route, its validation at the edge and its errors. */
const prefix = '/api/testdata/v1';

describeEachDatabase('test-support API (sandbox)', ({ handle, kind }) => {
  let app: FastifyInstance;
  let clock: TestClock;
  let demo: DemoAccess;
  let token: string;
  beforeAll(async () => {
    clock = testClock(Date.UTC(2026, 0, 15, 9, 0, 0));
    app = await buildApp({ db: handle().db, databaseKind: kind, clock, config: testConfig(), logger: false });
    await app.ready();
    demo = await seedDemo(handle().db, clock);
    token = await tokenFor(app, demo.regnskapssystem, clock, { scope: 'kob:testdata' });
  });
  afterAll(() => app.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}): Promise<ReturnType<FastifyInstance['inject']> extends Promise<infer R> ? R : never> =>
    app.inject({ method: 'POST', url: `${prefix}${path}`, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }, payload: typeof body === 'string' ? body : JSON.stringify(body) });
  const file = (content: string, contentType: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: `${prefix}/innbetalingsfiler`, headers: { authorization: `Bearer ${token}`, 'content-type': contentType, ...headers }, payload: Buffer.from(content, contentType.startsWith('text/plain') ? 'latin1' : 'utf8') });
  const get = (path: string, headers: Record<string, string> = {}) => app.inject({ url: `${prefix}${path}`, headers: { authorization: `Bearer ${token}`, ...headers } } as InjectOptions);
  const error = (code: keyof typeof testdataErrors.entries) => testdataErrors.entries[code];

  it('needs a token with scope kob:testdata', async () => {
    expectCatalogueError(await app.inject({ method: 'POST', url: `${prefix}/virksomheter`, headers: { 'content-type': 'application/json' }, payload: '{"organisasjonsform":"AS"}' }), 'TD-004', error('TD-004'), []);
    const other = await tokenFor(app, demo.regnskapssystem, clock, { scope: 'skatteetaten:kravogbetalinger' });
    expectCatalogueError(await post('/virksomheter', { organisasjonsform: 'AS' }, { authorization: `Bearer ${other}` }), 'TD-004', error('TD-004'), ['kob:testdata']);
    expectCatalogueError(await get('/ukjent'), 'TD-003', error('TD-003'), ['/api/testdata/v1/ukjent']);
    // The sandbox's forced error, after the checks; a scenario with no meaning here is invalid input.
    expectCatalogueError(await get('/uidentifiserte-innbetalinger', { 'kob-testscenario': 'KB-001' }), 'TD-001', error('TD-001'), []);
    expectCatalogueError(await get('/uidentifiserte-innbetalinger', { 'kob-testscenario': 'KB-009' }), 'TD-006', error('TD-006'), ['KB-009']);
  });

  it('makes a business with valid numbers, persons who can log in, and the caller’s approved system user', async () => {
    const made = await post('/virksomheter', { organisasjonsform: 'AS', navn: 'Testbedrift AS', mvaTermintype: 'tomaaneders', systembruker: true });
    expect(made.statusCode).toBe(201);
    const body = made.json();
    expect(body).toMatchObject({ navn: 'Testbedrift AS', systembruker: { systemId: '315600014_demoregnskap' } });
    expect(isValidOrganisasjonsnummer(body.organisasjonsnummer)).toBe(true);
    expect(body.organisasjonsnummer).toMatch(/^38/);
    expect(body.personer.map((p: { rolle: string }) => p.rolle)).toEqual(['daglig_leder', 'styreleder']);
    for (const person of body.personer) {
      expect(isValidPersonId(person.foedselsnummer)).toBe(true);
      expect(await findPerson(handle().db, person.foedselsnummer)).toEqual({ fnr: person.foedselsnummer, navn: person.navn });
      expect((await virksomheterForPerson(handle().db, person.foedselsnummer)).map((v) => v.orgnr)).toContain(body.organisasjonsnummer);
    }
    // The system user works: the vendor reads the new business through Krav og betalinger.
    const apiToken = await tokenFor(app, demo.regnskapssystem, clock, { systemUserOrg: body.organisasjonsnummer });
    const read = await app.inject({ url: `/api/innkreving/kravogbetalinger/v1/regnskapssystem/${body.organisasjonsnummer}/aapnekrav`, headers: { authorization: `Bearer ${apiToken}` } });
    expect(read.statusCode).toBe(200);

    const enk = (await post('/virksomheter', { organisasjonsform: 'ENK' })).json();
    expect(enk.personer).toEqual([expect.objectContaining({ rolle: 'innehaver' })]);
    expect(enk.organisasjonsnummer).not.toBe(body.organisasjonsnummer);
    expect(enk.systembruker).toBeUndefined();
  });

  it('validates every body at the edge: types, enums, unknown fields, sizes, Content-Type', async () => {
    for (const bad of [{ organisasjonsform: 'NUF' }, { organisasjonsform: 'AS', ekstra: 1 }, { organisasjonsform: 'AS', navn: 'x'.repeat(101) }, {}, [], 'null']) {
      expectCatalogueError(await post('/virksomheter', bad), 'TD-006', error('TD-006'), []);
    }
    expectCatalogueError(await post('/virksomheter', '{"organisasjonsform":'), 'TD-006', error('TD-006'), ['JSON']);
    expectCatalogueError(await post('/virksomheter', 'organisasjonsform=AS', { 'content-type': 'application/x-www-form-urlencoded' }), 'TD-011', error('TD-011'), []);
    expectCatalogueError(await post('/virksomheter', JSON.stringify({ organisasjonsform: 'AS', navn: 'x'.repeat(70_000) })), 'TD-010', error('TD-010'), []);
    const party = (await post('/virksomheter', { organisasjonsform: 'AS' })).json().organisasjonsnummer;
    const krav = { partIdentifikator: party, kravtype: 'ARBGAVG', beloep: 100, forfallsdato: '2026-02-15' };
    for (const bad of [
      { ...krav, beloep: 100.001 },
      { ...krav, beloep: 0 },
      { ...krav, beloep: 2e9 },
      { ...krav, forfallsdato: '2026-02-30' },
      { ...krav, partIdentifikator: '380000001' },
      { ...krav, kravtype: 'TULL' },
      { ...krav, periode: { aar: 1850 } },
    ]) {
      expectCatalogueError(await post('/krav', bad), 'TD-006', error('TD-006'), []);
    }
    expectCatalogueError(await post('/innbetalinger', { beloep: 10 }), 'TD-006', error('TD-006'), ['kidnummer']);
    expectCatalogueError(await post('/innbetalinger', { kidnummer: '12a', beloep: 10 }), 'TD-006', error('TD-006'), []);
    expectCatalogueError(await post('/innbetalinger', { partIdentifikator: party, beloep: -10 }), 'TD-006', error('TD-006'), []);
    expectCatalogueError(await get('/utbetalingsfil?dato=2026-13-01'), 'TD-006', error('TD-006'), []);
    expectCatalogueError(await get('/utbetalingsfil'), 'TD-006', error('TD-006'), []);
  });

  it('books a claim by the API’s kravtype or the code list’s name, pays it by KID, and keeps an unknown KID as unidentified until assigned', async () => {
    const party = (await post('/virksomheter', { organisasjonsform: 'AS' })).json().organisasjonsnummer;
    const created = await post('/krav', { partIdentifikator: party, kravtype: 'ARBGAVG', beloep: 1500.5, forfallsdato: '2026-02-15' });
    expect(created.statusCode).toBe(201);
    const krav = created.json();
    expect(krav).toMatchObject({ kravtype: 'ARBGAVG', beloep: 1500.5, forfallsdato: '2026-02-15', kontonummer: '76940524802' });
    expect(krav.kidnummer).toMatch(/^\d+$/);
    const byCode = (await post('/krav', { partIdentifikator: party, kravtype: 'restskatt', beloep: 200, forfallsdato: '2026-03-01', periode: { aar: 2024 } })).json();
    expect(byCode.kravtype).toBe('RESTSKATT');
    const unknownParty = ['37000001', '37000002', '37000003'].map(withOrganisasjonsnummerCheckDigit).find((orgnr) => orgnr !== undefined)!;
    expectCatalogueError(await post('/krav', { partIdentifikator: unknownParty, kravtype: 'ARBGAVG', beloep: 1, forfallsdato: '2026-02-15' }), 'TD-009', error('TD-009'), [unknownParty]);

    const paid = await post('/innbetalinger', { kidnummer: krav.kidnummer, beloep: 1000 }, { 'idempotency-key': `betal-${kind}` });
    expect(paid.statusCode).toBe(201);
    expect(paid.json()).toMatchObject({ partIdentifikator: party, beloep: 1000, uplassert: 0, plasseringer: [{ kravidentifikator: krav.kravidentifikator, beloep: 1000, gjenstaaende: 500.5 }] });
    const again = await post('/innbetalinger', { kidnummer: krav.kidnummer, beloep: 1000 }, { 'idempotency-key': `betal-${kind}` });
    expect(again.json().innbetalingId).toBe(paid.json().innbetalingId);
    expectCatalogueError(await post('/innbetalinger', { kidnummer: krav.kidnummer, beloep: 999 }, { 'idempotency-key': `betal-${kind}` }), 'TD-012', error('TD-012'), []);

    const unknownKid = makeKid(`7700${kind === 'pglite' ? 1 : 2}`, 'MOD11');
    const kept = (await post('/innbetalinger', { kidnummer: unknownKid, beloep: 42 })).json();
    expect(kept).toMatchObject({ beloep: 42, plasseringer: [], uplassert: 0 });
    expect(kept.uidentifisertId).toMatch(/^86/);
    const listed = (await get('/uidentifiserte-innbetalinger')).json().uidentifiserte;
    expect(listed).toContainEqual(expect.objectContaining({ uidentifisertId: kept.uidentifisertId, beloep: 42, kidnummer: unknownKid, mottakerkonto: '76940524802' }));
    const assigned = await post(`/uidentifiserte-innbetalinger/${kept.uidentifisertId}/tildeling`, { partIdentifikator: party });
    expect(assigned.statusCode).toBe(201);
    expect(assigned.json()).toMatchObject({ partIdentifikator: party, beloep: 42, plasseringer: [{ kravidentifikator: krav.kravidentifikator, beloep: 42 }] });
    const other = (await post('/virksomheter', { organisasjonsform: 'AS' })).json().organisasjonsnummer;
    expectCatalogueError(await post(`/uidentifiserte-innbetalinger/${kept.uidentifisertId}/tildeling`, { partIdentifikator: other }), 'TD-012', error('TD-012'), [party]);
    expectCatalogueError(await post('/uidentifiserte-innbetalinger/86999999/tildeling', { partIdentifikator: other }), 'TD-009', error('TD-009'), ['86999999']);
  });

  it('takes a bank file: 201 with the report, the same file 200 with the same report, a bad file 400 naming its line, nothing booked twice', async () => {
    const party = (await post('/virksomheter', { organisasjonsform: 'AS' })).json().organisasjonsnummer;
    const krav = (await post('/krav', { partIdentifikator: party, kravtype: 'ARBGAVG', beloep: 800, forfallsdato: '2026-02-15' })).json();
    const ocr = ocrGiroFil({ forsendelsesnummer: kind === 'pglite' ? '9101' : '9102', oppgjoersdato: '2026-01-15', betalinger: [{ beloepOere: 50_000, kid: krav.kidnummer }, { beloepOere: 1_000, fritekst: 'Gave til Ærlig Øst' }] });
    const first = await file(ocr, 'text/plain');
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ format: 'ocr-giro', antallTransaksjoner: 2, plassertBeloep: 500, uidentifisertBeloep: 10, bokfoertBeloep: 510, bokfoeringsdato: '2026-01-15' });
    const again = await file(ocr, 'text/plain; charset=ISO-8859-1');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const open = (await get('/uidentifiserte-innbetalinger')).json().uidentifiserte.filter((u: { melding?: string }) => u.melding === 'Gave til Ærlig Øst');
    expect(open).toHaveLength(1);

    const broken = ocr.replace(/^NY090088\d{8}/m, 'NY09008800000009');
    expectCatalogueError(await file(broken, 'text/plain'), 'TD-006', error('TD-006'), ['count-mismatch', 'linje 8']);
    expectCatalogueError(await file('<Document', 'application/xml'), 'TD-006', error('TD-006'), ['xml-syntax']);
    const other = ocrGiroFil({ forsendelsesnummer: kind === 'pglite' ? '9101' : '9102', oppgjoersdato: '2026-01-15', betalinger: [{ beloepOere: 1, fritekst: 'x' }] });
    expectCatalogueError(await file(other, 'text/plain'), 'TD-012', error('TD-012'), ['allerede mottatt']);
    expectCatalogueError(await file('{}', 'application/json'), 'TD-011', error('TD-011'), ['text/plain']);

    const camt = camt054Fil({ msgId: `CAMT-TD-${kind}`, bokfoeringsdato: '2026-01-15', poster: [{ art: 'innbetaling', ref: `T-${kind}`, beloepOere: 30_000, kid: krav.kidnummer, betaler: 'Testbedrift' }] });
    const xml = await file(camt, 'application/xml');
    expect(xml.statusCode).toBe(201);
    expect(xml.json()).toMatchObject({ format: 'camt.054.001.08', plassertBeloep: 300, transaksjoner: [{ utfall: 'innbetaling', partIdentifikator: party }] });
  });

  it('runs the daily settlement and gives the day’s pain.001; a payout is underUtbetaling until a camt.054 confirms it', async () => {
    const party = (await post('/virksomheter', { organisasjonsform: 'AS' })).json().organisasjonsnummer;
    await post('/krav', { partIdentifikator: party, kravtype: 'tilgodeMva', beloep: -2500, forfallsdato: '2026-01-20' }, { 'kob-forretningsdato': '2026-01-20' });
    const run = await post('/oppgjoer', { dato: '2026-01-21' });
    expect(run.statusCode).toBe(200);
    const payout = run.json().utbetalinger.find((u: { partIdentifikator: string }) => u.partIdentifikator === party);
    expect(payout).toMatchObject({ beloep: 2500, utbetalingstatus: 'underUtbetaling' });
    const pain = await get('/utbetalingsfil?dato=2026-01-21');
    expect(pain.statusCode).toBe(200);
    expect(pain.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(xsdErrors(pain.body, 'pain.001.001.09')).toBe('');
    expect(pain.body).toContain(`<EndToEndId>${payout.utbetalingId}</EndToEndId>`);
    expectCatalogueError(await get('/utbetalingsfil?dato=2026-01-22'), 'TD-007', error('TD-007'), ['2026-01-22']);
    const camt = camt054Fil({ msgId: `CAMT-PAY-${kind}`, bokfoeringsdato: '2026-01-22', poster: [{ art: 'utbetaling', ref: `P-${kind}`, beloepOere: 250_000, utbetalingId: payout.utbetalingId, mottaker: 'x', mottakerKonto: payout.konto }] });
    const confirmed = await file(camt, 'application/xml', { 'kob-forretningsdato': '2026-01-22' });
    expect(confirmed.json()).toMatchObject({ antallUtbetalingerBekreftet: 1, transaksjoner: [{ utfall: 'utbetalingBekreftet', utbetalingId: payout.utbetalingId, partIdentifikator: party }] });
    // Going back in time for the group is refused.
    expectCatalogueError(await post('/krav', { partIdentifikator: party, kravtype: 'ARBGAVG', beloep: 1, forfallsdato: '2026-02-15' }, { 'kob-forretningsdato': '2026-01-16' }), 'TD-012', error('TD-012'), ['2026-01-16']);
  });
});
