/**
 * Why a bank file was refused. A file is read whole or not at all: the first fault refuses it,
 * named by its place (the line of an OCR file, the element path of an XML file) and explained
 * in Norwegian (`melding`) and English (`message`). `kode` is stable, for programs and tests.
 */
export type BankfilFeilkode =
  | 'too-large'
  | 'empty'
  | 'unknown-format'
  // Nets OCR giro
  | 'record-length'
  | 'record-type'
  | 'record-order'
  | 'field'
  | 'count-mismatch'
  | 'sum-mismatch'
  | 'date-mismatch'
  | 'duplicate'
  | 'missing-end-record'
  // both
  | 'kid-check-digit'
  // ISO 20022 XML
  | 'xml-syntax'
  | 'xml-depth'
  | 'doctype'
  | 'namespace'
  | 'missing-element'
  | 'value';

export interface BankfilFeil {
  readonly kode: BankfilFeilkode;
  /** OCR giro: the 1-based line of the record at fault. */
  readonly linje?: number;
  /** XML: the path of the element at fault, e.g. `/Document/BkToCstmrDbtCdtNtfctn/Ntfctn[1]/Ntry[2]/Amt`. */
  readonly element?: string;
  readonly melding: string;
  readonly message: string;
}

export type BankfilLesing<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly feil: BankfilFeil };

/** Thrown inside a reader, caught at its edge: the reader's caller only ever sees a `BankfilLesing`. */
export class BankfilRefusal extends Error {
  constructor(readonly feil: BankfilFeil) {
    super(feil.message);
  }
}

export function refuse(feil: BankfilFeil): never {
  throw new BankfilRefusal(feil);
}

/** Runs a reader and turns its refusal into a value; any other exception is a programmer error and passes. */
export function readWhole<T>(read: () => T): BankfilLesing<T> {
  try {
    return { ok: true, value: read() };
  } catch (error) {
    if (error instanceof BankfilRefusal) return { ok: false, feil: error.feil };
    throw error;
  }
}

/** A value from the file quoted in a message: shortened, control characters made visible. */
export function quote(value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return `«${shown.replace(/[\u0000-\u001F\u007F]/g, '?')}»`;
}
