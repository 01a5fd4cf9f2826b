import type { IncomingMessage, ServerResponse } from 'node:http';
import { scopes } from '../../auth/index.js';
import type { Clock } from '../../domain/clock.js';
import { knownDecisions, type PartyAccessChecker } from '../access-hooks.js';
import { createApiAjv } from '../ajv.js';
import type { BodyCache } from '../body-cache.js';
import { korrelasjonsidFrom, korrelasjonsidHeader } from '../correlation.js';
import { isNotModified } from '../etag.js';
import type { FastLane, FastLanes } from '../fast-lane.js';
import { negotiateFormat } from '../negotiation.js';
import { forretningsdatoHeader, testscenarioHeader } from '../sandbox-headers.js';
import { mediaTypes } from '../serialization.js';
import type { KravOgBetalingerData } from './data.js';
import { endpoints, type Endpoint } from './endpoints.js';
import { PartParams } from './parameters.js';
import { resolvePeriode, type ResolvedPeriode } from './period.js';
import { viewCacheHeaders, viewEtag } from './routes.js';

export interface KravOgBetalingerLaneOptions {
  readonly lanes: FastLanes;
  /** The API's path prefixes. */
  readonly prefixes: readonly string[];
  readonly clock: Clock;
  readonly checker: PartyAccessChecker;
  readonly data: KravOgBetalingerData;
  readonly bodies: BodyCache;
  readonly newKorrelasjonsid: () => string;
}

/**
 * The polled call whose answer is kept (src/api/fast-lane.ts): `GET {prefix}/{rettighetspakke}/{part}/{endpoint}`
 * without a query, from a token already verified, for a party already granted, with the party's
 * version and the body (or a matching `If-None-Match`) in memory. The checks are the routes' own
 * (routes.ts), in their order, through the same functions; whatever they could not settle from
 * memory, or would refuse, goes to Fastify, which answers and logs it as always.
 */
export function kravOgBetalingerLane(options: KravOgBetalingerLaneOptions): FastLane {
  const { lanes, clock, checker, data, bodies } = options;
  const routes = new Map<string, { endpoint: Endpoint; route: string }>();
  for (const prefix of options.prefixes) {
    for (const endpoint of endpoints) routes.set(`${prefix}/${endpoint.path}`, { endpoint, route: `${prefix}/:rettighetspakke/:partIdentifikator/${endpoint.path}` });
  }
  return {
    answer(request: IncomingMessage, response: ServerResponse, startMs: number): boolean {
      const target = parseTarget(request.url ?? '');
      if (target === undefined) return false;
      const known = routes.get(`${target.prefix}/${target.endpointPath}`);
      const headers = request.headers;
      const params: unknown = { rettighetspakke: target.rettighetspakke, partIdentifikator: target.partIdentifikator };
      if (known === undefined || !validParams(params)) return false;
      // The sandbox's headers and a body are the framework's to read; a rejected korrelasjonsid is logged there.
      if (headers[forretningsdatoHeader] !== undefined || headers[testscenarioHeader] !== undefined) return false;
      if (headers['content-length'] !== undefined || headers['transfer-encoding'] !== undefined) return false;
      const format = negotiateFormat(headers.accept);
      if (format === undefined) return false;
      const korrelasjonsid = korrelasjonsidFrom(headers.korrelasjonsid, options.newKorrelasjonsid);
      if (korrelasjonsid.rejectedLength !== undefined) return false;
      const caller = checker.authenticateKnown?.(headers.authorization, scopes.kravOgBetalinger);
      if (caller === undefined || !caller.granted) return false;
      const asOf = clock.today();
      let periode: ResolvedPeriode | undefined;
      if (known.endpoint.period) {
        const resolved = resolvePeriode({}, asOf);
        if (!resolved.ok) return false;
        periode = resolved.periode;
      }
      if (knownDecisions(checker, caller.token, [params.partIdentifikator], headers, params.rettighetspakke) === undefined) return false;
      const query = { ...params, asOf };
      const version = data.versionKnown?.(query);
      if (version === undefined) return false;
      const etag = viewEtag(version, query, known.endpoint.path, periode, format);
      const routeHeaders = [korrelasjonsidName, korrelasjonsid.value, ...Object.entries(viewCacheHeaders(etag)).flat()];
      if (isNotModified(headers, etag)) {
        lanes.send(response, { route: known.route, status: 304, headers: routeHeaders, startMs });
        return true;
      }
      const body = bodies.get(etag);
      if (body === undefined) return false;
      routeHeaders.push('content-type', mediaTypes[format], 'content-length', String(body.length));
      lanes.send(response, { route: known.route, status: 200, headers: routeHeaders, body, startMs });
      return true;
    },
  };
}

interface Target {
  readonly prefix: string;
  readonly rettighetspakke: string;
  readonly partIdentifikator: string;
  readonly endpointPath: string;
}

/** `{prefix}/{a}/{b}/{c}` with no query, no percent-encoding and no empty segment; anything else is the router's. */
function parseTarget(url: string): Target | undefined {
  if (url.includes('?') || url.includes('%')) return undefined;
  const endpointStart = url.lastIndexOf('/');
  const partStart = url.lastIndexOf('/', endpointStart - 1);
  const pakkeStart = url.lastIndexOf('/', partStart - 1);
  if (pakkeStart <= 0) return undefined;
  const target = {
    prefix: url.slice(0, pakkeStart),
    rettighetspakke: url.slice(pakkeStart + 1, partStart),
    partIdentifikator: url.slice(partStart + 1, endpointStart),
    endpointPath: url.slice(endpointStart + 1),
  };
  return target.rettighetspakke === '' || target.partIdentifikator === '' || target.endpointPath === '' ? undefined : target;
}

/** The routes' own path schema, compiled by the API's Ajv (its formats check the check digits). */
const validParams = createApiAjv().compile<PartParams>(PartParams);
/** As Fastify writes header names. */
const korrelasjonsidName = korrelasjonsidHeader.toLowerCase();
