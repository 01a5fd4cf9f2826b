import type { IncomingMessage } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { korrelasjonsidHeader, korrelasjonsidSource, type Korrelasjonsid } from './correlation.js';
import { ApiError } from './error-catalogue.js';
import { sendApiError } from './error-reply.js';
import type { MediaFormat } from './serialization.js';

/**
 * What every API surface (Krav og betalinger, Kalendertjeneste, Frister API) sets up inside its
 * own prefix, written once: the korrelasjonsid (decision 0029) and the catalogued error and
 * not-found handlers. A surface brings its catalogue and how it picks the error format.
 */

/**
 * Binds the korrelasjonsid into every log line of the surface's requests (from "incoming
 * request" on) and echoes it in a `Korrelasjonsid` response header. Returns the lookup the
 * surface's hooks and error handler use, so all of them see the same id.
 */
export function useKorrelasjonsid(api: FastifyInstance, generate: () => string): (request: IncomingMessage) => Korrelasjonsid {
  const korrelasjonsidOf = korrelasjonsidSource(generate);
  api.setChildLoggerFactory((logger, bindings, childOptions, rawRequest) =>
    logger.child({ ...bindings, korrelasjonsid: korrelasjonsidOf(rawRequest).value }, childOptions),
  );
  api.addHook('onRequest', async (request, reply) => {
    const korrelasjonsid = korrelasjonsidOf(request.raw);
    if (korrelasjonsid.rejectedLength !== undefined) {
      request.log.info({ rejectedLength: korrelasjonsid.rejectedLength }, 'Korrelasjonsid header ignored: not 1-64 characters of [A-Za-z0-9._:-]');
    }
    reply.header(korrelasjonsidHeader, korrelasjonsid.value);
  });
  return korrelasjonsidOf;
}

export interface CatalogueErrorHandling {
  /** The surface's korrelasjonsid lookup (`useKorrelasjonsid`). */
  korrelasjonsidOf(request: IncomingMessage): Korrelasjonsid;
  /** Anything thrown that is not already an `ApiError`: validation, body parsing, bugs. */
  toApiError(error: FastifyError, request: FastifyRequest): ApiError;
  /** A path or method the surface does not serve. */
  unknownPath(request: FastifyRequest): ApiError;
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
}

/** The path of a request without its query, for meldinger about unknown paths. */
export function requestPath(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? '';
}
