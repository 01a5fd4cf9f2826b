import { Ajv } from 'ajv';
import { parseLocalDate } from '../domain/dates.js';
import { isValidPersonId } from '../domain/foedselsnummer.js';
import { isValidOrganisasjonsnummer } from '../domain/organisasjonsnummer.js';
import { exactOere } from './kroner.js';

/**
 * The one JSON-Schema validator of the API surfaces: request parameters at run time, and the
 * contract tests that check published examples and our own output against the same schemas.
 * Formats are our domain's rules, not approximations: `date` is a real calendar date
 * (`parseLocalDate`), `kroner` has at most two decimals, `partidentifikator` is an
 * organisation number or fødselsnummer/D-nummer with valid check digits (`organisasjonsnummer`
 * and `foedselsnummer` each alone), `date-time` an RFC 3339 instant.
 */
export function createApiAjv(): Ajv {
  const ajv = new Ajv({
    allErrors: false,
    coerceTypes: false,
    useDefaults: false,
    removeAdditional: false,
    strict: true,
  });
  // OpenAPI's `xml` object names the XML elements; it is an annotation, not a validation rule.
  ajv.addKeyword({ keyword: 'xml', schemaType: 'object' });
  ajv.addFormat('date', { type: 'string', validate: (value: string) => parseLocalDate(value) !== undefined });
  ajv.addFormat('kroner', { type: 'number', validate: (value: number) => exactOere(value) !== undefined });
  ajv.addFormat('partidentifikator', { type: 'string', validate: isPartIdentifikator });
  ajv.addFormat('organisasjonsnummer', { type: 'string', validate: isValidOrganisasjonsnummer });
  ajv.addFormat('foedselsnummer', { type: 'string', validate: (value: string) => value.length === 11 && isValidPersonId(value) });
  ajv.addFormat('date-time', { type: 'string', validate: isDateTime });
  return ajv;
}

export function isPartIdentifikator(value: string): boolean {
  return value.length === 9 ? isValidOrganisasjonsnummer(value) : isValidPersonId(value);
}

const dateTimePattern = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** RFC 3339 `date-time`: a real date, a time, and a zone (`Z` or an offset). */
export function isDateTime(value: string): boolean {
  const match = dateTimePattern.exec(value);
  return match !== null && parseLocalDate(match[1]!) !== undefined && !Number.isNaN(Date.parse(value));
}
