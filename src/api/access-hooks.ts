import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { rettighetspakkeForToken, type AccessChecker, type AccessDenied, type AccessGranted, type AuthenticatedCaller, type Rettighetspakke, type VerifiedAccessToken } from '../auth/index.js';
import { assertInvariant } from '../domain/assert.js';
import type { SubscriptionAccess } from '../kalender/index.js';

/**
 * The provider check as route hooks, one pair for every protected surface: the Krav og
 * betalinger API, the Kalendertjeneste, the Frister API and the calendar subscriptions. Each
 * surface places them in its own lifecycle (`authenticate` before input validation, `authorize`
 * after its own input rules), so every surface keeps its published order of checks, and renders
 * a refusal with its own codes.
 *
 * ```ts
 * const access = accessHooks({ checker, scope: 'skatteetaten:frister', parties: (request) => [request.params.orgnr],
 *   authenticationError: friErrors.authentication, authorizationError: (refused) => friErrors.authorization(refused[0]!) });
 * api.get('/:orgnr', { onRequest: access.authenticate, preHandler: access.authorize }, handler);
 * ```
 */
export type PartyAccessChecker = Pick<AccessChecker, 'authenticate' | 'authorize'> & Partial<Pick<AccessChecker, 'readableParties' | 'authenticateKnown' | 'authorizeKnown'>>;

export interface PartyRefusal {
  readonly partIdentifikator: string;
  /** Plain language from the access check: which check failed and what to do. */
  readonly reason: string;
  /** How the token tried: through a system user (`regnskapssystem`), a consent (`finans`), or neither. */
  readonly mechanism: Rettighetspakke | undefined;
}

export interface AccessHookOptions {
  /** src/auth's provider check (tests of a surface's own rules may give one of the same shape). */
  readonly checker: PartyAccessChecker;
  /** The surface's Maskinporten scope. */
  readonly scope: string;
  /** The parties a request reads, from its validated input. */
  parties(request: FastifyRequest): readonly string[];
  /** The rights package the URL names; without one the token decides (decision 0058). */
  rettighetspakke?(request: FastifyRequest): Rettighetspakke;
  /** The surface's 401 (KB-004, KAL-004, FRI-004). */
  authenticationError(reason: string): Error;
  /** The surface's 403 (KB-005, KAL-005, FRI-005/009) for the parties refused. */
  authorizationError(refused: readonly PartyRefusal[], partyCount: number): Error;
}

/**
 * A hook in Fastify's callback form: when the checker already knows the answer (a token it has
 * verified, a Permit it keeps), the hook finishes without a promise, which is most API calls.
 */
export type AccessHook = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => void;

export interface AccessHooks {
  /** The token: signature, issuer, lifetime, scope. */
  readonly authenticate: AccessHook;
  /** Every party of the request, through a system user or a consent; runs after `authenticate`. */
  readonly authorize: AccessHook;
  /** What `authorize` granted, one per party in the order asked. */
  granted(request: FastifyRequest): readonly AccessGranted[];
  /** The token `authenticate` accepted (for a surface that asks the checker more, like the change feed). */
  token(request: FastifyRequest): VerifiedAccessToken;
}

export function accessHooks(options: AccessHookOptions): AccessHooks {
  const tokens = new WeakMap<FastifyRequest, VerifiedAccessToken>();
  const grants = new WeakMap<FastifyRequest, readonly AccessGranted[]>();
  const tokenOf = (request: FastifyRequest) => {
    const token = tokens.get(request);
    if (token === undefined) throw new Error('runs after authenticate');
    return token;
  };
  const authenticated = (request: FastifyRequest, caller: AuthenticatedCaller | AccessDenied, done: HookHandlerDoneFunction) => {
    if (!caller.granted) {
      // The request logger carries the korrelasjonsid, so support finds the reason from it.
      request.log.info({ kind: caller.kind, reason: caller.reason }, 'tilgang avvist');
      done(options.authenticationError(caller.reason));
      return;
    }
    tokens.set(request, caller.token);
    done();
  };
  const authorized = (request: FastifyRequest, parties: readonly string[], { granted, refused }: PartyDecisions, done: HookHandlerDoneFunction) => {
    if (refused.length > 0) {
      request.log.info({ kind: 'authorization', refused }, 'tilgang avvist');
      done(options.authorizationError(refused, parties.length));
      return;
    }
    grants.set(request, granted);
    done();
  };
  return {
    authenticate: (request, _reply, done) => {
      const header = request.headers.authorization;
      const known = options.checker.authenticateKnown?.(header, options.scope);
      if (known !== undefined) return authenticated(request, known, done);
      options.checker.authenticate(header, options.scope).then((caller) => authenticated(request, caller, done), done);
    },
    authorize: (request, _reply, done) => {
      const token = tokenOf(request);
      const parties = options.parties(request);
      const named = options.rettighetspakke?.(request);
      const known = knownDecisions(options.checker, token, parties, request.headers, named);
      if (known !== undefined) return authorized(request, parties, known, done);
      authorizeParties(options.checker, token, parties, request.headers, named).then((decisions) => authorized(request, parties, decisions, done), done);
    },
    granted: (request) => grants.get(request) ?? [],
    token: tokenOf,
  };
}

export interface PartyDecisions {
  readonly granted: AccessGranted[];
  readonly refused: PartyRefusal[];
}

/** The mechanism a request's rights package or token names, and the AltinnSamtykke header it may carry. */
function accessRequestBase(token: VerifiedAccessToken, headers: IncomingHttpHeaders, named: Rettighetspakke | undefined) {
  const header = headers.altinnsamtykke;
  const altinnSamtykkeHeader = typeof header === 'string' ? header : undefined;
  return { mechanism: named ?? rettighetspakkeForToken(token, altinnSamtykkeHeader), altinnSamtykkeHeader };
}

/** Every party granted from what the checker keeps, or undefined when any needs the full check. */
export function knownDecisions(
  checker: PartyAccessChecker,
  token: VerifiedAccessToken,
  parties: readonly string[],
  headers: IncomingHttpHeaders,
  named: Rettighetspakke | undefined,
): PartyDecisions | undefined {
  if (checker.authorizeKnown === undefined) return undefined;
  const { mechanism, altinnSamtykkeHeader } = accessRequestBase(token, headers, named);
  if (mechanism === undefined) return undefined;
  const granted: AccessGranted[] = [];
  for (const partIdentifikator of parties) {
    const decision = checker.authorizeKnown(token, { rettighetspakke: mechanism, partIdentifikator, altinnSamtykkeHeader });
    if (decision === undefined) return undefined;
    granted.push(decision);
  }
  return { granted, refused: [] };
}

async function authorizeParties(
  checker: PartyAccessChecker,
  token: VerifiedAccessToken,
  parties: readonly string[],
  headers: IncomingHttpHeaders,
  named: Rettighetspakke | undefined,
): Promise<PartyDecisions> {
  const { mechanism, altinnSamtykkeHeader } = accessRequestBase(token, headers, named);
  if (mechanism === undefined) {
    return { granted: [], refused: parties.map((partIdentifikator) => ({ partIdentifikator, reason: neitherReason, mechanism })) };
  }
  const decisions = await Promise.all(parties.map((partIdentifikator) => checker.authorize(token, { rettighetspakke: mechanism, partIdentifikator, altinnSamtykkeHeader })));
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

/** The access a grant was made under, recorded with what the caller makes (a subscription, decision 0089). */
export function grantedAccess(access: AccessGranted): SubscriptionAccess {
  if (access.mechanism === 'systembruker') {
    assertInvariant(access.systemUserId !== undefined, 'a system-user grant names its system user');
    return { kind: 'systembruker', id: access.systemUserId };
  }
  assertInvariant(access.consentId !== undefined, 'a consent grant names its consent');
  return { kind: 'samtykke', id: access.consentId };
}
