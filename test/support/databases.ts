import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.js';
import { openDatabase, pgliteParsers, type DatabaseHandle, type DatabaseKind } from '../../src/db/open-database.js';
import { postgresTemplateDatabase, postgresUrlFor, withAdminClient } from './postgres.js';

/** The databases this run covers: PGlite always, PostgreSQL when global setup found it. */
export const databaseKinds: readonly DatabaseKind[] =
  process.env.KOB_TEST_POSTGRES === '1' ? ['pglite', 'postgres'] : ['pglite'];

let pgliteTemplate: Promise<File | Blob> | undefined;

/** A migrated PGlite per worker, dumped once and loaded for each suite (faster than migrating). */
async function migratedPgliteClone(): Promise<PGlite> {
  pgliteTemplate ??= (async () => {
    const pglite = await PGlite.create({ parsers: pgliteParsers });
    const handle = await openDatabase({ kind: 'pglite-instance', pglite });
    await migrateToLatest(handle.db);
    const dump = await pglite.dumpDataDir('none');
    await handle.close();
    return dump;
  })();
  return PGlite.create({ loadDataDir: await pgliteTemplate, parsers: pgliteParsers });
}

/** A fresh, migrated database of the given kind; `close()` drops it. */
export async function createTestDatabase(kind: DatabaseKind): Promise<DatabaseHandle & { url?: string }> {
  if (kind === 'pglite') {
    return openDatabase({ kind: 'pglite-instance', pglite: await migratedPgliteClone() });
  }
  const name = `kob_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient((client) => client.query(`create database ${name} template ${postgresTemplateDatabase()}`));
  const url = postgresUrlFor(name);
  const handle = await openDatabase({ kind: 'postgres', url, poolSize: 4 });
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      await withAdminClient(async (client) => {
        // pg's pool.end() resolves before its clients have hung up; terminating them mid-goodbye
        // (drop … with (force)) makes an ending client emit an unhandled 'error'. Wait for them.
        for (let attempt = 0; attempt < 100; attempt++) {
          const sessions = await client.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
          if (sessions.rows[0].n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await client.query(`drop database if exists ${name} with (force)`);
      });
    },
  };
}

export interface DatabaseContext {
  readonly kind: DatabaseKind;
  /** The suite's database (valid inside tests, after `beforeAll`). */
  handle(): DatabaseHandle & { url?: string };
}

/**
 * Runs the same suite on every database of this run (Kysely's test style): one fresh database
 * per suite and kind.
 */
export function describeEachDatabase(
  name: string,
  body: (context: DatabaseContext) => void,
  options: { readonly only?: DatabaseKind } = {},
): void {
  // A suite about one server's behaviour (e.g. two pools on one PostgreSQL) is defined only for
  // that kind, so it is never reported as skipped; under CI=true PostgreSQL is always present.
  for (const kind of databaseKinds.filter((k) => options.only === undefined || k === options.only)) {
    describe(`${name} [${kind}]`, () => {
      let current: (DatabaseHandle & { url?: string }) | undefined;
      beforeAll(async () => {
        current = await createTestDatabase(kind);
      });
      afterAll(async () => {
        await current?.close();
      });
      body({
        kind,
        handle: () => {
          if (!current) throw new Error('database not ready: use it inside a test');
          return current;
        },
      });
    });
  }
}
