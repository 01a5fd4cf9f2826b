import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import { toJson, type AccessPackageRef, type AltinnRequestTable, type RequestStatus, type Right, type SystemUserType } from '../tables.js';
import { approvalPageUrl, type ApprovalKind } from './approval-pages.js';
import { logChange, type AltinnActor } from './change-log.js';
import { isoInstant, nowDate, requestTimeoutDays, type AltinnContext } from './context.js';
import { problem } from './problem.js';
import { isClientPackage } from './resource-registry.js';
import { packagesMissingFrom, rightsMissingFrom, validateAccessPackages, validateRights } from './rights.js';
import { checkRedirectUrl, ownSystem, type VendorCaller } from './system-register.js';
import { insertSystemUser, isUuid } from './system-users.js';

/** Vendor-driven creation (spec §4.4): the body of `POST /systemuser/request/vendor[/agent]`. */
export interface RequestInput {
  systemId: string;
  partyOrgNo: string;
  externalRef?: string | undefined;
  integrationTitle?: string | undefined;
  rights?: Right[] | undefined;
  accessPackages?: AccessPackageRef[] | undefined;
  redirectUrl?: string | undefined;
}

export interface RequestDto {
  id: string;
  integrationTitle?: string;
  externalRef: string;
  systemId: string;
  partyOrgNo: string;
  rights: Right[];
  accessPackages: AccessPackageRef[];
  status: RequestStatus;
  redirectUrl?: string;
  confirmUrl: string;
  escalated: boolean;
  created: string;
  systemUserId?: string;
}

/** Returns the request and whether it was created now (201) or an active one was returned (200). */
export async function createRequest(ctx: AltinnContext, caller: VendorCaller, userType: SystemUserType, input: RequestInput): Promise<{ request: RequestDto; created: boolean }> {
  const system = await ownSystem(ctx.db, caller, input.systemId);
  const rights = input.rights ?? [];
  const packages = input.accessPackages ?? [];
  validateRights(rights, '/rights');
  validateAccessPackages(packages, '/accessPackages');
  if (userType === 'agent') {
    if (rights.length > 0) throw problem('AUTH-00058', 'En klientforespørsel (agent) kan ikke ha enkeltrettigheter, bare klientpakker (agent requests carry access packages only).');
    if (packages.length === 0) throw problem('AUTH-00058', 'En klientforespørsel (agent) må ha minst én tilgangspakke (agent request without packages).');
    const notClient = packages.find((pkg) => !isClientPackage(pkg.urn));
    if (notClient) throw problem('AUTH-00065', `Pakken ${notClient.urn} er ikke for klientforhold (package not meant for client relationships).`);
  } else {
    if (rights.length === 0 && packages.length === 0) throw problem('AUTH-00059', 'Forespørselen må ha minst én rettighet eller tilgangspakke (request without rights or packages).');
    const client = packages.find((pkg) => isClientPackage(pkg.urn));
    if (client) throw problem('AUTH-00064', `Pakken ${client.urn} kan ikke gis til en standard systembruker; bruk /vendor/agent (package not usable for a standard system user).`);
  }
  const missingRight = rightsMissingFrom(rights, system.rights)[0];
  if (missingRight) throw problem('AUTH-00001', `Rettigheten ${missingRight.resource[0]?.value} er ikke registrert på systemet ${system.id} (right not on the system).`);
  const missingPackage = packagesMissingFrom(packages, system.accessPackages)[0];
  if (missingPackage) throw problem('AUTH-00063', `Pakken ${missingPackage.urn} er ikke registrert på systemet ${system.id} (package not on the system).`);
  checkRedirectUrl(system, input.redirectUrl);
  const externalRef = input.externalRef ?? input.partyOrgNo;
  const now = nowDate(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const active = await trx
      .selectFrom('altinn_system_user')
      .where('system_id', '=', system.id)
      .where('owner_orgnr', '=', input.partyOrgNo)
      .where('external_ref', '=', externalRef)
      .where('is_deleted', '=', false)
      .select('id')
      .executeTakeFirst();
    if (active) throw problem('AUTH-00006', `Det finnes allerede en godkjent systembruker (${active.id}) for ${input.partyOrgNo} og externalRef "${externalRef}" (external ids refer to an accepted system user).`);
    const previous = await trx
      .selectFrom('altinn_request')
      .where('system_id', '=', system.id)
      .where('party_orgnr', '=', input.partyOrgNo)
      .where('external_ref', '=', externalRef)
      .where('status', 'in', ['New', 'Rejected', 'Denied'])
      .selectAll()
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    if (previous && (previous.status === 'Rejected' || previous.status === 'Denied')) {
      throw problem('AUTH-00009', `Forespørsel ${previous.id} for samme externalRef ble avvist; slett den (DELETE /vendor/${previous.id}) og send en ny (a rejected request exists).`);
    }
    const { row, created } = previous && effectiveStatus(previous, now) === 'New' ? { row: previous, created: false } : await insertOpenRequest(trx, previous, { id: randomUUID(), userType, systemId: system.id, input, externalRef, rights, packages, now });
    if (row.user_type !== userType) throw problem('AUTH-00007', `En ventende forespørsel (${row.id}) av annen type finnes (pending request exists).`);
    return { request: toDto(ctx, row, now), created };
  });
}

/**
 * Inserts the open request for a key, or finds the one another process created since the caller
 * read: the partial unique index of migration 0006 decides which one is open.
 */
async function insertOpenRequest(
  trx: Kysely<Database>,
  timedOut: RequestRow | undefined,
  request: { id: string; userType: SystemUserType; systemId: string; input: RequestInput; externalRef: string; rights: Right[]; packages: AccessPackageRef[]; now: Date },
): Promise<{ row: RequestRow; created: boolean }> {
  // A request left unanswered past its time stops being the open one for its key.
  if (timedOut) await trx.updateTable('altinn_request').set({ status: 'Timedout' }).where('id', '=', timedOut.id).where('status', '=', 'New').execute();
  const { id, now } = request;
  const inserted = await trx
    .insertInto('altinn_request')
    .values({
      id,
      user_type: request.userType,
      system_id: request.systemId,
      party_orgnr: request.input.partyOrgNo,
      external_ref: request.externalRef,
      integration_title: request.input.integrationTitle ?? null,
      rights: toJson(request.rights),
      access_packages: toJson(request.packages),
      redirect_url: request.input.redirectUrl ?? null,
      status: 'New',
      created_at: now,
      timeout_at: new Date(now.getTime() + requestTimeoutDays * 86_400_000),
    })
    .onConflict((oc) => oc.columns(['system_id', 'party_orgnr', 'external_ref']).where('status', '=', 'New').doNothing())
    .executeTakeFirst();
  const created = Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  const row = await trx
    .selectFrom('altinn_request')
    .where('system_id', '=', request.systemId)
    .where('party_orgnr', '=', request.input.partyOrgNo)
    .where('external_ref', '=', request.externalRef)
    .where('status', '=', 'New')
    .selectAll()
    .executeTakeFirstOrThrow();
  return { row, created };
}

export async function getRequest(ctx: AltinnContext, caller: VendorCaller, userType: SystemUserType, id: string): Promise<RequestDto> {
  const row = await findRequestRow(ctx.db, id, userType);
  await ownSystem(ctx.db, caller, row.system_id);
  return toDto(ctx, row, nowDate(ctx));
}

export async function getRequestByExternalRef(ctx: AltinnContext, caller: VendorCaller, userType: SystemUserType, key: { systemId: string; orgNo: string; externalRef: string }): Promise<RequestDto> {
  await ownSystem(ctx.db, caller, key.systemId);
  const row = await ctx.db
    .selectFrom('altinn_request')
    .where('system_id', '=', key.systemId)
    .where('party_orgnr', '=', key.orgNo)
    .where('external_ref', '=', key.externalRef)
    .where('user_type', '=', userType)
    .selectAll()
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (!row) throw problem('AUTH-00010', `Ingen forespørsel for ${key.systemId}/${key.orgNo}/${key.externalRef} (no request).`);
  return toDto(ctx, row, nowDate(ctx));
}

export async function listRequestsBySystem(ctx: AltinnContext, caller: VendorCaller, userType: SystemUserType, systemId: string): Promise<RequestDto[]> {
  await ownSystem(ctx.db, caller, systemId);
  const now = nowDate(ctx);
  const rows = await ctx.db.selectFrom('altinn_request').where('system_id', '=', systemId).where('user_type', '=', userType).selectAll().orderBy('created_at').limit(1000).execute();
  return rows.map((row) => toDto(ctx, row, now));
}

/** The vendor withdraws a request that has not been answered. */
export async function deleteRequest(ctx: AltinnContext, caller: VendorCaller, id: string): Promise<void> {
  const row = await findRequestRow(ctx.db, id, undefined);
  await ownSystem(ctx.db, caller, row.system_id);
  if (row.status === 'Accepted') throw problem('AUTH-00013', `Forespørsel ${id} er godkjent og kan ikke trekkes; kunden kan slette systembrukeren (accepted requests cannot be withdrawn).`);
  await ctx.db.deleteFrom('altinn_request').where('id', '=', id).execute();
}

/**
 * The business answers (spec §4.4): approval creates the system user with the requested rights.
 * `actor` is who answered, logged with the answer (and the new system user) in one transaction.
 * `userType` is the kind the URL names; undefined (the portal, which lists both) takes either.
 */
export async function answerRequest(ctx: AltinnContext, partyOrgnr: string, userType: SystemUserType | undefined, id: string, approve: boolean, actor: AltinnActor): Promise<RequestDto> {
  const now = nowDate(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await findRequestRow(trx, id, userType);
    if (row.party_orgnr !== partyOrgnr) throw problem('AUTH-00041', `Forespørsel ${id} gjelder ${row.party_orgnr}, ikke ${partyOrgnr} (party differs from the request's org).`);
    const status = effectiveStatus(row, now);
    if (status !== 'New') throw problem('AUTH-00013', `Forespørsel ${id} har status ${status} og kan ikke besvares (status is not New).`);
    let systemUserId: string | null = null;
    if (approve) {
      systemUserId = await insertSystemUser(trx, now, {
        systemId: row.system_id,
        ownerOrgnr: row.party_orgnr,
        externalRef: row.external_ref,
        integrationTitle: row.integration_title ?? row.system_id,
        userType: row.user_type,
        rights: row.rights,
        accessPackages: row.access_packages,
      });
    }
    await trx
      .updateTable('altinn_request')
      .set({ status: approve ? 'Accepted' : 'Rejected', decided_at: now, system_user_id: systemUserId })
      .where('id', '=', id)
      .execute();
    await logChange(trx, { at: now, party: partyOrgnr, action: approve ? 'request.approved' : 'request.rejected', objectId: id, actor });
    if (systemUserId !== null) await logChange(trx, { at: now, party: partyOrgnr, action: 'system_user.created', objectId: systemUserId, actor });
    return toDto(ctx, await findRequestRow(trx, id, row.user_type), now);
  });
}

type RequestRow = Selectable<AltinnRequestTable>;

async function findRequestRow(db: Kysely<Database>, id: string, userType: SystemUserType | undefined): Promise<RequestRow> {
  const row = isUuid(id) ? await db.selectFrom('altinn_request').where('id', '=', id).selectAll().executeTakeFirst() : undefined;
  if (!row || (userType !== undefined && row.user_type !== userType)) throw problem('AUTH-00010', `Forespørsel ${id} finnes ikke (unknown request id).`);
  return row;
}

/** A request nobody answered in time reads as `Timedout` (derived, not written). */
export function effectiveStatus<S extends string>(row: { status: S; timeout_at: Date }, now: Date): S | 'Timedout' {
  return row.status === 'New' && row.timeout_at.getTime() <= now.getTime() ? 'Timedout' : row.status;
}

export function confirmUrl(ctx: AltinnContext, kind: Exclude<ApprovalKind, 'consent'>, id: string): string {
  return approvalPageUrl(ctx.publicUrl, kind, id);
}

function toDto(ctx: AltinnContext, row: RequestRow, now: Date): RequestDto {
  return {
    id: row.id,
    ...(row.integration_title === null ? {} : { integrationTitle: row.integration_title }),
    externalRef: row.external_ref,
    systemId: row.system_id,
    partyOrgNo: row.party_orgnr,
    rights: row.rights,
    accessPackages: row.access_packages,
    status: effectiveStatus(row, now),
    ...(row.redirect_url === null ? {} : { redirectUrl: row.redirect_url }),
    confirmUrl: confirmUrl(ctx, row.user_type === 'agent' ? 'agentrequest' : 'request', row.id),
    escalated: row.escalated,
    created: isoInstant(row.created_at),
    ...(row.system_user_id === null ? {} : { systemUserId: row.system_user_id }),
  };
}
