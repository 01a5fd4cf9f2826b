import { sql, type Kysely } from 'kysely';

/**
 * At most one open system-user request per system, business and externalRef. The request code
 * checked and then inserted, so two processes could both create one; the partial unique index
 * makes the database the judge. Duplicates an older database may hold are closed first: the
 * first request of a key stays open, later ones become `Timedout`, since whichever the business
 * sees first is as good as another.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update altinn_request as later set status = 'Timedout'
    where later.status = 'New'
      and exists (
        select 1 from altinn_request as earlier
        where earlier.status = 'New'
          and earlier.system_id = later.system_id
          and earlier.party_orgnr = later.party_orgnr
          and earlier.external_ref = later.external_ref
          and (earlier.created_at, earlier.id) < (later.created_at, later.id)
      )
  `.execute(db);
  await sql`create unique index altinn_request_open on altinn_request (system_id, party_orgnr, external_ref) where status = 'New'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists altinn_request_open`.execute(db);
}
