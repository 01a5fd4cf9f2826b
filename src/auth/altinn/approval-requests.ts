import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { ApprovalKind } from './approval-pages.js';
import { answerChangeRequest } from './change-requests.js';
import type { AltinnActor } from './change-log.js';
import { answerConsentRequest, readConsentRow } from './consents.js';
import { nowDate, type AltinnContext } from './context.js';
import { organizationNames, packageUrns, rightIds, systemSummaries, type SystemSummary } from './party-overview.js';
import { answerRequest, effectiveStatus } from './requests.js';
import { isUuid } from './system-users.js';

/** Where a request stands, in one vocabulary for the four kinds. */
export type ApprovalStatus = 'New' | 'Accepted' | 'Rejected' | 'Timedout' | 'Revoked';

/**
 * One request as the page at its `confirmUrl` or `viewUri` shows it to the party that must
 * answer (decision 0156): who asks, what the answer gives or takes, and where the browser goes
 * afterwards. Rights are resource ids and packages URNs; the portal names them.
 */
export interface ApprovalRequest {
  readonly kind: ApprovalKind;
  readonly id: string;
  /** The organisation that must answer, or the person a consent is asked of. */
  readonly party: string;
  readonly status: ApprovalStatus;
  /** The system asking, with its vendor (the system-user kinds). */
  readonly system: SystemSummary | undefined;
  /** The bank asking (a consent). */
  readonly consumer: { readonly orgnr: string; readonly name: string } | undefined;
  /** What approving gives: for a change request, what it adds. */
  readonly rights: readonly string[];
  readonly accessPackages: readonly string[];
  /** What approving a change request takes away. */
  readonly removedRights: readonly string[];
  readonly removedAccessPackages: readonly string[];
  /** Until when a consent would hold. */
  readonly validTo: Date | undefined;
  readonly redirectUrl: string | null;
}

/** The request of `kind` with `id`, or undefined when there is none of that kind (a malformed id too). */
export async function approvalRequest(ctx: AltinnContext, kind: ApprovalKind, id: string): Promise<ApprovalRequest | undefined> {
  if (!isUuid(id)) return undefined;
  if (kind === 'consent') return consentApproval(ctx, id);
  if (kind === 'changerequest') return changeApproval(ctx, id);
  return systemUserApproval(ctx, kind, id);
}

/**
 * The party's answer, through the function the `/altinn` API calls for that kind, with `actor`
 * logged; Altinn's refusals (already answered, timed out) are thrown as they are.
 */
export async function answerApprovalRequest(ctx: AltinnContext, request: ApprovalRequest, approve: boolean, actor: AltinnActor): Promise<ApprovalStatus> {
  if (request.kind === 'consent') await answerConsentRequest(ctx, request.party, request.id, approve, actor);
  else if (request.kind === 'changerequest') await answerChangeRequest(ctx, request.party, request.id, approve, actor);
  else await answerRequest(ctx, request.party, request.kind === 'agentrequest' ? 'agent' : 'standard', request.id, approve, actor);
  return approve ? 'Accepted' : 'Rejected';
}

const nothingRemoved = { removedRights: [], removedAccessPackages: [] } as const;
const noConsent = { consumer: undefined, validTo: undefined } as const;

async function systemUserApproval(ctx: AltinnContext, kind: 'request' | 'agentrequest', id: string): Promise<ApprovalRequest | undefined> {
  const row = await ctx.db
    .selectFrom('altinn_request')
    .where('id', '=', id)
    .where('user_type', '=', kind === 'agentrequest' ? 'agent' : 'standard')
    .selectAll()
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    kind,
    id,
    party: row.party_orgnr,
    status: answeredAs(effectiveStatus(row, nowDate(ctx))),
    system: await systemOf(ctx.db, row.system_id),
    rights: rightIds(row.rights),
    accessPackages: packageUrns(row.access_packages),
    ...nothingRemoved,
    ...noConsent,
    redirectUrl: row.redirect_url,
  };
}

async function changeApproval(ctx: AltinnContext, id: string): Promise<ApprovalRequest | undefined> {
  const row = await ctx.db
    .selectFrom('altinn_change_request as c')
    .innerJoin('altinn_system_user as u', 'u.id', 'c.system_user_id')
    .where('c.id', '=', id)
    .selectAll('c')
    .select(['u.owner_orgnr', 'u.system_id'])
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    kind: 'changerequest',
    id,
    party: row.owner_orgnr,
    status: answeredAs(effectiveStatus(row, nowDate(ctx))),
    system: await systemOf(ctx.db, row.system_id),
    rights: rightIds(row.required_rights),
    accessPackages: packageUrns(row.required_access_packages),
    removedRights: rightIds(row.unwanted_rights),
    removedAccessPackages: packageUrns(row.unwanted_access_packages),
    ...noConsent,
    redirectUrl: row.redirect_url,
  };
}

async function consentApproval(ctx: AltinnContext, id: string): Promise<ApprovalRequest | undefined> {
  const row = await readConsentRow(ctx.db, id);
  if (!row) return undefined;
  // A request nobody answered before its end date can no longer give anything.
  const expired = row.status === 'Created' && row.valid_to.getTime() <= ctx.clock.nowEpochMs();
  return {
    kind: 'consent',
    id,
    party: row.from_party,
    status: expired ? 'Timedout' : row.status === 'Created' ? 'New' : row.status,
    system: undefined,
    consumer: { orgnr: row.to_orgnr, name: (await organizationNames(ctx.db, [row.to_orgnr])).get(row.to_orgnr) ?? row.to_orgnr },
    rights: row.consent_rights.flatMap((right) => right.resource.map((resource) => resource.value)),
    accessPackages: [],
    ...nothingRemoved,
    validTo: row.valid_to,
    redirectUrl: row.redirect_url,
  };
}

async function systemOf(db: Kysely<Database>, systemId: string): Promise<SystemSummary | undefined> {
  const summary = (await systemSummaries(db, [systemId])).get(systemId);
  if (!summary) return undefined;
  const { visible: _visible, ...system } = summary;
  return system;
}

/** Altinn's `Denied` is a refusal too; `NoChangeNeeded` is never stored, but would mean nothing is left to do. */
function answeredAs(status: 'New' | 'Accepted' | 'Rejected' | 'Denied' | 'Timedout' | 'NoChangeNeeded'): ApprovalStatus {
  if (status === 'Denied') return 'Rejected';
  if (status === 'NoChangeNeeded') return 'Accepted';
  return status;
}
