import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import { endSubscriptionsUnder } from '../../kalender/index.js';
import { toJson, type AccessPackageRef, type AltinnSystemUserTable, type Right, type SystemUserType } from '../tables.js';
import { logChange, type AltinnActor } from './change-log.js';
import { isoInstant, nowDate, type AltinnContext } from './context.js';
import { problem } from './problem.js';
import { isClientPackage } from './resource-registry.js';
import { findSystem, ownSystem, type VendorCaller } from './system-register.js';
import { announcingTransaction } from '../../db/change-notifications.js';
import { accessChange } from './access-changes.js';

/** The shape of `GET /systemuser/vendor/byquery` and the portal lists (spec §4.8). */
export interface SystemUserDto {
  id: string;
  integrationTitle: string;
  systemId: string;
  productName: string;
  reporteeOrgNo: string;
  created: string;
  isDeleted: boolean;
  supplierName: string;
  supplierOrgno: string;
  externalRef: string;
  userType: SystemUserType;
  rights: Right[];
  accessPackages: AccessPackageRef[];
}

type SystemUserRow = Selectable<AltinnSystemUserTable>;

export interface NewSystemUser {
  readonly systemId: string;
  readonly ownerOrgnr: string;
  readonly externalRef: string;
  readonly integrationTitle: string;
  readonly userType: SystemUserType;
  readonly rights: readonly Right[];
  readonly accessPackages: readonly AccessPackageRef[];
}

/** Creates a system user; the unique index refuses a second active one for (org, system, externalRef). */
export async function insertSystemUser(db: Kysely<Database>, now: Date, input: NewSystemUser): Promise<string> {
  const existing = await db
    .selectFrom('altinn_system_user')
    .where('owner_orgnr', '=', input.ownerOrgnr)
    .where('system_id', '=', input.systemId)
    .where('external_ref', '=', input.externalRef)
    .where('is_deleted', '=', false)
    .select('id')
    .executeTakeFirst();
  if (existing) {
    throw problem('AUTH-00004', `Systembruker for ${input.systemId}, org ${input.ownerOrgnr} og externalRef "${input.externalRef}" finnes allerede (${existing.id}) (system user already exists).`);
  }
  const id = randomUUID();
  await db
    .insertInto('altinn_system_user')
    .values({
      id,
      system_id: input.systemId,
      owner_orgnr: input.ownerOrgnr,
      external_ref: input.externalRef,
      integration_title: input.integrationTitle,
      user_type: input.userType,
      rights: toJson(input.rights),
      access_packages: toJson(input.accessPackages),
      created_at: now,
    })
    .execute();
  return id;
}

/**
 * End-user-driven creation (spec §4.5): the business picks a visible system and gets a standard
 * system user with every right and package the system lists.
 */
export async function createSystemUserForParty(
  ctx: AltinnContext,
  partyOrgnr: string,
  input: { systemId: string; integrationTitle?: string | undefined; externalRef?: string | undefined },
  actor: AltinnActor,
): Promise<SystemUserDto> {
  const system = await findSystem(ctx.db, input.systemId);
  if (!system) throw problem('AUTH-00011', `Systemet "${input.systemId}" finnes ikke (unknown system id).`);
  if (!system.isVisible) throw problem('AUTH-00003', `Systemet "${input.systemId}" er ikke synlig for sluttbrukere; leverandøren må sende en forespørsel (not visible: use a vendor request).`);
  if (system.accessPackages.some((pkg) => isClientPackage(pkg.urn))) throw problem('AUTH-00064', 'Klientsystembrukere kan bare opprettes via leverandørforespørsel (agent system users come from vendor requests).');
  const now = nowDate(ctx);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const created = await insertSystemUser(trx, now, {
      systemId: system.id,
      ownerOrgnr: partyOrgnr,
      externalRef: input.externalRef ?? partyOrgnr,
      integrationTitle: input.integrationTitle ?? system.name.nb ?? system.id,
      userType: 'standard',
      rights: system.rights,
      accessPackages: system.accessPackages,
    });
    await logChange(trx, { at: now, party: partyOrgnr, action: 'system_user.created', objectId: created, actor });
    return created;
  });
  return (await findSystemUser(ctx.db, id))!;
}

export async function findSystemUser(db: Kysely<Database>, id: string): Promise<SystemUserDto | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await selectSystemUsers(db).where('u.id', '=', id).executeTakeFirst();
  return row && toDto(row);
}

/** `GET /systemuser/vendor/byquery` — only the system's vendor. */
export async function findSystemUserByQuery(ctx: AltinnContext, caller: VendorCaller, query: { systemId: string; orgno: string; externalRef?: string | undefined }): Promise<SystemUserDto> {
  await ownSystem(ctx.db, caller, query.systemId);
  const row = await selectSystemUsers(ctx.db)
    .where('u.system_id', '=', query.systemId)
    .where('u.owner_orgnr', '=', query.orgno)
    .where('u.external_ref', '=', query.externalRef ?? query.orgno)
    .where('u.is_deleted', '=', false)
    .executeTakeFirst();
  if (!row) throw problem('AUTH-00015', `Ingen aktiv systembruker for ${query.systemId}, org ${query.orgno}, externalRef "${query.externalRef ?? query.orgno}" (no active system user).`);
  return toDto(row);
}

export async function listSystemUsersBySystem(ctx: AltinnContext, caller: VendorCaller, systemId: string): Promise<SystemUserDto[]> {
  await ownSystem(ctx.db, caller, systemId);
  const rows = await selectSystemUsers(ctx.db).where('u.system_id', '=', systemId).where('u.is_deleted', '=', false).orderBy('u.created_at').execute();
  return rows.map(toDto);
}

export async function listSystemUsersOfParty(ctx: AltinnContext, partyOrgnr: string): Promise<SystemUserDto[]> {
  const rows = await selectSystemUsers(ctx.db).where('u.owner_orgnr', '=', partyOrgnr).where('u.is_deleted', '=', false).orderBy('u.created_at').execute();
  return rows.map(toDto);
}

/**
 * The business revokes its system user (soft delete). Pending change requests and the calendar
 * subscriptions made under it go with it; an agent system user is refused while it still has
 * clients (spec §4.8). `userType` is the kind the URL names; undefined (the portal, which lists
 * both) takes either.
 */
export async function deleteSystemUser(ctx: AltinnContext, partyOrgnr: string, id: string, userType: SystemUserType | undefined, actor: AltinnActor): Promise<void> {
  const systemUser = await findSystemUser(ctx.db, id);
  if (!systemUser || systemUser.isDeleted || (userType !== undefined && systemUser.userType !== userType)) throw problem('AUTH-00015', `Systembrukeren ${id} finnes ikke (unknown system user).`);
  if (systemUser.reporteeOrgNo !== partyOrgnr) throw problem('AUTH-00041', `Systembrukeren ${id} tilhører ikke ${partyOrgnr} (the system user belongs to another party).`);
  await announcingTransaction(ctx.db, async (trx, announce) => {
    announce([accessChange.systemUser(id)]);
    if (systemUser.userType === 'agent') {
      const client = await trx.selectFrom('altinn_client_delegation').where('system_user_id', '=', id).select('client_orgnr').executeTakeFirst();
      if (client) throw problem('AUTH-00035', `Klientsystembrukeren har fortsatt klienter (f.eks. ${client.client_orgnr}); fjern dem først (remove client delegations first).`);
    }
    const now = nowDate(ctx);
    await trx.updateTable('altinn_system_user').set({ is_deleted: true, deleted_at: now }).where('id', '=', id).execute();
    await trx.deleteFrom('altinn_change_request').where('system_user_id', '=', id).where('status', '=', 'New').execute();
    // The calendar subscriptions made under it end with it (decision 0089).
    await endSubscriptionsUnder(trx, { tilgang: { kind: 'systembruker', id }, endedMs: now.getTime(), endedBy: 'Avsluttet fordi systembrukeren det ble laget med, ble slettet' });
    await logChange(trx, { at: now, party: partyOrgnr, action: 'system_user.deleted', objectId: id, actor });
  });
}

/** The parties a system user may act for, unchecked: its owner, and an agent's delegated clients. */
export async function systemUserParties(ctx: AltinnContext, systemUserId: string): Promise<string[]> {
  if (!isUuid(systemUserId)) return [];
  const user = await ctx.db.selectFrom('altinn_system_user').where('id', '=', systemUserId).where('is_deleted', '=', false).select(['owner_orgnr', 'user_type']).executeTakeFirst();
  if (!user) return [];
  if (user.user_type === 'standard') return [user.owner_orgnr];
  const clients = await ctx.db.selectFrom('altinn_client_delegation').where('system_user_id', '=', systemUserId).select('client_orgnr').orderBy('client_orgnr').execute();
  return clients.map((client) => client.client_orgnr);
}

function selectSystemUsers(db: Kysely<Database>) {
  return db
    .selectFrom('altinn_system_user as u')
    .innerJoin('altinn_system as s', 's.system_id', 'u.system_id')
    .leftJoin('altinn_organization as o', 'o.orgnr', 's.vendor_orgnr')
    .select(['u.id', 'u.system_id', 'u.owner_orgnr', 'u.external_ref', 'u.integration_title', 'u.user_type', 'u.rights', 'u.access_packages', 'u.is_deleted', 'u.created_at', 'u.deleted_at', 's.vendor_orgnr', 's.name as system_name', 'o.name as vendor_name']);
}

function toDto(row: Omit<SystemUserRow, 'deleted_at'> & { vendor_orgnr: string; system_name: Record<string, string>; vendor_name: string | null }): SystemUserDto {
  return {
    id: row.id,
    integrationTitle: row.integration_title,
    systemId: row.system_id,
    productName: row.system_id,
    reporteeOrgNo: row.owner_orgnr,
    created: isoInstant(row.created_at),
    isDeleted: row.is_deleted,
    supplierName: row.vendor_name ?? row.system_name.nb ?? row.vendor_orgnr,
    supplierOrgno: row.vendor_orgnr,
    externalRef: row.external_ref,
    userType: row.user_type,
    rights: row.rights,
    accessPackages: row.access_packages,
  };
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
