import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A fresh, empty database for one bench run: a temporary data directory for PGlite, or a new
 * database on the PostgreSQL of `KOB_TEST_POSTGRES_URL` (default 127.0.0.1:5432) with a data
 * directory beside it for the demo credentials. `undefined` when PostgreSQL does not answer.
 */
export interface TemporaryDatabase {
  readonly dataDir: string;
  /** Set for PostgreSQL: the server's URL of the new database. */
  readonly url: string | undefined;
  drop(): Promise<void>;
}

const adminUrl = process.env.KOB_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function temporaryDatabase(kind: 'pglite' | 'postgres'): Promise<TemporaryDatabase | undefined> {
  const name = `kob_bench_${randomBytes(4).toString('hex')}`;
  if (kind === 'postgres' && !(await adminQuery(`create database ${name}`))) {
    console.log(`(PostgreSQL does not answer on ${new URL(adminUrl).host}: PostgreSQL rows skipped)`);
    return undefined;
  }
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kob-bench-'));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    dataDir,
    url: kind === 'postgres' ? url.toString() : undefined,
    drop: async () => {
      if (kind === 'postgres') await adminQuery(`drop database if exists ${name} with (force)`);
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(statement: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
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
