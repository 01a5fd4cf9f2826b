import { echo } from '../error-catalogue.js';
import { identifikatorMelding } from '../identifikator-melding.js';

/**
 * The lenient reading of a `kalenderRequest` (domain-rules §5.6, decision 0056). The published
 * examples break their own schema: `part` as an object instead of a list, the organisation
 * number as a JSON number, and XMLSpy's `n1:` prefixes on the JSON keys. We accept those shapes,
 * the schema's root object `{"kalenderRequest": {…}}` and the bare object `{"part": …}`, and
 * turn them all into the canonical `{"kalenderRequest": {"part": [{…}], "periode": {…}}}` that
 * the route schema then validates. Nothing is guessed: a value that is not what a field takes
 * stays as it is and fails validation with a melding naming the field.
 */
export function normalizeKalenderRequest(body: unknown): unknown {
  const root = stripPrefixes(body);
  if (!isRecord(root)) return root;
  const request = 'kalenderRequest' in root ? root.kalenderRequest : 'part' in root || 'periode' in root ? root : undefined;
  if (request === undefined) return {};
  if (!isRecord(request)) return { kalenderRequest: request };
  const { part, periode, ...rest } = request;
  return {
    kalenderRequest: {
      ...rest,
      ...(part === undefined ? {} : { part: (Array.isArray(part) ? part : [part]).map(normalizeIdentifikator) }),
      ...(periode === undefined ? {} : { periode: normalizePeriode(periode) }),
    },
  };
}

/**
 * `"n1:part"` → `"part"`: the namespace prefixes of the JSON example carry no meaning in JSON.
 * The body is no deeper than the depth limit (decision 0087), so the recursion is bounded.
 */
function stripPrefixes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripPrefixes);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [withoutPrefix(key), stripPrefixes(child)]));
}

/** Names of an object's own machinery: a key the parser would refuse must not appear by losing its prefix. */
const prototypeKeys = new Set(['__proto__', 'constructor', 'prototype']);

function withoutPrefix(key: string): string {
  const local = key.replace(/^[A-Za-z_][\w.-]*:/, '');
  return prototypeKeys.has(local) ? key : local;
}

/** The example's `"organisasjonsnummer": 313268489`: a whole number becomes its digits. */
function normalizeIdentifikator(value: unknown): unknown {
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, typeof child === 'number' && Number.isSafeInteger(child) && child >= 0 ? String(child) : child]));
}

/** An XSD `date` may carry a zone (`2026-01-01Z`, `2026-01-01+01:00`); the calendar date is the same. */
const xsdDateWithZone = /^(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})$/;

function normalizePeriode(value: unknown): unknown {
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, typeof child === 'string' ? child.replace(xsdDateWithZone, '$1') : child]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An Ajv error as the validator reports it (the parts we read). */
export interface ValidationFailure {
  readonly keyword: string;
  readonly instancePath: string;
  readonly params: Record<string, unknown>;
}

/**
 * The Norwegian melding for the first schema failure of a normalized request: it names the field
 * (`part nr. 2: organisasjonsnummer`), echoes the value, and says what the field takes.
 */
export function kalenderRequestMelding(failure: ValidationFailure | undefined, body: unknown): string {
  const path = (failure?.instancePath ?? '').split('/').filter((segment) => segment !== '');
  const value = path.reduce<unknown>((node, segment) => (isRecord(node) || Array.isArray(node) ? (node as Record<string, unknown>)[segment] : undefined), body);
  const keyword = failure?.keyword ?? '';
  const [, field, index, leaf] = path;
  if (path.length === 0) return 'Forespørselen mangler kalenderRequest. Send {"kalenderRequest": {"part": [{"organisasjonsnummer": "…"}]}} som JSON, eller <kalenderRequest> i XML.';
  if (field === undefined) {
    if (keyword === 'required') return 'kalenderRequest mangler part: oppgi minst én part med organisasjonsnummer eller foedselsnummer.';
    return 'kalenderRequest må være et objekt med part og eventuelt periode.';
  }
  if (field === 'part') return partMelding(keyword, index, leaf, value, failure?.params ?? {});
  if (field === 'periode') return periodeMelding(keyword, index, value);
  return `Feltet ${path.join('.')} er ugyldig.`;
}

function partMelding(keyword: string, index: string | undefined, leaf: string | undefined, value: unknown, params: Record<string, unknown>): string {
  if (index === undefined) {
    if (keyword === 'minItems') return 'kalenderRequest.part er tom: oppgi minst én part.';
    if (keyword === 'maxItems') return `kalenderRequest.part har ${Array.isArray(value) ? value.length : 'for mange'} parter; høyst ${String(params.limit)} per forespørsel.`;
    return 'kalenderRequest.part må være en liste av parter.';
  }
  const name = `part nr. ${Number(index) + 1}`;
  if (leaf === 'organisasjonsnummer' || leaf === 'foedselsnummer') {
    const text = typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value) ?? '';
    return identifikatorMelding(`${name}: ${leaf} (${echo(text)})`, text, leaf);
  }
  if (keyword === 'additionalProperties') return `${name} har feltet ${echo(String(params.additionalProperty))}, som ikke finnes; oppgi organisasjonsnummer eller foedselsnummer.`;
  if (keyword === 'maxProperties') return `${name} har både organisasjonsnummer og foedselsnummer; oppgi bare ett av dem.`;
  return `${name} må ha organisasjonsnummer eller foedselsnummer.`;
}

function periodeMelding(keyword: string, leaf: string | undefined, value: unknown): string {
  if (leaf === 'fraOgMed' || leaf === 'tilOgMed') {
    const text = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
    return `periode.${leaf} (${echo(text)}) er ikke en gyldig dato på formen ÅÅÅÅ-MM-DD.`;
  }
  if (keyword === 'required') return 'periode mangler fraOgMed (første dag, ÅÅÅÅ-MM-DD).';
  return 'periode må være et objekt med fraOgMed og eventuelt tilOgMed.';
}
