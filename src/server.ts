import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { routeFrameworkErrors } from './api/framework-errors.js';
import { fristerFrameworkErrorRoute, fristerPlugin } from './api/frister/index.js';
import {
  icsFeedPlugin,
  icsFrameworkErrorRoute,
  kalendertjenesteFrameworkErrorRoute,
  kalendertjenestePlugin,
  redactCalendarTokens,
} from './api/kalender/index.js';
import { kravOgBetalingerFrameworkErrorRoutes, kravOgBetalingerPlugin, ledgerData } from './api/kravogbetalinger/index.js';
import { FastLanes } from './api/fast-lane.js';
import { openApiDocs } from './api/openapi.js';
import { testdataFrameworkErrorRoute, testdataPlugin, testdataTag, testdataTagDescription } from './api/testdata/index.js';
import { defaultSlowAnswerMs } from './api/sandbox-headers.js';
import { altinnPlugin, createAuthServices, createBuiltInIdporten, idportenPlugin, maskinportenPlugin, type AuthServices } from './auth/index.js';
import { limitJsonBodyDepth } from './body-depth.js';
import { portalRedirectUri, type Config } from './config.js';
import { ChangeNotifications, type ConnectNotifications } from './db/change-notifications.js';
import type { Database } from './db/database.js';
import type { DatabaseKind } from './db/open-database.js';
import { assertInvariant } from './domain/assert.js';
import type { Clock } from './domain/clock.js';
import { limits } from './domain/limits.js';
import { inProcessFetch } from './in-process-fetch.js';
import { metricsPlugin, type PoolStats } from './metrics/plugin.js';
import { createOidcLogin, isLoopback, portalPlugin, type OidcLoginSettings } from './portal/index.js';
import { securityHeaders, securityHeaderValues } from './security-headers.js';
import { defaultWebRoot } from './web-root.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** This process's access control (its token server, Altinn store and caches). */
    readonly kobAuth: AuthServices;
  }
}

export interface AppDependencies {
  readonly db: Kysely<Database>;
  readonly databaseKind: DatabaseKind;
  readonly clock: Clock;
  readonly config: Config;
  /** Pino options, or false in tests. */
  readonly logger?: boolean | object;
  /** The built browser code; default `dist/web` of this package. */
  readonly webRoot?: string;
  /** PostgreSQL: the LISTEN connection that tells this process of other processes' changes (src/db/change-notifications.ts). */
  readonly connectNotifications?: ConnectNotifications | undefined;
  /** PostgreSQL: the pool's use, for /metrics. */
  readonly poolStats?: (() => PoolStats) | undefined;
  /** How long the sandbox's `Kob-Testscenario: TREG` holds an answer (default `defaultSlowAnswerMs`); tests shorten it. */
  readonly slowAnswerMs?: number;
}

/** Keys whose values never reach a log line (tokens, grants, cookies, private keys). */
export const redactedLogPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers.altinnsamtykke',
  'res.headers["set-cookie"]',
  '*.assertion',
  '*.access_token',
  '*.jwk.d',
];

/**
 * What a log line says about a request: Fastify's own fields, with the secret path of a calendar
 * feed (`/kalender/<token>.ics`) hidden, since whoever reads the log could otherwise subscribe.
 */
export function requestLogFields(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactCalendarTokens(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/**
 * Composes the whole server from its parts. Tests call this and use `app.inject()`;
 * `kob serve` calls it and listens. Each surface is an encapsulated plugin with its own prefix.
 */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  // The built-in ID-porten lets anyone be any synthetic person: only a sandbox may have it (decision 0086).
  assertInvariant(deps.config.sandbox || deps.config.idporten !== undefined, 'no sandbox, so KOB_IDPORTEN_ISSUER must name the identity provider (parseConfig says so)');
  const publicUrl = new URL(deps.config.publicUrl);
  const https = publicUrl.protocol === 'https:';
  // A call whose answer is kept is answered before the framework, while it would log nothing of it (src/api/fast-lane.ts).
  const fastLanes = new FastLanes(securityHeaderValues({ https }));
  const app = Fastify({
    serverFactory: fastLanes.serverFactory(),
    logger:
      deps.logger === false
        ? false
        : { level: deps.config.logLevel, redact: redactedLogPaths, serializers: { req: requestLogFields }, ...(typeof deps.logger === 'object' ? deps.logger : {}) },
    bodyLimit: limits.bodyBytesMax,
    genReqId: () => randomUUID(),
    // Forwarded headers only from the proxies KOB_TRUST_PROXY names (decision 0085); URLs never come from them.
    trustProxy: typeof deps.config.trustProxy === 'boolean' ? deps.config.trustProxy : [...deps.config.trustProxy],
    return503OnClosing: true,
    // Each surface renders a malformed URL under its prefix with its own catalogue.
    frameworkErrors: routeFrameworkErrors([
      ...kravOgBetalingerFrameworkErrorRoutes,
      kalendertjenesteFrameworkErrorRoute,
      fristerFrameworkErrorRoute,
      ...(deps.config.sandbox ? [testdataFrameworkErrorRoute] : []),
      icsFrameworkErrorRoute,
    ]),
  });
  // Every surface's JSON bodies, before any surface is registered (plugins copy the parsers).
  limitJsonBodyDepth(app);

  // One hub per process: caches drop what a booking or registration changed, here and in other processes.
  const notifications = await ChangeNotifications.start(deps.db, deps.connectNotifications);
  app.addHook('onClose', async () => notifications.close());
  await app.register(metricsPlugin, { poolStats: deps.poolStats });

  fastLanes.open(app.log);
  app.addHook('preClose', (done) => {
    fastLanes.close();
    done();
  });
  await app.register(securityHeaders, { https });
  // Min side is web pages, not part of the published API: registered before the OpenAPI collector.
  await registerMinSide(app, deps, publicUrl);
  // One access-control service per process, its caches kept exact by the notifications; the API
  // plugins and the calendar feed get `auth.accessChecker`, and tests look inside through `app.kobAuth`.
  const auth = createAuthServices(deps.db, deps.clock, deps.config, notifications);
  app.decorate('kobAuth', auth);
  // The calendar feed is for calendar apps, not an API: also before the collector.
  await app.register(icsFeedPlugin, { db: deps.db, clock: deps.clock, publicUrl: deps.config.publicUrl, checker: auth.accessChecker });
  // A sandbox lets each request move the business date and ask for an error (decision 0175).
  const sandbox = deps.config.sandbox ? { slowAnswerMs: deps.slowAnswerMs ?? defaultSlowAnswerMs } : undefined;
  // Then the collector, so /openapi.json and /docs describe every route registered after it.
  await app.register(openApiDocs, { tags: sandbox ? [{ name: testdataTag, description: testdataTagDescription }] : [] });
  await app.register(kravOgBetalingerPlugin, { clock: deps.clock, checker: auth.accessChecker, data: ledgerData(deps.db, { notifications }), notifications, sandbox, fastLanes });
  await app.register(kalendertjenestePlugin, { db: deps.db, clock: deps.clock, checker: auth.accessChecker, publicUrl: deps.config.publicUrl, sandbox });
  await app.register(fristerPlugin, { db: deps.db, clock: deps.clock, checker: auth.accessChecker, sandbox });
  // The test-support API exists only in a sandbox (decision 0176).
  if (sandbox) await app.register(testdataPlugin, { db: deps.db, clock: deps.clock, checker: auth.accessChecker, altinn: auth.altinn, sandbox });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await sql`select 1`.execute(deps.db);
      return { status: 'ok', database: deps.databaseKind };
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: deps.databaseKind });
    }
  });

  await app.register(maskinportenPlugin, { prefix: '/maskinporten', services: auth });
  await app.register(altinnPlugin, { prefix: '/altinn', services: auth });

  return app;
}

/**
 * Min side and its login: the built-in identity provider under /idporten unless
 * KOB_IDPORTEN_ISSUER points at a real one (always, outside a sandbox); the portal talks OpenID
 * Connect to either.
 */
async function registerMinSide(app: FastifyInstance, deps: AppDependencies, publicUrl: URL): Promise<void> {
  const { db, clock, config } = deps;
  const webRoot = deps.webRoot ?? defaultWebRoot();
  // Secure cookies need https, or http on loopback, which browsers count as secure (decision 0038).
  const secureCookies = publicUrl.protocol === 'https:' || isLoopback(publicUrl.hostname);
  let settings: OidcLoginSettings;
  if (config.idporten) {
    settings = config.idporten;
  } else {
    const redirectUri = portalRedirectUri(config.publicUrl);
    const builtIn = await createBuiltInIdporten({ db, clock, publicUrl: config.publicUrl, portalRedirectUri: redirectUri });
    await app.register(idportenPlugin, { prefix: '/idporten', db, provider: builtIn.provider, webRoot, secureCookies });
    settings = {
      issuer: builtIn.issuer,
      clientId: builtIn.portalClient.clientId,
      clientAuth: { method: 'client_secret_post', secret: builtIn.portalClient.clientSecret },
      redirectUri,
      scope: 'openid profile',
      acrValues: 'idporten-loa-substantial',
      fetch: inProcessFetch(app, config.publicUrl),
    };
  }
  await app.register(portalPlugin, { db, clock, login: createOidcLogin(settings), publicUrl: config.publicUrl, webRoot, secureCookies, sandbox: config.sandbox });
}
