import os from 'node:os';
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
 * per second, then the time to build one party's full view (open claims, and a year of claims,
 * payments and payouts) for `viewSamples` random businesses: median and 90th percentile.
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
        { parties, seed: seedDefaults.seed, years: seedDefaults.years, today },
        { elapsedMs: () => performance.now() - start, onProgress: (p) => console.error(`  ${kind}: ${p.virksomheter}/${p.virksomheterTotalt}, ${p.rader} rader`), progressIntervalMs: 30_000 },
      );
      const seconds = summary.elapsedMs / 1000;
      console.log(`${kind.padEnd(8)} seed: ${summary.rader} rader, ${summary.kommandoer} kommandoer på ${seconds.toFixed(1)} s = ${Math.round(summary.rader / seconds)} rader/s`);
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
