import ExcelJS from 'exceljs';
import { dateParts, type LocalDate } from '../../domain/dates.js';
import type { Ark, Celle } from './ark.js';

/**
 * The number formats are stored in Excel's locale-neutral code: "#,##0.00" is what Norwegian
 * Excel shows as "# ##0,00" (space groups, decimal comma) and English Excel as "#,##0.00".
 */
export const beloepFormat = '#,##0.00';
export const datoFormat = 'dd.mm.yyyy';

/** An .xlsx workbook with one worksheet per sheet: header row in bold, frozen, with a filter. */
export async function skrivXlsx(ark: readonly Ark[], laget: LocalDate): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Krav og betalinger (testmiljø)';
  workbook.created = excelDato(laget);
  workbook.modified = excelDato(laget);
  for (const { navn, kolonner, rader } of ark) {
    const sheet = workbook.addWorksheet(navn, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
    sheet.columns = kolonner.map((k) => ({ header: k.overskrift, width: k.bredde }));
    sheet.getRow(1).font = { bold: true };
    for (const rad of rader) {
      const row = sheet.addRow(rad.map(verdi));
      rad.forEach((celle, i) => {
        const format = numFmt(celle);
        if (format) row.getCell(i + 1).numFmt = format;
      });
    }
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rader.length + 1), column: kolonner.length } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Amounts are kroner numbers here, at the file's edge; dates are real date cells. */
function verdi(celle: Celle): string | number | Date | null {
  if (celle === null) return null;
  switch (celle.kind) {
    case 'tekst':
      return celle.tekst;
    case 'beloep':
      return celle.oere / 100;
    case 'dato':
      return excelDato(celle.dato);
    case 'heltall':
      return celle.verdi;
  }
}

function numFmt(celle: Celle): string | undefined {
  if (celle?.kind === 'beloep') return beloepFormat;
  if (celle?.kind === 'dato') return datoFormat;
  return undefined;
}

/** Midnight UTC: exceljs writes a Date as its UTC serial, so the cell holds exactly that calendar day. */
function excelDato(dato: LocalDate): Date {
  const { year, month, day } = dateParts(dato);
  return new Date(Date.UTC(year, month - 1, day));
}
