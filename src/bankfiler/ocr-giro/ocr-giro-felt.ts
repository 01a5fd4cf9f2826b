import { InvariantError } from '../../domain/assert.js';
import { parseLocalDate, type LocalDate } from '../../domain/dates.js';
import { quote, refuse } from '../bankfil-feil.js';
import { formatCode, type FieldKind, type FieldLayout, type RecordLayout } from './ocr-giro-poster.js';

/**
 * Reading and writing one record's fields by its layout. Reading checks every field against its
 * kind, fillers included, and returns the values as text: digits as written, dates as
 * `YYYY-MM-DD`, KID and free text without their padding, absent optional values as ''.
 */
export type RecordValues<Name extends string> = Readonly<Record<Name, string>>;
export type ValuesOf<Layout> = Layout extends RecordLayout<infer Name> ? RecordValues<Name> : never;

/** Printable ISO-8859-1, the character set of an OCR file. */
const latin1Text = /^[\u0020-\u007E\u00A0-\u00FF]*$/;
const kidField = /^ *(\d*-?)$/;

export function readRecord<Name extends string>(line: string, lineNumber: number, layout: RecordLayout<Name>): RecordValues<Name> {
  const values = {} as Record<Name, string>;
  for (const field of layout.fields) {
    const raw = line.slice(field.start - 1, field.start - 1 + field.length);
    values[field.name] = readField(raw, field, { lineNumber, layout, field });
  }
  return values;
}

function readField(raw: string, field: FieldLayout, place: Place): string {
  switch (field.kind) {
    case 'digits':
      if (!/^\d+$/.test(raw)) fieldError(place, raw, 'skal bare ha sifre', 'must be digits only');
      return raw;
    case 'zeros':
      if (!/^0+$/.test(raw)) fieldError(place, raw, 'skal bare ha nuller', 'must be zeros only');
      return '';
    case 'text':
      if (!latin1Text.test(raw)) fieldError(place, raw, 'har tegn utenfor ISO-8859-1', 'has characters outside ISO-8859-1');
      return raw.trimEnd();
    case 'kid': {
      const match = kidField.exec(raw);
      if (match === null) fieldError(place, raw, 'skal være sifre høyrejustert med blanke foran', 'must be digits, right-aligned after spaces');
      return match[1]!;
    }
    case 'date':
      return readDate(raw) ?? fieldError(place, raw, 'er ikke en dato (DDMMÅÅ)', 'is not a date (DDMMYY)');
    case 'optionalDate':
      if (raw === '000000') return '';
      return readDate(raw) ?? fieldError(place, raw, 'er verken en dato (DDMMÅÅ) eller 000000', 'is neither a date (DDMMYY) nor 000000');
    case 'sign':
      if (raw !== '0' && raw !== '-') fieldError(place, raw, 'skal være 0 (pluss) eller - (minus)', 'must be 0 (plus) or - (minus)');
      return raw;
  }
}

/** DDMMÅÅ. The specification has two-digit years; a bank file is about this century. */
function readDate(raw: string): LocalDate | undefined {
  const match = /^(\d{2})(\d{2})(\d{2})$/.exec(raw);
  if (match === null) return undefined;
  return parseLocalDate(`20${match[3]}-${match[2]}-${match[1]}`);
}


/** The record's first 8 positions: format code, service code, type and record type. */
export function recordPrefix(tjenestekode: string, type: string, layout: RecordLayout): string {
  return `${formatCode}${tjenestekode}${type}${layout.recordType}`;
}

/** Writes a record; values are the reader's forms (dates `YYYY-MM-DD`, '' for none). A value the field cannot hold is a programmer error. */
export function writeRecord<Name extends string>(prefix: string, layout: RecordLayout<Name>, values: Partial<RecordValues<Name>>): string {
  let line = prefix;
  for (const field of layout.fields) line += writeField(values[field.name] ?? '', field);
  return line;
}

/** What a written field looks like, by kind; checked on the output, so one test covers padding and content. */
const writtenField: Record<FieldKind, RegExp> = {
  digits: /^\d+$/,
  zeros: /^0+$/,
  text: latin1Text,
  kid: /^ *\d*-?$/,
  date: /^\d{6}$/,
  optionalDate: /^\d{6}$/,
  sign: /^[0-]$/,
};

function writeField(value: string, field: FieldLayout): string {
  const text = formatField(value, field);
  if (text.length !== field.length || !writtenField[field.kind].test(text)) {
    throw new InvariantError(`${field.label} (${field.length} characters, ${field.kind}) cannot hold ${JSON.stringify(value)}`);
  }
  return text;
}

function formatField(value: string, field: FieldLayout): string {
  switch (field.kind) {
    case 'digits':
      return value.padStart(field.length, '0');
    case 'zeros':
      return '0'.repeat(field.length);
    case 'text':
      return value.padEnd(field.length, ' ');
    case 'kid':
      return value.padStart(field.length, ' ');
    case 'date':
      return writeDate(value);
    case 'optionalDate':
      return value === '' ? '000000' : writeDate(value);
    case 'sign':
      return value === '-' ? '-' : value === '0' || value === '' ? '0' : value;
  }
}

/** YYYY-MM-DD → DDMMÅÅ; only this century fits two digits. */
export function writeDate(date: string): string {
  if (parseLocalDate(date) === undefined || date < '2000-01-01' || date > '2099-12-31') {
    throw new InvariantError(`an OCR date is a real date in 2000–2099: ${JSON.stringify(date)}`);
  }
  return `${date.slice(8, 10)}${date.slice(5, 7)}${date.slice(2, 4)}`;
}

interface Place {
  readonly lineNumber: number;
  readonly layout: RecordLayout;
  readonly field: FieldLayout;
}

function fieldError(place: Place, raw: string, melding: string, message: string): never {
  const { lineNumber, layout, field } = place;
  const span = `${field.start}–${field.start + field.length - 1}`;
  return refuse({
    kode: 'field',
    linje: lineNumber,
    melding: `Linje ${lineNumber} (${layout.label}), posisjon ${span} (${field.label}): ${quote(raw)} ${melding}.`,
    message: `Line ${lineNumber} (${layout.labelEn}), positions ${span} (${field.label}): ${quote(raw)} ${message}.`,
  });
}
