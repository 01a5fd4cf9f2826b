import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrateToLatest } from '../src/db/migrate.js';
import { openDatabase, type DatabaseHandle, type DatabaseKind } from '../src/db/open-database.js';
import { addYears, localDate } from '../src/domain/dates.js';
import { buildPartView } from '../src/ledger/index.js';
import { Prng, seedDefaults, seedSynthetic, syntheticBusiness, historyWindow } from '../src/testdata/index.js';

/**
 * `kob seed` of 10 000 businesses (KOB_BENCH_PARTIES overrides) on a fresh PGlite in a temporary
 * directory and on a fresh PostgreSQL database on 127.0.0.1:5432 (when one answers): rows booked
 * per second, then the time to build one party's full view (open claims, and a year of claims,
 * payments and payouts) for `viewSamples` random businesses: median and 90th percentile.
 */
const parties = Number(process.env.KOB_BENCH_PARTIES ?? 10_000);
const viewSamples = 200;
const today = localDate(process.env.KOB_TODAY ?? '2026-11-30');
const adminUrl = process.env.KOB_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function run(): Promise<void> {
  console.log(`kob seed --parties ${parties} --seed ${seedDefaults.seed} --years ${seedDefaults.years}, forretningsdato ${today}, ${os.cpus().length} kjerner`);
  for (const kind of ['pglite', 'postgres'] as const) {
    const database = await freshDatabase(kind);
    if (!database) {
      console.log(`${kind}: PostgreSQL svarer ikke på ${adminUrl}; hoppet over`);
      continue;
    }
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
  durations.sort((a, b) => a - b);
  return { median: durations[Math.floor(durations.length / 2)]!, p90: durations[Math.floor(durations.length * 0.9)]! };
}

async function freshDatabase(kind: DatabaseKind): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> } | undefined> {
  if (kind === 'pglite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kob-bench-seed-'));
    const handle = await openDatabase({ kind: 'pglite', dataDir });
    return {
      handle,
      drop: async () => {
        await handle.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `kob_bench_seed_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch {
    return undefined;
  }
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 4 });
  return {
    handle,
    drop: async () => {
      await handle.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
