import { createHash } from 'node:crypto';
import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { limits } from '../../domain/limits.js';
import { decodeCanonicalBase64url } from '../base64url.js';
import { consentDetailsType, grantTypeJwtBearer, iso6523Authority, orgnrFromIso6523Id, systemUserDetailsType } from '../identifiers.js';
import { ecGrantAlgorithms, rsaGrantAlgorithms } from './client-key.js';
import { GrantError, invalidGrant, invalidRequest } from './grant-error.js';

/**
 * Reading and checking a JWT grant (RFC 7523) by Maskinporten's rules (spec §3.3 and §3.6 steps
 * 1–6). The checks are pure given the client's key and the time; looking the client up, marking
 * the grant used and resolving `authorization_details` against Altinn happen in the caller.
 */
export const grantAlgorithms = [...rsaGrantAlgorithms, ...ecGrantAlgorithms] as const;
export type GrantAlgorithm = (typeof grantAlgorithms)[number];
export const scopeLengthMax = 1000;
export const jtiLengthMax = 200;

/** Claims Maskinporten documents for a grant; anything else is refused (MP-011), `sub` only if equal to `iss`. */
const knownClaims = new Set(['aud', 'iss', 'iat', 'exp', 'nbf', 'jti', 'scope', 'resource', 'pid', 'consumer_org', 'iss_onbehalfof', 'authorization_details', 'sub']);

export interface GrantForm {
  readonly grant_type?: string | undefined;
  readonly assertion?: string | undefined;
}

/** What can be read from a grant before its signature is checked: enough to find the key. */
export interface UnverifiedGrant {
  readonly assertion: string;
  /**
   * What the signature covers: the header and payload as sent. A grant can only be spelt again
   * in its signature part (and an ECDSA signature has a second valid form), so single use is
   * keyed on this, never on the whole assertion (decision 0077).
   */
  readonly signingInput: string;
  readonly alg: GrantAlgorithm;
  readonly kid: string;
  readonly clientId: string;
}

export function readGrant(form: GrantForm): UnverifiedGrant {
  if (form.grant_type === undefined || form.grant_type === '') throw invalidRequest('MP-011', 'grant_type mangler; send grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer (grant_type is missing)');
  if (form.grant_type !== grantTypeJwtBearer) {
    throw new GrantError('unsupported_grant_type', 'MP-011', `grant_type "${form.grant_type.slice(0, 80)}" støttes ikke; Maskinporten bruker bare ${grantTypeJwtBearer} (only the JWT bearer grant is supported)`);
  }
  const assertion = form.assertion;
  if (assertion === undefined || assertion === '') throw invalidRequest('MP-011', 'assertion mangler; send det signerte JWT-grantet i feltet assertion (assertion is missing)');
  if (Buffer.byteLength(assertion) > limits.jwtBytesMax) throw invalidRequest('MP-011', `assertion er større enn ${limits.jwtBytesMax} byte (assertion too large)`);
  let header: ReturnType<typeof decodeProtectedHeader>;
  let payload: JWTPayload;
  try {
    header = decodeProtectedHeader(assertion);
    payload = decodeJwt(assertion);
  } catch {
    throw invalidRequest('MP-011', 'assertion er ikke et JWT (tre base64url-deler med JSON-header og -payload) (assertion is not a JWT)');
  }
  const segments = assertion.split('.');
  if (segments.length !== 3) throw invalidRequest('MP-011', 'assertion må være et signert JWT (JWS compact), ikke kryptert (assertion must be a signed JWT)');
  if (segments.some((segment) => decodeCanonicalBase64url(segment) === undefined)) {
    throw invalidRequest('MP-011', 'assertion må være base64url uten utfylling, mellomrom eller ekstra biter (the assertion must be canonical unpadded base64url)');
  }
  if (!grantAlgorithms.includes(header.alg as GrantAlgorithm)) {
    throw invalidGrant('MP-124', `alg "${String(header.alg)}" er ikke tillatt; signer grantet med ${grantAlgorithms.join(', ')} og klientens private nøkkel (alg must be one of ${grantAlgorithms.join('/')})`);
  }
  if (typeof header.kid !== 'string' || header.kid === '') {
    const why = header.x5c !== undefined ? 'x5c (virksomhetssertifikat) støttes ikke her; last opp en JWK og send kid' : 'kid mangler i JWT-headeren';
    throw invalidGrant('MP-123', `${why} (the grant header needs the kid of the client's registered key)`);
  }
  if (typeof payload.iss !== 'string' || payload.iss === '') throw invalidGrant('MP-100', 'iss mangler; sett iss til klientens client_id (iss must be the client_id)');
  return { assertion, signingInput: `${segments[0]}.${segments[1]}`, alg: header.alg as GrantAlgorithm, kid: header.kid, clientId: payload.iss };
}

/** Public keys imported once per (alg, key): importing costs more than verifying. */
const importedKeys = new Map<string, CryptoKey>();
const importedKeysMax = 1000;

export async function verifyGrantSignature(grant: UnverifiedGrant, publicJwk: JWK): Promise<JWTPayload> {
  const keyAlgorithms: readonly string[] = publicJwk.kty === 'EC' ? ecGrantAlgorithms : rsaGrantAlgorithms;
  if (!keyAlgorithms.includes(grant.alg)) {
    throw invalidGrant('MP-124', `nøkkelen ${grant.kid} er ${String(publicJwk.kty)} og signerer med ${keyAlgorithms.join(', ')}, ikke ${grant.alg} (alg does not match the registered key)`);
  }
  const publicMembers = publicJwk.kty === 'EC' ? { kty: 'EC', crv: publicJwk.crv, x: publicJwk.x, y: publicJwk.y } : { kty: 'RSA', n: publicJwk.n, e: publicJwk.e };
  const cacheKey = `${grant.alg}:${JSON.stringify(publicMembers)}`;
  let key = importedKeys.get(cacheKey);
  if (!key) {
    key = (await importJWK(publicMembers, grant.alg)) as CryptoKey;
    if (importedKeys.size >= importedKeysMax) importedKeys.clear();
    importedKeys.set(cacheKey, key);
  }
  try {
    const { payload } = await compactVerify(grant.assertion, key, { algorithms: [grant.alg] });
    return JSON.parse(new TextDecoder().decode(payload)) as JWTPayload;
  } catch {
    throw invalidGrant('MP-124', `signaturen på grantet stemmer ikke med nøkkelen ${grant.kid} registrert på klient ${grant.clientId}; signer med den private nøkkelen som hører til (invalid signature)`);
  }
}

export interface GrantClaimsContext {
  readonly issuer: string;
  readonly nowSeconds: number;
  readonly clientScopes: readonly string[];
}

export interface SystemUserDetail {
  readonly type: typeof systemUserDetailsType;
  readonly ownerOrgnr: string;
  readonly externalRef: string | undefined;
}

export interface ConsentDetail {
  readonly type: typeof consentDetailsType;
  readonly id: string;
  readonly from: string;
}

export interface CheckedGrant {
  readonly scopes: readonly string[];
  /** The grant's replay key: its `jti`, or a hash of its signing input when it has none. */
  readonly jti: string;
  readonly expSeconds: number;
  readonly audience: readonly string[] | undefined;
  readonly detail: SystemUserDetail | ConsentDetail | undefined;
}

/** Step 5 and 6 of spec §3.6, plus the shape of `authorization_details` (step 7, MP-301/302/303). */
export function checkGrantClaims(grant: UnverifiedGrant, claims: JWTPayload, ctx: GrantClaimsContext): CheckedGrant {
  const unknown = Object.keys(claims).filter((name) => !knownClaims.has(name));
  if (unknown.length > 0) throw invalidRequest('MP-011', `grantet har claims Maskinporten ikke kjenner: ${unknown.slice(0, 5).join(', ')}; fjern dem (Invalid assertion: unknown claims)`);
  if (claims.sub !== undefined && claims.sub !== grant.clientId) throw invalidRequest('MP-011', 'sub må være lik iss (client_id) eller utelates (sub must equal iss)');
  checkAudience(claims.aud, ctx.issuer);
  const expSeconds = checkLifetime(claims, ctx.nowSeconds);
  if (claims.jti !== undefined && (typeof claims.jti !== 'string' || claims.jti === '' || claims.jti.length > jtiLengthMax)) {
    throw invalidRequest('MP-011', `jti må være en tekst på 1–${jtiLengthMax} tegn (jti must be a short unique string)`);
  }
  for (const unsupported of ['pid', 'consumer_org', 'iss_onbehalfof'] as const) {
    if (claims[unsupported] !== undefined) {
      throw invalidRequest(unsupported === 'consumer_org' ? 'MP-251' : 'MP-011', `${unsupported} støttes ikke i denne sandkassen; Krav og betalinger bruker systembruker eller samtykke (${unsupported} is not supported)`);
    }
  }
  return {
    scopes: checkScopes(claims.scope, ctx.clientScopes, grant.clientId),
    jti: typeof claims.jti === 'string' ? claims.jti : `sha256:${createHash('sha256').update(grant.signingInput).digest('base64url')}`,
    expSeconds,
    audience: readResource(claims.resource),
    detail: readAuthorizationDetails(claims.authorization_details),
  };
}

function checkAudience(aud: unknown, issuer: string): void {
  const values = Array.isArray(aud) ? aud : [aud];
  const [value] = values;
  if (values.length !== 1 || typeof value !== 'string') throw invalidGrant('MP-110', `aud må være én verdi: Maskinportens issuer ${issuer} (aud must be the issuer identifier)`);
  // Altinn's own examples omit the trailing slash: accept both (decision 0016).
  if (value === issuer || value === issuer.replace(/\/$/, '')) return;
  if (value === `${issuer}token`) throw invalidGrant('MP-110', `aud er token-endepunktet; Maskinporten krever issuer-identifikatoren ${issuer} (aud must be the issuer, not the token endpoint)`);
  throw invalidGrant('MP-110', `aud "${value.slice(0, 200)}" er ikke denne Maskinportens issuer ${issuer} (invalid aud; check the environment)`);
}

/** Returns `exp` once `iat`, `exp` and `nbf` pass. */
function checkLifetime(claims: JWTPayload, nowSeconds: number): number {
  const { iat, exp, nbf } = claims;
  if (typeof iat !== 'number' || typeof exp !== 'number' || !Number.isFinite(iat) || !Number.isFinite(exp)) {
    throw invalidGrant('MP-130', 'grantet må ha iat og exp som sekunder siden 1970 (iat and exp are required)');
  }
  const skew = limits.clockSkewSeconds;
  if (iat > nowSeconds + skew) throw invalidGrant('MP-130', `iat ligger ${Math.round(iat - nowSeconds)} s fram i tid; høyst ${skew} s er tillatt — sjekk klokka (Issue time is after now)`);
  if (iat < nowSeconds - skew) throw invalidGrant('MP-130', `iat er ${Math.round(nowSeconds - iat)} s gammel; grantet må lages rett før bruk (høyst ${skew} s) (iat too old; check the clock)`);
  if (exp <= iat) throw invalidGrant('MP-130', 'exp må være etter iat (exp must be after iat)');
  if (exp - iat > limits.grantLifetimeSecondsMax) throw invalidGrant('MP-130', `grantet lever ${exp - iat} s; høyst ${limits.grantLifetimeSecondsMax} s er tillatt (exp - iat must be at most ${limits.grantLifetimeSecondsMax} s)`);
  if (exp <= nowSeconds - skew) throw invalidGrant('MP-130', 'grantet er utløpt (JWT is expired)');
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > nowSeconds + skew)) throw invalidGrant('MP-130', 'nbf ligger fram i tid (grant not yet valid)');
  return exp;
}

function checkScopes(scope: unknown, clientScopes: readonly string[], clientId: string): string[] {
  if (typeof scope !== 'string' || scope.trim() === '' || scope.length > scopeLengthMax) {
    throw new GrantError('invalid_scope', 'MP-200', 'scope mangler; oppgi minst ett scope, mellomromsseparert (at least one scope is required, also with authorization_details)');
  }
  const requested = [...new Set(scope.trim().split(/ +/))];
  const missing = requested.filter((name) => !clientScopes.includes(name));
  if (missing.length > 0) {
    throw new GrantError('invalid_scope', 'MP-200', `klient ${clientId} er ikke registrert for scope ${missing.map((name) => `"${name.slice(0, 100)}"`).join(', ')}; registrerte scopes: ${clientScopes.join(', ')} (Token request contains invalid scopes for client)`);
  }
  return requested;
}

function readResource(resource: unknown): string[] | undefined {
  if (resource === undefined) return undefined;
  const values = Array.isArray(resource) ? resource : [resource];
  if (values.length === 0 || values.length > 5 || values.some((value) => typeof value !== 'string' || !/^https?:\/\/\S{1,500}$/.test(value))) {
    throw invalidRequest('MP-011', 'resource må være en eller flere URL-er (og skal ikke brukes mot Skatteetaten) (resource must be URLs)');
  }
  return values as string[];
}

/** One element, as an array (Maskinporten) or a single object (Altinn localtest) — decision 0016. */
function readAuthorizationDetails(value: unknown): SystemUserDetail | ConsentDetail | undefined {
  if (value === undefined) return undefined;
  const elements = Array.isArray(value) ? value : [value];
  if (elements.length !== 1) throw new GrantError('invalid_authorization_details', 'MP-303', 'authorization_details må ha nøyaktig ett element: én kunde/part per grant (one party per grant)');
  const element = elements[0] as Record<string, unknown>;
  if (typeof element !== 'object' || element === null) throw new GrantError('invalid_authorization_details', 'MP-303', 'authorization_details-elementet må være et JSON-objekt');
  if (element.type === systemUserDetailsType) {
    rejectUnknownFields(element, ['type', 'systemuser_org', 'externalRef']);
    const org = element.systemuser_org as Record<string, unknown> | undefined;
    const orgnr = org && typeof org === 'object' ? orgnrFromIso6523Id(org.ID ?? org.id) : undefined;
    if (!org || org.authority !== iso6523Authority || !orgnr) {
      throw new GrantError('invalid_authorization_details', 'MP-303', `systemuser_org må være {"authority":"${iso6523Authority}","ID":"0192:<orgnr>"} med gyldig organisasjonsnummer (systemuser_org is invalid)`);
    }
    const externalRef = element.externalRef;
    if (externalRef !== undefined && (typeof externalRef !== 'string' || externalRef === '' || externalRef.length > 200)) {
      throw new GrantError('invalid_authorization_details', 'MP-303', 'externalRef må være en tekst på 1–200 tegn');
    }
    return { type: systemUserDetailsType, ownerOrgnr: orgnr, externalRef };
  }
  if (element.type === consentDetailsType) {
    rejectUnknownFields(element, ['type', 'id', 'from']);
    if (typeof element.id !== 'string' || typeof element.from !== 'string') {
      throw new GrantError('invalid_authorization_details', 'MP-303', 'urn:altinn:consent krever id (samtykkets UUID) og from (urn:altinn:organization:identifier-no:<orgnr>)');
    }
    return { type: consentDetailsType, id: element.id.slice(0, 100), from: element.from.slice(0, 200) };
  }
  throw new GrantError('invalid_authorization_details', 'MP-301', `ukjent authorization_details-type "${String(element.type).slice(0, 100)}"; støttet: ${systemUserDetailsType}, ${consentDetailsType} (unknown type)`);
}

function rejectUnknownFields(element: Record<string, unknown>, allowed: readonly string[]): void {
  const unknown = Object.keys(element).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    throw new GrantError('invalid_authorization_details', 'MP-302', `ukjente felt i ${String(element.type)}: ${unknown.slice(0, 5).join(', ')} (unknown fields in authorization_details)`);
  }
}
