import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { ErRole } from '../tables.js';
import { uuidFromName } from './stable-uuid.js';

/**
 * Altinn's own view of organisations (party uuid) and of the Enhetsregisteret roles that give
 * accounting and audit firms client packages. Kept apart from the ledger's `part` table, as
 * Altinn and the tax ledger are separate registries.
 */
export interface Organization {
  readonly orgnr: string;
  readonly name: string;
  readonly partyUuid: string;
}

/** A stable party uuid per organisation number, so a fresh database gets the same ids. */
export function partyUuidFor(orgnr: string): string {
  return uuidFromName(`altinn-party:${orgnr}`);
}

/**
 * Altinn's organisations with the names shown for them: the ledger's name for the party when it
 * has one (its copy of Enhetsregisteret), else the name Altinn was registered with (vendors and
 * banks the ledger does not know). One source of names for Altinn and the ledger (issue 13): a
 * client is never "Testvirksomhet 313367002" in one place and its real name in another.
 */
export function organizationsNamed(db: Kysely<Database>) {
  return db
    .selectFrom('altinn_organization as org')
    .leftJoin('part as p', 'p.part_id', 'org.orgnr')
    .select(['org.orgnr', 'org.party_uuid', sql<string>`coalesce(p.navn, org.name)`.as('name')]);
}

export async function registerOrganization(db: Kysely<Database>, orgnr: string, name: string): Promise<Organization> {
  const partyUuid = partyUuidFor(orgnr);
  await db
    .insertInto('altinn_organization')
    .values({ orgnr, name, party_uuid: partyUuid })
    .onConflict((oc) => oc.column('orgnr').doUpdateSet({ name }))
    .execute();
  return { orgnr, name, partyUuid };
}

/** Makes `holderOrgnr` (a firm) hold `role` for `clientOrgnr` in Enhetsregisteret. */
export async function registerErRole(db: Kysely<Database>, clientOrgnr: string, role: ErRole, holderOrgnr: string): Promise<void> {
  await db.insertInto('altinn_er_role').values({ client_orgnr: clientOrgnr, role, holder_orgnr: holderOrgnr }).onConflict((oc) => oc.doNothing()).execute();
}

/** Organisations the firm is registered for with one of `roles`, with names and party uuids. */
export async function clientsOfFirm(db: Kysely<Database>, holderOrgnr: string, roles: readonly ErRole[]): Promise<Organization[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .selectFrom('altinn_er_role as r')
    .innerJoin(organizationsNamed(db).as('o'), 'o.orgnr', 'r.client_orgnr')
    .where('r.holder_orgnr', '=', holderOrgnr)
    .where('r.role', 'in', [...roles])
    .select(['o.orgnr', 'o.name', 'o.party_uuid'])
    .distinct()
    .orderBy('o.orgnr')
    .execute();
  return rows.map((row) => ({ orgnr: row.orgnr, name: row.name, partyUuid: row.party_uuid }));
}

export async function findOrganizationByPartyUuid(db: Kysely<Database>, partyUuid: string): Promise<Organization | undefined> {
  const row = await organizationsNamed(db).where('org.party_uuid', '=', partyUuid).executeTakeFirst();
  return row && { orgnr: row.orgnr, name: row.name, partyUuid: row.party_uuid };
}

export async function findOrganization(db: Kysely<Database>, orgnr: string): Promise<Organization | undefined> {
  const row = await organizationsNamed(db).where('org.orgnr', '=', orgnr).executeTakeFirst();
  return row && { orgnr: row.orgnr, name: row.name, partyUuid: row.party_uuid };
}
