import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { AltinnProblem, scopes, type AccessChecker, type AltinnContext } from '../../auth/index.js';
import { innbetalingsfilTekst } from '../../bank/index.js';
import { BodyTooDeepError } from '../../body-depth.js';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../domain/clock.js';
import type { LocalDate } from '../../domain/dates.js';
import { limits } from '../../domain/limits.js';
import { LedgerInputError } from '../../ledger/index.js';
import { accessHooks } from '../access-hooks.js';
import { createApiAjv } from '../ajv.js';
import { catalogueFrameworkErrorRoute, type FrameworkErrorRoute } from '../framework-errors.js';
import type { ApiError } from '../error-catalogue.js';
import { useSandboxHeaders, type Feilscenario, type SandboxHeaders } from '../sandbox-headers.js';
import { registerSurface, requestPath, useCatalogueErrors, useKorrelasjonsid } from '../surface.js';
import { tdErrors } from './errors.js';
import * as handlers from './handlers.js';
import { routeDocs } from './openapi-docs.js';
import { Bankfilrapport, Innbetaling, Krav, NyInnbetaling, NyttKrav, NyVirksomhet, Oppgjoer, Oppgjoersrapport, Tildeling, Uidentifiserte, UidentifisertParams, UtbetalingsfilQuery, Virksomhet } from './schemas.js';

/** The test-support API's prefix and scope (decision 0176); served only in a sandbox. */
export const testdataPrefix = '/api/testdata/v1';

export interface TestdataOptions {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly checker: Pick<AccessChecker, 'authenticate' | 'authorize'>;
  readonly altinn: AltinnContext;
  readonly sandbox: SandboxHeaders;
  readonly newKorrelasjonsid?: () => string;
}

/**
 * The sandbox's test-support API, one encapsulated plugin under `/api/testdata/v1`: a vendor's
 * test makes a business, gives it claims, pays them (one payment, or a bank file as the bank
 * sends it), runs the daily settlement and fetches the day's payout file — all over HTTP, with a
 * token with scope `kob:testdata`. Bookings go through the ledger's own commands on the business
 * date (`Kob-Forretningsdato` moves it); an `Idempotency-Key` header makes a retry book nothing
 * twice. JSON bodies are checked against their schemas and limits at the edge; a bank file is
 * `text/plain` (Nets OCR giro, ISO-8859-1 unless the charset says UTF-8) or `application/xml` (camt.054).
 */
export async function testdataPlugin(app: FastifyInstance, options: TestdataOptions): Promise<void> {
  await registerSurface(app, testdataPrefix, (api) => configure(api, options));
}

function configure(api: FastifyInstance, options: TestdataOptions): void {
  const korrelasjonsidOf = useKorrelasjonsid(api, options.newKorrelasjonsid ?? randomUUID);
  const ajv = createApiAjv();
  api.setValidatorCompiler(({ schema }) => ajv.compile(schema));
  // A bank file is the body as bytes, as large as a bank file may be; the format is told from the content.
  api.removeContentTypeParser('text/plain');
  api.addContentTypeParser(['text/plain', 'application/xml', 'text/xml'], { parseAs: 'buffer', bodyLimit: limits.bankfilBytesMax }, (request, body, done) => {
    done(null, innbetalingsfilTekst(body as Buffer, charsetOf(request.headers['content-type'])));
  });
  useCatalogueErrors(api, { korrelasjonsidOf, toApiError, unknownPath, invalidInput: tdErrors.invalidInput, format: () => 'json' });
  const clockOf = useSandboxHeaders(api, options.clock, options.sandbox, { invalidInput: tdErrors.invalidInput, scenario: scenarioError });
  const access = accessHooks({
    checker: options.checker,
    scope: scopes.testdata,
    parties: () => [],
    authenticationError: tdErrors.authentication,
    authorizationError: () => tdErrors.authentication('ingen tilgang'),
  });
  const ctx: handlers.TestdataContext = { db: options.db, altinn: options.altinn };
  const idag = (request: FastifyRequest): LocalDate => clockOf(request).today();
  const json = { onRequest: [requireContentType(['application/json'], 'application/json'), access.authenticate] };

  api.post('/virksomheter', { ...json, schema: { body: NyVirksomhet, ...routeDocs.virksomheter(Virksomhet) } }, async (request, reply) =>
    reply.code(201).send(await handlers.nyVirksomhet(ctx, request.body as NyVirksomhet, access.token(request), idag(request))),
  );
  api.post('/krav', { ...json, schema: { body: NyttKrav, ...routeDocs.krav(Krav) } }, async (request, reply) =>
    reply.code(201).send(await handlers.nyttKrav(ctx, request.body as NyttKrav, idag(request), idempotencyKey(request))),
  );
  api.post('/innbetalinger', { ...json, schema: { body: NyInnbetaling, ...routeDocs.innbetalinger(Innbetaling) } }, async (request, reply) =>
    reply.code(201).send(await handlers.nyInnbetaling(ctx, request.body as NyInnbetaling, idag(request), idempotencyKey(request))),
  );
  api.post(
    '/innbetalingsfiler',
    { onRequest: [requireContentType(['text/plain', 'application/xml', 'text/xml'], 'text/plain (Nets OCR giro) eller application/xml (camt.054)'), access.authenticate], schema: routeDocs.innbetalingsfiler(Bankfilrapport) },
    async (request, reply) => {
      const { status, rapport } = await handlers.innbetalingsfil(ctx, request.body as string, idag(request));
      return reply.code(status).send(rapport);
    },
  );
  api.post('/oppgjoer', { ...json, schema: { body: Oppgjoer, ...routeDocs.oppgjoer(Oppgjoersrapport) } }, async (request) => handlers.oppgjoer(ctx, (request.body ?? {}) as Oppgjoer, idag(request)));
  api.get('/utbetalingsfil', { onRequest: access.authenticate, schema: { querystring: UtbetalingsfilQuery, ...routeDocs.utbetalingsfil } }, async (request, reply) =>
    reply.type('application/xml; charset=utf-8').send(await handlers.utbetalingsfil(ctx, (request.query as UtbetalingsfilQuery).dato as LocalDate)),
  );
  api.get('/uidentifiserte-innbetalinger', { onRequest: access.authenticate, schema: routeDocs.uidentifiserte(Uidentifiserte) }, async () => handlers.uidentifiserte(ctx));
  api.post('/uidentifiserte-innbetalinger/:uidentifisertId/tildeling', { ...json, schema: { params: UidentifisertParams, body: Tildeling, ...routeDocs.tildeling(Innbetaling) } }, async (request, reply) =>
    reply.code(201).send(await handlers.tildel(ctx, (request.params as UidentifisertParams).uidentifisertId, (request.body as Tildeling).partIdentifikator, idag(request))),
  );
}

/** An empty body is a JSON route's `{}`; any other type is refused before the body is read. */
function requireContentType(accepted: readonly string[], expected: string) {
  return async (request: FastifyRequest) => {
    const contentType = request.headers['content-type'];
    if (contentType === undefined && request.headers['content-length'] === undefined && request.headers['transfer-encoding'] === undefined) return;
    const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
    if (!accepted.includes(mediaType)) throw tdErrors.unsupportedMediaType(contentType ?? '(ingen)', expected);
  };
}

function charsetOf(contentType: string | undefined): string | undefined {
  return /;\s*charset=("?)([^";]+)\1/i.exec(contentType ?? '')?.[2];
}

function idempotencyKey(request: FastifyRequest): string | undefined {
  const key = request.headers['idempotency-key'];
  if (Array.isArray(key)) throw tdErrors.invalidInput('Headeren Idempotency-Key er oppgitt flere ganger');
  if (key !== undefined && (key.length === 0 || key.length > limits.idempotencyKeyLengthMax - 20)) {
    throw tdErrors.invalidInput(`Idempotency-Key må ha 1–${limits.idempotencyKeyLengthMax - 20} tegn`);
  }
  return key === undefined ? undefined : `testdata:${key}`;
}

function scenarioError(code: Feilscenario): ApiError | undefined {
  return code === 'KB-001' ? tdErrors.internal() : undefined;
}

function unknownPath(request: FastifyRequest): ApiError {
  return tdErrors.unknownPath(request.method, requestPath(request));
}

/** Errors of the ledger and Altinn are the caller's: refused input, unknown ids, conflicts with what is booked. */
function toApiError(error: FastifyError, request: FastifyRequest): ApiError {
  if (error instanceof LedgerInputError) return ledgerError(error);
  if (error instanceof AltinnProblem) return error.status === 404 ? tdErrors.unknown(error.detail) : tdErrors.invalidInput(error.detail);
  if (error.validation !== undefined) {
    const [first] = error.validation;
    const field = first?.instancePath === '' ? error.validationContext ?? 'body' : `${error.validationContext ?? 'body'}${first?.instancePath}`;
    return tdErrors.invalidInput(`${field} er ugyldig: ${first?.message ?? 'ukjent feil'}`);
  }
  if (error instanceof BodyTooDeepError) return tdErrors.invalidInput(error.message);
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return tdErrors.tooLarge(request.url.split('?')[0]!.endsWith('/innbetalingsfiler') ? limits.bankfilBytesMax : limits.bodyBytesMax);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return tdErrors.unsupportedMediaType(request.headers['content-type'] ?? '', 'application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return tdErrors.invalidInput('Forespørselen mangler innhold');
  }
  if (error.statusCode === 400) return tdErrors.invalidInput('Forespørselen er ikke gyldig JSON');
  return tdErrors.internal();
}

function ledgerError(error: LedgerInputError): ApiError {
  switch (error.code) {
    case 'ukjentPart':
    case 'ukjentUtbetaling':
    case 'ukjentUidentifisert':
      return tdErrors.unknown(error.message);
    case 'tilbakedatert':
    case 'idempotensKonflikt':
    case 'alleredeTildelt':
    case 'utbetalingStatus':
      return tdErrors.conflict(error.message);
    default:
      return tdErrors.invalidInput(error.message);
  }
}

/** Malformed URLs under the prefix get a catalogued TD-006 body (see ../framework-errors.ts). */
export const testdataFrameworkErrorRoute: FrameworkErrorRoute = catalogueFrameworkErrorRoute(testdataPrefix, tdErrors.invalidInput, () => 'json');
