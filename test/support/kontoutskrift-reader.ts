import type ExcelJS from 'exceljs';

/** Reading a downloaded kontoutskrift back, for the portal's tests and its browser test. */

/** The columns of "Krav" and "Transaksjoner" (domain-rules §6), with the export date in "Restbeløp per". */
export const kravkolonner = [
  'År',
  'Periode',
  'Kravgruppe',
  'Kravbeskrivelse',
  'Dato',
  'Debet (+)/Kredit (-)',
  'Restbeløp per 02.09.2024',
  'Påløpte renter',
  'Fastsettingsmåte',
  'Innbetalt fra',
  'KID',
  'Innbetalt til',
];

/** A worksheet's rows as plain values (row 1 is the header). */
export function sheetRows(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

/** Splits our CSV (RFC 4180 quoting, semicolons, CRLF) back into fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  return rows;
}
