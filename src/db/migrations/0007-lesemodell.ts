import { sql, type Kysely } from 'kysely';
import { byggLesemodell } from '../../ledger/read-model-build.js';

/**
 * The ledger's read model (src/ledger/read-model.ts): one JSON document per party that the
 * bookings keep current, built here from the facts for a database that already has them, and
 * whether the party has something for the daily run (an open credit or an unplaced payment).
 * `json`, not `jsonb`: stored and read back as the same text, no conversion on either side.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table part_lesemodell (
      part_id text primary key references part (part_id),
      dokument json not null,
      har_oppgjoer boolean not null default false
    )`.execute(db);
  // The daily run reads only the parties with an open credit or an unplaced payment.
  await sql`create index part_lesemodell_oppgjoer on part_lesemodell (part_id) where har_oppgjoer`.execute(db);
  await byggLesemodell(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table part_lesemodell`.execute(db);
}
