import type { AltinnContext } from './context.js';
import { accessPackages, resources } from './resource-registry.js';
import { resourceIdOf } from './rights.js';
import { isUuid } from './system-users.js';

/**
 * The decision point (PDP) of spec §5: may system user S do action A on resource R for party P?
 *
 * - NotApplicable: nothing relates S to P for R (unknown or deleted S, unknown R or action, P
 *   neither S's owner nor a delegated client);
 * - Deny: S is related to P (P owns S, or P is a delegated client of agent S) but S's rights do
 *   not reach R/A, or the firm no longer holds the ER role the client package needs;
 * - Permit otherwise. Callers treat anything but Permit as a refusal.
 */
export type Decision = 'Permit' | 'Deny' | 'NotApplicable' | 'Indeterminate';

export interface DecisionRequest {
  readonly systemUserId: string;
  readonly action: string;
  readonly resource: string;
  readonly party: string;
}

export interface DecisionResult {
  readonly decision: Decision;
  /** Plain language, for diagnostics and logs. */
  readonly reason: string;
}

export async function decide(ctx: AltinnContext, request: DecisionRequest): Promise<DecisionResult> {
  const definition = resources[request.resource];
  if (!definition || !definition.actions.includes(request.action)) {
    return { decision: 'NotApplicable', reason: `ressursen ${request.resource} har ingen regel for handlingen ${request.action} (no policy)` };
  }
  const user = isUuid(request.systemUserId)
    ? await ctx.db.selectFrom('altinn_system_user').where('id', '=', request.systemUserId).select(['id', 'owner_orgnr', 'user_type', 'rights', 'access_packages', 'is_deleted']).executeTakeFirst()
    : undefined;
  if (!user || user.is_deleted) {
    return { decision: 'NotApplicable', reason: `systembrukeren ${request.systemUserId} finnes ikke eller er slettet (system user unknown or revoked)` };
  }
  const linkedPackages = user.access_packages.filter((pkg) => definition.accessPackages.includes(pkg.urn));
  if (user.user_type === 'standard') {
    if (user.owner_orgnr !== request.party) {
      return { decision: 'NotApplicable', reason: `systembrukeren tilhører ${user.owner_orgnr}, ikke part ${request.party} (system user of another business)` };
    }
    const hasRight = user.rights.some((right) => resourceIdOf(right) === request.resource);
    const hasPackage = linkedPackages.some((pkg) => accessPackages[pkg.urn]?.clientRole === undefined);
    return hasRight || hasPackage
      ? { decision: 'Permit', reason: `systembrukeren har ${hasRight ? 'rettigheten' : 'en tilgangspakke for'} ${request.resource}` }
      : { decision: 'Deny', reason: `systembrukeren til ${request.party} har ikke rettighet til ${request.resource} (missing right; send a change request)` };
  }
  const delegation = await ctx.db
    .selectFrom('altinn_client_delegation')
    .where('system_user_id', '=', user.id)
    .where('client_orgnr', '=', request.party)
    .select('client_orgnr')
    .executeTakeFirst();
  if (!delegation) {
    return { decision: 'NotApplicable', reason: `klientsystembrukeren til ${user.owner_orgnr} har ingen klientdelegering for ${request.party} (agent without delegation for that client)` };
  }
  const roles = [...new Set(linkedPackages.map((pkg) => accessPackages[pkg.urn]?.clientRole).filter((role) => role !== undefined))];
  const held = roles.length === 0
    ? undefined
    : await ctx.db.selectFrom('altinn_er_role').where('client_orgnr', '=', request.party).where('holder_orgnr', '=', user.owner_orgnr).where('role', 'in', roles).select('role').executeTakeFirst();
  return held
    ? { decision: 'Permit', reason: `${user.owner_orgnr} er ${held.role} for ${request.party}, og klienten er delegert til systembrukeren` }
    : { decision: 'Deny', reason: `${user.owner_orgnr} har ikke lenger en ER-rolle for ${request.party} som gir klientpakken til ${request.resource} (firm lost the client role)` };
}
