import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { callerOf, requireScope } from '../http.js';
import { scopes, systemUserDetailsType } from '../identifiers.js';
import type { VerifiedAccessToken } from '../provider/access-token.js';
import type { AuthServices } from '../services.js';
import { findOrganization, partyUuidFor } from './organizations.js';
import { AltinnProblem } from './problem.js';
import { findSystemUser, systemUserParties } from './system-users.js';

/**
 * `GET /accessmanagement/api/v1/enduser/authorizedparties` for a system user (decision 0154):
 * the parties it may act for — its owner, or an agent's delegated clients — so the system finds
 * each client's `partyUuid` (docs.altinn.studio, "Client delegation for system vendors" §6 and
 * "Access management API"). Altinn/altinn-authorization-tmp's `AuthorizedPartiesController` and
 * `AuthorizedPartyDto` give the shape: `{links: {next}, data: [...]}`; access packages, resources
 * and roles are listed only when asked for (`include…=true`). A token without a system user is
 * a person's in Altinn; there is no person here, so it is refused as Altinn refuses an unknown
 * user type.
 */
const IncludeQuery = Type.Object({
  includeRoles: Type.Optional(Type.Boolean()),
  includeAccessPackages: Type.Optional(Type.Boolean()),
  includeResources: Type.Optional(Type.Boolean()),
  includeInstances: Type.Optional(Type.Boolean()),
});

export function authorizedPartiesRoutes(app: FastifyInstance, services: AuthServices): void {
  const ctx = services.altinn;
  app.get<{ Querystring: Static<typeof IncludeQuery> }>(
    '/accessmanagement/api/v1/enduser/authorizedparties',
    { preHandler: requireScope(services.altinnVerifier, [scopes.authorizedParties, scopes.portalEndUser]), schema: { querystring: IncludeQuery } },
    async (request) => {
      const systemUserId = systemUserIdOf(callerOf(request));
      const systemUser = systemUserId === undefined ? undefined : await findSystemUser(ctx.db, systemUserId);
      if (!systemUser || systemUser.isDeleted) throw AltinnProblem.http(401, 'tokenet har ingen systembruker; authorizedparties svarer for en systembruker (unknown user type).');
      const parties = await systemUserParties(ctx, systemUser.id);
      const { includeAccessPackages = false, includeResources = false } = request.query;
      const data = await Promise.all(
        parties.map(async (orgnr) => ({
          partyUuid: partyUuidFor(orgnr),
          name: (await findOrganization(ctx.db, orgnr))?.name ?? '',
          organizationNumber: orgnr,
          type: 'Organization',
          isDeleted: false,
          onlyHierarchyElementWithNoAccess: false,
          authorizedAccessPackages: includeAccessPackages ? systemUser.accessPackages.map((pkg) => pkg.urn) : [],
          authorizedResources: includeResources ? systemUser.rights.flatMap((right) => right.resource.map((resource) => resource.value)) : [],
          authorizedRoles: [],
          authorizedInstances: [],
          subunits: [],
        })),
      );
      return { links: { next: null }, data };
    },
  );
}

function systemUserIdOf(token: VerifiedAccessToken): string | undefined {
  const ids = token.authorizationDetails.find((element) => element.type === systemUserDetailsType)?.systemuser_id;
  return Array.isArray(ids) && typeof ids[0] === 'string' ? ids[0] : undefined;
}
