import type { FastifyReply, FastifyRequest } from 'fastify';
import { korrelasjonsidHeader } from './correlation.js';
import type { ApiError } from './error-catalogue.js';
import { Feil } from './error-body.js';
import { errorCacheControl } from './etag.js';
import { bodyWriter, mediaTypes, type MediaFormat } from './serialization.js';

/**
 * Writes a catalogued error as `{kode, melding, korrelasjonsid}` in the format the surface chose
 * (JSON, or XML where the surface speaks XML), for every surface alike: the status from the
 * catalogue, `Korrelasjonsid` in a header and the body, `Cache-Control: no-store`, and
 * `WWW-Authenticate: Bearer` on a 401 (RFC 6750). Server errors are logged as errors, refusals
 * as info, both with the code; never a stack trace to the caller.
 */
export function sendApiError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: ApiError,
  options: { readonly korrelasjonsid: string; readonly format: MediaFormat },
): FastifyReply {
  const body: Feil = { kode: error.kode, melding: error.melding, korrelasjonsid: options.korrelasjonsid };
  if (error.httpStatus >= 500) request.log.error({ kode: error.kode }, error.melding);
  else request.log.info({ kode: error.kode }, error.melding);
  if (error.httpStatus === 401) reply.header('WWW-Authenticate', 'Bearer');
  return reply
    .code(error.httpStatus)
    .header(korrelasjonsidHeader, options.korrelasjonsid)
    .header('Cache-Control', errorCacheControl)
    .header('Vary', 'Accept')
    .type(mediaTypes[options.format])
    .send(bodyWriter(Feil, options.format)(body));
}
