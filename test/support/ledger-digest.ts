import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.js';

/** The ledger's tables and the person roles, each with the columns that make a row's identity. */
const tables: readonly (readonly [keyof Database, readonly string[]])[] = [
  ['part', ['part_id']],
  ['er_person_rolle', ['orgnr', 'fnr', 'rolle']],
  ['kommando', ['idempotency_key']],
  ['krav', ['krav_id']],
  ['kravforfall', ['kravforfall_id']],
  ['innbetaling', ['innbetaling_id']],
  ['plassering', ['seq']],
  ['utbetaling', ['utbetaling_id']],
  ['utbetaling_status', ['seq']],
  ['levering', ['seq']],
  ['utsettelse', ['seq']],
  ['refusjon', ['krav_id']],
  ['part_siste_seq', ['part_id']],
  ['part_lesemodell', ['part_id']],
];

/**
 * A SHA-256 of every row of the ledger's tables in a stable order (sorted here, not by the
 * database's collation), without the one wall-clock column (`kommando.registrert_tid`): two
 * databases with the same digest hold the same facts, byte for byte.
 */
export async function ledgerDigest(db: Kysely<Database>): Promise<string> {
  const hash = createHash('sha256');
  for (const [table, key] of tables) {
    const rows = (await db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
    const lines = rows.map((row) => {
      const { registrert_tid: _wallClock, ...facts } = row;
      return { key: JSON.stringify(key.map((column) => row[column])), line: JSON.stringify(facts) };
    });
    lines.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    hash.update(`${table}\n`);
    for (const { line } of lines) hash.update(`${line}\n`);
  }
  return hash.digest('hex');
}

/** Rows in the ledger's fact tables (what `kob seed` counts as booked). */
export async function ledgerFactRows(db: Kysely<Database>): Promise<number> {
  let total = 0;
  for (const table of ['kommando', 'krav', 'kravforfall', 'innbetaling', 'plassering', 'utbetaling', 'utbetaling_status', 'levering', 'utsettelse', 'refusjon'] as const) {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    total += Number(row.n);
  }
  return total;
}
