import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { Database } from '../db/database.js';
import { LedgerInputError } from './errors.js';
import type { PartTable } from './tables.js';

export type PartRow = Selectable<PartTable>;

/**
 * The debtor group (skyldnergruppe): an ENK is no legal person of its own, so its owner and the
 * owner's other ENKs owe as one. The group of a party is everyone sharing its anchor: the owner
 * for an ENK with an owner, the party itself otherwise (a person's group holds their ENKs).
 * Allocation and set-off work across the group; commands lock it.
 */
export async function skyldnergruppe(db: Kysely<Database>, partId: string): Promise<string[]> {
  const rows = await sql<{ part_id: string }>`
    with anker as (select coalesce(eier_part_id, part_id) as part_id from part where part_id = ${partId})
    select p.part_id from part p, anker a
    where p.part_id = a.part_id or p.eier_part_id = a.part_id
    order by p.part_id`.execute(db);
  if (rows.rows.length === 0) throw new LedgerInputError('ukjentPart', `Ukjent part ${partId}`);
  return rows.rows.map((row) => row.part_id);
}

const lockAttemptsMax = 5;

/**
 * Locks the group's part rows in id order (so two processes booking for one group serialize and
 * never deadlock) and returns them. The membership is read again under the lock: if an owner was
 * registered meanwhile, the larger group is locked instead.
 */
export async function laasSkyldnergruppe(trx: Kysely<Database>, partId: string): Promise<PartRow[]> {
  for (let attempt = 0; attempt < lockAttemptsMax; attempt++) {
    const ids = await skyldnergruppe(trx, partId);
    const rows = await trx.selectFrom('part').selectAll().where('part_id', 'in', ids).orderBy('part_id').forUpdate().execute();
    const again = await skyldnergruppe(trx, partId);
    if (again.join() === ids.join()) return rows;
  }
  throw new Error(`Skyldnergruppen til ${partId} endret seg under låsing ${lockAttemptsMax} ganger`);
}

/** The parties whose claims and payments a party's view shows: the party, and an ENK's owner. */
export function viewPartIds(part: Pick<PartRow, 'part_id' | 'eier_part_id'>): string[] {
  return part.eier_part_id ? [part.part_id, part.eier_part_id] : [part.part_id];
}

/**
 * The same parties as a SQL condition on a `part_id` column, for queries that read them by the
 * party's id alone (the view's master data, its version).
 */
export function iPartensVisning(partIdColumn: string, partId: string): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(partIdColumn)} = ${partId} or ${sql.ref(partIdColumn)} = (select eier_part_id from part where part_id = ${partId}))`;
}
