import { importJWK, importPKCS8, SignJWT, type CryptoKey, type JWK } from 'jose';

/**
 * A JWT grant and the token request exactly as Maskinporten documents them
 * (docs.digdir.no: maskinporten_protocol_jwtgrant and maskinporten_protocol_token).
 */
export const grantTypeJwtBearer = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Maskinporten accepts `exp - iat <= 120`; a little less leaves room for clock skew. */
export const grantLifetimeSeconds = 100;

/** The client's private key: a JWK with its `kid`, or a PKCS#8 PEM with the `kid` it was registered under. */
export type Noekkel = JWK | { readonly pem: string; readonly kid: string; readonly alg?: 'RS256' | 'RS384' | 'RS512' | 'ES256' };

/** Whom the token acts for: a customer's system user (regnskapssystem) or a consent (finans). */
export type Fullmakt =
  | { readonly systembruker: { readonly orgnr: string; readonly externalRef?: string } }
  | { readonly samtykke: { readonly id: string; /** Organisation number, fødselsnummer or its Altinn URN. */ readonly fra: string } };

export interface SigningKey {
  readonly key: CryptoKey;
  readonly alg: string;
  readonly kid: string;
}

export async function importNoekkel(noekkel: Noekkel): Promise<SigningKey> {
  if ('pem' in noekkel) {
    const alg = noekkel.alg ?? 'RS256';
    return { key: await importPKCS8(noekkel.pem, alg), alg, kid: noekkel.kid };
  }
  if (typeof noekkel.kid !== 'string' || noekkel.kid === '') throw new TypeError('the JWK needs the kid it was registered under');
  const alg = noekkel.alg ?? (noekkel.kty === 'EC' ? 'ES256' : 'RS256');
  return { key: (await importJWK(noekkel, alg)) as CryptoKey, alg, kid: noekkel.kid };
}

export function authorizationDetails(fullmakt: Fullmakt | undefined): unknown[] | undefined {
  if (fullmakt === undefined) return undefined;
  if ('systembruker' in fullmakt) {
    const { orgnr, externalRef } = fullmakt.systembruker;
    return [{ type: 'urn:altinn:systemuser', systemuser_org: { authority: 'iso6523-actorid-upis', ID: `0192:${orgnr}` }, ...(externalRef ? { externalRef } : {}) }];
  }
  return [{ type: 'urn:altinn:consent', id: fullmakt.samtykke.id, from: partUrn(fullmakt.samtykke.fra) }];
}

/**
 * The consenting party as Altinn names it in `from`: an organisation number (9 digits) or a
 * fødselsnummer (11 digits) becomes its URN; a URN is kept as it is.
 */
export function partUrn(part: string): string {
  if (/^\d{9}$/.test(part)) return `urn:altinn:organization:identifier-no:${part}`;
  if (/^\d{11}$/.test(part)) return `urn:altinn:person:identifier-no:${part}`;
  return part;
}

export interface GrantInput {
  readonly clientId: string;
  readonly audience: string;
  readonly scope: string;
  readonly fullmakt: Fullmakt | undefined;
  readonly nowSeconds: number;
  readonly jti: string;
}

export async function signGrant(key: SigningKey, input: GrantInput): Promise<string> {
  const details = authorizationDetails(input.fullmakt);
  return new SignJWT({ scope: input.scope, ...(details ? { authorization_details: details } : {}) })
    .setProtectedHeader({ alg: key.alg, kid: key.kid })
    .setAudience(input.audience)
    .setIssuer(input.clientId)
    .setIssuedAt(input.nowSeconds)
    .setExpirationTime(input.nowSeconds + grantLifetimeSeconds)
    .setJti(input.jti)
    .sign(key.key);
}

/** The form body in the order Maskinporten's example shows it. */
export function tokenRequestBody(assertion: string): string {
  return new URLSearchParams([
    ['assertion', assertion],
    ['grant_type', grantTypeJwtBearer],
  ]).toString();
}
