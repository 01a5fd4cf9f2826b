import { sql, type Kysely } from 'kysely';

/**
 * Min side and its sandbox login (docs/decisions/0036–0039):
 * - `er_person_rolle`: Enhetsregisteret's person roles (daglig leder, styreleder) that let a
 *   person act for an organisation; ENK ownership stays in `part.eier_part_id`;
 * - `idporten_oidc`: every object the built-in identity provider keeps (sessions, interactions,
 *   codes, grants, clients), so any number of processes share one database and none keeps state;
 * - `idporten_noekkel`: its signing key, cookie keys and pairwise-subject salt;
 * - `portal_innlogging`: a login in progress (state, nonce, PKCE verifier), bound to the browser;
 * - `portal_sesjon`: a logged-in portal session; only the SHA-256 of the session id is stored.
 * Instants are epoch milliseconds from the injected Clock (`*_ms`), never the database's now().
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table er_person_rolle (
      orgnr text not null check (orgnr ~ '^[0-9]{9}$'),
      fnr text not null check (fnr ~ '^[0-9]{11}$'),
      rolle text not null check (rolle in ('daglig_leder', 'styreleder')),
      primary key (orgnr, fnr, rolle)
    )`.execute(db);
  await sql`create index er_person_rolle_fnr on er_person_rolle (fnr)`.execute(db);

  await sql`
    create table idporten_oidc (
      model text not null,
      id text not null,
      payload jsonb not null,
      grant_id text,
      user_code text,
      uid text,
      expires_at_ms bigint,
      consumed_at_ms bigint,
      primary key (model, id)
    )`.execute(db);
  await sql`create index idporten_oidc_grant on idporten_oidc (grant_id) where grant_id is not null`.execute(db);
  await sql`create index idporten_oidc_uid on idporten_oidc (uid) where uid is not null`.execute(db);
  await sql`create index idporten_oidc_expiry on idporten_oidc (expires_at_ms) where expires_at_ms is not null`.execute(db);

  await sql`
    create table idporten_noekkel (
      navn text primary key,
      verdi jsonb not null,
      opprettet_ms bigint not null
    )`.execute(db);

  await sql`
    create table portal_innlogging (
      binding_hash text primary key,
      state text not null,
      nonce text not null,
      code_verifier text not null,
      utloeper_ms bigint not null
    )`.execute(db);

  await sql`
    create table portal_sesjon (
      sesjon_hash text primary key,
      fnr text not null check (fnr ~ '^[0-9]{11}$'),
      valgt_orgnr text check (valgt_orgnr ~ '^[0-9]{9}$'),
      id_token text,
      opprettet_ms bigint not null,
      sist_aktiv_ms bigint not null,
      utloeper_ms bigint not null
    )`.execute(db);
  await sql`create index portal_sesjon_utloeper on portal_sesjon (utloeper_ms)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['portal_sesjon', 'portal_innlogging', 'idporten_noekkel', 'idporten_oidc', 'er_person_rolle']) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}
