import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../domain/clock.js';
import { limits } from '../../domain/limits.js';
import { lookupConsent, type ConsentDetails } from '../altinn/consents.js';
import type { AltinnContext } from '../altinn/context.js';
import type { CachedAccessReads } from '../altinn/cached-access-reads.js';
import { iso6523, maskinportenIssuer, systemUserDetailsType } from '../identifiers.js';
import { signRs256Jwt } from '../rs256-jwt.js';
import type { ClientKeyCache } from './client-key-cache.js';
import { checkGrantClaims, readGrant, verifyGrantSignature, type CheckedGrant, type GrantForm } from './grant.js';
import { GrantError, invalidGrant } from './grant-error.js';
import { signingAlgorithm, type SigningKeyStore } from './signing-keys.js';
import type { UsedGrants } from './used-grants.js';

/** The token endpoint's answer (spec §3.4). */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

export interface SystemUserTokenDetails {
  type: typeof systemUserDetailsType;
  systemuser_org: { authority: string; ID: string };
  systemuser_id: string[];
  system_id: string;
}

export interface TokenServiceDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly publicUrl: string;
  readonly keys: SigningKeyStore;
  readonly usedGrants: UsedGrants;
  readonly clients: ClientKeyCache;
  /** The system user or consent a grant names, kept until a write takes it away. */
  readonly reads: CachedAccessReads;
}

/**
 * `POST /token` (spec §3.6): authenticate the client by its grant, check the grant, ask Altinn
 * about the system user or consent it names, and mint a token with exactly Maskinporten's claims.
 * Every refusal is a `GrantError` that says which check failed.
 */
export async function issueToken(deps: TokenServiceDeps, form: GrantForm): Promise<TokenResponse> {
  const issuer = maskinportenIssuer(deps.publicUrl);
  const grant = readGrant(form);
  const client = await deps.clients.find(grant.clientId, grant.kid);
  if (!client) throw invalidGrant('MP-100', `klient "${grant.clientId.slice(0, 100)}" finnes ikke i denne Maskinporten (${issuer}); iss må være client_id fra kob clients create (Client not found)`);
  if (!client.key) throw invalidGrant('MP-124', `kid "${grant.kid.slice(0, 100)}" er ikke registrert på klient ${client.clientId}; bruk kid fra registreringen (unknown kid)`);
  const nowMs = deps.clock.nowEpochMs();
  if (client.key.expiresAt.getTime() <= nowMs) throw invalidGrant('MP-121', `nøkkelen ${grant.kid} på klient ${client.clientId} er utløpt; registrer en ny nøkkel (registered key expired)`);
  const claims = await verifyGrantSignature(grant, client.key.publicJwk);
  const nowSeconds = Math.floor(nowMs / 1000);
  const checked = checkGrantClaims(grant, claims, { issuer, nowSeconds, clientScopes: client.scopes });
  const altinn: AltinnContext = { db: deps.db, clock: deps.clock, publicUrl: deps.publicUrl };
  // Independent reads and the one write run together; a replay still wins over an Altinn refusal.
  const [firstUse, resolved] = await Promise.all([
    deps.usedGrants.markUsed(client.clientId, checked.jti, checked.expSeconds + limits.clockSkewSeconds),
    resolveDetails(altinn, deps.reads, checked, client).then(
      (details) => ({ details }),
      (error: unknown) => ({ error }),
    ),
  ]);
  if (!firstUse) throw invalidGrant('MP-012', 'grantet er brukt før; lag et nytt grant med ny jti for hvert token (Grant is used before)');
  if ('error' in resolved) throw resolved.error;
  const details = resolved.details;
  const key = await deps.keys.activeKey();
  const lifetimeSeconds = limits.accessTokenLifetimeSeconds;
  // Claim order and names as in Maskinporten's published tokens (spec §3.5).
  const payload = {
    ...(details ? { authorization_details: [details] } : {}),
    scope: checked.scopes.join(' '),
    iss: issuer,
    client_amr: 'private_key_jwt',
    token_type: 'Bearer',
    exp: nowSeconds + lifetimeSeconds,
    iat: nowSeconds,
    client_id: client.clientId,
    jti: randomBytes(32).toString('base64url'),
    consumer: iso6523(client.org),
    ...(checked.audience ? { aud: checked.audience.length === 1 ? checked.audience[0] : [...checked.audience] } : {}),
  };
  const accessToken = await signRs256Jwt({ kid: key.kid, alg: signingAlgorithm }, payload, key.privateKeyObject);
  // Maskinporten answers one second less than the token lives (decision 0016).
  return { access_token: accessToken, token_type: 'Bearer', expires_in: lifetimeSeconds - 1, scope: payload.scope };
}

async function resolveDetails(
  altinn: AltinnContext,
  reads: CachedAccessReads,
  checked: CheckedGrant,
  client: { clientId: string; org: string },
): Promise<SystemUserTokenDetails | ConsentDetails | undefined> {
  const detail = checked.detail;
  if (!detail) return undefined;
  if (detail.type === systemUserDetailsType) {
    const found = await reads.systemUser({ clientId: client.clientId, vendorOrgnr: client.org, ownerOrgnr: detail.ownerOrgnr, externalRef: detail.externalRef });
    if (!found.found) throw new GrantError('invalid_altinn_customer_configuration', 'MP-303', found.reason);
    return { type: systemUserDetailsType, systemuser_org: iso6523(detail.ownerOrgnr), systemuser_id: [found.systemUserId], system_id: found.systemId };
  }
  const consent = await lookupConsent(altinn, { id: detail.id, from: detail.from, consumerOrgnr: client.org }, reads.consentRow);
  if (!consent.found) throw new GrantError('invalid_authorization_details', 'MP-303', consent.reason);
  return consent.details;
}
