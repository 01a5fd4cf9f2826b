import type { TSchema } from 'typebox';
import { Feil } from '../error-body.js';
import { xmlWriter } from '../xml.js';
import type { Endpoint } from './endpoints.js';
import { ApiError, apiErrors, errorCatalogue, type ErrorCode } from './errors.js';

/**
 * The OpenAPI side of a route: response objects with both media types, the published example
 * (JSON, and its XML rendering), response headers, and one error response per status listing
 * its codes with a sample body each. Kept apart from the route logic; `routes.ts` only spreads
 * `operationDocs(endpoint)` into the route schema.
 */
export const maskinportenScope = 'skatteetaten:kravogbetalinger';

const korrelasjonsidHeaderDoc = {
  Korrelasjonsid: { type: 'string', description: 'Korrelasjonsiden fra forespørselen, eller en ny UUID.' },
};

const sampleKorrelasjonsid = '13a865f5-28f9-47db-9abd-ab78977c79fe';

/** A typical melding per code for the documentation (the real text names the actual value). */
const sampleErrors: Readonly<Record<ErrorCode, ApiError>> = {
  'KB-001': apiErrors.internal(),
  'KB-002': apiErrors.backend(),
  'KB-003': apiErrors.unknownRettighetspakke('bank'),
  'KB-004': apiErrors.authentication('Tilgangstokenet mangler. Send et Maskinporten-token i Authorization: Bearer.'),
  'KB-005': apiErrors.authorization('Det finnes ikke et gyldig samtykke fra parten 212201782 til rettighetspakken finans.'),
  'KB-006': apiErrors.invalidInput('Parameteren fraOgMed (2024-02-30) er ikke en gyldig dato på formen ÅÅÅÅ-MM-DD.'),
  'KB-007': apiErrors.nothingInPeriod('krav', '212201782', '2023-01-01', '2023-12-31'),
  'KB-008': apiErrors.notAcceptable('text/html'),
  'KB-009': apiErrors.unknownParty('212201782'),
};

function errorResponse(codes: readonly ErrorCode[]) {
  const examples = Object.fromEntries(
    codes.map((kode) => {
      const body = { kode, melding: sampleErrors[kode].melding, korrelasjonsid: sampleKorrelasjonsid };
      return [kode, { summary: errorCatalogue[kode].beskrivelse, value: body }];
    }),
  );
  const xmlExamples = Object.fromEntries(
    codes.map((kode) => [kode, { summary: errorCatalogue[kode].beskrivelse, value: xmlWriter(Feil)((examples[kode] as { value: unknown }).value) }]),
  );
  return {
    description: codes.map((kode) => `${kode}: ${errorCatalogue[kode].beskrivelse}`).join(' '),
    headers: korrelasjonsidHeaderDoc,
    content: {
      'application/json': { schema: Feil, examples },
      'application/xml': { schema: Feil, examples: xmlExamples },
    },
  };
}

/** Error responses grouped by HTTP status, in catalogue order. */
function errorResponses(codes: readonly ErrorCode[]): Record<string, ReturnType<typeof errorResponse>> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const kode of codes) {
    const status = errorCatalogue[kode].httpStatus;
    byStatus.set(status, [...(byStatus.get(status) ?? []), kode]);
  }
  return Object.fromEntries([...byStatus].map(([status, statusCodes]) => [String(status), errorResponse(statusCodes)]));
}

function okResponse(schema: TSchema, example: unknown) {
  const summary = 'Publisert eksempel fra Skatteetaten';
  return {
    description: 'Svaret. Tomme lister og felt uten verdi er utelatt.',
    headers: {
      ...korrelasjonsidHeaderDoc,
      ETag: { type: 'string', description: 'Svak ETag; send den i If-None-Match for å få 304 når ingenting er endret.' },
      'Cache-Control': { type: 'string', description: '`private, no-cache`: lagres bare hos klienten, og valideres på nytt hver gang.' },
    },
    content: {
      'application/json': { schema, examples: { publisert: { summary, value: example } } },
      'application/xml': { schema, examples: { publisert: { summary, value: xmlWriter(schema)(example) } } },
    },
  };
}

export function operationDocs(endpoint: Endpoint) {
  const codes: ErrorCode[] = ['KB-001', 'KB-002', 'KB-003', 'KB-004', 'KB-005', 'KB-006', 'KB-008', 'KB-009'];
  if (endpoint.period) codes.push('KB-007');
  codes.sort();
  return {
    summary: endpoint.summary,
    description: endpoint.description,
    tags: ['Krav og betalinger'],
    security: [{ maskinporten: [maskinportenScope] }],
    response: {
      200: okResponse(endpoint.schema, endpoint.example),
      304: { description: 'Ikke endret siden ETag-en i If-None-Match; ingen kropp.', headers: korrelasjonsidHeaderDoc, type: 'null' },
      ...errorResponses(codes),
    },
  };
}
