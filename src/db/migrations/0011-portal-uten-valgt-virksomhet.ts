import { sql, type Kysely } from 'kysely';

/**
 * Min side keeps no "current business" in the session (decision 0101): the business is in each
 * page's address and each API path (`/portal/api/virksomhet/{orgnr}/…`), checked on every
 * request, so two tabs can act for two businesses. The session's column goes; a login started
 * from "Logg inn som" still carries its business in `portal_innlogging.valgt_orgnr`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table portal_sesjon drop column valgt_orgnr`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table portal_sesjon add column valgt_orgnr text check (valgt_orgnr ~ '^[0-9]{9}$')`.execute(db);
}
