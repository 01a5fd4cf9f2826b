/**
 * What other layers may import from access control. Everything else under src/auth is internal.
 */
export { createAuthServices, type AuthServices, type AuthConfig } from './services.js';
export { maskinportenPlugin } from './maskinporten/routes.js';
export { altinnPlugin } from './altinn/plugin.js';
export {
  AccessChecker,
  rettighetspakkeForToken,
  type AccessRequest,
  type AccessDecision,
  type AccessGranted,
  type AccessDenied,
  type AuthenticatedCaller,
  type Rettighetspakke,
} from './provider/access-check.js';
export type { VerifiedAccessToken } from './provider/access-token.js';
export { seedDemoAccess, demoAccessSeeded, writeCredentials, demoOrganizations, demoSystemId, demoConsentId, publishedTestBusinesses, pendingTestBusiness, type DemoAccess, type DemoClientFile, type DemoBankFile, type SeedDemoAccessOptions } from './demo-access.js';
export { registerClient, generateClientKey, ClientRegistrationError, type RegisteredClient } from './maskinporten/clients.js';
export { rotateSigningKey } from './maskinporten/signing-keys.js';
export { signGrant, requestToken, tokenRequestBody, TokenRequestError, type GrantRequest } from './maskinporten/client-grant.js';
export { maskinportenIssuer, partyFromUrn, partyUrn, scopes } from './identifiers.js';
export { createBuiltInIdporten, type BuiltInIdporten } from './idporten/built-in.js';
export { idportenPlugin, type IdportenPluginOptions } from './idporten/plugin.js';
export {
  findPerson,
  mayManageAccess,
  registrerPersonRoller,
  representanterFor,
  representasjonFor,
  virksomheterForPerson,
  type Person,
  type PersonRolleInput,
  type Representant,
  type Representasjon,
  type Representasjonsgrunnlag,
} from './representation/person-roles.js';
export type { PersonRolle } from './representation/tables.js';
// What Min side's "Systemtilganger" calls: the functions behind the /altinn HTTP API.
export type { AltinnContext } from './altinn/context.js';
export type { AltinnActor } from './altinn/change-log.js';
export { AltinnProblem } from './altinn/problem.js';
export { accessTitle } from './altinn/resource-registry.js';
export { answerRequest } from './altinn/requests.js';
export { createSystemUserForParty, deleteSystemUser } from './altinn/system-users.js';
export { approvedSystemUserForClient } from './altinn/sandbox-system-user.js';
export { answerConsentRequest, revokeConsent } from './altinn/consents.js';
// What the approval pages at `confirmUrl` and `viewUri` call (decisions 0156, 0157).
export { approvalKindAt, approvalKinds, approvalPages, type ApprovalKind } from './altinn/approval-pages.js';
export { approvalRequest, answerApprovalRequest, type ApprovalRequest, type ApprovalStatus } from './altinn/approval-requests.js';
export { redirectAfterAnswer } from './altinn/approval-redirect.js';
export {
  partyAccessOverview,
  type PartyAccessOverview,
  type PartyConsent,
  type PartyRequest,
  type PartySystemUser,
  type SystemSummary,
} from './altinn/party-overview.js';
