import type { LocalDate } from '../../domain/dates.js';
import type { Oere } from '../../domain/money.js';

/**
 * A sheet of the kontoutskrift, independent of the file format: the xlsx and CSV writers render
 * the same sheets, so the two files never disagree. Cells carry their kind, so an amount stays a
 * number and a date a date all the way into the file.
 */
export type Celle =
  | { readonly kind: 'tekst'; readonly tekst: string }
  | { readonly kind: 'beloep'; readonly oere: Oere }
  | { readonly kind: 'dato'; readonly dato: LocalDate }
  | { readonly kind: 'heltall'; readonly verdi: number }
  | null;

export interface Kolonne {
  readonly overskrift: string;
  /** Column width in characters (xlsx). */
  readonly bredde: number;
}

export interface Ark {
  /** The sheet name (at most 31 characters, as Excel requires). */
  readonly navn: string;
  readonly kolonner: readonly Kolonne[];
  readonly rader: readonly (readonly Celle[])[];
}

export const tekst = (verdi: string | null | undefined): Celle => (verdi === null || verdi === undefined || verdi === '' ? null : { kind: 'tekst', tekst: verdi });
export const beloep = (oere: Oere | null): Celle => (oere === null ? null : { kind: 'beloep', oere });
export const dato = (verdi: LocalDate | null): Celle => (verdi === null ? null : { kind: 'dato', dato: verdi });
export const heltall = (verdi: number | undefined): Celle => (verdi === undefined ? null : { kind: 'heltall', verdi });
