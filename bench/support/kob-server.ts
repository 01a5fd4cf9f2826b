import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DemoBankFile, DemoClientFile } from '../../src/auth/index.js';
import { stopChild, waitForOutput } from '../../test/support/child-process.js';

/**
 * `kob serve` as a user starts it, in a child process on a fresh database: PGlite in a temporary
 * data dir, or a temporary PostgreSQL database on 127.0.0.1:5432 (undefined when none answers).
 * The first start seeds the demo dataset; the demo credentials are read from `<data-dir>/demo/`.
 */
export interface KobServer {
  readonly port: number;
  readonly origin: string;
  readonly vendor: DemoClientFile;
  readonly bank: DemoBankFile;
  stop(): Promise<void>;
}

const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

export async function startKobServer(kind: 'pglite' | 'postgres', port: number): Promise<KobServer | undefined> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kob-bench-'));
  const origin = `http://127.0.0.1:${port}`;
  const databaseName = `kob_bench_${process.pid}_${port}`;
  let databaseUrl: string | undefined;
  if (kind === 'postgres') {
    if (!(await adminQuery(`create database ${databaseName}`))) {
      console.log('(PostgreSQL not reachable on 127.0.0.1:5432: PostgreSQL rows skipped)');
      return undefined;
    }
    databaseUrl = `postgres://postgres@127.0.0.1:5432/${databaseName}`;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/kob.ts', 'serve', '--port', String(port), '--data-dir', dataDir], {
    env: { ...process.env, KOB_PUBLIC_URL: origin, HOST: '127.0.0.1', KOB_LOG_LEVEL: 'warn', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await waitForOutput(child, 'kjører på');
  const readDemo = async (file: string) => JSON.parse(await fs.readFile(path.join(dataDir, 'demo', file), 'utf8')) as unknown;
  return {
    port,
    origin,
    vendor: (await readDemo('regnskapssystem.json')) as DemoClientFile,
    bank: (await readDemo('finans.json')) as DemoBankFile,
    stop: async () => {
      await stopChild(child);
      if (databaseUrl) await adminQuery(`drop database if exists ${databaseName} with (force)`);
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(statement: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
    await admin.query(statement);
    return true;
  } catch {
    return false;
  } finally {
    await admin.end().catch(() => undefined);
  }
}
