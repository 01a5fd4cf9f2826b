import { sql, type Kysely } from 'kysely';

/**
 * A calendar subscription records the access it was made under (decision 0089): a system user,
 * a consent, or a person acting in Min side, with its id (system user id, consent id,
 * fødselsnummer). The feed checks that access again on every request, and removing it ends the
 * subscription. Rows made through the API before this name their access in `opprettet_av`
 * ("API: <orgnr> med systembruker <id>" / "… med samtykke <id>"), so it is read from there; the
 * others (made in Min side) cannot say who made them, stay without one, and the feed treats an
 * unknown access as gone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table kalender_abonnement
      add column tilgang text check (tilgang in ('systembruker', 'samtykke', 'person')),
      add column tilgang_id text,
      add constraint kalender_abonnement_tilgang_med_id check ((tilgang is null) = (tilgang_id is null))`.execute(db);
  await sql`
    update kalender_abonnement
    set tilgang = 'systembruker', tilgang_id = substring(opprettet_av from '^API: [0-9]{9} med systembruker ([0-9a-f-]{36})$')
    where opprettet_av ~ '^API: [0-9]{9} med systembruker [0-9a-f-]{36}$'`.execute(db);
  await sql`
    update kalender_abonnement
    set tilgang = 'samtykke', tilgang_id = substring(opprettet_av from '^API: [0-9]{9} med samtykke ([^ ]+)$')
    where opprettet_av ~ '^API: [0-9]{9} med samtykke [^ ]+$'`.execute(db);
  // Removing an access ends the active subscriptions made under it; Min side lists them first.
  await sql`create index kalender_abonnement_tilgang on kalender_abonnement (tilgang, tilgang_id) where tilbakekalt_ms is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists kalender_abonnement_tilgang`.execute(db);
  await sql`alter table kalender_abonnement drop constraint if exists kalender_abonnement_tilgang_med_id, drop column if exists tilgang_id, drop column if exists tilgang`.execute(db);
}
