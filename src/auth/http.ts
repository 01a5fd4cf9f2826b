import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BodyTooDeepError } from '../body-depth.js';
import { limits } from '../domain/limits.js';
import type { AccessTokenVerifier, VerifiedAccessToken } from './provider/access-token.js';

/**
 * HTTP plumbing shared by the token server and the Altinn routes: who the caller is (a
 * Maskinporten token with one of the route's scopes), and how a 4xx from Fastify itself (body
 * too large, malformed JSON, schema violation) is rendered in the surface's own error format.
 */
declare module 'fastify' {
  interface FastifyRequest {
    /** The verified Maskinporten token of the caller of an Altinn or admin route. */
    kobCaller: VerifiedAccessToken | null;
  }
}

export class CallerRejected extends Error {
  override readonly name = 'CallerRejected';
  constructor(
    readonly status: 401 | 403,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * A preHandler that admits a caller whose Maskinporten token (ours or the external issuer's)
 * holds any of `scopes`; the token's `consumer` is then who the caller is.
 */
export function requireScope(verifier: AccessTokenVerifier, scopes: readonly string[]) {
  return async (request: FastifyRequest): Promise<void> => {
    const verified = await verifier.verify(request.headers.authorization);
    if (!verified.ok) throw new CallerRejected(401, verified.reason);
    if (!scopes.some((scope) => verified.token.scopes.includes(scope))) {
      throw new CallerRejected(403, `tokenet mangler scope ${scopes.join(' eller ')} (har: ${verified.token.scopes.join(' ') || 'ingen'}) (missing scope)`);
    }
    request.kobCaller = verified.token;
  };
}

export function callerOf(request: FastifyRequest): VerifiedAccessToken {
  if (!request.kobCaller) throw new Error('route without requireScope');
  return request.kobCaller;
}

export function decorateCaller(app: FastifyInstance): void {
  if (!app.hasRequestDecorator('kobCaller')) app.decorateRequest('kobCaller', null);
}

/** Fastify's own client errors (validation, body size, content type, JSON syntax), in plain words. */
export function clientErrorMessage(error: FastifyError): string {
  if (error.validation) return `ugyldig forespørsel: ${error.message} (invalid request)`;
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'forespørselen er for stor (request body too large)';
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'Content-Type støttes ikke her (unsupported content type)';
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'tom JSON-body (empty JSON body)';
  if (error instanceof BodyTooDeepError) return `forespørselen er nestet dypere enn ${limits.bodyDepthMax} nivåer (request body nested too deeply)`;
  return `ugyldig forespørsel (${error.code ?? 'bad request'})`;
}

/** Renders any error of a surface: its own refusals via `render`, client errors as 4xx, the rest as a logged 500. */
export function surfaceErrorHandler(render: (error: unknown, request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const rendered = render(error, request, reply);
    if (rendered) return rendered;
    request.log.error({ err: error, korrelasjonsid: request.id }, 'uventet feil');
    return reply.code(500).send({ error: 'server_error', error_description: `uventet feil; korrelasjonsid ${request.id}` });
  };
}

export function isClientError(error: unknown): error is FastifyError {
  const status = (error as FastifyError).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}
