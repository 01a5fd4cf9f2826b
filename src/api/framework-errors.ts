import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { korrelasjonsidFrom } from './correlation.js';
import type { ApiError } from './error-catalogue.js';
import { sendApiError } from './error-reply.js';
import type { MediaFormat } from './serialization.js';

/**
 * Fastify answers a few malformed URLs before any plugin sees them: bad %-encoding, a path
 * parameter over `maxParamLength`. The server has one `frameworkErrors` handler; it gives the
 * request to the surface whose prefix the URL is under, which renders the problem with its own
 * catalogue (KB-006, KAL-006, FRI-006, or a bare 404 for the iCalendar feed). Other paths keep
 * Fastify's default answer (decision 0057).
 */
export interface FrameworkErrorRoute {
  /** The surface's path prefix, without a trailing slash. */
  readonly prefix: string;
  /** Renders `melding` (why the URL was refused) as the surface's invalid-input answer. */
  render(melding: string, request: FastifyRequest, reply: FastifyReply): void;
}

export const parameterTooLongMelding = 'En parameter i stien er for lang.';

export function frameworkErrorMelding(error: FastifyError): string {
  return error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? parameterTooLongMelding : 'Stien inneholder ugyldig prosentkoding (%); kod spesialtegn som %XX.';
}

/** The server's `frameworkErrors`: the first route whose prefix the URL is under answers. */
export function routeFrameworkErrors(routes: readonly FrameworkErrorRoute[]) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const route = routes.find((candidate) => request.url.startsWith(`${candidate.prefix}/`));
    if (route === undefined) {
      reply.send(error);
      return;
    }
    route.render(frameworkErrorMelding(error), request, reply);
  };
}

/**
 * The route of a surface with a catalogue: the melding becomes its invalid-input error, with the
 * caller's korrelasjonsid (or a new one: the surface's own hooks never ran) in the surface's format.
 */
export function catalogueFrameworkErrorRoute(
  prefix: string,
  invalidInput: (melding: string) => ApiError,
  format: (request: FastifyRequest) => MediaFormat,
): FrameworkErrorRoute {
  return {
    prefix,
    render: (melding, request, reply) => {
      const korrelasjonsid = korrelasjonsidFrom(request.headers.korrelasjonsid, randomUUID).value;
      sendApiError(request, reply, invalidInput(melding), { korrelasjonsid, format: format(request) });
    },
  };
}
