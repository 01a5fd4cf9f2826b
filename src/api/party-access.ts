import type { IncomingHttpHeaders } from 'node:http';
import { rettighetspakkeForToken, type AccessChecker, type AccessGranted, type Rettighetspakke, type VerifiedAccessToken } from '../auth/index.js';

/**
 * The provider check for the calendar surfaces (decision 0058), whose URLs name no rights
 * package: the token decides. A system-user token is checked by the decision point for the
 * party (resource `ske-krav-og-betalinger`, action read, directly or by client delegation); any
 * other token needs a consent from the party (Altinn 3 in the token, or Altinn 2 in the
 * `AltinnSamtykke` header). Every party of a request must pass.
 */
export type Caller = { readonly ok: true; readonly token: VerifiedAccessToken } | { readonly ok: false; readonly reason: string };

export interface PartyRefusal {
  readonly partIdentifikator: string;
  /** Plain language from the access check: which check failed and what to do. */
  readonly reason: string;
  /** How the token tried: through a system user (`regnskapssystem`), a consent (`finans`), or neither. */
  readonly mechanism: Rettighetspakke | undefined;
}

/** The token part (signature, issuer, lifetime, scope): refused → 401 on every surface. */
export async function authenticateCaller(checker: AccessChecker, authorizationHeader: string | undefined, scope: string): Promise<Caller> {
  const caller = await checker.authenticate(authorizationHeader, scope);
  return caller.granted ? { ok: true, token: caller.token } : { ok: false, reason: caller.reason };
}

export interface PartiesDecision {
  /** One per party the token may read. */
  readonly granted: readonly AccessGranted[];
  /** The parties it may not read, in the order given (none: access to all). */
  readonly refused: readonly PartyRefusal[];
}

export async function authorizeParties(
  checker: AccessChecker,
  token: VerifiedAccessToken,
  parties: readonly string[],
  headers: Readonly<IncomingHttpHeaders>,
): Promise<PartiesDecision> {
  const samtykke = typeof headers.altinnsamtykke === 'string' ? headers.altinnsamtykke : undefined;
  const mechanism = rettighetspakkeForToken(token, samtykke);
  if (mechanism === undefined) {
    return { granted: [], refused: parties.map((partIdentifikator) => ({ partIdentifikator, reason: neitherReason, mechanism })) };
  }
  const decisions = await Promise.all(
    parties.map((partIdentifikator) => checker.authorize(token, { rettighetspakke: mechanism, partIdentifikator, altinnSamtykkeHeader: samtykke })),
  );
  return {
    granted: decisions.flatMap((decision) => (decision.granted ? [decision] : [])),
    refused: decisions.flatMap((decision, index) => (decision.granted ? [] : [{ partIdentifikator: parties[index]!, reason: decision.reason, mechanism }])),
  };
}

const neitherReason =
  'tokenet har verken systembruker eller samtykke: be om authorization_details {"type":"urn:altinn:systemuser",…} for en systembruker, ' +
  'eller {"type":"urn:altinn:consent",…} for et samtykke fra parten (eller send AltinnSamtykke-headeren)';

/** Who acted, in words, for the records the business sees (subscriptions). */
export function callerDescription(access: AccessGranted): string {
  if (access.systemUserId !== undefined) return `API: ${access.consumerOrgnr} med systembruker ${access.systemUserId}`;
  return `API: ${access.consumerOrgnr} med samtykke ${access.consentId ?? ''}`.trimEnd();
}
