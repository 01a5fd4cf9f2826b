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

/** One group of routes under /portal/api; part 2 adds its data pages as more of these. */
export type PortalApiRoutes = (api: PortalApi, context: PortalApiContext) => void | Promise<void>;

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
 * in `x-csrf-token` (403 otherwise).
 */
export function guardedPortalApi(routes: readonly PortalApiRoutes[], context: PortalApiContext) {
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
    for (const register of routes) await register(api, context);
  };
}

/** The session of a guarded route (the guard has run, so it is there). */
export function sesjonOf(request: FastifyRequest): PortalSesjon {
  if (!request.portalSesjon) throw new PortalApiError(401, 'ikke_innlogget', 'Du er ikke logget inn.');
  return request.portalSesjon;
}

/**
 * The business a data route answers for: the one chosen in the session, checked again against
 * the person's roles on every request (a role can end while a session lives). Default deny.
 */
export async function requireVirksomhet(request: FastifyRequest, context: PortalApiContext): Promise<Representasjon> {
  const sesjon = sesjonOf(request);
  if (!sesjon.valgtOrgnr) throw new PortalApiError(409, 'ingen_virksomhet_valgt', 'Velg hvilken virksomhet du vil representere.');
  const representasjon = await representasjonFor(context.db, sesjon.fnr, sesjon.valgtOrgnr);
  if (!representasjon) throw new PortalApiError(403, 'ikke_tilgang', 'Du kan ikke lenger representere denne virksomheten.');
  return representasjon;
}
