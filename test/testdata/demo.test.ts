import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seedDemoAccess, virksomheterForPerson } from '../../src/auth/index.js';
import { searchTestPersons } from '../../src/auth/idporten/test-persons.js';
import { seedDemoIfEmpty } from '../../src/cli/serve-command.js';
import { systemClock } from '../../src/clock.js';
import { parseConfig } from '../../src/config.js';
import { addMonths, localDate } from '../../src/domain/dates.js';
import { ameldingFrist, mvaFrist } from '../../src/domain/deadlines/index.js';
import { buildPartView, finnLeveringer, kontrollerInvarianter, type PartView } from '../../src/ledger/index.js';
import { demoBusinesses, demoPersons, demoSyntheticParties } from '../../src/testdata/index.js';
import { createTestDatabase, describeEachDatabase } from '../support/databases.js';
import { ledgerDigest } from '../support/ledger-digest.js';

/**
 * The demo dataset as `npm start` seeds it on an empty database (the serve command's own
 * function), checked through the party view the API and Min side use. The business date is early
 * in the year, so every situation must already hold on the first days of a year.
 */
const today = localDate('2026-03-04');
const lastYear = 2025;
const dataDirs: string[] = [];

afterAll(() => {
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describeEachDatabase('the demo dataset (kob seed --demo, npm start on an empty database)', ({ kind, handle }) => {
  const view = (partId: string): Promise<PartView> => {
    const periode = { fraOgMed: localDate('2025-01-01'), tilOgMed: today };
    return buildPartView(handle().db, { partId, asOf: today, aapne: true, kravOpprettet: periode, innbetalt: periode, utbetalt: periode });
  };

  it('is seeded on the first start and never again', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kob-demo-'));
    dataDirs.push(dataDir);
    const runtime = { config: parseConfig({}, { dataDir, today }), clock: systemClock(today), database: handle() };
    // Two servers starting at once on one PostgreSQL seed it once; PGlite belongs to one process.
    const first = kind === 'postgres' ? await Promise.all([seedDemoIfEmpty(runtime), seedDemoIfEmpty(runtime)]) : [await seedDemoIfEmpty(runtime)];
    expect(first.filter(Boolean)).toEqual([true]);
    const digest = await ledgerDigest(handle().db);
    expect(await seedDemoIfEmpty(runtime)).toBe(false);
    expect(await ledgerDigest(handle().db)).toBe(digest);
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'demo', 'regnskapssystem.json'), 'utf8'))).toMatchObject({ org: '315600014' });
    const organisations = await handle().db.selectFrom('part').select('part_id').where('part_type', '=', 'organisasjon').execute();
    expect(organisations).toHaveLength(demoBusinesses.length + demoSyntheticParties);
    for (const { part_id } of await handle().db.selectFrom('part').select('part_id').execute()) await kontrollerInvarianter(handle().db, part_id, today);
  });

  it('313367002: overdue claims with interest (the AGA under a payment deferral), a posted interest claim, the owner’s forskuddsskatt with one of four terms paid', async () => {
    const v = await view('313367002');
    expect(v.part.mvaTermintype).toBe('tomaaneders');
    expect(v.eier?.partId).toBe(demoPersons.kari.fnr);
    const aga = v.aapne!.krav.find((k) => k.kravtypeApi === 'ARBGAVG' && k.periode.aar === lastYear && k.periode.termin === '3')!;
    expect(aga.forfall[0]!.forfalt).toBe(true);
    expect(aga.gjenstaaendeOere).toBe(aga.opprinneligOere);
    expect(aga.stipulerteRenterOere).toBeGreaterThan(0);
    expect(aga.forfall[0]!.utsettelse).toEqual({ grunn: 'betalingsutsettelse', fraOgMed: today, tilOgMed: addMonths(today, 2) });
    const trekk = v.aapne!.krav.find((k) => k.kravtypeApi === 'FORSKTREKK' && k.periode.aar === lastYear && k.periode.termin === '3')!;
    expect(trekk.forfall[0]!.utsettelse).toBeNull();
    const rente = v.aapne!.krav.find((k) => k.kravtypeApi === 'Forsinkelsesrente')!;
    const hovedstol = v.kravOpprettet!.find((k) => k.kravId === rente.hovedstolKravId)!;
    expect(hovedstol).toMatchObject({ kravtypeApi: 'Mva-melding', periode: expect.objectContaining({ aar: lastYear, termin: '02' }) });
    const forskudd = v.aapne!.krav.find((k) => k.partId === demoPersons.kari.fnr && k.kravtype === 'utskrevetForskuddsskattPerson' && k.periode.aar === lastYear)!;
    expect(forskudd.forfall).toHaveLength(4);
    expect(forskudd.forfall.map((f) => f.gjenstaaendeOere === 0)).toEqual([true, false, false, false]);
    expect(forskudd.forfall[0]!.plassertInnbetaling).toHaveLength(1);
    expect(forskudd.stipulerteRenterOere).toBeGreaterThan(0);
  });

  it('313367002: filings on time, late and missing', async () => {
    const leveringer = await finnLeveringer(handle().db, { partId: '313367002', asOf: today, periodeAar: [lastYear] });
    const find = (type: string, termin: string) => leveringer.find((l) => l.leveringstype === type && l.termin === termin);
    expect(find('mva-melding', '02')!.levertDato > mvaFrist(lastYear, 2, 'tomaaneders').effective).toBe(true);
    expect(find('mva-melding', '01')!.levertDato <= mvaFrist(lastYear, 1, 'tomaaneders').effective).toBe(true);
    expect(find('a-melding', '08')!.levertDato <= ameldingFrist(lastYear, 8).effective).toBe(true);
    expect(find('a-melding', '09')).toBeUndefined();
  });

  it('311851381: annual VAT, an unplaced payment, a VAT credit paid out', async () => {
    const v = await view('311851381');
    expect(v.part.mvaTermintype).toBe('aarlig');
    expect(v.aapne!.innbetalinger.map((i) => [i.uplassertOere, i.plasseringer.length])).toEqual([[2_750_00, 0]]);
    expect(v.aapne!.oversikt.total.sumUplasserteInnbetalingerOere).toBe(2_750_00);
    const payout = v.utbetalinger!.find((u) => u.kreditKrav.some((k) => k.krav.kravtype === 'tilgodeMva'))!;
    expect(payout).toMatchObject({ status: 'bekreftet', beloepOere: 8_400_00 });
  });

  it('314961900: a VAT credit set off against overdue AGA, seen from both sides, and the rest paid out', async () => {
    const v = await view('314961900');
    const aga = v.kravOpprettet!.find((k) => k.kravtypeApi === 'ARBGAVG' && k.periode.aar === lastYear && k.periode.termin === '2')!;
    const motkrav = aga.forfall[0]!.plassertMotkrav;
    expect(motkrav.map((m) => [m.motkrav.kravtype, m.plassertOere])).toEqual([['tilgodeMva', aga.opprinneligOere]]);
    const kreditt = v.kravOpprettet!.find((k) => k.kravId === motkrav[0]!.motkrav.kravId)!;
    expect(kreditt.opprinneligOere).toBe(-60_000_00);
    expect(kreditt.forfall[0]!.plassertMotkrav.map((m) => m.motkrav.kravId)).toContain(aga.kravId);
    expect(kreditt.forfall[0]!.plassertUtbetaling[0]!.utbetaling.status).toBe('bekreftet');
  });

  it('314055403 is shielded; every published business is in the ledger', async () => {
    expect((await view('314055403')).skjermet).toBe(true);
    for (const orgnr of ['313367002', '311851381', '314961900', '212201782', '310478717']) expect((await view(orgnr)).skjermet).toBe(false);
  });

  it('persons can log in and act for the published businesses and the accounting firm’s clients', async () => {
    const db = handle().db;
    const acts = async (fnr: string) => (await virksomheterForPerson(db, fnr)).map((r) => [r.orgnr, r.grunnlag.join('+')]);
    expect(await acts(demoPersons.kari.fnr)).toEqual([['313367002', 'innehaver']]);
    expect(await acts(demoPersons.nils.fnr)).toEqual([['311851381', 'innehaver']]);
    expect(await acts(demoPersons.ingrid.fnr)).toEqual([['314961900', 'daglig_leder']]);
    expect(await acts(demoPersons.per.fnr)).toEqual([['314961900', 'styreleder']]);
    expect(await acts(demoPersons.hanne.fnr)).toEqual([['314055403', 'innehaver']]);
    expect(await acts(demoPersons.anders.fnr)).toEqual([['212201782', 'daglig_leder+styreleder']]);
    expect(await acts(demoPersons.liv.fnr)).toEqual([['310478717', 'innehaver']]);
    expect(new Map(await acts(demoPersons.marte.fnr) as [string, string][])).toEqual(
      new Map([
        ['315600030', 'daglig_leder+styreleder'],
        ['313367002', 'regnskapsforer'],
        ['314961900', 'regnskapsforer'],
        ['314055403', 'regnskapsforer'],
      ]),
    );
    // "Velg testperson" lists the demo's persons first, before the synthetic ones.
    const listed = await searchTestPersons(db, '');
    expect(new Set(listed.slice(0, 8).map((p) => p.fnr))).toEqual(new Set(Object.values(demoPersons).map((p) => p.fnr)));
  });
});

describe('npm start on a database that is not empty', () => {
  it('leaves a database alone whose demo access is there, even without parties', async () => {
    const database = await createTestDatabase('pglite');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kob-demo-'));
    dataDirs.push(dataDir);
    try {
      await seedDemoAccess(database.db, { dataDir, publicUrl: 'http://kob.test', clock: systemClock(today) });
      const runtime = { config: parseConfig({}, { dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'kob-other-')), today }), clock: systemClock(today), database };
      dataDirs.push(runtime.config.dataDir);
      expect(await seedDemoIfEmpty(runtime)).toBe(false);
      expect(await database.db.selectFrom('part').select('part_id').execute()).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
