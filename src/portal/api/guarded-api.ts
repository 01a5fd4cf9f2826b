import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { representasjonFor, type Representasjon } from '../../auth/index.js';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../domain/clock.js';
import type { PortalCookies } from '../cookies.js';
import { isSessionCsrfToken } from '../csrf-token.js';
import type { PortalSesjon, SessionStore } from '../session-store.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the session guard for every route of the portal API. */
    portalSesjon: PortalSesjon | null;
    /** Set for every route under /virksomhet/:orgnr: the business in the path, checked by `requireVirksomhet`. */
    portalVirksomhet: Representasjon | null;
  }
}

/** The portal API's routes see this instance: TypeBox schemas, session guard, CSRF on writes. */
export type PortalApi = FastifyInstance<any, any, any, any, TypeBoxTypeProvider>;

export interface PortalApiContext {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly sessions: SessionStore;
  readonly cookies: PortalCookies;
  /** Base URL (`KOB_PUBLIC_URL`), for links the pages hand out (calendar feeds, Altinn). */
  readonly publicUrl: string;
}

/** One group of routes under /portal/api (session) or /portal/api/virksomhet/:orgnr (a business's data). */
export type PortalApiRoutes = (api: PortalApi, context: PortalApiContext) => void | Promise<void>;

export interface PortalApiGroups {
  /** The session's own routes (logging out). */
  readonly sesjon: readonly PortalApiRoutes[];
  /** A business's pages and actions, each under /virksomhet/:orgnr. */
  readonly virksomhet: readonly PortalApiRoutes[];
}

/** A refusal with a stable code; the portal's error handler turns it into `{ kode, melding }`. */
export class PortalApiError extends Error {
  override readonly name = 'PortalApiError';
  constructor(
    readonly statusCode: number,
    readonly kode: string,
    melding: string,
  ) {
    super(melding);
  }
}

/**
 * The guarded part of /portal/api: every route needs a live session (401 otherwise), and every
 * request that is not GET/HEAD must carry that session's CSRF token from `GET /portal/api/sesjon`
 * in `x-csrf-token` (403 otherwise). A business's routes live under /virksomhet/:orgnr, and a
 * hook of their own checks that the person may act for that business before any of them runs
 * (decision 0101): the session holds no business, so two tabs can act for two.
 */
export function guardedPortalApi(groups: PortalApiGroups, context: PortalApiContext) {
  return async function guarded(instance: FastifyInstance): Promise<void> {
    const api = instance.withTypeProvider<TypeBoxTypeProvider>();
    api.decorateRequest('portalSesjon', null);
    api.addHook('onRequest', async (request) => {
      const sesjon = await context.sessions.find(request.cookies[context.cookies.sesjon]);
      if (!sesjon) throw new PortalApiError(401, 'ikke_innlogget', 'Du er ikke logget inn, eller økten er utløpt.');
      request.portalSesjon = sesjon;
    });
    api.addHook('preHandler', async (request) => {
      if (request.method === 'GET' || request.method === 'HEAD') return;
      if (!isSessionCsrfToken(sesjonOf(request).csrfToken, request.headers['x-csrf-token'])) {
        throw new PortalApiError(403, 'csrf', 'Forespørselen mangler gyldig CSRF-token. Last siden på nytt.');
      }
    });
    for (const register of groups.sesjon) await register(api, context);
    await api.register(
      async (scoped) => {
        const business = scoped.withTypeProvider<TypeBoxTypeProvider>();
        business.decorateRequest('portalVirksomhet', null);
        business.addHook('onRequest', async (request) => {
          request.portalVirksomhet = await requireVirksomhet(request, context);
        });
        for (const register of groups.virksomhet) await register(business, context);
      },
      { prefix: '/virksomhet/:orgnr' },
    );
  };
}

/** The session of a guarded route (the guard has run, so it is there). */
export function sesjonOf(request: FastifyRequest): PortalSesjon {
  if (!request.portalSesjon) throw new PortalApiError(401, 'ikke_innlogget', 'Du er ikke logget inn.');
  return request.portalSesjon;
}

/**
 * Whether the logged-in person may act for the business in the path, asked again on every
 * request (a role can end while a session lives). The one place this is decided; default deny,
 * and "not yours" reads as "no such business".
 */
export async function requireVirksomhet(request: FastifyRequest, context: PortalApiContext): Promise<Representasjon> {
  const { orgnr } = request.params as { orgnr?: unknown };
  const representasjon = typeof orgnr === 'string' && /^[0-9]{9}$/.test(orgnr) ? await representasjonFor(context.db, sesjonOf(request).fnr, orgnr) : undefined;
  if (!representasjon) throw new PortalApiError(403, 'ikke_tilgang', 'Du kan ikke representere denne virksomheten.');
  return representasjon;
}

/** The business a route under /virksomhet/:orgnr answers for (its hook has checked it). */
export function virksomhetOf(request: FastifyRequest): Representasjon {
  if (!request.portalVirksomhet) throw new PortalApiError(403, 'ikke_tilgang', 'Du kan ikke representere denne virksomheten.');
  return request.portalVirksomhet;
}
