import type { TSchema } from 'typebox';
import { errorResponses, korrelasjonsidHeaderDoc, type DocumentedCatalogue } from '../openapi-errors.js';
import { xmlWriter } from '../xml.js';
import type { Endpoint } from './endpoints.js';
import { apiErrors, errorCatalogue, type ErrorCode } from './errors.js';

/**
 * The OpenAPI side of a route: response objects with both media types, the published example
 * (JSON as published, and our XML rendering of it), response headers, and one error response per status listing
 * its codes with a sample body each. Kept apart from the route logic; `routes.ts` only spreads
 * `operationDocs(endpoint)` into the route schema.
 */
export const maskinportenScope = 'skatteetaten:kravogbetalinger';

/** A typical melding per code for the documentation (the real text names the actual value). */
export const documentedErrors: DocumentedCatalogue<ErrorCode> = {
  entries: errorCatalogue,
  formats: ['json', 'xml'],
  samples: {
    'KB-001': apiErrors.internal(),
    'KB-002': apiErrors.backend(),
    'KB-003': apiErrors.unknownRettighetspakke('bank'),
    'KB-004': apiErrors.authentication('Tilgangstokenet mangler. Send et Maskinporten-token i Authorization: Bearer.'),
    'KB-005': apiErrors.authorization('Det finnes ikke et gyldig samtykke fra parten 212201782 til rettighetspakken finans.'),
    'KB-006': apiErrors.invalidInput('Parameteren fraOgMed (2024-02-30) er ikke en gyldig dato på formen ÅÅÅÅ-MM-DD.'),
    'KB-007': apiErrors.nothingInPeriod('krav', '212201782', '2023-01-01', '2023-12-31'),
    'KB-008': apiErrors.notAcceptable('text/html'),
    'KB-009': apiErrors.unknownParty('212201782'),
  },
};

/**
 * Skatteetaten published the JSON example; it published no XML (spec §3), so the XML example is
 * our rendering of the same body and says so (decision 0152).
 */
function okResponse(schema: TSchema, example: unknown) {
  return {
    description: 'Svaret. Tomme lister og felt uten verdi er utelatt.',
    headers: {
      ...korrelasjonsidHeaderDoc,
      ETag: { type: 'string', description: 'Svak ETag; send den i If-None-Match for å få 304 når ingenting er endret.' },
      'Cache-Control': { type: 'string', description: '`private, no-cache`: lagres bare hos klienten, og valideres på nytt hver gang.' },
    },
    content: {
      'application/json': { schema, examples: { publisert: { summary: 'Publisert eksempel fra Skatteetaten', value: example } } },
      'application/xml': {
        schema,
        examples: {
          xmlGjengivelse: {
            summary: 'Det publiserte JSON-eksempelet i vår XML-gjengivelse (Skatteetaten har ikke publisert XML)',
            value: xmlWriter(schema)(example),
          },
        },
      },
    },
  };
}

export function operationDocs(endpoint: Endpoint) {
  const codes: ErrorCode[] = ['KB-001', 'KB-002', 'KB-003', 'KB-004', 'KB-005', 'KB-006', 'KB-008', 'KB-009'];
  if (endpoint.period) codes.push('KB-007');
  codes.sort();
  return {
    operationId: endpoint.operationId,
    summary: endpoint.summary,
    description: endpoint.description,
    tags: ['Krav og betalinger'],
    security: [{ maskinporten: [maskinportenScope] }],
    response: {
      200: okResponse(endpoint.schema, endpoint.example),
      304: { description: 'Ikke endret siden ETag-en i If-None-Match; ingen kropp.', headers: korrelasjonsidHeaderDoc, type: 'null' },
      ...errorResponses(documentedErrors, codes),
    },
  };
}
