import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { AccessPackageRef, ConsentStatus, Right, SystemUserType } from '../tables.js';
import { changesOf, type AltinnActor } from './change-log.js';
import { nowDate, type AltinnContext } from './context.js';
import { organizationsNamed } from './organizations.js';
import { effectiveStatus } from './requests.js';
import { isClientPackage } from './resource-registry.js';
import { resourceIdOf } from './rights.js';

/**
 * What Altinn's access-management pages show one business (spec §4.4–4.8, §7): its system users
 * (with the system, the vendor, the rights, who made it and when, and an agent's clients), the
 * vendor requests waiting for its answer, the systems it may pick itself, and the consents it
 * gave. Read-only; the changes go through the functions the HTTP API calls.
 */
export const overviewItemsMax = 200;

export interface SystemSummary {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly vendorOrgnr: string;
  readonly vendorName: string;
  /** Resource ids of the single rights, then package URNs. */
  readonly rights: readonly string[];
  readonly accessPackages: readonly string[];
}

export interface PartySystemUser {
  readonly id: string;
  readonly integrationTitle: string;
  readonly system: SystemSummary;
  readonly userType: SystemUserType;
  readonly rights: readonly string[];
  readonly accessPackages: readonly string[];
  readonly created: Date;
  /** Who approved the request or made it, from the change log (null before the log existed). */
  readonly createdBy: AltinnActor | null;
  /** An agent's client organisations (empty for a standard one). */
  readonly clients: readonly { readonly orgnr: string; readonly name: string }[];
}

export interface PartyRequest {
  readonly id: string;
  readonly userType: SystemUserType;
  readonly integrationTitle: string | null;
  readonly system: SystemSummary;
  readonly rights: readonly string[];
  readonly accessPackages: readonly string[];
  readonly created: Date;
}

export interface PartyConsent {
  readonly id: string;
  readonly consumerOrgnr: string;
  readonly consumerName: string;
  readonly resources: readonly string[];
  readonly status: ConsentStatus;
  /** Accepted and not past `validTo`: the bank can use it now. */
  readonly active: boolean;
  readonly consented: Date | null;
  readonly validTo: Date;
  readonly revoked: Date | null;
  readonly revokedBy: AltinnActor | null;
}

export interface PartyAccessOverview {
  readonly systemUsers: readonly PartySystemUser[];
  readonly pendingRequests: readonly PartyRequest[];
  /** Systems a business may pick for end-user-driven creation (visible, no client packages). */
  readonly selectableSystems: readonly SystemSummary[];
  readonly consents: readonly PartyConsent[];
}

export async function partyAccessOverview(ctx: AltinnContext, partyOrgnr: string): Promise<PartyAccessOverview> {
  const now = nowDate(ctx);
  const [userRows, requestRows, consentRows] = await Promise.all([
    ctx.db.selectFrom('altinn_system_user').where('owner_orgnr', '=', partyOrgnr).where('is_deleted', '=', false).selectAll().orderBy('created_at').limit(overviewItemsMax).execute(),
    ctx.db
      .selectFrom('altinn_request')
      .where('party_orgnr', '=', partyOrgnr)
      .where('status', '=', 'New')
      .where('timeout_at', '>', now)
      .selectAll()
      .orderBy('created_at')
      .limit(overviewItemsMax)
      .execute(),
    ctx.db
      .selectFrom('altinn_consent')
      .where('from_party', '=', partyOrgnr)
      // A bank's request not yet answered ('Created') is shown too, for the business to answer.
      .where('status', 'in', ['Created', 'Accepted', 'Revoked'])
      .selectAll()
      .orderBy('created_at', 'desc')
      .limit(overviewItemsMax)
      .execute(),
  ]);
  const systems = await systemSummaries(ctx.db, [...userRows.map((row) => row.system_id), ...requestRows.map((row) => row.system_id)]);
  const selectableSystems = [...(await systemSummaries(ctx.db, undefined)).values()].filter((system) => system.visible && !system.accessPackages.some(isClientPackage));
  const changes = await changesOf(ctx.db, [...userRows.map((row) => row.id), ...consentRows.map((row) => row.id)]);
  const firstChange = (objectId: string, action: string) => changes.find((change) => change.objectId === objectId && change.action === action)?.actor ?? null;
  const clients = await clientsOf(ctx.db, userRows.filter((row) => row.user_type === 'agent').map((row) => row.id));
  const consumerNames = await organizationNames(ctx.db, consentRows.map((row) => row.to_orgnr));

  return {
    systemUsers: userRows.map((row) => ({
      id: row.id,
      integrationTitle: row.integration_title,
      system: systems.get(row.system_id)!,
      userType: row.user_type,
      rights: rightIds(row.rights),
      accessPackages: packageUrns(row.access_packages),
      created: row.created_at,
      createdBy: firstChange(row.id, 'system_user.created'),
      clients: clients.get(row.id) ?? [],
    })),
    pendingRequests: requestRows
      .filter((row) => effectiveStatus(row, now) === 'New')
      .map((row) => ({
        id: row.id,
        userType: row.user_type,
        integrationTitle: row.integration_title,
        system: systems.get(row.system_id)!,
        rights: rightIds(row.rights),
        accessPackages: packageUrns(row.access_packages),
        created: row.created_at,
      })),
    selectableSystems: selectableSystems.map(({ visible: _visible, ...system }) => system),
    consents: consentRows.map((row) => ({
      id: row.id,
      consumerOrgnr: row.to_orgnr,
      consumerName: consumerNames.get(row.to_orgnr) ?? row.to_orgnr,
      resources: row.consent_rights.flatMap((right) => right.resource.map((resource) => resource.value)),
      status: row.status,
      active: row.status === 'Accepted' && row.valid_to.getTime() > now.getTime(),
      consented: row.consented_at,
      validTo: row.valid_to,
      revoked: row.revoked_at,
      revokedBy: firstChange(row.id, 'consent.revoked'),
    })),
  };
}

/** The named systems (with their vendor's name), or every visible one when `ids` is undefined. */
export async function systemSummaries(db: Kysely<Database>, ids: readonly string[] | undefined): Promise<Map<string, SystemSummary & { visible: boolean }>> {
  if (ids !== undefined && ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('altinn_system as s')
    .leftJoin('altinn_organization as o', 'o.orgnr', 's.vendor_orgnr')
    .$if(ids !== undefined, (qb) => qb.where('s.system_id', 'in', [...new Set(ids)]))
    .$if(ids === undefined, (qb) => qb.where('s.is_visible', '=', true).where('s.is_deleted', '=', false))
    .select(['s.system_id', 's.name', 's.description', 's.vendor_orgnr', 's.rights', 's.access_packages', 's.is_visible', 'o.name as vendor_name'])
    .orderBy('s.system_id')
    .limit(overviewItemsMax)
    .execute();
  return new Map(
    rows.map((row) => [
      row.system_id,
      {
        id: row.system_id,
        name: row.name.nb ?? row.system_id,
        description: row.description.nb ?? '',
        vendorOrgnr: row.vendor_orgnr,
        vendorName: row.vendor_name ?? row.vendor_orgnr,
        rights: rightIds(row.rights),
        accessPackages: packageUrns(row.access_packages),
        visible: row.is_visible,
      },
    ]),
  );
}

async function clientsOf(db: Kysely<Database>, agentIds: readonly string[]): Promise<Map<string, { orgnr: string; name: string }[]>> {
  const byAgent = new Map<string, { orgnr: string; name: string }[]>();
  if (agentIds.length === 0) return byAgent;
  const rows = await db
    .selectFrom('altinn_client_delegation as d')
    .innerJoin(organizationsNamed(db).as('o'), 'o.orgnr', 'd.client_orgnr')
    .where('d.system_user_id', 'in', [...agentIds])
    .select(['d.system_user_id', 'o.orgnr', 'o.name'])
    .orderBy('o.orgnr')
    .execute();
  for (const row of rows) byAgent.set(row.system_user_id, [...(byAgent.get(row.system_user_id) ?? []), { orgnr: row.orgnr, name: row.name }]);
  return byAgent;
}

export async function organizationNames(db: Kysely<Database>, orgnrs: readonly string[]): Promise<Map<string, string>> {
  if (orgnrs.length === 0) return new Map();
  const rows = await organizationsNamed(db).where('org.orgnr', 'in', [...new Set(orgnrs)]).execute();
  return new Map(rows.map((row) => [row.orgnr, row.name]));
}

export function rightIds(rights: readonly Right[]): string[] {
  return rights.map((right) => resourceIdOf(right) ?? right.resource.map((resource) => resource.value).join(' '));
}

export function packageUrns(packages: readonly AccessPackageRef[]): string[] {
  return packages.map((pkg) => pkg.urn);
}
