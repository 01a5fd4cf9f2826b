import type { Selectable } from 'kysely';
import { toJson, type AccessPackageRef, type AltinnChangeRequestTable, type ChangeRequestStatus, type Right } from '../tables.js';
import { logChange, type AltinnActor } from './change-log.js';
import { isoInstant, nowDate, requestTimeoutDays, type AltinnContext } from './context.js';
import { invalid, problem } from './problem.js';
import { isClientPackage } from './resource-registry.js';
import { confirmUrl, effectiveStatus } from './requests.js';
import { packagesMissingFrom, rightsMissingFrom, sameRight, validateAccessPackages, validateRights } from './rights.js';
import { checkRedirectUrl, ownSystem, type VendorCaller } from './system-register.js';
import { findSystemUser, isUuid, type SystemUserDto } from './system-users.js';
import { announcingTransaction } from '../../db/change-notifications.js';
import { accessChange } from './access-changes.js';

/** Change request (spec §4.6): the vendor asks the business to add or remove rights of a system user. */
export interface ChangeRequestInput {
  requiredRights?: Right[] | undefined;
  unwantedRights?: Right[] | undefined;
  requiredAccessPackages?: AccessPackageRef[] | undefined;
  unwantedAccessPackages?: AccessPackageRef[] | undefined;
  redirectUrl?: string | undefined;
}

export interface ChangeRequestDto {
  id: string;
  systemUserId: string;
  systemId: string;
  partyOrgNo: string;
  externalRef: string;
  requiredRights: Right[];
  unwantedRights: Right[];
  requiredAccessPackages: AccessPackageRef[];
  unwantedAccessPackages: AccessPackageRef[];
  status: ChangeRequestStatus;
  redirectUrl?: string;
  confirmUrl: string;
  created: string;
}

type ChangeRow = Selectable<AltinnChangeRequestTable>;

export async function createChangeRequest(
  ctx: AltinnContext,
  caller: VendorCaller,
  key: { correlationId: string; systemUserId: string },
  input: ChangeRequestInput,
): Promise<{ changeRequest: ChangeRequestDto; created: boolean }> {
  if (!isUuid(key.correlationId) || key.correlationId === key.systemUserId) {
    throw invalid('STD.VLD-00002', '/$QUERY/correlation-id', 'correlation-id må være en ny UUID, forskjellig fra system-user-id (correlation-id must be a new uuid).');
  }
  const systemUser = await vendorSystemUser(ctx, caller, key.systemUserId);
  const lists = {
    requiredRights: input.requiredRights ?? [],
    unwantedRights: input.unwantedRights ?? [],
    requiredAccessPackages: input.requiredAccessPackages ?? [],
    unwantedAccessPackages: input.unwantedAccessPackages ?? [],
  };
  // Altinn answers a change of nothing at once, with nothing to confirm (ChangeRequestSystemUserController.CreateChangeRequest).
  if (Object.values(lists).every((list) => list.length === 0)) {
    const noChange = { id: key.correlationId, systemUserId: systemUser.id, systemId: systemUser.systemId, partyOrgNo: systemUser.reporteeOrgNo, externalRef: systemUser.externalRef, ...lists };
    return { changeRequest: { ...noChange, status: 'NoChangeNeeded', ...redirectOf(input.redirectUrl ?? null), confirmUrl: '', created: isoInstant(nowDate(ctx)) }, created: false };
  }
  // A correlation id names one change request: sent again, Altinn returns that request, whatever the body.
  const existing = await ctx.db.selectFrom('altinn_change_request').where('id', '=', key.correlationId).select('id').executeTakeFirst();
  if (existing) return { changeRequest: await getChangeRequest(ctx, caller, key.correlationId), created: false };
  const system = await ownSystem(ctx.db, caller, systemUser.systemId);
  validateRights(lists.requiredRights, '/requiredRights');
  validateRights(lists.unwantedRights, '/unwantedRights');
  validateAccessPackages(lists.requiredAccessPackages, '/requiredAccessPackages');
  validateAccessPackages(lists.unwantedAccessPackages, '/unwantedAccessPackages');
  const notOnSystem = rightsMissingFrom(lists.requiredRights, system.rights)[0] ?? packagesMissingFrom(lists.requiredAccessPackages, system.accessPackages)[0];
  if (notOnSystem) throw problem('AUTH-00063', `Det som kreves er ikke registrert på systemet ${system.id} (required rights and packages must be on the system).`);
  const wrongKind = lists.requiredAccessPackages.find((pkg) => isClientPackage(pkg.urn) !== (systemUser.userType === 'agent'));
  if (wrongKind) throw problem('AUTH-00064', `Pakken ${wrongKind.urn} passer ikke for en ${systemUser.userType}-systembruker.`);
  checkRedirectUrl(system, input.redirectUrl);
  const now = nowDate(ctx);
  const inserted = await ctx.db
    .insertInto('altinn_change_request')
    .values({
      id: key.correlationId,
      system_user_id: systemUser.id,
      required_rights: toJson(lists.requiredRights),
      unwanted_rights: toJson(lists.unwantedRights),
      required_access_packages: toJson(lists.requiredAccessPackages),
      unwanted_access_packages: toJson(lists.unwantedAccessPackages),
      redirect_url: input.redirectUrl ?? null,
      status: 'New',
      created_at: now,
      timeout_at: new Date(now.getTime() + requestTimeoutDays * 86_400_000),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return { changeRequest: await getChangeRequest(ctx, caller, key.correlationId), created: Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1 };
}

export async function getChangeRequest(ctx: AltinnContext, caller: VendorCaller, id: string): Promise<ChangeRequestDto> {
  const row = await findChangeRow(ctx, id);
  const systemUser = await vendorSystemUser(ctx, caller, row.system_user_id);
  return toDto(ctx, row, systemUser);
}

export async function getChangeRequestByExternalRef(ctx: AltinnContext, caller: VendorCaller, key: { systemId: string; orgNo: string; externalRef: string }): Promise<ChangeRequestDto> {
  await ownSystem(ctx.db, caller, key.systemId);
  const row = await ctx.db
    .selectFrom('altinn_change_request as c')
    .innerJoin('altinn_system_user as u', 'u.id', 'c.system_user_id')
    .where('u.system_id', '=', key.systemId)
    .where('u.owner_orgnr', '=', key.orgNo)
    .where('u.external_ref', '=', key.externalRef)
    .selectAll('c')
    .orderBy('c.created_at', 'desc')
    .executeTakeFirst();
  if (!row) throw problem('AUTH-00010', `Ingen endringsforespørsel for ${key.systemId}/${key.orgNo}/${key.externalRef}.`);
  return toDto(ctx, row, (await findSystemUser(ctx.db, row.system_user_id))!);
}

export async function listChangeRequestsBySystem(ctx: AltinnContext, caller: VendorCaller, systemId: string): Promise<ChangeRequestDto[]> {
  await ownSystem(ctx.db, caller, systemId);
  const rows = await ctx.db
    .selectFrom('altinn_change_request as c')
    .innerJoin('altinn_system_user as u', 'u.id', 'c.system_user_id')
    .where('u.system_id', '=', systemId)
    .selectAll('c')
    .orderBy('c.created_at')
    .limit(1000)
    .execute();
  return Promise.all(rows.map(async (row) => toDto(ctx, row, (await findSystemUser(ctx.db, row.system_user_id))!)));
}

export async function deleteChangeRequest(ctx: AltinnContext, caller: VendorCaller, id: string): Promise<void> {
  const row = await findChangeRow(ctx, id);
  await vendorSystemUser(ctx, caller, row.system_user_id);
  if (row.status === 'Accepted') throw problem('AUTH-00013', `Endringsforespørsel ${id} er godkjent og kan ikke trekkes.`);
  await ctx.db.deleteFrom('altinn_change_request').where('id', '=', id).execute();
}

/** The business answers; approval rewrites the system user's rights and packages. */
export async function answerChangeRequest(ctx: AltinnContext, partyOrgnr: string, id: string, approve: boolean, actor: AltinnActor): Promise<ChangeRequestDto> {
  const row = await findChangeRow(ctx, id);
  const systemUser = await findSystemUser(ctx.db, row.system_user_id);
  if (!systemUser || systemUser.isDeleted) throw problem('AUTH-00015', `Systembrukeren til endringsforespørsel ${id} finnes ikke lenger.`);
  if (systemUser.reporteeOrgNo !== partyOrgnr) throw problem('AUTH-00041', `Endringsforespørsel ${id} gjelder ${systemUser.reporteeOrgNo}, ikke ${partyOrgnr}.`);
  const now = nowDate(ctx);
  const status = effectiveStatus(row, now);
  if (status !== 'New') throw problem('AUTH-00013', `Endringsforespørsel ${id} har status ${status} og kan ikke besvares.`);
  await announcingTransaction(ctx.db, async (trx, announce) => {
    if (approve) {
      announce([accessChange.systemUser(systemUser.id)]);
      const rights = [...systemUser.rights.filter((have) => !row.unwanted_rights.some((r) => sameRight(r, have))), ...rightsMissingFrom(row.required_rights, systemUser.rights)];
      const packages = [
        ...systemUser.accessPackages.filter((have) => !row.unwanted_access_packages.some((p) => p.urn === have.urn)),
        ...packagesMissingFrom(row.required_access_packages, systemUser.accessPackages),
      ];
      await trx.updateTable('altinn_system_user').set({ rights: toJson(rights), access_packages: toJson(packages) }).where('id', '=', systemUser.id).execute();
    }
    await trx.updateTable('altinn_change_request').set({ status: approve ? 'Accepted' : 'Rejected', decided_at: now }).where('id', '=', id).execute();
    await logChange(trx, { at: now, party: partyOrgnr, action: approve ? 'change_request.approved' : 'change_request.rejected', objectId: id, actor });
  });
  return toDto(ctx, await findChangeRow(ctx, id), systemUser);
}

async function vendorSystemUser(ctx: AltinnContext, caller: VendorCaller, systemUserId: string): Promise<SystemUserDto> {
  const systemUser = await findSystemUser(ctx.db, systemUserId);
  if (!systemUser || systemUser.isDeleted) throw problem('AUTH-00015', `Systembrukeren ${systemUserId} finnes ikke (unknown system user).`);
  await ownSystem(ctx.db, caller, systemUser.systemId);
  return systemUser;
}

async function findChangeRow(ctx: AltinnContext, id: string): Promise<ChangeRow> {
  const row = isUuid(id) ? await ctx.db.selectFrom('altinn_change_request').where('id', '=', id).selectAll().executeTakeFirst() : undefined;
  if (!row) throw problem('AUTH-00010', `Endringsforespørsel ${id} finnes ikke (unknown change request).`);
  return row;
}

function toDto(ctx: AltinnContext, row: ChangeRow, systemUser: SystemUserDto): ChangeRequestDto {
  return {
    id: row.id,
    systemUserId: row.system_user_id,
    systemId: systemUser.systemId,
    partyOrgNo: systemUser.reporteeOrgNo,
    externalRef: systemUser.externalRef,
    requiredRights: row.required_rights,
    unwantedRights: row.unwanted_rights,
    requiredAccessPackages: row.required_access_packages,
    unwantedAccessPackages: row.unwanted_access_packages,
    status: effectiveStatus(row, nowDate(ctx)),
    ...redirectOf(row.redirect_url),
    confirmUrl: confirmUrl(ctx, 'changerequest', row.id),
    created: isoInstant(row.created_at),
  };
}

/** `redirectUrl` as sent: Altinn leaves it out when there was none, and echoes an empty one. */
function redirectOf(redirectUrl: string | null): { redirectUrl?: string } {
  return redirectUrl === null ? {} : { redirectUrl };
}
