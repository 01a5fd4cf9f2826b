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
import { useSandboxHeaders, type Feilscenario } from '../sandbox-headers.js';
import { registerSurface, requestPath, useApiSchemas, useCatalogueErrors, useKorrelasjonsid } from '../surface.js';
import { registerAbonnementRoutes } from './abonnement-routes.js';
import { bodyFormat, kalendertjenestePrefix, type KalenderContext, type KalendertjenesteOptions } from './context.js';
import { kalErrors } from './errors.js';
import { identifikatorOf, registerFristerRoute } from './frister-route.js';
import { kalenderRequestMelding } from './request.js';
import type { KalenderRequestDokument } from './schemas.js';
import { readKalenderRequestXml } from './xml-request.js';

/**
 * The Kalendertjeneste as one encapsulated plugin under its prefix: `POST /frister` (a
 * `kalenderRequest` in JSON or XML → a `kalender` in the same format) and the iCalendar
 * subscriptions of a party (`/abonnementer/{partIdentifikator}`). Errors are the KAL catalogue.
 */
export async function kalendertjenestePlugin(app: FastifyInstance, options: KalendertjenesteOptions): Promise<void> {
  await registerSurface(app, kalendertjenestePrefix, (api) => configure(api, options));
}

function configure(api: FastifyInstance, options: KalendertjenesteOptions): void {
  const korrelasjonsidOf = useKorrelasjonsid(api, options.newKorrelasjonsid ?? randomUUID);
  useApiSchemas(api);
  // An XML body is read into the same plain object a JSON body gives (namespaces resolved).
  api.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string', bodyLimit: limits.bodyBytesMax }, (_request, body, done) => {
    const read = readKalenderRequestXml(body as string);
    if (read.ok) done(null, read.value);
    else done(kalErrors.invalidInput(read.melding));
  });
  useCatalogueErrors(api, { korrelasjonsidOf, toApiError, unknownPath, invalidInput: kalErrors.invalidInput, format: kalenderErrorFormat });
  const clockOf = useSandboxHeaders(api, options.clock, options.sandbox, { invalidInput: kalErrors.invalidInput, scenario: scenarioError });
  const context: KalenderContext = { ...options, calendar: calendarSourceOf(options), clockOf };
  registerFristerRoute(api, context);
  registerAbonnementRoutes(api, context);
}

/**
 * A test scenario as this service's own error (decision 0057: KAL-nnn means KB-nnn). KB-007 has
 * no twin: an empty calendar is an answer.
 */
function scenarioError(code: Feilscenario, request: FastifyRequest): ApiError | undefined {
  switch (code) {
    case 'KB-001':
      return kalErrors.internal();
    case 'KB-002':
      return kalErrors.backend();
    case 'KB-007':
      return undefined;
    case 'KB-009':
      return kalErrors.unknownParties(partiesNamed(request));
  }
}

/** The parties a request names: the one in the path, or those of the kalenderRequest. */
function partiesNamed(request: FastifyRequest): string[] {
  const inPath = (request.params as { partIdentifikator?: string }).partIdentifikator;
  if (inPath !== undefined) return [inPath];
  return ((request.body as Partial<KalenderRequestDokument> | undefined)?.kalenderRequest?.part ?? []).map(identifikatorOf);
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
