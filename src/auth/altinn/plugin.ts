import type { FastifyPluginAsync } from 'fastify';
import { CallerRejected, clientErrorMessage, decorateCaller, isClientError, surfaceErrorHandler } from '../http.js';
import type { AuthServices } from '../services.js';
import { aspNetValidatorCompiler, bindJsonBody, validationErrorsOf } from './aspnet-json.js';
import { AltinnProblem, invalid, problemBody } from './problem.js';
import { authorizedPartiesRoutes } from './routes-authorized-parties.js';
import { consentRoutes } from './routes-consents.js';
import { systemRegisterRoutes } from './routes-system-register.js';
import { systemUserRoutes } from './routes-system-users.js';
import { tokenExchangeRoutes } from './routes-token-exchange.js';

/**
 * The Altinn side at `/altinn`, with Altinn's own paths below it (`/authentication/api/v1/…`,
 * `/authorization/api/v1/authorize`, `/accessmanagement/api/v1/…`), so a vendor swaps only
 * `https://platform.tt02.altinn.no` for `<KOB_PUBLIC_URL>/altinn`. Input is bound and refusals are
 * written as Altinn's ASP.NET Core services do (decision 0153).
 */
export const altinnPlugin: FastifyPluginAsync<{ services: AuthServices }> = async (app, { services }) => {
  decorateCaller(app);
  app.setValidatorCompiler(aspNetValidatorCompiler());
  app.addHook('preValidation', async (request) => {
    const schema = request.routeOptions.schema?.body as Record<string, unknown> | undefined;
    if (schema !== undefined && request.body !== undefined) request.body = bindJsonBody(schema, request.body);
  });
  app.setErrorHandler(
    surfaceErrorHandler((error, request, reply) => {
      const refusal = asAltinnProblem(error);
      if (!refusal) return undefined;
      request.log.info({ korrelasjonsid: request.id, code: refusal.code, reason: refusal.detail }, 'Altinn-forespørsel avvist');
      return reply.code(refusal.status).type('application/problem+json').send(problemBody(refusal, request.id));
    }),
  );
  systemRegisterRoutes(app, services);
  systemUserRoutes(app, services);
  consentRoutes(app, services);
  tokenExchangeRoutes(app, services);
  authorizedPartiesRoutes(app, services);
};

/**
 * Our refusals as they are; a missing or wrong token, a body too large or of a type not read as
 * ASP.NET answers them; a body that does not bind (malformed JSON, a wrong type, a schema rule)
 * as the validation problem Altinn's `AltinnValidationProblemDetailsFactory` writes.
 */
function asAltinnProblem(error: unknown): AltinnProblem | undefined {
  if (error instanceof AltinnProblem) return error;
  if (error instanceof CallerRejected) return AltinnProblem.http(error.status, error.reason);
  if (!isClientError(error)) return undefined;
  if (error.statusCode === 413 || error.statusCode === 415) return AltinnProblem.http(error.statusCode, clientErrorMessage(error));
  if (error.validation) return AltinnProblem.invalid(validationErrorsOf(error.validation, error.validationContext));
  return invalid('STD.VLD-00017', '/', clientErrorMessage(error));
}
