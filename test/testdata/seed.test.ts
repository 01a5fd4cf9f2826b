import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { BulkCopy } from '../../src/db/bulk-copy.js';
import type { DatabaseKind } from '../../src/db/open-database.js';
import { addDays, localDate, type LocalDate } from '../../src/domain/dates.js';
import { fristDatoer, matcherKravforfall, obligationsForReferenceYear, restskattForfall, skattytertypeFor } from '../../src/domain/deadlines/index.js';
import { isWorkingDay } from '../../src/domain/holidays.js';
import { kontrollerInvarianter } from '../../src/ledger/index.js';
import { SeedConflictError, seedSynthetic, type SeedSummary } from '../../src/testdata/index.js';
import { createTestDatabase, describeEachDatabase } from '../support/databases.js';
import { ledgerDigest, ledgerFactRows } from '../support/ledger-digest.js';

const today = localDate('2026-06-20');
const options = { parties: 40, seed: 4711, years: 2, today };
const reporting = { elapsedMs: () => 0 };
const digests = new Map<DatabaseKind, string>();

describeEachDatabase('kob seed: synthetic Norway', ({ kind, handle }) => {
  let summary: SeedSummary;

  it('books 40 businesses (computed in memory, written with COPY) and counts exactly the rows it wrote to the ledger', async () => {
    summary = await seedSynthetic(handle().db, { ...options, bulkCopy: handle().bulkCopy }, reporting);
    expect(summary).toMatchObject({ virksomheter: 40, gjentatt: 0, historikkFra: '2025-01-01', historikkTil: today });
    expect(summary.parter).toBeGreaterThan(80);
    expect(summary.rader).toBe(await ledgerFactRows(handle().db));
    digests.set(kind, await ledgerDigest(handle().db));
  });

  it('is realistic: ENK and AS, claims of every kind, payments on time, late, partial, without KID and too large, payouts and set-off', async () => {
    const db = handle().db;
    const forms = await db.selectFrom('part').select('organisasjonsform').where('part_type', '=', 'organisasjon').execute();
    expect(new Set(forms.map((f) => f.organisasjonsform))).toEqual(new Set(['ENK', 'AS']));
    const kravtyper = new Set((await db.selectFrom('krav').select('kravtype').distinct().execute()).map((k) => k.kravtype));
    for (const kravtype of ['åBetaleMva', 'tilgodeMva', 'arbeidsgiveravgift', 'forskuddstrekk', 'utskrevetForskuddsskattPerson', 'utskrevetForskuddsskatt', 'restskattPerson', 'restskatt', 'forsinkelsesrente']) {
      expect(kravtyper, kravtype).toContain(kravtype);
    }
    const items = await db
      .selectFrom('kravforfall as f')
      .innerJoin('krav as k', 'k.krav_id', 'f.krav_id')
      .select(['f.kravforfall_id', 'f.forfallsdato', 'f.beloep_oere', 'f.kid'])
      .execute();
    const byKid = new Map(items.filter((i) => i.kid !== null).map((i) => [i.kid!, i]));
    const payments = await db.selectFrom('innbetaling').selectAll().execute();
    const late = payments.filter((p) => p.kid !== null && byKid.has(p.kid) && p.innbetalingsdato > byKid.get(p.kid)!.forfallsdato);
    expect(late.length).toBeGreaterThan(0);
    expect(payments.some((p) => p.kid === null)).toBe(true);
    expect(payments.some((p) => p.kid !== null && byKid.has(p.kid) && p.beloep_oere < byKid.get(p.kid)!.beloep_oere)).toBe(true);
    expect(payments.some((p) => p.kid !== null && byKid.has(p.kid) && p.beloep_oere > byKid.get(p.kid)!.beloep_oere)).toBe(true);
    // Most payments are on time.
    expect(late.length).toBeLessThan(payments.length / 5);
    const kilder = new Set((await db.selectFrom('plassering').select('kilde').distinct().execute()).map((p) => p.kilde));
    expect(kilder).toEqual(new Set(['innbetaling', 'motregning', 'utbetaling']));
    const leveringer = await db.selectFrom('levering').select('leveringstype').distinct().execute();
    expect(new Set(leveringer.map((l) => l.leveringstype))).toEqual(new Set(['mva-melding', 'a-melding', 'skattemelding']));
  });

  it('ends at the business date: some items overdue, some not yet due, nothing booked after it', async () => {
    const db = handle().db;
    const latest = await db.selectFrom('kommando').select((eb) => eb.fn.max('bokfoert_dato').as('dato')).executeTakeFirstOrThrow();
    expect(latest.dato! <= today).toBe(true);
    const open = await db
      .selectFrom('kravforfall as f')
      .select(['f.forfallsdato'])
      .where(sql<boolean>`f.beloep_oere > 0 and f.beloep_oere > (select coalesce(sum(p.beloep_oere), 0) from plassering p where p.kravforfall_id = f.kravforfall_id)`)
      .execute();
    expect(open.some((o) => o.forfallsdato < today)).toBe(true);
    expect(open.some((o) => o.forfallsdato >= today)).toBe(true);
  });

  it('every party passes the ledger invariants at the business date and earlier', async () => {
    const db = handle().db;
    const parts = await db.selectFrom('part').select('part_id').execute();
    for (const asOf of [today, localDate('2025-12-31'), localDate('2025-06-30')]) {
      for (const part of parts) await kontrollerInvarianter(db, part.part_id, asOf);
    }
  });

  it("due dates are the deadline engine's effective dates, never on a weekend or holiday", async () => {
    const db = handle().db;
    const rows = await db
      .selectFrom('kravforfall as f')
      .innerJoin('krav as k', 'k.krav_id', 'f.krav_id')
      .innerJoin('part as p', 'p.part_id', 'k.part_id')
      .select(['f.kravforfall_id', 'f.nummer', 'f.forfallsdato', 'f.beloep_oere', 'k.kravtype', 'k.periode_aar', 'k.termin', 'k.opprettet_dato', 'k.krav_id'])
      .select(['p.organisasjonsform', 'p.mva_termintype', 'p.arbeidsgiver', 'p.forskuddspliktig'])
      .execute();
    let fromObligations = 0;
    for (const row of rows) {
      expect(isWorkingDay(row.forfallsdato), `${row.kravtype} ${row.forfallsdato}`).toBe(true);
      const registreringer = {
        organisasjonsform: row.organisasjonsform ?? 'person',
        mvaTermintype: row.mva_termintype,
        arbeidsgiver: row.arbeidsgiver,
        forskuddspliktig: row.forskuddspliktig,
      };
      const ref = { kravforfallId: row.kravforfall_id, kravtype: row.kravtype, periodeAar: row.periode_aar, termin: row.termin, forfallNummer: row.nummer };
      const obligation = row.periode_aar === null ? undefined : obligationsForReferenceYear(registreringer, row.periode_aar).find((o) => matcherKravforfall(o.noekkel, ref));
      if (obligation) {
        fromObligations += 1;
        expect(row.forfallsdato, `${row.kravtype} ${row.periode_aar}/${row.termin}`).toBe(obligation.frist);
      } else if (row.kravtype === 'restskattPerson' || row.kravtype === 'restskatt') {
        const total = rows.filter((r) => r.krav_id === row.krav_id).reduce((sum, r) => sum + r.beloep_oere, 0);
        const forfall = restskattForfall({ skatteoppgjoerDato: row.opprettet_dato, beloepOere: total as never, skattytertype: skattytertypeFor(registreringer.organisasjonsform) });
        expect(row.forfallsdato).toBe(forfall[row.nummer - 1]!.effective);
      } else if (row.kravtype === 'tvangsmulkt' || row.kravtype === 'fastsettingMva') {
        expect(row.forfallsdato).toBe(fristDatoer(addDays(row.opprettet_dato as LocalDate, 21)).effective);
      }
    }
    expect(fromObligations).toBeGreaterThan(rows.length / 2);
  });

  it('the same seed again books nothing and changes nothing', async () => {
    const again = await seedSynthetic(handle().db, { ...options, bulkCopy: handle().bulkCopy }, reporting);
    expect(again.gjentatt).toBe(again.kommandoer);
    expect(again.kommandoer).toBe(summary.kommandoer);
    expect(again.rader).toBe(0);
    expect(await ledgerDigest(handle().db)).toBe(digests.get(kind));
  });

  it('another seed on the same database is refused before anything changes', async () => {
    await expect(seedSynthetic(handle().db, { ...options, seed: 4712 }, reporting)).rejects.toThrow(SeedConflictError);
    await expect(seedSynthetic(handle().db, { ...options, seed: 4712 }, reporting)).rejects.toThrow(/har allerede syntetiske data laget med et annet --seed/);
    expect(await ledgerDigest(handle().db)).toBe(digests.get(kind));
  });
});

describeEachDatabase('kob seed in rounds, each booked while the ones before are written', ({ kind, handle }) => {
  for (const bookRoundsIn of ['worker', 'process'] as const) {
    it(`rounds of 7 businesses booked in ${bookRoundsIn === 'worker' ? 'a worker thread' : 'the seeding thread'} give the same ledger, byte for byte, as one round, each written once`, async () => {
      const fresh = await createTestDatabase(kind);
      try {
        let writes = 0;
        const counted: BulkCopy = (work) => {
          writes += 1;
          return fresh.bulkCopy(work);
        };
        const summary = await seedSynthetic(fresh.db, { ...options, bulkCopy: counted, businessesPerRound: 7, bookRoundsIn }, reporting);
        expect(summary).toMatchObject({ virksomheter: 40, gjentatt: 0 });
        expect(writes).toBe(6);
        expect(summary.rader).toBe(await ledgerFactRows(fresh.db));
        expect(await ledgerDigest(fresh.db)).toBe(digests.get(kind));
      } finally {
        await fresh.close();
      }
    });
  }

  it('a round whose numbers another writer took meanwhile is booked again from the database\'s numbers, and so is the one booked after it', async () => {
    const fresh = await createTestDatabase(kind);
    try {
      let writes = 0;
      const takenKravNr: number[] = [];
      const interrupted: BulkCopy = async (work) => {
        writes += 1;
        // When the third round is copied, its numbers are taken; the fourth round, booked to
        // start where the third ends, finds its first claim number taken by another writer.
        if (writes === 3) takenKravNr.push(Number((await sql<{ nr: string }>`select nextval('krav_nr_seq') as nr`.execute(fresh.db)).rows[0]!.nr));
        return fresh.bulkCopy(work);
      };
      const summary = await seedSynthetic(fresh.db, { ...options, bulkCopy: interrupted, businessesPerRound: 7 }, reporting);
      expect(summary).toMatchObject({ virksomheter: 40, gjentatt: 0 });
      expect(writes).toBe(6); // each round copied once: a round is booked again before its numbers are taken
      expect(summary.rader).toBe(await ledgerFactRows(fresh.db));
      const [taken] = takenKravNr;
      expect(await fresh.db.selectFrom('krav').select('krav_id').where('krav_id', '=', String(taken)).executeTakeFirst()).toBeUndefined();
      const kravAfterGap = await fresh.db.selectFrom('krav').select('krav_id').where(sql<boolean>`krav_id::bigint > ${taken}`).executeTakeFirst();
      expect(kravAfterGap).toBeDefined();
      const parts = await fresh.db.selectFrom('part').select('part_id').execute();
      for (const part of parts) await kontrollerInvarianter(fresh.db, part.part_id, today);
    } finally {
      await fresh.close();
    }
  });
});

describe('kob seed is deterministic', () => {
  it('the same seed gives byte-identical ledger contents (read model included) on every database, written with COPY or booked one debtor group at a time; another seed gives other data', async () => {
    const fresh = await createTestDatabase('pglite');
    try {
      await seedSynthetic(fresh.db, options, reporting);
      const again = await ledgerDigest(fresh.db);
      for (const digest of digests.values()) expect(digest).toBe(again);
      expect(digests.size).toBeGreaterThan(0);
    } finally {
      await fresh.close();
    }
    const other = await createTestDatabase('pglite');
    try {
      await seedSynthetic(other.db, { ...options, seed: 4712 }, reporting);
      expect(await ledgerDigest(other.db)).not.toBe(digests.values().next().value);
    } finally {
      await other.close();
    }
  });
});
