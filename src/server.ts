import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { kravOgBetalingerFrameworkErrors } from './api/kravogbetalinger/index.js';
import { openApiDocs } from './api/openapi.js';
import { altinnPlugin, createAuthServices, maskinportenPlugin, type AuthServices } from './auth/index.js';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { DatabaseKind } from './db/open-database.js';
import type { Clock } from './domain/clock.js';
import { limits } from './domain/limits.js';

export interface AppDependencies {
  readonly db: Kysely<Database>;
  readonly databaseKind: DatabaseKind;
  readonly clock: Clock;
  readonly config: Config;
  /** Pino options, or false in tests. */
  readonly logger?: boolean | object;
  /** Access control, when the caller already built it (tests that look inside); else built here. */
  readonly auth?: AuthServices;
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
 * Composes the whole server from its parts. Tests call this and use `app.inject()`;
 * `kob serve` calls it and listens. Each surface is an encapsulated plugin with its own prefix.
 */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? { level: deps.config.logLevel, redact: redactedLogPaths },
    bodyLimit: limits.bodyBytesMax,
    genReqId: () => randomUUID(),
    trustProxy: true,
    return503OnClosing: true,
    frameworkErrors: kravOgBetalingerFrameworkErrors,
  });

  // First, so /openapi.json and /docs describe every route registered after it.
  await app.register(openApiDocs);
  // Part 2 registers kravOgBetalingerPlugin here, with `authorize` from src/auth and the data
  // provider from src/ledger; without them it refuses to start, so it is not registered yet.

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await sql`select 1`.execute(deps.db);
      return { status: 'ok', database: deps.databaseKind };
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: deps.databaseKind });
    }
  });

  // One access-control service per process; the API plugins get `auth.accessChecker`.
  const auth = deps.auth ?? createAuthServices(deps.db, deps.clock, deps.config);
  await app.register(maskinportenPlugin, { prefix: '/maskinporten', services: auth });
  await app.register(altinnPlugin, { prefix: '/altinn', services: auth });

  return app;
}
