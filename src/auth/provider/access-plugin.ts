import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AccessChecker, AccessDenied, AccessGranted, Rettighetspakke } from './access-check.js';
import type { VerifiedAccessToken } from './access-token.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the access-control plugin once the caller may read the party's data. */
    kobAccess: AccessGranted | null;
    kobToken: VerifiedAccessToken | null;
  }
}

export interface AccessControlOptions {
  readonly checker: AccessChecker;
  /** The API's Maskinporten scope, e.g. `skatteetaten:kravogbetalinger`. */
  readonly requiredScope: string;
  /** Where the route names its rettighetspakke and party (usually its path parameters). */
  target(request: FastifyRequest): { rettighetspakke: Rettighetspakke; partIdentifikator: string; systemUserResource?: string };
  /** The API renders its own KB-004 / KB-005 body (JSON or XML); the reason is for the `melding`. */
  renderDenial(denial: AccessDenied, request: FastifyRequest, reply: FastifyReply): FastifyReply | Promise<FastifyReply>;
  /** Defaults to Fastify's request id. */
  correlationId?(request: FastifyRequest): string;
}

/**
 * The provider check as hooks of the API plugin it is registered in (fastify-plugin: the hooks
 * apply to that plugin's routes only). The token is checked in `onRequest`, before the API's
 * input validation, and the party's rights in `preHandler`, after it, which gives the API
 * spec's order: KB-004 → KB-006 → KB-005.
 *
 * ```ts
 * await app.register(accessControlPlugin, {
 *   checker: auth.accessChecker,
 *   requiredScope: 'skatteetaten:kravogbetalinger',
 *   target: (request) => request.params as { rettighetspakke: Rettighetspakke; partIdentifikator: string },
 *   renderDenial: (denial, request, reply) => sendError(reply, denial.kind === 'authentication' ? 'KB-004' : 'KB-005', denial.reason),
 * });
 * ```
 */
export const accessControlPlugin = fp<AccessControlOptions>(
  async (app, options) => {
    const correlationId = options.correlationId ?? ((request: FastifyRequest) => request.id);
    app.decorateRequest('kobAccess', null);
    app.decorateRequest('kobToken', null);

    const deny = async (denial: AccessDenied, request: FastifyRequest, reply: FastifyReply) => {
      request.log.info({ korrelasjonsid: correlationId(request), kind: denial.kind, reason: denial.reason }, 'tilgang avvist');
      return options.renderDenial(denial, request, reply);
    };

    app.addHook('onRequest', async (request, reply) => {
      const caller = await options.checker.authenticate(request.headers.authorization, options.requiredScope);
      if (!caller.granted) return deny(caller, request, reply);
      request.kobToken = caller.token;
      return undefined;
    });

    app.addHook('preHandler', async (request, reply) => {
      if (!request.kobToken) return reply;
      const samtykke = request.headers.altinnsamtykke;
      const decision = await options.checker.authorize(request.kobToken, {
        ...options.target(request),
        altinnSamtykkeHeader: typeof samtykke === 'string' ? samtykke : undefined,
      });
      if (!decision.granted) return deny(decision, request, reply);
      request.kobAccess = decision;
      return undefined;
    });
  },
  { name: 'kob-access-control', fastify: '5.x' },
);
