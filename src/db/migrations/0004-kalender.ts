import { sql, type Kysely } from 'kysely';

/**
 * iCalendar subscriptions (decision 0060): a private, revocable URL `/kalender/{token}.ics` that
 * calendar apps poll. Only the SHA-256 of the token is stored, so the database never holds a
 * working URL; the token is shown once, when the subscription is made. A revoked subscription
 * keeps its row (who made and revoked it, and when) and stops answering at once.
 * Instants are epoch milliseconds from the injected Clock, never the database's now().
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table kalender_abonnement (
      abonnement_id text primary key check (abonnement_id ~ '^[0-9a-f-]{36}$'),
      token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
      part_id text not null references part (part_id),
      opprettet_ms bigint not null,
      opprettet_av text not null,
      tilbakekalt_ms bigint,
      tilbakekalt_av text,
      check ((tilbakekalt_ms is null) = (tilbakekalt_av is null))
    )`.execute(db);
  await sql`create index kalender_abonnement_part on kalender_abonnement (part_id, opprettet_ms)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists kalender_abonnement`.execute(db);
}
