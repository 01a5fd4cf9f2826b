import type { FastifyPluginAsync } from 'fastify';
import { CallerRejected, clientErrorMessage, decorateCaller, isClientError, surfaceErrorHandler } from '../http.js';
import type { AuthServices } from '../services.js';
import { AltinnProblem, problemBody } from './problem.js';
import { consentRoutes } from './routes-consents.js';
import { systemRegisterRoutes } from './routes-system-register.js';
import { systemUserRoutes } from './routes-system-users.js';

/**
 * The Altinn side at `/altinn`, with Altinn's own paths below it (`/authentication/api/v1/…`,
 * `/authorization/api/v1/authorize`, `/accessmanagement/api/v1/…`), so a vendor swaps only
 * `https://platform.tt02.altinn.no` for `<KOB_PUBLIC_URL>/altinn`. Refusals are RFC 7807 problems.
 */
export const altinnPlugin: FastifyPluginAsync<{ services: AuthServices }> = async (app, { services }) => {
  decorateCaller(app);
  app.setErrorHandler(
    surfaceErrorHandler((error, request, reply) => {
      const problem =
        error instanceof AltinnProblem
          ? error
          : error instanceof CallerRejected
            ? new AltinnProblem(error.status, error.status === 401 ? 'AUTH-00401' : 'AUTH-00403', error.reason)
            : isClientError(error)
              ? new AltinnProblem(error.statusCode === 413 || error.statusCode === 415 ? error.statusCode : 400, 'AUTH.VLD-00000', clientErrorMessage(error))
              : undefined;
      if (!problem) return undefined;
      request.log.info({ korrelasjonsid: request.id, code: problem.code, reason: problem.detail }, 'Altinn-forespørsel avvist');
      return reply.code(problem.status).type('application/problem+json').send(problemBody(problem, request.id));
    }),
  );
  systemRegisterRoutes(app, services);
  systemUserRoutes(app, services);
  consentRoutes(app, services);
};
