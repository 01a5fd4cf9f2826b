import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { approvalPages, findPerson, virksomheterForPerson } from '../auth/index.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../domain/clock.js';
import { guardedPortalApi, PortalApiError, type PortalApiContext } from './api/guarded-api.js';
import { portalApiRoutes } from './api/routes.js';
import { SesjonSvar, type Feil } from './api/schemas.js';
import { portalCookies } from './cookies.js';
import { loginRoutes } from './login-routes.js';
import type { OidcLogin } from './oidc-login.js';
import { SessionStore } from './session-store.js';
import { spaRoutes } from './spa-routes.js';
import { testdataRoutes } from './testdata-routes.js';

export interface PortalPluginOptions {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly login: OidcLogin;
  readonly publicUrl: string;
  /** The built browser code (`dist/web`). */
  readonly webRoot: string;
  readonly secureCookies: boolean;
  /** Serve the sandbox's tools: the Testdata search and "Logg inn som" (decision 0072). */
  readonly sandbox: boolean;
}

/**
 * Min side for virksomheter: the SPA at /, login at /portal/innlogging/*, JSON at /portal/api/*.
 * Registered without a prefix (it owns /), everything else it serves is under /portal.
 */
export async function portalPlugin(instance: FastifyInstance, options: PortalPluginOptions): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const cookies = portalCookies(options.secureCookies);
  const sessions = new SessionStore(options.db, options.clock);
  const context: PortalApiContext = { db: options.db, clock: options.clock, sessions, cookies, publicUrl: options.publicUrl };

  await app.register(cookie);
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const [status, body] = portalErrorBody(error);
    if (status >= 500) request.log.error({ err: error }, 'portal error');
    else request.log.info({ kode: body.kode, reason: error.message }, 'portal request refused');
    return reply.code(status).header('cache-control', 'no-store').send(body);
  });

  app.get('/portal/api/sesjon', { schema: { response: { 200: SesjonSvar } } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const sesjon = await sessions.find(request.cookies[cookies.sesjon]);
    const person = sesjon && (await findPerson(options.db, sesjon.fnr));
    if (!sesjon || !person) return { innlogget: false as const };
    const virksomheter = await virksomheterForPerson(options.db, sesjon.fnr);
    return {
      innlogget: true as const,
      person: { navn: person.navn },
      virksomheter,
      csrfToken: sesjon.csrfToken,
    };
  });
  await app.register(guardedPortalApi(portalApiRoutes, context), { prefix: '/portal/api' });
  await app.register(testdataRoutes, { db: options.db, clock: options.clock, sandbox: options.sandbox });
  await app.register(loginRoutes, { prefix: '/portal/innlogging', db: options.db, login: options.login, sessions, cookies, publicUrl: options.publicUrl, sandbox: options.sandbox });
  await app.register(spaRoutes, {
    webRoot: options.webRoot,
    // The approval pages at `confirmUrl` and `viewUri` (decision 0156): the person logs in first.
    loginPages: { paths: Object.values(approvalPages), isLoggedIn: async (request) => (await sessions.find(request.cookies[cookies.sesjon])) !== undefined },
  });
}

function portalErrorBody(error: FastifyError): [number, Feil] {
  if (error instanceof PortalApiError) return [error.statusCode, { kode: error.kode, melding: error.message }];
  if (error.validation) return [400, { kode: 'ugyldig_forespoersel', melding: 'Ugyldig forespørsel.' }];
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return [error.statusCode, { kode: 'ugyldig_forespoersel', melding: 'Ugyldig forespørsel.' }];
  }
  return [500, { kode: 'intern_feil', melding: 'Noe gikk galt hos oss. Prøv igjen senere.' }];
}
