import os from 'node:os';
import { sql } from 'kysely';
import { AapneKrav, ledgerData } from '../src/api/kravogbetalinger/index.js';
import { bodyWriter } from '../src/api/serialization.js';
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
 * model) into empty copies of the tables on the same database, the median of `rounds` rounds of
 * both (a fresh database each); then, on the last round's database, the time to build one
 * party's full view (open claims, and a year of claims, payments and payouts) for `viewSamples`
 * random businesses: median and 90th percentile.
 */
const parties = Number(process.env.KOB_BENCH_PARTIES ?? 10_000);
const viewSamples = 200;
/** Each round seeds a fresh database and copies its rows; the figures are the medians. */
const rounds = 3;
const today = localDate(process.env.KOB_TODAY ?? '2026-11-30');

export async function run(): Promise<void> {
  const existing = process.env.KOB_BENCH_DATABASE_URL;
  if (existing) return measureExisting(existing);
  console.log(`kob seed --parties ${parties} --seed ${seedDefaults.seed} --years ${seedDefaults.years}, forretningsdato ${today}, ${os.cpus().length} kjerner`);
  for (const kind of ['pglite', 'postgres'] as const) {
    const seedSeconds: number[] = [];
    const copySeconds: number[] = [];
    let rows = 0;
    for (let round = 1; round <= rounds; round++) {
      const database = await freshDatabase(kind);
      if (!database) break;
      try {
        await migrateToLatest(database.handle.db);
        const start = performance.now();
        const summary = await seedSynthetic(
          database.handle.db,
          { parties, seed: seedDefaults.seed, years: seedDefaults.years, today, bulkCopy: database.handle.bulkCopy },
          { elapsedMs: () => performance.now() - start, onProgress: (p) => console.error(`  ${kind}: ${p.virksomheter}/${p.virksomheterTotalt}, ${p.rader} rader`), progressIntervalMs: 30_000 },
        );
        rows = summary.rader;
        seedSeconds.push(summary.elapsedMs / 1000);
        copySeconds.push(await copyBaseline(database.handle, { foreignKeys: false }));
        console.log(`${kind.padEnd(8)} runde ${round}: seed ${rows} rader, ${summary.kommandoer} kommandoer på ${seedSeconds.at(-1)!.toFixed(1)} s; COPY av de samme radene ${copySeconds.at(-1)!.toFixed(1)} s`);
        if (round === rounds) {
          // What the tables' foreign keys cost a COPY: the seed's tables have them, the baseline's copies not.
          const withForeignKeys = await copyBaseline(database.handle, { foreignKeys: true });
          console.log(`${kind.padEnd(8)} COPY av de samme radene med tabellenes fremmednøkler: ${withForeignKeys.toFixed(1)} s; seed ÷ den = ${(withForeignKeys / seedSeconds.at(-1)!).toFixed(2)}`);
          console.log(`${kind.padEnd(8)} ${describeTimings(await viewTimings(database.handle))}`);
        }
      } finally {
        await database.drop();
      }
    }
    if (seedSeconds.length === 0) continue;
    const ours = rows / median(seedSeconds);
    const copyRate = rows / median(copySeconds);
    console.log(`${kind.padEnd(8)} median av ${seedSeconds.length} runder: seed ${Math.round(ours)} rader/s, COPY ${Math.round(copyRate)} rader/s; seed ÷ COPY = ${(ours / copyRate).toFixed(2)}`);
  }
}

/**
 * A database seeded by hand (`KOB_BENCH_DATABASE_URL`, `KOB_BENCH_PARTIES` = its `--parties`,
 * `KOB_TODAY` = its business date): only the read path, e.g. at 620 000 businesses against 1 000.
 */
async function measureExisting(url: string): Promise<void> {
  const handle = await openDatabase({ kind: 'postgres', url, poolSize: 4 });
  try {
    console.log(`eksisterende database, ${parties} virksomheter, forretningsdato ${today}`);
    console.log(describeTimings(await viewTimings(handle)));
  } finally {
    await handle.close();
  }
}

function describeTimings(timings: { median: number; p90: number; p99: number; aapneP50: number; aapneP99: number }): string {
  return (
    `full partsvisning (${viewSamples} tilfeldige virksomheter): median ${timings.median.toFixed(1)} ms, p90 ${timings.p90.toFixed(1)} ms, p99 ${timings.p99.toFixed(1)} ms; ` +
    `aapnekrav-svar (visning, mapping og JSON, uten cache): median ${timings.aapneP50.toFixed(1)} ms, p99 ${timings.aapneP99.toFixed(1)} ms`
  );
}

async function viewTimings(handle: DatabaseHandle): Promise<{ median: number; p90: number; p99: number; aapneP50: number; aapneP99: number }> {
  const prng = Prng.of('bench', 'visning');
  const periode = { fraOgMed: addYears(today, -1), tilOgMed: today };
  const fra = historyWindow(today, seedDefaults.years).fra;
  const durations: number[] = [];
  const aapne: number[] = [];
  const data = ledgerData(handle.db);
  const writeAapne = bodyWriter(AapneKrav, 'json');
  for (let i = 0; i < viewSamples; i++) {
    const partId = syntheticBusiness(seedDefaults.seed, prng.int(0, parties - 1), fra).virksomhet.organisasjon.partId;
    const start = performance.now();
    await buildPartView(handle.db, { partId, asOf: today, aapne: true, kravOpprettet: periode, innbetalt: periode, utbetalt: periode });
    durations.push(performance.now() - start);
    const aapneStart = performance.now();
    const lookup = await data.aapneKrav({ rettighetspakke: 'regnskapssystem', partIdentifikator: partId, asOf: today });
    if (lookup.kind === 'found') writeAapne(lookup.body);
    aapne.push(performance.now() - aapneStart);
  }
  return { median: median(durations), p90: quantile(durations, 0.9), p99: quantile(durations, 0.99), aapneP50: median(aapne), aapneP99: quantile(aapne, 0.99) };
}

/** What the seed wrote per business: the facts, the commands, the read model and the newest postings. */
const writtenTables = ['krav', 'kravforfall', 'innbetaling', 'utbetaling', 'utbetaling_status', 'plassering', 'levering', 'kommando', 'part_lesemodell', 'part_siste_seq'] as const;

/**
 * Seconds to COPY the seeded rows into empty tables like them (indexes included), in one
 * transaction. With `foreignKeys`, the copies also get the tables' foreign keys (pointing at each
 * other's copies, or at the real parties and accounts), as the seed's own tables have them.
 */
async function copyBaseline(handle: DatabaseHandle, { foreignKeys }: { foreignKeys: boolean }): Promise<number> {
  const prefix = foreignKeys ? 'bench_fk_' : 'bench_';
  const texts: { table: string; columns: string[]; lines: string }[] = [];
  for (const table of writtenTables) {
    await sql.raw(`create table ${prefix}${table} (like ${table} including defaults including indexes)`).execute(handle.db);
    const rows = (await handle.db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
    const columns = Object.keys(rows[0] ?? {});
    texts.push({ table: `${prefix}${table}`, columns, lines: rows.map((row) => copyLine(columns.map((c) => (c === 'registrert_tid' ? (row[c] as Date).toISOString() : row[c])))).join('') });
  }
  if (foreignKeys) {
    const constraints = await sql<{ table: string; definition: string }>`
      select conrelid::regclass::text as table, pg_get_constraintdef(oid) as definition
      from pg_constraint where contype = 'f' and conrelid::regclass::text = any(${[...writtenTables]}::text[])`.execute(handle.db);
    for (const { table, definition } of constraints.rows) {
      const copied = definition.replace(/REFERENCES (\w+)\(/, (whole, parent: string) => ((writtenTables as readonly string[]).includes(parent) ? `REFERENCES ${prefix}${parent}(` : whole));
      await sql.raw(`alter table ${prefix}${table} add ${copied}`).execute(handle.db);
    }
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
