import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { kalenderperiode } from '../../domain/deadlines/index.js';
import { calendarSourceOf, type CalendarSurfaceOptions } from '../calendar-options.js';
import { echo, type ApiError } from '../error-catalogue.js';
import { bodyEtag, cacheControl, isNotModified } from '../etag.js';
import { catalogueFrameworkErrorRoute, type FrameworkErrorRoute } from '../framework-errors.js';
import { identifikatorMelding } from '../identifikator-melding.js';
import { negotiateFormat } from '../negotiation.js';
import { accessHooks, type PartyAccessChecker } from '../access-hooks.js';
import { jsonWriter, mediaTypes } from '../serialization.js';
import { useSandboxHeaders, type Feilscenario, type RequestClock, type SandboxHeaders } from '../sandbox-headers.js';
import { registerSurface, requestPath, useApiSchemas, useCatalogueErrors, useKorrelasjonsid } from '../surface.js';
import { friErrors } from './errors.js';
import { mapFrister } from './map-frister.js';
import { fristerDocs } from './openapi-docs.js';
import { Frister, FristerParams } from './schemas.js';

/** The published path prefix and scope of the Frister API (domain-rules §5.7). */
export const fristerPrefix = '/api/frister/v1';
export const fristerScope = 'skatteetaten:frister';

export interface FristerOptions extends CalendarSurfaceOptions {
  readonly checker: PartyAccessChecker;
  readonly newKorrelasjonsid?: () => string;
  /** In a sandbox: the business date and test scenario headers (decision 0175). */
  readonly sandbox?: SandboxHeaders | undefined;
}

/**
 * `GET /api/frister/v1/{organisasjonsnummer}`, JSON only, one check per stage:
 *
 *   onRequest    Accept (FRI-008) → token (FRI-004)
 *   validation   organisasjonsnummer with its check digit (FRI-006)
 *   preHandler   system user (FRI-005) or consent (FRI-009) for the organisation
 *   handler      the calendar from today and twelve months on: unknown or nothing due (FRI-007),
 *                ledger failure (FRI-002); ETag/304 on the body
 */
export async function fristerPlugin(app: FastifyInstance, options: FristerOptions): Promise<void> {
  await registerSurface(app, fristerPrefix, (api) => configure(api, options));
}

function configure(api: FastifyInstance, options: FristerOptions): void {
  const calendarOf = calendarSourceOf(options);
  const korrelasjonsidOf = useKorrelasjonsid(api, options.newKorrelasjonsid ?? randomUUID);
  useApiSchemas(api);
  useCatalogueErrors(api, { korrelasjonsidOf, toApiError, unknownPath, invalidInput: friErrors.invalidInput, format: () => 'json' });
  const clockOf = useSandboxHeaders(api, options.clock, options.sandbox, { invalidInput: friErrors.invalidInput, scenario: (code, request) => scenarioError(code, request, clockOf) });

  const access = accessHooks({
    checker: options.checker,
    scope: fristerScope,
    parties: (request) => [(request.params as FristerParams).organisasjonsnummer],
    authenticationError: friErrors.authentication,
    authorizationError: (refused) => friErrors.authorization(refused[0]!),
  });
  api.get(
    '/:organisasjonsnummer',
    {
      schema: { params: FristerParams, ...fristerDocs },
      onRequest: [
        async (request: FastifyRequest) => {
          if (negotiateFormat(request.headers.accept) !== 'json') throw friErrors.notAcceptable(request.headers.accept ?? '');
        },
        access.authenticate,
      ],
      preHandler: access.authorize,
    },
    async (request, reply) => {
      const { organisasjonsnummer } = request.params as FristerParams;
      const idag = clockOf(request).today();
      const periode = kalenderperiode({ idag });
      let calendar;
      try {
        calendar = await calendarOf({ partId: organisasjonsnummer, idag, periode });
      } catch (error) {
        request.log.error({ err: error }, 'calendar failed');
        throw friErrors.backend();
      }
      const body = calendar === undefined ? undefined : mapFrister(organisasjonsnummer, calendar);
      if (body === undefined || body.kilder.every((kilde) => kilde.frister.length === 0)) {
        throw friErrors.noDeadlines(organisasjonsnummer, periode.fraOgMed, periode.tilOgMed);
      }
      const text = jsonWriter(Frister)(body);
      const etag = bodyEtag(text);
      reply.header('ETag', etag).header('Cache-Control', cacheControl).header('Vary', 'Accept');
      if (isNotModified(request.headers, etag)) return reply.code(304).send();
      return reply.type(mediaTypes.json).send(text);
    },
  );
}

/** A test scenario as this API's own error: FRI-007 answers both "nothing due" and "unknown" (decision 0059). */
function scenarioError(code: Feilscenario, request: FastifyRequest, clockOf: RequestClock): ApiError {
  switch (code) {
    case 'KB-001':
      return friErrors.internal();
    case 'KB-002':
      return friErrors.backend();
    case 'KB-007':
    case 'KB-009': {
      const periode = kalenderperiode({ idag: clockOf(request).today() });
      return friErrors.noDeadlines((request.params as FristerParams).organisasjonsnummer, periode.fraOgMed, periode.tilOgMed);
    }
  }
}

function unknownPath(request: FastifyRequest): ApiError {
  return friErrors.unknownPath(request.method, requestPath(request));
}

function toApiError(error: FastifyError, request: FastifyRequest): ApiError {
  if (error.validation === undefined) return friErrors.internal();
  const value = String((request.params as Partial<FristerParams> | undefined)?.organisasjonsnummer ?? '');
  return friErrors.invalidInput(identifikatorMelding(`Parameteren organisasjonsnummer (${echo(value)})`, value, 'organisasjonsnummer'));
}

/** Malformed URLs under the prefix get a catalogued FRI-006 body (see ../framework-errors.ts). */
export const fristerFrameworkErrorRoute: FrameworkErrorRoute = catalogueFrameworkErrorRoute(fristerPrefix, friErrors.invalidInput, () => 'json');
