/**
 * The Krav og betalinger error catalogue (spec §6): every code the API can answer with, its
 * HTTP status and what it means. Nothing else invents error bodies; `test/api/kravogbetalinger/
 * errors.test.ts` walks this catalogue so no code goes untested.
 */
export type ErrorCode = 'KB-001' | 'KB-002' | 'KB-003' | 'KB-004' | 'KB-005' | 'KB-006' | 'KB-007' | 'KB-008' | 'KB-009';

export interface CatalogueEntry {
  readonly httpStatus: 400 | 401 | 403 | 404 | 406 | 500;
  /** What the code means (Norwegian, shown in the OpenAPI document). */
  readonly beskrivelse: string;
  /** The same in English, for readers of the code and logs. */
  readonly description: string;
}

export const errorCatalogue: Readonly<Record<ErrorCode, CatalogueEntry>> = Object.freeze({
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

export const errorCodes = Object.keys(errorCatalogue) as ErrorCode[];

/**
 * A catalogued error: thrown anywhere in the API, rendered by the plugin's error handler as
 * `{kode, melding, korrelasjonsid}` with the catalogue's status. `melding` is shown to the
 * caller, so it names the field at fault and never carries internals.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly httpStatus: number;

  constructor(
    readonly kode: ErrorCode,
    readonly melding: string,
  ) {
    super(`${kode}: ${melding}`);
    this.httpStatus = errorCatalogue[kode].httpStatus;
  }
}

/** Values from the request echoed in a melding are cut short: they are the caller's input. */
export function echo(value: string): string {
  return value.length <= 120 ? value : `${value.slice(0, 120)}…`;
}

export const apiPathPattern = '/api/innkreving/kravogbetalinger/v1/{finans|regnskapssystem}/{partIdentifikator}/{aapnekrav|krav|innbetalinger|utbetalinger}';

/** One constructor per situation, so every melding is written once. */
export const apiErrors = {
  internal: () =>
    new ApiError('KB-001', 'Det oppstod en uventet feil i tjenesten. Oppgi korrelasjonsid hvis du kontakter Skatteetaten.'),
  backend: () =>
    new ApiError(
      'KB-002',
      'Det oppstod en uventet feil i et bakenforliggende system. Prøv igjen senere, og oppgi korrelasjonsid hvis feilen vedvarer.',
    ),
  unknownPath: (method: string, path: string) =>
    new ApiError('KB-003', `Fant ingen ressurs for ${method} ${echo(path)}. Tjenesten har bare GET ${apiPathPattern}.`),
  unknownRettighetspakke: (rettighetspakke: string) =>
    new ApiError('KB-003', `Rettighetspakken ${echo(rettighetspakke)} finnes ikke. Gyldige rettighetspakker er finans og regnskapssystem.`),
  authentication: (reason: string) => new ApiError('KB-004', reason),
  authorization: (reason: string) => new ApiError('KB-005', reason),
  invalidInput: (melding: string) => new ApiError('KB-006', melding),
  nothingInPeriod: (what: string, partIdentifikator: string, fraOgMed: string, tilOgMed: string) =>
    new ApiError('KB-007', `Fant ingen ${what} for partIdentifikator ${partIdentifikator} i perioden ${fraOgMed} til ${tilOgMed}.`),
  notAcceptable: (accept: string) =>
    new ApiError('KB-008', `Formatet i Accept-headeren (${echo(accept)}) støttes ikke. Tjenesten svarer med application/json eller application/xml.`),
  unknownParty: (partIdentifikator: string) => new ApiError('KB-009', `Fant ingen part med partIdentifikator ${partIdentifikator}.`),
};
