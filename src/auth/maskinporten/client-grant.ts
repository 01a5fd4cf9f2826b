import { randomUUID } from 'node:crypto';
import { importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';
import { consentDetailsType, grantTypeJwtBearer, iso6523Authority, systemUserDetailsType } from '../identifiers.js';

/**
 * The client's side of the flow (what `kob token` does, and what a vendor's code does against
 * the real Maskinporten): sign a JWT grant with the client's private key and post it to the token
 * endpoint. Kept here so the CLI, the tests and the benchmark use one implementation.
 */
export interface GrantRequest {
  readonly clientId: string;
  /** The client's private key (RSA, or EC P-256) with its `kid`. */
  readonly jwk: JWK;
  /** The Maskinporten issuer (`…/maskinporten/`), used as `aud`. */
  readonly audience: string;
  readonly scope: string;
  readonly nowSeconds: number;
  readonly systemUserOrg?: string | undefined;
  readonly externalRef?: string | undefined;
  readonly consent?: { readonly id: string; readonly from: string } | undefined;
  readonly lifetimeSeconds?: number;
}

export async function signGrant(request: GrantRequest): Promise<string> {
  const alg = request.jwk.kty === 'EC' ? 'ES256' : 'RS256';
  const key = (await importJWK(request.jwk, alg)) as CryptoKey;
  const details = request.systemUserOrg
    ? [{ type: systemUserDetailsType, systemuser_org: { authority: iso6523Authority, ID: `0192:${request.systemUserOrg}` }, ...(request.externalRef ? { externalRef: request.externalRef } : {}) }]
    : request.consent
      ? [{ type: consentDetailsType, id: request.consent.id, from: request.consent.from }]
      : undefined;
  return new SignJWT({ scope: request.scope, ...(details ? { authorization_details: details } : {}) })
    .setProtectedHeader({ alg, kid: String(request.jwk.kid) })
    .setAudience(request.audience)
    .setIssuer(request.clientId)
    .setIssuedAt(request.nowSeconds)
    .setExpirationTime(request.nowSeconds + (request.lifetimeSeconds ?? 100))
    .setJti(randomUUID())
    .sign(key);
}

export function tokenRequestBody(assertion: string): string {
  return new URLSearchParams({ grant_type: grantTypeJwtBearer, assertion }).toString();
}

export class TokenRequestError extends Error {
  override readonly name = 'TokenRequestError';
  readonly userFacing = true;
}

/** Posts a grant to `tokenEndpoint`; returns the access token or throws with the server's own words. */
export async function requestToken(tokenEndpoint: string, assertion: string): Promise<{ access_token: string; expires_in: number; scope: string }> {
  let response: Response;
  try {
    response = await fetch(tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: tokenRequestBody(assertion),
    });
  } catch (error) {
    throw new TokenRequestError(`fikk ikke kontakt med ${tokenEndpoint}: ${(error as Error).message} (is the server running?)`);
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) throw new TokenRequestError(`${String(body.error ?? response.status)}: ${String(body.error_description ?? response.statusText)}`);
  return body as { access_token: string; expires_in: number; scope: string };
}
