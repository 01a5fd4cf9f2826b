import { migrateToLatest } from '../../src/db/migrate.js';
import { openDatabase } from '../../src/db/open-database.js';
import { isPostgresReachable, postgresUrlFor, withAdminClient } from './postgres.js';

/**
 * Decides once whether the suite also runs on PostgreSQL, and prepares a migrated template
 * database so each suite can copy it cheaply. Under CI=true PostgreSQL is required.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const reachable = await isPostgresReachable();
  if (!reachable) {
    if (process.env.CI === 'true') {
      throw new Error('CI=true, men PostgreSQL svarer ikke på 127.0.0.1:5432 (PostgreSQL is required in CI)');
    }
    console.warn('PostgreSQL is not reachable: the database tests run on PGlite only.');
    process.env.KOB_TEST_POSTGRES = '0';
    return async () => undefined;
  }
  const template = `kob_test_template_${process.pid}_${Date.now().toString(36)}`;
  process.env.KOB_TEST_TEMPLATE = template;
  await withAdminClient((client) => client.query(`create database ${template}`));
  const handle = await openDatabase({ kind: 'postgres', url: postgresUrlFor(template), poolSize: 1 });
  try {
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
  process.env.KOB_TEST_POSTGRES = '1';
  return async () => {
    await withAdminClient((client) => client.query(`drop database if exists ${template} with (force)`));
  };
}
