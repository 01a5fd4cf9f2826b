import { ApiError, commonMeldinger, defineErrorCatalogue, echo } from '../error-catalogue.js';

/**
 * The Krav og betalinger error catalogue (spec §6): every code the API can answer with, its
 * HTTP status and what it means (the mechanism is shared by every surface: ../error-catalogue.ts).
 * `test/api/kravogbetalinger/errors.test.ts` walks this catalogue so no code goes untested.
 */
export type ErrorCode = 'KB-001' | 'KB-002' | 'KB-003' | 'KB-004' | 'KB-005' | 'KB-006' | 'KB-007' | 'KB-008' | 'KB-009';

export { ApiError, echo };
export type { CatalogueEntry } from '../error-catalogue.js';

const catalogue = defineErrorCatalogue<ErrorCode>({
  'KB-001': { httpStatus: 500, beskrivelse: 'Uventet feil i tjenesten.', description: 'Unexpected failure inside the service.' },
  'KB-002': { httpStatus: 500, beskrivelse: 'Uventet feil i et bakenforliggende system.', description: 'Unexpected failure in a back-end system (the ledger).' },
  'KB-003': { httpStatus: 404, beskrivelse: 'Ukjent sti eller endepunkt.', description: 'Unknown URL or endpoint, including an unknown rettighetspakke.' },
  'KB-004': { httpStatus: 401, beskrivelse: 'Feil ved autentisering (Maskinporten-token).', description: 'Authentication failed (Maskinporten token).' },
  'KB-005': { httpStatus: 403, beskrivelse: 'Mangler samtykke eller systemtilgang for parten.', description: 'No consent or system-user access for the party.' },
  'KB-006': { httpStatus: 400, beskrivelse: 'Ugyldig forespørsel (identifikator, datoer, periode).', description: 'Input validation failed (identifier, dates, period).' },
  'KB-007': { httpStatus: 404, beskrivelse: 'Fant ingen krav eller betalinger for parten i perioden.', description: 'Nothing found for the party in the period.' },
  'KB-008': { httpStatus: 406, beskrivelse: 'Formatet i Accept støttes ikke; bare JSON og XML.', description: 'Unsupported Accept; only JSON or XML.' },
  'KB-009': { httpStatus: 404, beskrivelse: 'Fant ingen part med denne identifikatoren.', description: 'The identifier is unknown.' },
});

export const errorCatalogue = catalogue.entries;
export const errorCodes = catalogue.codes;
const error = catalogue.error;

/** The paths the API serves, below either base path (decision 0151). */
const apiPathPattern = '{finans|regnskapssystem}/{partIdentifikator}/{aapnekrav|krav|innbetalinger|utbetalinger}';
const feedPathPattern = '{finans|regnskapssystem}/endringer';
const basePaths = '/api/innkreving/kravogbetalinger/v1 eller /v1';

/** One constructor per situation, so every melding is written once. */
export const apiErrors = {
  internal: () => error('KB-001', commonMeldinger.internal),
  backend: () => error('KB-002', commonMeldinger.backend),
  unknownPath: (method: string, path: string) =>
    error('KB-003', `Fant ingen ressurs for ${method} ${echo(path)}. Tjenesten har bare GET …/${apiPathPattern} og GET …/${feedPathPattern} under ${basePaths}.`),
  unknownRettighetspakke: (rettighetspakke: string) =>
    error('KB-003', `Rettighetspakken ${echo(rettighetspakke)} finnes ikke. Gyldige rettighetspakker er finans og regnskapssystem.`),
  authentication: (reason: string) => error('KB-004', reason),
  authorization: (reason: string) => error('KB-005', reason),
  invalidInput: (melding: string) => error('KB-006', melding),
  nothingInPeriod: (what: string, partIdentifikator: string, fraOgMed: string, tilOgMed: string) =>
    error('KB-007', `Fant ingen ${what} for partIdentifikator ${partIdentifikator} i perioden ${fraOgMed} til ${tilOgMed}.`),
  /** The sandbox's test scenario KB-007, on any route. */
  nothingFound: (partIdentifikator: string | undefined) =>
    error('KB-007', partIdentifikator === undefined ? 'Fant ingen krav eller betalinger i perioden.' : `Fant ingen krav eller betalinger for partIdentifikator ${partIdentifikator} i perioden.`),
  notAcceptable: (accept: string) =>
    error('KB-008', `Formatet i Accept-headeren (${echo(accept)}) støttes ikke. Tjenesten svarer med application/json eller application/xml.`),
  unknownParty: (partIdentifikator: string) => error('KB-009', `Fant ingen part med partIdentifikator ${partIdentifikator}.`),
};
