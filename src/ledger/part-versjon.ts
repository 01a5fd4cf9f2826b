import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { iPartensVisning } from './skyldnergruppe.js';

/**
 * A cheap version of everything a party's view depends on, for ETags (decision 0031): the newest
 * posting of the party and its ENK owner, and their master data (a new name, shielding or payout
 * account changes the view too). One query; `undefined` for a party the ledger does not know.
 */
export async function partVersjon(db: Kysely<Database>, partId: string): Promise<string | undefined> {
  const rows = await db
    .selectFrom('part as p')
    .leftJoin('part_siste_seq as s', 's.part_id', 'p.part_id')
    .select(['p.part_id', 'p.navn', 'p.eier_part_id', 'p.skjermet', 'p.utbetalingskonto', 's.siste_seq'])
    .where(iPartensVisning('p.part_id', partId))
    .orderBy('p.part_id')
    .execute();
  if (!rows.some((row) => row.part_id === partId)) return undefined;
  return JSON.stringify(rows);
}
