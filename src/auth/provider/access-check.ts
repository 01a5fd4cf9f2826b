import { compactVerify, decodeProtectedHeader, decodeJwt, type JWTPayload } from 'jose';
import type { SubscriptionAccess } from '../../kalender/index.js';
import { consentsGivenTo, usableConsent } from '../altinn/consents.js';
import { systemUserParties } from '../altinn/system-users.js';
import type { CachedAccessReads } from '../altinn/cached-access-reads.js';
import type { AltinnContext } from '../altinn/context.js';
import { kravOgBetalingerAltinn2Service, kravOgBetalingerConsentResource, kravOgBetalingerResource } from '../altinn/resource-registry.js';
import { altinnConsentIssuer, consentDetailsType, iso6523Authority, orgnrFromIso6523Id, partyUrn, systemUserDetailsType } from '../identifiers.js';
import { limits } from '../../domain/limits.js';
import type { SigningKeyStore } from '../maskinporten/signing-keys.js';
import { representasjonFor } from '../representation/person-roles.js';
import type { AccessTokenVerifier, TokenVerification, VerifiedAccessToken } from './access-token.js';
import type { DecisionRequest } from '../altinn/decision-point.js';

/**
 * The provider's decision for every protected API (spec §6), in two steps that the APIs' access
 * hooks (src/api/access-hooks.ts) place in their lifecycles: `authenticate` (steps 2–9) and
 * `authorize` (step 12). Each stops at its first failure, so the same request always gets the
 * same answer:
 *
 *  1. (route matching is the API's)
 *  2. a bearer token is present                                        → authentication (KB-004)
 *  3. JOSE header: alg RS256/RS384/RS512, kid present                  → authentication
 *  4. signature against the issuer's keys (ours, or the external JWKS) → authentication
 *  5. issuer is ours or the configured external Maskinporten           → authentication
 *  6. exp present and not passed, iat/nbf not in the future (±10 s)    → authentication
 *  7. no aud (Skatteetaten APIs expect none)                           → authentication
 *  8. scope contains the API's scope                                   → authentication (API spec §5.5)
 *  9. consumer is a valid `0192:<orgnr>`                               → authentication
 * 10. rettighetspakke agreement: every consumer is entitled in the sandbox (decision 0020)
 * 11. (input validation is the API's)
 * 12. per rettighetspakke                                              → authorization (KB-005)
 *     regnskapssystem: a `urn:altinn:systemuser` element; system_id belongs to the consumer;
 *       the decision point permits `read` on `ske-krav-og-betalinger` for the party in the URL
 *       (directly or through client delegation);
 *     finans: an Altinn 3 consent element from the party, to the consumer, unexpired, for
 *       `ske-samtykke-krav-og-betalinger`, and still accepted in Altinn; or else an Altinn 2
 *       consent token in `AltinnSamtykke` with service 5928_202301 from the party.
 *
 * `stillGranted` asks the store-side part of step 12 again, without a token, for an access
 * recorded earlier (a calendar subscription's, decision 0089).
 */
export type Rettighetspakke = 'finans' | 'regnskapssystem';

/** What `authorize` decides on: the party in the URL and how the token may read it. */
export interface AccessRequest {
  readonly rettighetspakke: Rettighetspakke;
  readonly partIdentifikator: string;
  /** An Altinn 2 consent token (the `AltinnSamtykke` header), for `finans`. */
  readonly altinnSamtykkeHeader: string | undefined;
}

export interface AccessGranted {
  readonly granted: true;
  readonly consumerOrgnr: string;
  readonly clientId: string;
  readonly issuer: string;
  readonly partIdentifikator: string;
  readonly mechanism: 'systembruker' | 'samtykke';
  readonly systemUserId?: string;
  readonly consentId?: string;
}

export interface AccessDenied {
  readonly granted: false;
  /** authentication → KB-004 (401); authorization → KB-005 (403). */
  readonly kind: 'authentication' | 'authorization';
  /** Plain language: which check failed and what to do; never a token or a key. */
  readonly reason: string;
}

export type AccessDecision = AccessGranted | AccessDenied;

/** The token part of the check (steps 2–9): usable alone, e.g. before input validation. */
export interface AuthenticatedCaller {
  readonly granted: true;
  readonly token: VerifiedAccessToken;
}

export interface AccessCheckerDeps {
  readonly altinn: AltinnContext;
  /** The decision point and consents, kept until a write takes the access away. */
  readonly reads: CachedAccessReads;
  readonly verifier: AccessTokenVerifier;
  /** Keys of our Altinn 2 consent-token issuer. */
  readonly altinnKeys: SigningKeyStore;
}

export class AccessChecker {
  constructor(private readonly deps: AccessCheckerDeps) {}

  /** Steps 2–9. */
  async authenticate(authorizationHeader: string | undefined, requiredScope: string): Promise<AuthenticatedCaller | AccessDenied> {
    return withScope(await this.deps.verifier.verify(authorizationHeader), requiredScope);
  }

  /** `authenticate`'s answer when it needs no work (a token already verified), else undefined: the usual API call spends no promise on it. */
  authenticateKnown(authorizationHeader: string | undefined, requiredScope: string): AuthenticatedCaller | AccessDenied | undefined {
    const verified = this.deps.verifier.verifyKnown(authorizationHeader);
    return verified === undefined ? undefined : withScope(verified, requiredScope);
  }

  /** Step 12, for a token that passed `authenticate`. */
  async authorize(token: VerifiedAccessToken, request: AccessRequest): Promise<AccessDecision> {
    if (request.rettighetspakke === 'regnskapssystem') {
      const result = await this.#systemUser(token, request.partIdentifikator);
      return result.granted ? granted(token, request, { mechanism: 'systembruker', systemUserId: result.id }) : result;
    }
    const consent = token.authorizationDetails.find((element) => element.type === consentDetailsType);
    const result = consent
      ? await this.#altinn3Consent(token, consent, request.partIdentifikator)
      : request.altinnSamtykkeHeader
        ? await this.#altinn2Consent(token, request.altinnSamtykkeHeader, request.partIdentifikator)
        : authorization(`rettighetspakke finans krever samtykke fra ${request.partIdentifikator}: hent tokenet med authorization_details {"type":"urn:altinn:consent","id":…,"from":"${partyUrn(request.partIdentifikator)}"}, eller send AltinnSamtykke-headeren (no consent)`);
    return result.granted ? granted(token, request, { mechanism: 'samtykke', consentId: result.id }) : result;
  }

  /**
   * `authorize`'s answer when the decision point's Permit for the system user is kept, else
   * undefined (a refusal, a consent and anything not yet asked take the full path).
   */
  authorizeKnown(token: VerifiedAccessToken, request: AccessRequest): AccessGranted | undefined {
    if (request.rettighetspakke !== 'regnskapssystem') return undefined;
    const systemUser = systemUserOfToken(token);
    if (!systemUser.granted) return undefined;
    const permitted = this.deps.reads.knownPermit(systemUserReadRequest(systemUser.systemUserId, request.partIdentifikator));
    return permitted ? granted(token, request, { mechanism: 'systembruker', systemUserId: systemUser.systemUserId }) : undefined;
  }

  /**
   * The parties the token may read in a rights package, each passing `authorize` (the change
   * feed): the system user's owner and its delegated clients, or the parties whose consent to the
   * token's consumer is usable now.
   */
  async readableParties(token: VerifiedAccessToken, rettighetspakke: Rettighetspakke): Promise<{ granted: true; parties: string[] } | AccessDenied> {
    if (rettighetspakke === 'regnskapssystem') {
      const systemUser = systemUserOfToken(token);
      if (!systemUser.granted) return systemUser;
      const candidates = await systemUserParties(this.deps.altinn, systemUser.systemUserId);
      const decisions = await Promise.all(candidates.map((party) => this.#systemUser(token, party)));
      return { granted: true, parties: candidates.filter((_, index) => decisions[index]!.granted) };
    }
    const consents = await consentsGivenTo(this.deps.altinn, token.consumerOrgnr);
    const parties = new Set<string>();
    for (const consent of consents) {
      const stored = await usableConsent(this.deps.altinn, consent.id, this.deps.reads.consentRow);
      const resource = stored.ok && stored.row.generation === 2 ? kravOgBetalingerAltinn2Service : kravOgBetalingerConsentResource;
      if (stored.ok && coversResource(stored.row.consent_rights, resource)) parties.add(stored.row.from_party);
    }
    return { granted: true, parties: [...parties].sort() };
  }

  async #systemUser(token: VerifiedAccessToken, party: string): Promise<{ granted: true; id: string } | AccessDenied> {
    const systemUser = systemUserOfToken(token);
    if (!systemUser.granted) return systemUser;
    const { systemUserId, ownerOrgnr } = systemUser;
    return this.#systemUserMayRead(systemUserId, party, `systembrukeren ${systemUserId} (eid av ${ownerOrgnr})`);
  }

  /**
   * Whether an access recorded when something was made under it still holds for the party: the
   * decision point for a system user (so a deleted system user, a removed client delegation or a
   * lost client role ends it), the stored consent for a consent (revoked or expired ends it), and
   * Min side's rule for a person (decision 0039). An access never recorded holds nothing.
   */
  async stillGranted(tilgang: SubscriptionAccess | null, partIdentifikator: string): Promise<{ granted: true } | AccessDenied> {
    if (tilgang === null) return authorization('tilgangen det ble laget med, er ikke registrert og kan ikke sjekkes (access not recorded)');
    switch (tilgang.kind) {
      case 'systembruker':
        return this.#systemUserMayRead(tilgang.id, partIdentifikator, `systembrukeren ${tilgang.id}`);
      case 'samtykke':
        return this.#storedConsentFrom(tilgang.id, partIdentifikator);
      case 'person':
        return (await representasjonFor(this.deps.altinn.db, tilgang.id, partIdentifikator)) === undefined
          ? authorization(`personen som laget det, kan ikke lenger representere ${partIdentifikator} (no role any more)`)
          : { granted: true };
    }
  }

  /** The decision point's answer to reading the party's claims through a system user (its own, or a delegated client). */
  async #systemUserMayRead(systemUserId: string, party: string, who: string): Promise<{ granted: true; id: string } | AccessDenied> {
    const result = await this.deps.reads.decide(systemUserReadRequest(systemUserId, party));
    if (result.decision !== 'Permit') return authorization(`${who} har ikke tilgang til ${party}: ${result.reason} (PDP: ${result.decision})`);
    return { granted: true, id: systemUserId };
  }

  /** A consent in our store that can be used now (accepted, not revoked, not expired) and is the party's. */
  async #storedConsentFrom(id: string, party: string): Promise<{ granted: true; id: string } | AccessDenied> {
    const stored = await usableConsent(this.deps.altinn, id, this.deps.reads.consentRow);
    if (!stored.ok) return authorization(stored.reason);
    if (stored.row.from_party !== party) return authorization(`samtykke ${id} er gitt av ${stored.row.from_party}, ikke parten ${party} (consent for another party)`);
    return { granted: true, id };
  }

  async #altinn3Consent(token: VerifiedAccessToken, element: Record<string, unknown>, party: string): Promise<{ granted: true; id: string } | AccessDenied> {
    const id = typeof element.id === 'string' ? element.id : '';
    if (element.from !== partyUrn(party)) return authorization(`samtykket ${id} er fra ${String(element.from)}, ikke fra parten ${partyUrn(party)} i URL-en (consent for another party)`);
    const to = element.to as { ID?: unknown } | undefined;
    if (orgnrFromIso6523Id(to?.ID) !== token.consumerOrgnr) return authorization(`samtykket ${id} er gitt til ${String(to?.ID)}, ikke tokenets consumer 0192:${token.consumerOrgnr}`);
    const validToMs = typeof element.validTo === 'string' ? Date.parse(element.validTo) : Number.NaN;
    if (!(validToMs > this.deps.altinn.clock.nowEpochMs())) return authorization(`samtykket ${id} utløp ${String(element.validTo)} (consent expired)`);
    const rights = Array.isArray(element.consentRights) ? (element.consentRights as ConsentRightClaim[]) : [];
    if (!coversResource(rights, kravOgBetalingerConsentResource)) return authorization(`samtykket ${id} gjelder ikke ressursen ${kravOgBetalingerConsentResource} (consent for another resource)`);
    // Our own consents are checked in the store as well, so a revocation takes effect at once.
    // A consent from the external Maskinporten is not in our store: its token is the proof.
    const stored = await usableConsent(this.deps.altinn, id, this.deps.reads.consentRow);
    if (!stored.ok && (stored.known || this.deps.verifier.isOwnIssuer(token.issuer))) return authorization(stored.reason);
    return { granted: true, id };
  }

  async #altinn2Consent(token: VerifiedAccessToken, consentToken: string, party: string): Promise<{ granted: true; id: string } | AccessDenied> {
    const claims = await this.#verifyAltinn2Token(consentToken);
    if (!claims) return authorization('AltinnSamtykke-tokenet er ugyldig (signatur, utsteder altinn.no eller levetid); hent et nytt med authcode (invalid consent token)');
    const code = String(claims.AuthorizationCode);
    const nowSeconds = Math.floor(this.deps.altinn.clock.nowEpochMs() / 1000);
    if (typeof claims.ValidToDate !== 'number' || claims.ValidToDate <= nowSeconds) return authorization(`samtykke ${code} er utløpt (consent expired)`);
    const services = Array.isArray(claims.Services) ? claims.Services : [];
    if (!services.includes(kravOgBetalingerAltinn2Service)) return authorization(`samtykketokenet mangler tjenesten ${kravOgBetalingerAltinn2Service} (wrong service)`);
    if (claims.OfferedBy !== party) return authorization(`samtykket er gitt av ${String(claims.OfferedBy)}, ikke parten ${party} i URL-en (consent for another party)`);
    if (claims.CoveredBy !== token.consumerOrgnr) return authorization(`samtykket er gitt til ${String(claims.CoveredBy)}, ikke tokenets consumer ${token.consumerOrgnr}`);
    return this.#storedConsentFrom(code, party);
  }

  async #verifyAltinn2Token(consentToken: string): Promise<JWTPayload | undefined> {
    try {
      if (consentToken.length > limits.jwtBytesMax) return undefined;
      const header = decodeProtectedHeader(consentToken);
      if (header.alg !== 'RS256' || typeof header.kid !== 'string' || decodeJwt(consentToken).iss !== altinnConsentIssuer) return undefined;
      const key = await this.deps.altinnKeys.publicKey(header.kid);
      if (!key) return undefined;
      const { payload } = await compactVerify(consentToken, key, { algorithms: ['RS256'] });
      const claims = JSON.parse(new TextDecoder().decode(payload)) as JWTPayload;
      const nowSeconds = Math.floor(this.deps.altinn.clock.nowEpochMs() / 1000);
      const skew = limits.clockSkewSeconds;
      if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds - skew) return undefined;
      if (typeof claims.nbf === 'number' && claims.nbf > nowSeconds + skew) return undefined;
      return claims;
    } catch {
      return undefined;
    }
  }
}

/**
 * The rights package a token speaks for where the URL names none (the Kalendertjeneste and the
 * Frister API, decision 0058): a token with a system-user element acts through the system user
 * (`regnskapssystem`); one with a consent element, or sent with an Altinn 2 consent token, through
 * the consent (`finans`); a token with neither speaks for no one (undefined).
 */
export function rettighetspakkeForToken(token: VerifiedAccessToken, altinnSamtykkeHeader: string | undefined): Rettighetspakke | undefined {
  if (token.authorizationDetails.some((element) => element.type === systemUserDetailsType)) return 'regnskapssystem';
  if (altinnSamtykkeHeader !== undefined || token.authorizationDetails.some((element) => element.type === consentDetailsType)) return 'finans';
  return undefined;
}

type ConsentRightClaim = { readonly action?: unknown; readonly resource?: unknown };

/** The consent's rights include `consent` on the resource (an Altinn 3 resource id or an Altinn 2 service code). */
function coversResource(rights: readonly ConsentRightClaim[], resourceValue: string): boolean {
  return rights.some(
    (right) => Array.isArray(right.action) && right.action.includes('consent') && Array.isArray(right.resource) && right.resource.some((resource: { value?: unknown }) => resource.value === resourceValue),
  );
}

/** The system user a token acts through (its `urn:altinn:systemuser` element), of a system of the token's consumer. */
function systemUserOfToken(token: VerifiedAccessToken): { granted: true; systemUserId: string; ownerOrgnr: string } | AccessDenied {
  const element = token.authorizationDetails.find((candidate) => candidate.type === systemUserDetailsType);
  const ids = element?.systemuser_id;
  const systemUserId = Array.isArray(ids) && typeof ids[0] === 'string' ? ids[0] : undefined;
  const org = element?.systemuser_org as { authority?: unknown; ID?: unknown; id?: unknown } | undefined;
  const ownerOrgnr = org?.authority === iso6523Authority ? orgnrFromIso6523Id(org.ID ?? org.id) : undefined;
  if (!element || !systemUserId || typeof element.system_id !== 'string' || !ownerOrgnr) {
    return authorization('rettighetspakke regnskapssystem krever et systembruker-token: be om authorization_details {"type":"urn:altinn:systemuser","systemuser_org":{"authority":"iso6523-actorid-upis","ID":"0192:<orgnr>"}} i grantet (no system user in token)');
  }
  if (!element.system_id.startsWith(`${token.consumerOrgnr}_`)) {
    return authorization(`systemet ${element.system_id} tilhører ikke tokenets consumer ${token.consumerOrgnr} (system of another vendor)`);
  }
  return { granted: true, systemUserId, ownerOrgnr };
}

/** What the decision point is asked for an API call through a system user. */
function systemUserReadRequest(systemUserId: string, party: string): DecisionRequest {
  return { systemUserId, action: 'read', resource: kravOgBetalingerResource, party };
}

function withScope(verified: TokenVerification, requiredScope: string): AuthenticatedCaller | AccessDenied {
  if (!verified.ok) return authentication(verified.reason);
  if (!verified.token.scopes.includes(requiredScope)) {
    return authentication(`tokenet mangler scope ${requiredScope} (har: ${verified.token.scopes.join(' ') || 'ingen'}); be om det i grantet (missing scope)`);
  }
  return { granted: true, token: verified.token };
}

function granted(token: VerifiedAccessToken, request: AccessRequest, how: Pick<AccessGranted, 'mechanism' | 'systemUserId' | 'consentId'>): AccessGranted {
  return { granted: true, consumerOrgnr: token.consumerOrgnr, clientId: token.clientId, issuer: token.issuer, partIdentifikator: request.partIdentifikator, ...how };
}

function authentication(reason: string): AccessDenied {
  return { granted: false, kind: 'authentication', reason };
}

function authorization(reason: string): AccessDenied {
  return { granted: false, kind: 'authorization', reason };
}
