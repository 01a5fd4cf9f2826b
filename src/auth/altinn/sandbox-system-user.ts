import type { AltinnContext } from './context.js';
import { registerOrganization } from './organizations.js';
import { AltinnProblem } from './problem.js';
import { answerRequest, createRequest } from './requests.js';
import { isClientPackage } from './resource-registry.js';
import { findSystem } from './system-register.js';

/**
 * The sandbox's test-support API (decision 0176): a business it has just made approves, at once,
 * the calling vendor's request for a system user — what a tester would otherwise click through in
 * Altinn. The system is the one the calling client belongs to; the system user gets the system's
 * rights and its access packages that are not for client relationships. The vendor's request and
 * the approval are recorded as the API would record them, the approval in the business's change log.
 */
export async function approvedSystemUserForClient(
  ctx: AltinnContext,
  input: { readonly clientId: string; readonly vendorOrgnr: string; readonly partyOrgnr: string; readonly partyName: string },
): Promise<{ readonly systemId: string; readonly systemUserId: string }> {
  const row = await ctx.db.selectFrom('altinn_system_client').select('system_id').where('client_id', '=', input.clientId).executeTakeFirst();
  const system = row && (await findSystem(ctx.db, row.system_id));
  if (!system) {
    throw AltinnProblem.of('AUTH-00079', `Klienten ${input.clientId} hører ikke til noe system i systemregisteret; registrer systemet med klienten først (the client belongs to no system).`);
  }
  await registerOrganization(ctx.db, input.partyOrgnr, input.partyName);
  const { request } = await createRequest(ctx, { orgnr: input.vendorOrgnr, admin: false }, 'standard', {
    systemId: system.id,
    partyOrgNo: input.partyOrgnr,
    integrationTitle: system.name.nb ?? system.id,
    rights: system.rights,
    accessPackages: system.accessPackages.filter((pkg) => !isClientPackage(pkg.urn)),
  });
  const answered = await answerRequest(ctx, input.partyOrgnr, 'standard', request.id, true, { kind: 'client', clientId: input.clientId, orgnr: input.vendorOrgnr });
  return { systemId: system.id, systemUserId: answered.systemUserId! };
}
