import os from 'node:os';
import { sql } from 'kysely';
import { copyLine } from '../src/db/bulk-copy.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { openDatabase, type DatabaseHandle, type DatabaseKind } from '../src/db/open-database.js';
import { addYears, localDate } from '../src/domain/dates.js';
import { buildPartView } from '../src/ledger/index.js';
import { Prng, seedDefaults, seedSynthetic, syntheticBusiness, historyWindow } from '../src/testdata/index.js';
import { median, quantile } from './support/statistics.js';
import { temporaryDatabase } from './support/temporary-database.js';

/**
 * `kob seed` of 10 000 businesses (KOB_BENCH_PARTIES overrides) on a fresh PGlite in a temporary
 * directory and on a fresh PostgreSQL database on 127.0.0.1:5432 (when one answers): rows booked
 * per second, next to a plain COPY of the very rows it wrote (the same tables, indexes and read
 * model) into empty copies of the tables on the same database; then the time to build one
 * party's full view (open claims, and a year of claims, payments and payouts) for `viewSamples`
 * random businesses: median and 90th percentile.
 */
const parties = Number(process.env.KOB_BENCH_PARTIES ?? 10_000);
const viewSamples = 200;
const today = localDate(process.env.KOB_TODAY ?? '2026-11-30');

export async function run(): Promise<void> {
  console.log(`kob seed --parties ${parties} --seed ${seedDefaults.seed} --years ${seedDefaults.years}, forretningsdato ${today}, ${os.cpus().length} kjerner`);
  for (const kind of ['pglite', 'postgres'] as const) {
    const database = await freshDatabase(kind);
    if (!database) continue;
    try {
      await migrateToLatest(database.handle.db);
      const start = performance.now();
      const summary = await seedSynthetic(
        database.handle.db,
        { parties, seed: seedDefaults.seed, years: seedDefaults.years, today, bulkCopy: database.handle.bulkCopy },
        { elapsedMs: () => performance.now() - start, onProgress: (p) => console.error(`  ${kind}: ${p.virksomheter}/${p.virksomheterTotalt}, ${p.rader} rader`), progressIntervalMs: 30_000 },
      );
      const seconds = summary.elapsedMs / 1000;
      const ours = summary.rader / seconds;
      console.log(`${kind.padEnd(8)} seed: ${summary.rader} rader, ${summary.kommandoer} kommandoer på ${seconds.toFixed(1)} s = ${Math.round(ours)} rader/s`);
      const copySeconds = await copyBaseline(database.handle);
      const copyRate = summary.rader / copySeconds;
      console.log(`${kind.padEnd(8)} COPY av de samme radene: ${copySeconds.toFixed(1)} s = ${Math.round(copyRate)} rader/s; seed ÷ COPY = ${(ours / copyRate).toFixed(2)}`);
      const timings = await viewTimings(database.handle);
      console.log(`${kind.padEnd(8)} full partsvisning (${viewSamples} tilfeldige virksomheter): median ${timings.median.toFixed(1)} ms, p90 ${timings.p90.toFixed(1)} ms`);
    } finally {
      await database.drop();
    }
  }
}

async function viewTimings(handle: DatabaseHandle): Promise<{ median: number; p90: number }> {
  const prng = Prng.of('bench', 'visning');
  const periode = { fraOgMed: addYears(today, -1), tilOgMed: today };
  const fra = historyWindow(today, seedDefaults.years).fra;
  const durations: number[] = [];
  for (let i = 0; i < viewSamples; i++) {
    const partId = syntheticBusiness(seedDefaults.seed, prng.int(0, parties - 1), fra).virksomhet.organisasjon.partId;
    const start = performance.now();
    await buildPartView(handle.db, { partId, asOf: today, aapne: true, kravOpprettet: periode, innbetalt: periode, utbetalt: periode });
    durations.push(performance.now() - start);
  }
  return { median: median(durations), p90: quantile(durations, 0.9) };
}

/** What the seed wrote per business: the facts, the commands, the read model and the newest postings. */
const writtenTables = ['krav', 'kravforfall', 'innbetaling', 'utbetaling', 'utbetaling_status', 'plassering', 'levering', 'kommando', 'part_lesemodell', 'part_siste_seq'] as const;

/** Seconds to COPY the seeded rows into empty tables like them (indexes included), in one transaction. */
async function copyBaseline(handle: DatabaseHandle): Promise<number> {
  const texts: { table: string; columns: string[]; lines: string }[] = [];
  for (const table of writtenTables) {
    await sql.raw(`create table bench_${table} (like ${table} including defaults including indexes)`).execute(handle.db);
    const rows = (await handle.db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
    const columns = Object.keys(rows[0] ?? {});
    texts.push({ table: `bench_${table}`, columns, lines: rows.map((row) => copyLine(columns.map((c) => (c === 'registrert_tid' ? (row[c] as Date).toISOString() : row[c])))).join('') });
  }
  const start = performance.now();
  await handle.bulkCopy(async (tx) => {
    for (const { table, columns, lines } of texts) await tx.copyIn(table, columns, lines);
  });
  return (performance.now() - start) / 1000;
}

/** A fresh database of the kind, opened; `drop` closes and removes it. */
async function freshDatabase(kind: DatabaseKind): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> } | undefined> {
  const database = await temporaryDatabase(kind);
  if (!database) return undefined;
  const handle = await openDatabase(database.url ? { kind: 'postgres', url: database.url, poolSize: 4 } : { kind: 'pglite', dataDir: database.dataDir });
  return {
    handle,
    drop: async () => {
      await handle.close();
      await database.drop();
    },
  };
}
