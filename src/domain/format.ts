import type { LocalDate } from './dates.js';
import type { Oere } from './money.js';

/**
 * Norwegian (bokmål) display formatting, shared by the portal's browser code and the server's
 * exports (xlsx/CSV), so a figure reads the same on screen and in a file. Pure and exact on
 * integer øre: no floating point and no dependence on the runtime's ICU data (decision 0035).
 *
 * The separators are the ones `Intl.NumberFormat('nb-NO')` gives (CLDR bokmål): digit groups
 * are separated by NO-BREAK SPACE (U+00A0), the decimal mark is a comma, and a negative amount
 * starts with MINUS SIGN (U+2212).
 */
export const groupSeparator = '\u00a0';
export const minusSign = '\u2212';

/** 44860000 øre → "448 600,00" (with U+00A0 between groups). */
export function formatBeloep(oere: Oere): string {
  const negative = oere < 0;
  const absolute = Math.abs(oere);
  const kroner = Math.trunc(absolute / 100);
  const oereRest = absolute % 100;
  const text = `${groupDigits(String(kroner))},${String(oereRest).padStart(2, '0')}`;
  return negative ? minusSign + text : text;
}

/** 44860000 øre → "448 600,00 kroner", the way Min side writes an amount in running text. */
export function formatKroner(oere: Oere): string {
  return `${formatBeloep(oere)} kroner`;
}

/** "2024-03-15" → "15.03.2024". */
export function formatDato(date: LocalDate): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
}

/** "76940524802" → "7694 05 24802", and masked "**** ** 24802" (kept with the other account-number rules). */
export { formatKontonummer, formatMaskertKontonummer } from './kontonummer.js';

/** "313367002" → "313 367 002", as Enhetsregisteret prints an organisation number. */
export function formatOrganisasjonsnummer(orgnr: string): string {
  return /^\d{9}$/.test(orgnr) ? `${orgnr.slice(0, 3)} ${orgnr.slice(3, 6)} ${orgnr.slice(6)}` : orgnr;
}

/** "02013299997" → "020132 99997": birth date, then the personal number. */
export function formatFoedselsnummer(fnr: string): string {
  return /^\d{11}$/.test(fnr) ? `${fnr.slice(0, 6)} ${fnr.slice(6)}` : fnr;
}

function groupDigits(digits: string): string {
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  return groups.join(groupSeparator);
}
