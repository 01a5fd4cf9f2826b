import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ChangeNotifications } from '../../db/change-notifications.js';
import type { Clock } from '../../domain/clock.js';
import { BodyCache } from '../body-cache.js';
import { catalogueFrameworkErrorRoute, routeFrameworkErrors, type FrameworkErrorRoute } from '../framework-errors.js';
import type { ApiError } from '../error-catalogue.js';
import { useSandboxHeaders, type Feilscenario, type SandboxHeaders } from '../sandbox-headers.js';
import { registerSurface, useApiSchemas, useCatalogueErrors, useKorrelasjonsid } from '../surface.js';
import type { PartyAccessChecker } from '../access-hooks.js';
import type { KravOgBetalingerData } from './data.js';
import { errorFormat, toApiError, unknownPath } from './error-handler.js';
import { apiErrors } from './errors.js';
import { registerChangeFeed } from './change-feed.js';
import { registerRoutes } from './routes.js';
import { kravOgBetalingerLane } from './fast-lane.js';
import type { FastLanes } from '../fast-lane.js';

/** The published path prefix (spec §2); part of the contract, so not an option. */
export const kravOgBetalingerPrefix = '/api/innkreving/kravogbetalinger/v1';
/**
 * The path behind Skatteetaten's API gateway (api-dokumentasjon `docs/om/url.md`:
 * `https://kravogbetalinger.api.skatteetaten[-test].no/v1/{rettighetspakke}/{part}/{endpoint}`),
 * served on this host too so a client changes only its base URL (decision 0151).
 */
export const kravOgBetalingerGatewayPrefix = '/v1';
const prefixes = [kravOgBetalingerPrefix, kravOgBetalingerGatewayPrefix] as const;

export interface KravOgBetalingerOptions {
  /** The business date: the view's "as of" and the period defaults. */
  readonly clock: Clock;
  /** src/auth's provider check (KB-004/KB-005). Required: the API never runs unprotected. */
  readonly checker: PartyAccessChecker;
  /** The response bodies (and optionally their version, for ETags). */
  readonly data: KravOgBetalingerData;
  /** With change notifications, serialized bodies are kept by ETag (exact: the ETag names the data version). */
  readonly notifications?: ChangeNotifications;
  /** For tests that want fixed ids; a random UUID otherwise. */
  readonly newKorrelasjonsid?: () => string;
  /** In a sandbox: the business date and test scenario headers (decision 0175). */
  readonly sandbox?: SandboxHeaders | undefined;
  /** The server's lanes for answers kept in memory (src/api/fast-lane.ts); the API adds its own when it keeps bodies. */
  readonly fastLanes?: FastLanes | undefined;
}

/**
 * Krav og betalinger API v1 as one encapsulated plugin: register it at the root and it serves
 * `GET /api/innkreving/kravogbetalinger/v1/{rettighetspakke}/{partIdentifikator}/{endpoint}`,
 * and the same under the gateway's `/v1`. Everything it sets up — validator, serializer,
 * korrelasjonsid logging, error and not-found handlers — stays inside each prefix; the two share
 * the body cache. The OpenAPI document describes the routes once, under the first prefix.
 */
export async function kravOgBetalingerPlugin(app: FastifyInstance, options: KravOgBetalingerOptions): Promise<void> {
  checkOptions(options);
  const bodies = options.notifications ? new BodyCache(options.notifications, { name: 'kravogbetalinger_body', bytesMax: bodyCacheBytesMax }) : undefined;
  const newKorrelasjonsid = options.newKorrelasjonsid ?? randomUUID;
  if (bodies && options.fastLanes) {
    const { clock, checker, data } = options;
    options.fastLanes.add(kravOgBetalingerLane({ lanes: options.fastLanes, prefixes, clock, checker, data, bodies, newKorrelasjonsid }));
  }
  for (const prefix of prefixes) {
    await registerSurface(app, prefix, (api) => {
      if (prefix !== kravOgBetalingerPrefix) hideFromOpenApi(api);
      configure(api, options, bodies, newKorrelasjonsid);
    });
  }
}

/** The gateway path serves the same operations: listed once, generated clients get one set of operationIds. */
function hideFromOpenApi(api: FastifyInstance): void {
  api.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, hide: true };
  });
}

function checkOptions(options: KravOgBetalingerOptions): void {
  if (typeof options.checker?.authenticate !== 'function' || typeof options.checker.authorize !== 'function') {
    throw new Error('kravOgBetalingerPlugin needs an access checker: the API is never served without access control');
  }
  const readers = ['aapneKrav', 'alleKrav', 'innbetalinger', 'utbetalinger'] as const;
  if (readers.some((reader) => typeof options.data?.[reader] !== 'function')) {
    throw new Error(`kravOgBetalingerPlugin needs a data provider with ${readers.join(', ')}`);
  }
  if (typeof options.clock?.today !== 'function') throw new Error('kravOgBetalingerPlugin needs a clock');
}

function configure(api: FastifyInstance, options: KravOgBetalingerOptions, bodies: BodyCache | undefined, newKorrelasjonsid: () => string): void {
  const korrelasjonsidOf = useKorrelasjonsid(api, newKorrelasjonsid);

  useApiSchemas(api);

  useCatalogueErrors(api, { korrelasjonsidOf, toApiError, unknownPath, invalidInput: apiErrors.invalidInput, format: errorFormat });
  const clockOf = useSandboxHeaders(api, options.clock, options.sandbox, { invalidInput: apiErrors.invalidInput, scenario: scenarioError });

  registerRoutes(api, { ...options, clockOf, bodies });
  const { checker, data } = options;
  if (checker.readableParties !== undefined && data.changes !== undefined && data.version !== undefined) {
    registerChangeFeed(api, {
      clockOf,
      checker,
      readableParties: checker.readableParties.bind(checker),
      changes: data.changes,
      version: data.version.bind(data),
    });
  }
}

/** A test scenario as this API's own error: the party in the path where the error names one. */
function scenarioError(code: Feilscenario, request: FastifyRequest): ApiError | undefined {
  const partIdentifikator = (request.params as { partIdentifikator?: string }).partIdentifikator;
  switch (code) {
    case 'KB-001':
      return apiErrors.internal();
    case 'KB-002':
      return apiErrors.backend();
    case 'KB-007':
      return apiErrors.nothingFound(partIdentifikator);
    case 'KB-009':
      return partIdentifikator === undefined ? undefined : apiErrors.unknownParty(partIdentifikator);
  }
}

/** Bodies kept per process (a typical /aapnekrav is a few kilobytes): bounded so a worker stays within 512 MB. */
const bodyCacheBytesMax = 128 * 1024 * 1024;

/** Malformed URLs under either API prefix get a catalogued KB-006 body (see ../framework-errors.ts). */
export const kravOgBetalingerFrameworkErrorRoutes: readonly FrameworkErrorRoute[] = prefixes.map((prefix) => catalogueFrameworkErrorRoute(prefix, apiErrors.invalidInput, errorFormat));

/** The server's `frameworkErrors` for an app that serves only this API (tests). */
export const kravOgBetalingerFrameworkErrors = routeFrameworkErrors(kravOgBetalingerFrameworkErrorRoutes);
