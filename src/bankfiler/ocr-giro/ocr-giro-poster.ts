import { assertInvariant } from '../../domain/assert.js';

/**
 * The record layouts of Nets OCR giro (system specification "OCR giro", record by record). Every
 * record is 80 characters: positions 1–8 say what it is (`NY`, service code, type, record type),
 * the fields fill 9–80. One table serves the reader and the writer, so they cannot disagree.
 */
export type FieldKind =
  /** Right-aligned digits, zero-filled. */
  | 'digits'
  /** A filler: zeros only. */
  | 'zeros'
  /** Left-aligned text, space-filled. */
  | 'text'
  /** A KID: right-aligned, space-filled on the left; all spaces = none. */
  | 'kid'
  /** DDMMÅÅ. */
  | 'date'
  /** DDMMÅÅ, or 000000 for none. */
  | 'optionalDate'
  /** `0` for plus, `-` for minus. */
  | 'sign';

export interface FieldLayout<Name extends string = string> {
  readonly name: Name;
  /** The specification's name of the field, as messages print it. */
  readonly label: string;
  /** 1-based, as the specification counts. */
  readonly start: number;
  readonly length: number;
  readonly kind: FieldKind;
}

export interface RecordLayout<Name extends string = string> {
  /** The record's name in the specification ("beløpspost 1"), as Norwegian messages print it. */
  readonly label: string;
  readonly labelEn: string;
  readonly recordType: RecordType;
  readonly fields: readonly FieldLayout<Name>[];
}

export type RecordType = '10' | '20' | '30' | '31' | '32' | '88' | '89';

export const recordLength = 80;
export const formatCode = 'NY';
/** Tjenestekode: 00 for the transmission's own records, 09 for OCR giro. */
export const forsendelseTjenestekode = '00';
export const ocrGiroTjenestekode = '09';

type FieldRow = readonly [name: string, label: string, length: number, kind: FieldKind];

function layout<const Rows extends readonly FieldRow[]>(label: string, labelEn: string, recordType: RecordType, fields: Rows): RecordLayout<Rows[number][0]> {
  let start = 9;
  const placed = fields.map(([name, fieldLabel, length, kind]) => {
    const field: FieldLayout<Rows[number][0]> = { name, label: fieldLabel, start, length, kind };
    start += length;
    return field;
  });
  assertInvariant(start === recordLength + 1, `the fields of ${label} fill positions 9–80 (they end at ${start - 1})`);
  return { label, labelEn, recordType, fields: placed };
}

export const forsendelseStart = layout('startrecord for forsendelse', 'transmission start record', '10', [
  ['dataavsender', 'dataavsender', 8, 'digits'],
  ['forsendelsesnummer', 'forsendelsesnummer', 7, 'digits'],
  ['datamottaker', 'datamottaker', 8, 'digits'],
  ['filler', 'filler', 49, 'zeros'],
]);

export const oppdragStart = layout('startrecord for oppdrag', 'assignment start record', '20', [
  ['avtaleId', 'avtale-ID', 9, 'digits'],
  ['oppdragsnummer', 'oppdragsnummer', 7, 'digits'],
  ['oppdragskonto', 'oppdragskonto', 11, 'digits'],
  ['filler', 'filler', 45, 'zeros'],
]);

export const beloepspost1 = layout('beløpspost 1', 'amount record 1', '30', [
  ['transaksjonsnummer', 'transaksjonsnummer', 7, 'digits'],
  ['oppgjoersdato', 'oppgjørsdato', 6, 'date'],
  ['sentralId', 'sentral-ID', 2, 'digits'],
  ['dagkode', 'dagkode', 2, 'digits'],
  ['delavregningsnummer', 'delavregningsnummer', 1, 'digits'],
  ['loepenummer', 'løpenummer', 5, 'digits'],
  ['fortegn', 'fortegn', 1, 'sign'],
  ['beloep', 'beløp', 17, 'digits'],
  ['kid', 'KID', 25, 'kid'],
  ['kortutsteder', 'kortutsteder', 2, 'digits'],
  ['filler', 'filler', 4, 'zeros'],
]);

export const beloepspost2 = layout('beløpspost 2', 'amount record 2', '31', [
  ['transaksjonsnummer', 'transaksjonsnummer', 7, 'digits'],
  ['blankettnummer', 'blankettnummer', 10, 'digits'],
  ['arkivreferanse', 'arkivreferanse', 9, 'digits'],
  // A filler in the specification, but banks' files carry digits here: read, kept, not interpreted.
  ['bankfelt', 'filler', 7, 'digits'],
  ['oppdragsdato', 'oppdragsdato', 6, 'optionalDate'],
  ['debetkonto', 'debetkonto', 11, 'digits'],
  ['filler', 'filler', 22, 'zeros'],
]);

export const beloepspost3 = layout('beløpspost 3', 'amount record 3', '32', [
  ['transaksjonsnummer', 'transaksjonsnummer', 7, 'digits'],
  ['fritekst', 'fritekstmelding', 40, 'text'],
  ['filler', 'filler', 25, 'zeros'],
]);

export const oppdragSlutt = layout('sluttrecord for oppdrag', 'assignment end record', '88', [
  ['antallTransaksjoner', 'antall transaksjoner', 8, 'digits'],
  ['antallRecords', 'antall records', 8, 'digits'],
  ['sumBeloep', 'sum beløp', 17, 'digits'],
  ['oppgjoersdato', 'oppgjørsdato', 6, 'date'],
  ['foersteOppgjoersdato', 'første oppgjørsdato', 6, 'date'],
  ['sisteOppgjoersdato', 'siste oppgjørsdato', 6, 'date'],
  ['filler', 'filler', 21, 'zeros'],
]);

export const forsendelseSlutt = layout('sluttrecord for forsendelse', 'transmission end record', '89', [
  ['antallTransaksjoner', 'antall transaksjoner', 8, 'digits'],
  ['antallRecords', 'antall records', 8, 'digits'],
  ['sumBeloep', 'sum beløp', 17, 'digits'],
  ['oppgjoersdato', 'oppgjørsdato', 6, 'date'],
  ['filler', 'filler', 33, 'zeros'],
]);

/**
 * Transaksjonstype (positions 5–6 of a beløpspost). 18 and 20 are reversals; 20 and 21 carry a
 * free-text message (beløpspost 3) and may lack a KID.
 */
export const transaksjonstyper = Object.freeze({
  10: 'Giro belastet konto',
  11: 'Faste oppdrag',
  12: 'Direkte remittering',
  13: 'BTG (Bedrifts Terminal Giro)',
  14: 'Skranke-giro',
  15: 'AvtaleGiro',
  16: 'TeleGiro',
  17: 'Giro – betalt kontant',
  18: 'Reversering med KID',
  19: 'Kjøp med KID',
  20: 'Reversering med fritekst',
  21: 'Kjøp med fritekst',
} as const);

export type Transaksjonstype = keyof typeof transaksjonstyper;

export function isTransaksjonstype(value: number): value is Transaksjonstype {
  return Object.hasOwn(transaksjonstyper, value);
}

/** Types whose transaction has a free-text message (beløpspost 3) instead of, or besides, a KID. */
export function hasFritekst(type: Transaksjonstype): boolean {
  return type === 20 || type === 21;
}
