import { sql, type Kysely } from 'kysely';

/**
 * The change feed's record (src/ledger/part-endringer.ts): per party, the id of the last
 * transaction that changed its data (a booking or its master data). Transaction ids, not a
 * sequence, because a sequence number is taken before commit: a later number can commit first,
 * and a reader that moved past it would never see the earlier one. No rows for what happened
 * before this migration: a feed starts with a full listing.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table part_endring (
      part_id text primary key references part (part_id),
      xid xid8 not null
    )`.execute(db);
  await sql`create index part_endring_xid on part_endring (xid)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table part_endring`.execute(db);
}
