import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { scopes } from '../../auth/index.js';
import type { LocalDate } from '../../domain/dates.js';
import { accessHooks, type PartyAccessChecker } from '../access-hooks.js';
import type { BodyCache } from '../body-cache.js';
import { cacheControl, isNotModified, weakEtag } from '../etag.js';
import { negotiateFormat } from '../negotiation.js';
import { syncHook } from '../sync-hook.js';
import type { RequestClock } from '../sandbox-headers.js';
import { bodyWriter, mediaTypes, type MediaFormat } from '../serialization.js';
import type { KravOgBetalingerData, PartQuery } from './data.js';
import { endpoints, type Endpoint } from './endpoints.js';
import { apiErrors } from './errors.js';
import { operationDocs } from './openapi-docs.js';
import { ApiHeaders, isRettighetspakke, PartParams, PeriodeQuery } from './parameters.js';
import { resolvePeriode, type ResolvedPeriode } from './period.js';

/**
 * The four GET routes and the order of checks of spec §6, one lifecycle stage each:
 *
 *   onRequest      route (KB-003: unknown rettighetspakke) → Accept (KB-008)
 *   preValidation  token (KB-004), scope `skatteetaten:kravogbetalinger`
 *   validation     path and query schemas (KB-006)
 *   preHandler     period rules (KB-006) → the rights package's rule for the party (KB-005):
 *                  `regnskapssystem` a system user, `finans` a consent (src/api/access-hooks.ts)
 *   handler        ETag/304 → data (KB-009 unknown party, KB-007 empty period, KB-002 failure)
 *
 * Unknown paths never reach a route: the plugin's not-found handler answers KB-003.
 */
export interface RouteOptions {
  /** The business date of each request (the sandbox may move it). */
  readonly clockOf: RequestClock;
  readonly checker: PartyAccessChecker;
  readonly data: KravOgBetalingerData;
  /** Serialized bodies by ETag, when the server keeps them. */
  readonly bodies?: BodyCache | undefined;
}

/** What the early stages learned about a request, for the later ones. */
interface RequestState {
  /** The business date, read once so the period defaults and the view agree. */
  readonly asOf: LocalDate;
  readonly format: MediaFormat;
  periode: ResolvedPeriode | undefined;
}

export function registerRoutes(app: FastifyInstance, options: RouteOptions): void {
  const states = new WeakMap<FastifyRequest, RequestState>();
  const stateOf = (request: FastifyRequest): RequestState => {
    const state = states.get(request);
    if (state === undefined) throw new Error('request state is set in onRequest');
    return state;
  };

  const checkRouteAndAccept = syncHook((request) => {
    const { rettighetspakke } = request.params as { rettighetspakke: string };
    if (!isRettighetspakke(rettighetspakke)) throw apiErrors.unknownRettighetspakke(rettighetspakke);
    const format = negotiateFormat(request.headers.accept);
    if (format === undefined) throw apiErrors.notAcceptable(request.headers.accept ?? '');
    states.set(request, { asOf: options.clockOf(request).today(), format, periode: undefined });
  });

  const access = accessHooks({
    checker: options.checker,
    scope: scopes.kravOgBetalinger,
    parties: (request) => [(request.params as PartParams).partIdentifikator],
    rettighetspakke: (request) => (request.params as PartParams).rettighetspakke,
    authenticationError: apiErrors.authentication,
    authorizationError: (refused) => apiErrors.authorization(refused[0]!.reason),
  });

  const checkPeriod = syncHook((request) => {
    const state = stateOf(request);
    const result = resolvePeriode(request.query as PeriodeQuery, state.asOf);
    if (!result.ok) throw apiErrors.invalidInput(result.melding);
    state.periode = result.periode;
  });

  for (const endpoint of endpoints) {
    app.get(
      `/:rettighetspakke/:partIdentifikator/${endpoint.path}`,
      {
        schema: {
          params: PartParams,
          ...(endpoint.period ? { querystring: PeriodeQuery } : {}),
          headers: ApiHeaders,
          ...operationDocs(endpoint),
        },
        onRequest: checkRouteAndAccept,
        preValidation: access.authenticate,
        // Only the period endpoints have a period to check (KB-006 before KB-005, spec §6).
        preHandler: endpoint.period ? [checkPeriod, access.authorize] : [access.authorize],
      },
      async (request, reply) => {
        const state = stateOf(request);
        const params = request.params as PartParams;
        const query: PartQuery = { rettighetspakke: params.rettighetspakke, partIdentifikator: params.partIdentifikator, asOf: state.asOf };
        return respond(request, reply, endpoint, query, state, options);
      },
    );
  }
}

async function respond(
  request: FastifyRequest,
  reply: FastifyReply,
  endpoint: Endpoint,
  partQuery: PartQuery,
  state: RequestState,
  { data, bodies }: RouteOptions,
): Promise<FastifyReply> {
  const periode = state.periode;
  const ticket = bodies?.ticket() ?? 0;
  const version = await fromBackend(request, () => data.version?.(partQuery) ?? Promise.resolve(undefined));
  if (version !== undefined) {
    const etag = viewEtag(version, partQuery, endpoint.path, periode, state.format);
    reply.headers(viewCacheHeaders(etag));
    if (isNotModified(request.headers, etag)) return reply.code(304).send();
    const cached = bodies?.get(etag);
    if (cached !== undefined) return reply.type(mediaTypes[state.format]).send(cached);
  }

  const lookup = await fromBackend(request, () => endpoint.read(data, partQuery, periode));
  if (lookup.kind === 'unknownParty') throw apiErrors.unknownParty(partQuery.partIdentifikator);
  const emptyNoun = endpoint.emptyPeriodNoun(lookup.body);
  if (emptyNoun !== undefined && periode !== undefined) {
    throw apiErrors.nothingInPeriod(emptyNoun, partQuery.partIdentifikator, periode.fraOgMed, periode.tilOgMed);
  }
  const body = bodyWriter(endpoint.schema, state.format)(lookup.body);
  const etag = reply.getHeader('ETag');
  if (typeof etag === 'string') bodies?.set(etag, body, ticket);
  return reply.headers(viewCacheHeaders(undefined)).type(mediaTypes[state.format]).send(body);
}

/** The caching headers of a view's answer, in the order they are written; the ETag when the view has a version. */
export function viewCacheHeaders(etag: string | undefined): Readonly<Record<string, string>> {
  return { ...(etag === undefined ? {} : { etag }), 'cache-control': cacheControl, vary: 'Accept' };
}

/** The ETag of a view: the data version and everything else the body depends on (decision 0031); the change feed gives the same tag. */
export function viewEtag(version: string, query: PartQuery, endpointPath: string, periode: ResolvedPeriode | undefined, format: MediaFormat): string {
  return weakEtag([
    version,
    query.asOf,
    endpointPath,
    query.rettighetspakke,
    query.partIdentifikator,
    periode === undefined ? '' : `${periode.fraOgMed}/${periode.tilOgMed}`,
    format,
  ]);
}

/** Failures of the data provider are back-end failures (KB-002), logged with their cause. */
export async function fromBackend<T>(request: FastifyRequest, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    request.log.error({ err: error }, 'data provider failed');
    throw apiErrors.backend();
  }
}
