import type { Kysely } from 'kysely';
import { Migrator, type MigrationResultSet } from 'kysely/migration';
import { migrations } from './migrations/index.js';

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

/** Kysely's migrator over our list and our bookkeeping tables (tests also step through it). */
export function schemaMigrator(db: Kysely<any>): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'kob_migrering',
    migrationLockTableName: 'kob_migrering_laas',
  });
}

/** Brings the schema to the newest version; safe to run from several processes at once. */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const result = await schemaMigrator(db).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'ukjent';
    throw new MigrationError(`Migrering ${failed} feilet: ${String((result.error as Error).message ?? result.error)}`, {
      cause: result.error,
    });
  }
  return result;
}
