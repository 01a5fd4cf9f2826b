import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { BodyTooDeepError } from '../../body-depth.js';
import { limits } from '../../domain/limits.js';
import { calendarSourceOf } from '../calendar-options.js';
import { echo, type ApiError } from '../error-catalogue.js';
import { catalogueFrameworkErrorRoute, type FrameworkErrorRoute } from '../framework-errors.js';
import { identifikatorMelding } from '../identifikator-melding.js';
import { negotiateFormat } from '../negotiation.js';
import type { MediaFormat } from '../serialization.js';
import { registerSurface, requestPath, useApiSchemas, useCatalogueErrors, useKorrelasjonsid } from '../surface.js';
import { registerAbonnementRoutes } from './abonnement-routes.js';
import { bodyFormat, kalendertjenestePrefix, type KalenderContext, type KalendertjenesteOptions } from './context.js';
import { kalErrors } from './errors.js';
import { registerFristerRoute } from './frister-route.js';
import { kalenderRequestMelding } from './request.js';
import { readKalenderRequestXml } from './xml-request.js';

/**
 * The Kalendertjeneste as one encapsulated plugin under its prefix: `POST /frister` (a
 * `kalenderRequest` in JSON or XML → a `kalender` in the same format) and the iCalendar
 * subscriptions of a party (`/abonnementer/{partIdentifikator}`). Errors are the KAL catalogue.
 */
export async function kalendertjenestePlugin(app: FastifyInstance, options: KalendertjenesteOptions): Promise<void> {
  const context: KalenderContext = { ...options, calendar: calendarSourceOf(options) };
  await registerSurface(app, kalendertjenestePrefix, (api) => configure(api, context));
}

function configure(api: FastifyInstance, context: KalenderContext): void {
  const korrelasjonsidOf = useKorrelasjonsid(api, context.newKorrelasjonsid ?? randomUUID);
  useApiSchemas(api);
  // An XML body is read into the same plain object a JSON body gives (namespaces resolved).
  api.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string', bodyLimit: limits.bodyBytesMax }, (_request, body, done) => {
    const read = readKalenderRequestXml(body as string);
    if (read.ok) done(null, read.value);
    else done(kalErrors.invalidInput(read.melding));
  });
  useCatalogueErrors(api, { korrelasjonsidOf, toApiError, unknownPath, invalidInput: kalErrors.invalidInput, format: kalenderErrorFormat });
  registerFristerRoute(api, context);
  registerAbonnementRoutes(api, context);
}

const served = `POST ${kalendertjenestePrefix}/frister og ${kalendertjenestePrefix}/abonnementer/{partIdentifikator}`;

function unknownPath(request: FastifyRequest): ApiError {
  return kalErrors.unknownPath(request.method, requestPath(request), served);
}

/**
 * Errors in the format the caller will read (decision 0056): as Accept says, preferring the
 * format of the body sent; JSON when Accept allows neither.
 */
export function kalenderErrorFormat(request: FastifyRequest): MediaFormat {
  return negotiateFormat(request.headers.accept, bodyFormat(request.headers['content-type']) ?? 'json') ?? 'json';
}

function toApiError(error: FastifyError, request: FastifyRequest): ApiError {
  if (error.validation !== undefined) {
    const [first] = error.validation;
    if (error.validationContext === 'body') return kalErrors.invalidInput(kalenderRequestMelding(first, request.body));
    return kalErrors.invalidInput(parameterMelding(first?.instancePath.replace(/^\//, '') ?? '', request.params));
  }
  if (error instanceof BodyTooDeepError) return kalErrors.invalidInput(error.message);
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return kalErrors.tooLarge(limits.bodyBytesMax);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return kalErrors.unsupportedMediaType(request.headers['content-type'] ?? '');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return kalErrors.invalidInput('Forespørselen mangler innhold: send et kalenderRequest.');
  }
  // Fastify's JSON parser: bad syntax, or a __proto__ key (refused as prototype poisoning).
  if (error.statusCode === 400) return kalErrors.invalidInput('Forespørselen er ikke gyldig JSON.');
  return kalErrors.internal();
}

function parameterMelding(name: string, params: unknown): string {
  const value = String((params as Record<string, unknown> | undefined)?.[name] ?? '');
  if (name === 'partIdentifikator') return identifikatorMelding(`Parameteren partIdentifikator (${echo(value)})`, value, 'partIdentifikator');
  return `Parameteren ${name} (${echo(value)}) er ikke en gyldig abonnement-id (UUID).`;
}

/** Malformed URLs under the prefix get a catalogued KAL-006 body (see ../framework-errors.ts). */
export const kalendertjenesteFrameworkErrorRoute: FrameworkErrorRoute = catalogueFrameworkErrorRoute(
  kalendertjenestePrefix,
  kalErrors.invalidInput,
  kalenderErrorFormat,
);
