import { sql, type Kysely } from 'kysely';

/**
 * What Min side's "Systemtilganger" and "Testdata" pages need (decisions 0070, 0071):
 * - `altinn_change_log`: every change of a business's system access, as Altinn logs it — who
 *   (a person logged in to Min side, a Maskinporten client with an end-user token, or the demo
 *   seed), what, on which object, when. Append-only: a trigger refuses UPDATE and DELETE.
 * - `portal_innlogging.valgt_orgnr`: a login started from "Logg inn som" carries the business to
 *   choose once the person is logged in (checked against the person's roles then).
 * - an index for a party's consents (the consents page lists them by the party that gave them).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table altinn_change_log (
      id bigint generated always as identity primary key,
      at timestamptz not null,
      party text not null check (party ~ '^([0-9]{9}|[0-9]{11})$'),
      action text not null check (action in (
        'request.approved', 'request.rejected', 'change_request.approved', 'change_request.rejected',
        'system_user.created', 'system_user.deleted', 'client.added', 'client.removed',
        'consent.accepted', 'consent.rejected', 'consent.revoked')),
      object_id uuid not null,
      actor_kind text not null check (actor_kind in ('person', 'client', 'seed')),
      actor_id text not null,
      actor_name text
    )`.execute(db);
  await sql`create index altinn_change_log_object on altinn_change_log (object_id, id)`.execute(db);
  await sql`create index altinn_change_log_party on altinn_change_log (party, id)`.execute(db);
  await sql`
    create function avvis_endring_av_logg() returns trigger language plpgsql as $$
    begin
      raise exception 'loggen % kan bare utvides, ikke endres', tg_table_name;
    end $$`.execute(db);
  await sql`
    create trigger altinn_change_log_append_only before update or delete on altinn_change_log
    for each row execute function avvis_endring_av_logg()`.execute(db);

  await sql`alter table portal_innlogging add column valgt_orgnr text check (valgt_orgnr ~ '^[0-9]{9}$')`.execute(db);
  await sql`create index altinn_consent_from on altinn_consent (from_party)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists altinn_consent_from`.execute(db);
  await sql`alter table portal_innlogging drop column if exists valgt_orgnr`.execute(db);
  await sql`drop table if exists altinn_change_log`.execute(db);
  await sql`drop function if exists avvis_endring_av_logg()`.execute(db);
}
