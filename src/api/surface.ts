import type { IncomingMessage } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createApiAjv } from './ajv.js';
import { korrelasjonsidHeader, korrelasjonsidSource, type Korrelasjonsid } from './correlation.js';
import { ApiError } from './error-catalogue.js';
import { sendApiError } from './error-reply.js';
import { parameterTooLongMelding } from './framework-errors.js';
import { LazyChildLogger } from './lazy-child-logger.js';
import { syncHook } from './sync-hook.js';
import { bodyWriter, type MediaFormat } from './serialization.js';

/**
 * What every API surface (Krav og betalinger, Kalendertjeneste, Frister API) sets up inside its
 * own prefix, written once: the korrelasjonsid (decision 0029) and the catalogued error and
 * not-found handlers. A surface brings its catalogue and how it picks the error format.
 */

/** Registers a surface as one encapsulated plugin under its prefix: nothing it sets up leaks out. */
export async function registerSurface(app: FastifyInstance, prefix: string, configure: (api: FastifyInstance) => void): Promise<void> {
  await app.register(
    (api, _opts, done) => {
      configure(api);
      done();
    },
    { prefix },
  );
}

/**
 * Binds the korrelasjonsid into every log line of the surface's requests (from "incoming
 * request" on) and echoes it in a `Korrelasjonsid` response header. Returns the lookup the
 * surface's hooks and error handler use, so all of them see the same id.
 */
export function useKorrelasjonsid(api: FastifyInstance, generate: () => string): (request: IncomingMessage) => Korrelasjonsid {
  const korrelasjonsidOf = korrelasjonsidSource(generate);
  api.setChildLoggerFactory((logger, bindings, childOptions, rawRequest) =>
    new LazyChildLogger(logger, { ...bindings, korrelasjonsid: korrelasjonsidOf(rawRequest).value }, childOptions),
  );
  api.addHook(
    'onRequest',
    syncHook((request, reply) => {
      const korrelasjonsid = korrelasjonsidOf(request.raw);
      if (korrelasjonsid.rejectedLength !== undefined) {
        request.log.info({ rejectedLength: korrelasjonsid.rejectedLength }, 'Korrelasjonsid header ignored: not 1-64 characters of [A-Za-z0-9._:-]');
      }
      reply.header(korrelasjonsidHeader, korrelasjonsid.value);
    }),
  );
  return korrelasjonsidOf;
}

/**
 * The surface's schemas go through the API's own Ajv (domain formats: dates, identifiers with
 * check digits) and the API serializer (published key order, `10000.0`); a schema-less 304 or
 * 204 has no body.
 */
export function useApiSchemas(api: FastifyInstance): void {
  const ajv = createApiAjv();
  api.setValidatorCompiler(({ schema }) => ajv.compile(schema));
  api.setSerializerCompiler(({ schema, contentType }) =>
    (schema as { type?: string }).type === 'null' ? () => '' : bodyWriter(schema, contentType === 'application/xml' ? 'xml' : 'json'),
  );
}

export interface CatalogueErrorHandling {
  /** The surface's korrelasjonsid lookup (`useKorrelasjonsid`). */
  korrelasjonsidOf(request: IncomingMessage): Korrelasjonsid;
  /** Anything thrown that is not already an `ApiError`: validation, body parsing, bugs. */
  toApiError(error: FastifyError, request: FastifyRequest): ApiError;
  /** A path or method the surface does not serve. */
  unknownPath(request: FastifyRequest): ApiError;
  /** The surface's invalid-input error (a path segment longer than any parameter may be). */
  invalidInput(melding: string): ApiError;
  /** JSON or XML for this request's error body. */
  format(request: FastifyRequest): MediaFormat;
}

/**
 * Every error inside the surface's prefix leaves as a catalogued body. An error that is not an
 * `ApiError` and maps to a server error is logged with its stack, never shown.
 */
export function useCatalogueErrors(api: FastifyInstance, handling: CatalogueErrorHandling): void {
  const send = (request: FastifyRequest, reply: FastifyReply, error: ApiError) =>
    sendApiError(request, reply, error, { korrelasjonsid: handling.korrelasjonsidOf(request.raw).value, format: handling.format(request) });

  api.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const apiError = error instanceof ApiError ? error : handling.toApiError(error, request);
    if (!(error instanceof ApiError) && apiError.httpStatus >= 500) request.log.error({ err: error }, 'unexpected error');
    return send(request, reply, apiError);
  });
  api.setNotFoundHandler((request, reply) => send(request, reply, handling.unknownPath(request)));
  // The server has catch-all routes of its own (Min side's `GET /*`) that would answer before any
  // not-found handler, so the surface claims every other path under its prefix itself, refusing
  // in onRequest, before a body is read. A segment too long for any path parameter is what
  // Fastify's router reports as FST_ERR_MAX_PARAM_LENGTH without this route: invalid input.
  const unclaimed = async (request: FastifyRequest) => {
    const tooLong = requestPath(request).split('/').some((segment) => segment.length > api.initialConfig.maxParamLength!);
    throw tooLong ? handling.invalidInput(parameterTooLongMelding) : handling.unknownPath(request);
  };
  api.route({ method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'], url: '/*', schema: { hide: true }, onRequest: unclaimed, handler: unclaimed });
}

/** The path of a request without its query, for meldinger about unknown paths. */
export function requestPath(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? '';
}
