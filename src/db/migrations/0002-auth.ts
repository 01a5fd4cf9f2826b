import { sql, type Kysely } from 'kysely';

/**
 * Access control: the Maskinporten-compatible token server (signing keys, clients and their
 * public keys, used grant ids) and the Altinn side (organisations and ER roles, system register,
 * system users, requests, change requests, client delegations, consents). Nothing here points
 * into the ledger: Altinn keeps its own registry of organisations, as the real one does.
 * Every piece of state lives here so any number of processes can share one database.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Keys this server signs with. One active key per purpose (the partial unique index makes a
  // first-start race between two processes harmless: one insert wins, both read it back).
  await sql`
    create table auth_signing_key (
      kid text primary key,
      purpose text not null check (purpose in ('maskinporten', 'altinn')),
      alg text not null check (alg = 'RS256'),
      private_jwk jsonb not null,
      public_jwk jsonb not null,
      created_at timestamptz not null,
      retired_at timestamptz
    )`.execute(db);
  await sql`create unique index auth_signing_key_active on auth_signing_key (purpose) where retired_at is null`.execute(db);

  await sql`
    create table auth_client (
      client_id text primary key,
      org text not null check (org ~ '^[0-9]{9}$'),
      name text not null,
      scopes jsonb not null,
      created_at timestamptz not null
    )`.execute(db);
  await sql`
    create table auth_client_key (
      client_id text not null references auth_client (client_id) on delete cascade,
      kid text not null,
      public_jwk jsonb not null,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      primary key (client_id, kid)
    )`.execute(db);

  // Single-use grants: the primary key makes a replay fail in any process on this database.
  await sql`
    create table auth_grant_jti (
      client_id text not null,
      jti text not null,
      expires_at timestamptz not null,
      primary key (client_id, jti)
    )`.execute(db);
  await sql`create index auth_grant_jti_expiry on auth_grant_jti (expires_at)`.execute(db);

  await sql`
    create table altinn_organization (
      orgnr text primary key check (orgnr ~ '^[0-9]{9}$'),
      name text not null,
      party_uuid uuid not null unique
    )`.execute(db);
  // Enhetsregisteret roles that give an accounting or audit firm client packages.
  await sql`
    create table altinn_er_role (
      client_orgnr text not null references altinn_organization (orgnr),
      role text not null check (role in ('regnskapsforer', 'revisor', 'forretningsforer')),
      holder_orgnr text not null references altinn_organization (orgnr),
      primary key (client_orgnr, role, holder_orgnr)
    )`.execute(db);

  await sql`
    create table altinn_system (
      system_id text primary key check (system_id ~ '^[0-9]{9}_[a-z0-9_]+$'),
      internal_id uuid not null unique,
      vendor_orgnr text not null check (vendor_orgnr ~ '^[0-9]{9}$'),
      name jsonb not null,
      description jsonb not null,
      rights jsonb not null,
      access_packages jsonb not null,
      allowed_redirect_urls jsonb not null,
      is_visible boolean not null,
      is_deleted boolean not null default false,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  // A Maskinporten client belongs to at most one system (AUTH.VLD-00004).
  await sql`
    create table altinn_system_client (
      client_id text primary key,
      system_id text not null references altinn_system (system_id)
    )`.execute(db);

  await sql`
    create table altinn_system_user (
      id uuid primary key,
      system_id text not null references altinn_system (system_id),
      owner_orgnr text not null check (owner_orgnr ~ '^[0-9]{9}$'),
      external_ref text not null,
      integration_title text not null,
      user_type text not null check (user_type in ('standard', 'agent')),
      rights jsonb not null,
      access_packages jsonb not null,
      is_deleted boolean not null default false,
      created_at timestamptz not null,
      deleted_at timestamptz
    )`.execute(db);
  await sql`create unique index altinn_system_user_key on altinn_system_user (owner_orgnr, system_id, external_ref) where not is_deleted`.execute(db);

  await sql`
    create table altinn_request (
      id uuid primary key,
      user_type text not null check (user_type in ('standard', 'agent')),
      system_id text not null references altinn_system (system_id),
      party_orgnr text not null check (party_orgnr ~ '^[0-9]{9}$'),
      external_ref text not null,
      integration_title text,
      rights jsonb not null,
      access_packages jsonb not null,
      redirect_url text,
      status text not null check (status in ('New', 'Accepted', 'Rejected', 'Denied', 'Timedout')),
      escalated boolean not null default false,
      created_at timestamptz not null,
      timeout_at timestamptz not null,
      decided_at timestamptz,
      system_user_id uuid references altinn_system_user (id)
    )`.execute(db);
  await sql`create index altinn_request_key on altinn_request (system_id, party_orgnr, external_ref)`.execute(db);

  await sql`
    create table altinn_change_request (
      id uuid primary key,
      system_user_id uuid not null references altinn_system_user (id),
      required_rights jsonb not null,
      unwanted_rights jsonb not null,
      required_access_packages jsonb not null,
      unwanted_access_packages jsonb not null,
      redirect_url text,
      status text not null check (status in ('New', 'Accepted', 'Rejected', 'Denied', 'Timedout', 'NoChangeNeeded')),
      created_at timestamptz not null,
      timeout_at timestamptz not null,
      decided_at timestamptz
    )`.execute(db);
  await sql`create index altinn_change_request_user on altinn_change_request (system_user_id)`.execute(db);

  await sql`
    create table altinn_client_delegation (
      system_user_id uuid not null references altinn_system_user (id),
      client_orgnr text not null references altinn_organization (orgnr),
      created_at timestamptz not null,
      primary key (system_user_id, client_orgnr)
    )`.execute(db);

  // Altinn 3 consents (id chosen by the consumer) and Altinn 2 consents (id = AuthorizationCode).
  await sql`
    create table altinn_consent (
      id uuid primary key,
      generation smallint not null check (generation in (2, 3)),
      from_party text not null check (from_party ~ '^([0-9]{9}|[0-9]{11})$'),
      to_orgnr text not null check (to_orgnr ~ '^[0-9]{9}$'),
      valid_to timestamptz not null,
      consent_rights jsonb not null,
      redirect_url text,
      status text not null check (status in ('Created', 'Accepted', 'Rejected', 'Revoked')),
      created_at timestamptz not null,
      consented_at timestamptz,
      revoked_at timestamptz
    )`.execute(db);
  await sql`create index altinn_consent_to on altinn_consent (to_orgnr)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('0002-auth kan ikke rulles tilbake (no down migrations)');
}
