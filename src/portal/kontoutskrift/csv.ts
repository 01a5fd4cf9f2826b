import { formatDato } from '../../domain/format.js';
import type { Oere } from '../../domain/money.js';
import type { Ark, Celle } from './ark.js';

/**
 * One sheet as CSV the way Norwegian Excel opens it with a double click (decision 0066): a UTF-8
 * byte order mark (else Excel reads æøå as Windows-1252), semicolons between fields (the comma
 * is the decimal mark), amounts with a decimal comma and a plain hyphen-minus and no digit
 * grouping (so they stay numbers), dates dd.mm.yyyy, CRLF line ends, RFC 4180 quoting.
 */
export const csvSeparator = ';';

export function skrivCsv(ark: Ark): string {
  const linjer = [ark.kolonner.map((k) => felt(k.overskrift)), ...ark.rader.map((rad) => rad.map((celle) => felt(tekst(celle))))];
  return `\ufeff${linjer.map((felter) => felter.join(csvSeparator)).join('\r\n')}\r\n`;
}

function tekst(celle: Celle): string {
  if (celle === null) return '';
  switch (celle.kind) {
    case 'tekst':
      return celle.tekst;
    case 'beloep':
      return csvBeloep(celle.oere);
    case 'dato':
      return formatDato(celle.dato);
    case 'heltall':
      return String(celle.verdi);
  }
}

/** -123456 øre → "-1234,56". */
export function csvBeloep(oere: Oere): string {
  const absolute = Math.abs(oere);
  return `${oere < 0 ? '-' : ''}${Math.trunc(absolute / 100)},${String(absolute % 100).padStart(2, '0')}`;
}

function felt(verdi: string): string {
  return /[;"\r\n]/.test(verdi) ? `"${verdi.replace(/"/g, '""')}"` : verdi;
}
