import type { Kysely } from 'kysely';
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
    .innerJoin('altinn_organization as o', 'o.orgnr', 'r.client_orgnr')
    .where('r.holder_orgnr', '=', holderOrgnr)
    .where('r.role', 'in', [...roles])
    .select(['o.orgnr', 'o.name', 'o.party_uuid'])
    .distinct()
    .orderBy('o.orgnr')
    .execute();
  return rows.map((row) => ({ orgnr: row.orgnr, name: row.name, partyUuid: row.party_uuid }));
}

export async function findOrganizationByPartyUuid(db: Kysely<Database>, partyUuid: string): Promise<Organization | undefined> {
  const row = await db.selectFrom('altinn_organization').where('party_uuid', '=', partyUuid).selectAll().executeTakeFirst();
  return row && { orgnr: row.orgnr, name: row.name, partyUuid: row.party_uuid };
}

export async function findOrganization(db: Kysely<Database>, orgnr: string): Promise<Organization | undefined> {
  const row = await db.selectFrom('altinn_organization').where('orgnr', '=', orgnr).selectAll().executeTakeFirst();
  return row && { orgnr: row.orgnr, name: row.name, partyUuid: row.party_uuid };
}
