import { compactVerify, createRemoteJWKSet, decodeJwt, decodeProtectedHeader, type CryptoKey, type JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';
import type { Clock } from '../../domain/clock.js';
import { limits } from '../../domain/limits.js';
import { iso6523Authority, orgnrFromIso6523Id } from '../identifiers.js';
import type { SigningKeyStore } from '../maskinporten/signing-keys.js';
import { cacheMetrics } from '../../metrics/registry.js';

/**
 * Validation of a Maskinporten access token by the API provider (spec §6 steps 2–9). Tokens from
 * our own token server verify against our keys in the database (cached; an unknown kid is looked
 * up again, so a rotation in another process is seen); tokens from a configured external
 * Maskinporten verify against its JWKS, cached and refetched on an unknown kid.
 */
export const accessTokenAlgorithms = ['RS256', 'RS384', 'RS512'] as const;
/** Spec §3.1: resource servers cache Maskinporten's JWKS for about a day. */
export const externalJwksCacheSeconds = 24 * 60 * 60;
export const externalJwksCooldownSeconds = 30;
/**
 * Verified tokens kept per process, by the token itself, until they expire. A token cannot be
 * revoked (a retired signing key stays published until its last token has expired), so what a
 * verification found stays true until `exp`, which is checked again on every use. Keyed by the
 * token rather than a hash of it, since hashing a kilobyte cost more than the rest of the check;
 * bounded by bytes instead, counting the token and about a kilobyte for what was found in it:
 * some 40 000 tokens, as many as 10 000 customers' consent tokens renewed every two minutes.
 */
const verifiedTokensBytesMax = 96 * 1024 * 1024;
const verifiedTokenEntryBytes = 1024;

export interface VerifiedAccessToken {
  readonly issuer: string;
  readonly clientId: string;
  readonly consumerOrgnr: string;
  readonly scopes: readonly string[];
  /** Always an array (Altinn localtest emits a single object). */
  readonly authorizationDetails: readonly Record<string, unknown>[];
  readonly expSeconds: number;
}

export type TokenVerification = { readonly ok: true; readonly token: VerifiedAccessToken } | { readonly ok: false; readonly reason: string };

type KeyResolver = (header: { alg: string; kid: string }, token: string) => Promise<CryptoKey | undefined>;

export interface ExternalIssuer {
  readonly issuer: string;
  readonly jwksUrl: string;
}

/** An issuer whose keys are ours, in the database. */
export interface OwnIssuer {
  readonly issuer: string;
  readonly keys: SigningKeyStore;
}

export class AccessTokenVerifier {
  readonly #issuers = new Map<string, KeyResolver>();
  readonly #ownIssuer: string;
  readonly #verified = new LRUCache<string, VerifiedAccessToken>({
    maxSize: verifiedTokensBytesMax,
    sizeCalculation: (_token, key) => key.length + verifiedTokenEntryBytes,
  });
  readonly #metrics = cacheMetrics('tilgangstoken');

  /**
   * `exchanged`: also accept tokens our Altinn issued in exchange for a Maskinporten token
   * (the Altinn routes do; the APIs of Skatteetaten take Maskinporten's only).
   */
  constructor(
    private readonly clock: Clock,
    ownIssuer: OwnIssuer,
    external: ExternalIssuer | undefined,
    exchanged?: OwnIssuer,
  ) {
    this.#ownIssuer = ownIssuer.issuer;
    this.#issuers.set(ownIssuer.issuer, (header) => ownIssuer.keys.publicKey(header.kid));
    if (exchanged) this.#issuers.set(exchanged.issuer, (header) => exchanged.keys.publicKey(header.kid));
    if (external) {
      const jwks = createRemoteJWKSet(new URL(external.jwksUrl), {
        cacheMaxAge: externalJwksCacheSeconds * 1000,
        cooldownDuration: externalJwksCooldownSeconds * 1000,
        timeoutDuration: 5000,
      });
      this.#issuers.set(external.issuer, async (header, token) => {
        try {
          return (await jwks(header, { payload: '', signature: '', protected: token.split('.')[0] ?? '' })) as CryptoKey;
        } catch {
          return undefined;
        }
      });
    }
  }

  /** The issuers whose tokens are accepted (ours first). */
  get trustedIssuers(): string[] {
    return [...this.#issuers.keys()];
  }

  isOwnIssuer(issuer: string): boolean {
    return issuer === this.#ownIssuer;
  }

  async verify(authorizationHeader: string | undefined): Promise<TokenVerification> {
    const bearer = bearerToken(authorizationHeader);
    if (!bearer.ok) return bearer;
    const { token } = bearer;
    const cached = this.#verified.get(token);
    if (cached !== undefined && this.#unexpired(cached)) {
      this.#metrics.hit();
      return { ok: true, token: cached };
    }
    this.#metrics.miss();
    const verification = await this.#verify(token);
    if (verification.ok) {
      this.#verified.set(token, verification.token);
      this.#metrics.size(this.#verified.size);
    } else if (cached !== undefined) {
      this.#verified.delete(token);
    }
    return verification;
  }

  /**
   * `verify`'s answer when it needs no work: a token already verified and not expired, or a
   * header that holds no bearer token; otherwise undefined. Synchronous, so an API call with a
   * known token spends no promise on it.
   */
  verifyKnown(authorizationHeader: string | undefined): TokenVerification | undefined {
    const bearer = bearerToken(authorizationHeader);
    if (!bearer.ok) return bearer;
    const cached = this.#verified.get(bearer.token);
    if (cached === undefined || !this.#unexpired(cached)) return undefined;
    this.#metrics.hit();
    return { ok: true, token: cached };
  }

  #unexpired(token: VerifiedAccessToken): boolean {
    return token.expSeconds > Math.floor(this.clock.nowEpochMs() / 1000) - limits.clockSkewSeconds;
  }

  async #verify(token: string): Promise<TokenVerification> {
    let header: ReturnType<typeof decodeProtectedHeader>;
    let unverified: JWTPayload;
    try {
      header = decodeProtectedHeader(token);
      unverified = decodeJwt(token);
    } catch {
      return deny('tokenet er ikke et JWT (token is not a JWT)');
    }
    // Step 3: JOSE header.
    if (!accessTokenAlgorithms.includes(header.alg as (typeof accessTokenAlgorithms)[number])) {
      return deny(`tokenets alg "${String(header.alg)}" er ikke tillatt; Maskinporten signerer med RS256 (alg not allowed)`);
    }
    if (typeof header.kid !== 'string' || header.kid === '') return deny('tokenet mangler kid i headeren (no kid)');
    // Steps 4 and 5: issuer and signature, against that issuer's keys only.
    const resolveKey = typeof unverified.iss === 'string' ? this.#issuers.get(unverified.iss) : undefined;
    if (!resolveKey) return deny(`tokenets issuer "${String(unverified.iss).slice(0, 200)}" er ikke betrodd; godtatt: ${this.trustedIssuers.join(', ')} (untrusted issuer)`);
    const key = await resolveKey({ alg: header.alg!, kid: header.kid }, token);
    if (!key) return deny(`ukjent kid "${header.kid.slice(0, 100)}" for issuer ${unverified.iss} (unknown signing key)`);
    let claims: JWTPayload;
    try {
      const verified = await compactVerify(token, key, { algorithms: [header.alg!] });
      claims = JSON.parse(new TextDecoder().decode(verified.payload)) as JWTPayload;
    } catch {
      return deny('signaturen på tokenet er ugyldig (invalid signature)');
    }
    return checkClaims(claims, Math.floor(this.clock.nowEpochMs() / 1000));
  }
}

/** Steps 6, 7 and 9: lifetime, no audience, a well-formed consumer. Scope is checked by the caller. */
function checkClaims(claims: JWTPayload, nowSeconds: number): TokenVerification {
  const skew = limits.clockSkewSeconds;
  if (typeof claims.exp !== 'number') return deny('tokenet mangler exp (no expiry)');
  if (claims.exp <= nowSeconds - skew) return deny(`tokenet utløp for ${nowSeconds - claims.exp} s siden; hent et nytt (token expired)`);
  if (typeof claims.iat !== 'number' || claims.iat > nowSeconds + skew) return deny('tokenets iat mangler eller ligger fram i tid (token not yet valid)');
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > nowSeconds + skew)) return deny('tokenets nbf ligger fram i tid (token not yet valid)');
  if (claims.aud !== undefined) {
    return deny(`tokenet har audience ${JSON.stringify(claims.aud).slice(0, 200)}; Skatteetatens API-er forventer ingen aud — ikke send resource i grantet (unexpected audience)`);
  }
  const consumer = claims.consumer as { authority?: unknown; ID?: unknown } | undefined;
  const consumerOrgnr = consumer?.authority === iso6523Authority ? orgnrFromIso6523Id(consumer.ID) : undefined;
  if (!consumerOrgnr) return deny('tokenets consumer må være {"authority":"iso6523-actorid-upis","ID":"0192:<orgnr>"} (invalid consumer)');
  if (typeof claims.client_id !== 'string') return deny('tokenet mangler client_id');
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter((scope) => scope !== '') : [];
  const details = claims.authorization_details;
  const authorizationDetails = (Array.isArray(details) ? details : details === undefined ? [] : [details]).filter(
    (element): element is Record<string, unknown> => typeof element === 'object' && element !== null,
  );
  return { ok: true, token: { issuer: claims.iss!, clientId: claims.client_id, consumerOrgnr, scopes, authorizationDetails, expSeconds: claims.exp } };
}

function deny(reason: string): TokenVerification {
  return { ok: false, reason };
}

/** Step 2: a bearer token is present (and not too large to look at). */
function bearerToken(authorizationHeader: string | undefined): { ok: true; token: string } | { ok: false; reason: string } {
  const match = /^Bearer +(\S+)$/i.exec(authorizationHeader?.trim() ?? '');
  if (!match) return { ok: false, reason: 'Authorization-headeren mangler "Bearer <Maskinporten-token>" (no bearer token)' };
  const token = match[1]!;
  if (token.length > limits.jwtBytesMax) return { ok: false, reason: `tokenet er større enn ${limits.jwtBytesMax} byte (token too large)` };
  return { ok: true, token };
}
