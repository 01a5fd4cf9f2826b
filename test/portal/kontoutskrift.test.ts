import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { localDate } from '../../src/domain/dates.js';
import { toOere } from '../../src/domain/money.js';
import { buildPartView } from '../../src/ledger/index.js';
import { csvContentType, xlsxContentType } from '../../src/portal/api/kontoutskrift-routes.js';
import { csvBeloep, skrivCsv } from '../../src/portal/kontoutskrift/csv.js';
import { beloepFormat, datoFormat } from '../../src/portal/kontoutskrift/xlsx.js';
import { describeEachDatabase } from '../support/databases.js';
import { buildTestApp, InjectBrowser, loginAs, virksomhetApi } from '../support/portal-app.js';
import { seedPortalFixtures, testBusinesses, testPersons } from '../support/portal-fixtures.js';
import { kravkolonner, parseCsv, sheetRows } from '../support/kontoutskrift-reader.js';
import { portalLedgerToday, seedPortalLedger, type PortalLedger } from '../support/portal-ledger-fixtures.js';

describe('CSV cells', () => {
  it('writes amounts with a decimal comma and a hyphen-minus, and quotes fields that need it', () => {
    expect([csvBeloep(toOere(-123_456)), csvBeloep(toOere(5)), csvBeloep(toOere(1_000_000_00))]).toEqual(['-1234,56', '0,05', '1000000,00']);
    const csv = skrivCsv({
      navn: 'Test',
      kolonner: [{ overskrift: 'Tekst', bredde: 10 }, { overskrift: 'Beløp', bredde: 10 }],
      rader: [[{ kind: 'tekst', tekst: 'Si "hei"; farvel' }, { kind: 'beloep', oere: toOere(-50) }]],
    });
    expect(csv).toBe('\ufeffTekst;Beløp\r\n"Si ""hei""; farvel";-0,50\r\n');
    expect(parseCsv(csv.slice(1))).toEqual([['Tekst', 'Beløp'], ['Si "hei"; farvel', '-0,50']]);
  });
});

describeEachDatabase('Last ned kontoutskrift', ({ handle }) => {
  let app: FastifyInstance;
  let booked: PortalLedger;
  let browser: InjectBrowser;
  beforeAll(async () => {
    await seedPortalFixtures(handle().db);
    booked = await seedPortalLedger(handle().db);
    app = await buildTestApp(handle(), {}, systemClock(portalLedgerToday));
    browser = new InjectBrowser(app);
    await loginAs(browser, testPersons.kari.fnr);
  });
  afterAll(async () => app?.close());
  const enkApi = (sti: string) => virksomhetApi(testBusinesses.enk.orgnr, sti);

  const ledgerView = () =>
    buildPartView(handle().db, {
      partId: testBusinesses.enk.orgnr,
      asOf: portalLedgerToday,
      kravOpprettet: { fraOgMed: localDate('2024-01-01'), tilOgMed: localDate('2024-12-31') },
      innbetalt: { fraOgMed: localDate('2024-01-01'), tilOgMed: localDate('2024-12-31') },
      utbetalt: { fraOgMed: localDate('2024-01-01'), tilOgMed: localDate('2024-12-31') },
    });

  async function workbook(): Promise<ExcelJS.Workbook> {
    const response = await browser.get(enkApi('/kontoutskrift?aar=2024&format=xlsx'));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(xlsxContentType);
    expect(response.headers['content-disposition']).toBe('attachment; filename="kontoutskrift-311851381-2024.xlsx"');
    expect(response.headers['cache-control']).toBe('no-store');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    return book;
  }

  it('is an xlsx workbook with the five sheets, each with a bold header row, frozen panes and a filter', async () => {
    const book = await workbook();
    expect(book.worksheets.map((s) => s.name)).toEqual(['Kontoutskrift gjelder', 'Krav', 'Utbetalinger', 'Transaksjoner', 'Motregning']);
    for (const sheet of book.worksheets) {
      expect(sheet.views[0], sheet.name).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter, sheet.name).toBeDefined();
      expect(sheet.getRow(1).font?.bold, sheet.name).toBe(true);
    }
    expect(sheetRows(book.getWorksheet('Krav')!)[0]).toEqual(kravkolonner);
    expect(sheetRows(book.getWorksheet('Transaksjoner')!)[0]).toEqual(kravkolonner);
    // The filter covers the header and every row (exceljs reads it back as a range).
    const krav = book.getWorksheet('Krav')!;
    expect(krav.autoFilter).toBe(`A1:L${sheetRows(krav).length}`);
  });

  it('"Kontoutskrift gjelder" says who, which period and when, and that it is not from Skatteetaten', async () => {
    const rows = sheetRows((await workbook()).getWorksheet('Kontoutskrift gjelder')!);
    expect(Object.fromEntries(rows.slice(1))).toEqual({
      Virksomhet: testBusinesses.enk.navn,
      Organisasjonsnummer: '311 851 381',
      Organisasjonsform: 'ENK',
      'Omfatter også krav til innehaver': testPersons.kari.navn,
      'Periode fra og med': new Date(Date.UTC(2024, 0, 1)),
      'Periode til og med': new Date(Date.UTC(2024, 11, 31)),
      'Restbeløp og påløpte renter per': new Date(Date.UTC(2024, 8, 2)),
      Laget: new Date(Date.UTC(2024, 8, 2)),
      'Laget av': testPersons.kari.navn,
      Merknad: 'Testmiljø med syntetiske data. Dette er ikke en kontoutskrift fra Skatteetaten.',
    });
  });

  it('"Krav" has one row per claim created in the year, with real numbers and dates from the ledger view', async () => {
    const sheet = (await workbook()).getWorksheet('Krav')!;
    const view = await ledgerView();
    const rows = sheetRows(sheet).slice(1);
    expect(rows).toHaveLength(view.kravOpprettet!.length);
    const index = rows.findIndex((r) => r[3] === 'Utskrevet forskuddsskatt, person 2024');
    const skatt = view.kravOpprettet!.find((k) => k.kravId === booked.forskuddsskatt.kravId)!;
    expect(rows[index]).toEqual([
      2024,
      'Inntektsår 2024',
      'Skatt',
      'Utskrevet forskuddsskatt, person 2024',
      new Date(Date.UTC(2024, 2, 15)),
      48_000,
      41_800,
      skatt.stipulerteRenterOere / 100,
      'Myndighetsfastsatt',
      undefined,
      booked.forskuddsskatt.forfall[0]!.kid,
      '7694 05 24802',
    ].map((v) => v ?? undefined));
    const row = sheet.getRow(index + 2);
    expect(row.getCell(5).type).toBe(ExcelJS.ValueType.Date);
    expect(row.getCell(5).numFmt).toBe(datoFormat);
    for (const column of [6, 7, 8]) {
      expect(row.getCell(column).type).toBe(ExcelJS.ValueType.Number);
      expect(row.getCell(column).numFmt).toBe(beloepFormat);
    }
    // A credit is negative, as "Kredit (-)" says.
    expect(rows.find((r) => r[3] === 'Merverdiavgift til gode' && r[1] === 'januar - februar 2024')![5]).toBe(-6_200);
  });

  it('"Transaksjoner" lists every due item of the year\'s claims (+), every payment by what it covered (−), every payout (+) and both sides of every set-off', async () => {
    const rows = sheetRows((await workbook()).getWorksheet('Transaksjoner')!).slice(1);
    const view = await ledgerView();
    const items = view.kravOpprettet!.flatMap((k) => k.forfall);
    const placements = view.innbetalinger!.flatMap((i) => i.plasseringer);
    const payouts = view.utbetalinger!.flatMap((u) => u.kreditKrav);
    expect(payouts.length).toBeGreaterThan(0);
    // The fixture's one set-off (the VAT credit against the forskuddsskatt) is two rows that cancel.
    expect(rows).toHaveLength(items.length + placements.length + payouts.length + 2);
    const sum = (values: unknown[]) => values.reduce<number>((a, v) => a + Math.round((v as number) * 100), 0);
    expect(sum(rows.map((r) => r[5]))).toBe(
      items.reduce((a, f) => a + f.opprinneligOere, 0) - placements.reduce((a, p) => a + p.plassertOere, 0) + payouts.reduce((a, k) => a + k.utbetaltOere, 0),
    );
    expect(rows.filter((r) => String(r[3]).startsWith('Motregning: ')).map((r) => [r[3], r[5]])).toEqual([
      ['Motregning: Utskrevet forskuddsskatt, person 2024 dekket av Merverdiavgift til gode', -6_200],
      ['Motregning: Merverdiavgift til gode brukt mot Utskrevet forskuddsskatt, person 2024', 6_200],
    ]);
    expect(rows.find((r) => String(r[3]).startsWith('Utbetaling: '))!.slice(0, 6)).toEqual([2023, 'september - oktober 2023', 'Merverdiavgift', 'Utbetaling: Merverdiavgift til gode', new Date(Date.UTC(2024, 0, 22)), 3_750]);
    expect(rows.find((r) => r[3] === 'Utskrevet forskuddsskatt, person 2024 (2 av 4)')!.slice(0, 7)).toEqual([2024, 'Inntektsår 2024', 'Skatt', 'Utskrevet forskuddsskatt, person 2024 (2 av 4)', new Date(Date.UTC(2024, 4, 15)), 12_000, 12_000]);
    expect(rows.find((r) => r[3] === 'Innbetaling: Arbeidsgiveravgift' && r[1] === '1. termin 2024')).toEqual([
      2024,
      '1. termin 2024',
      'Arbeidsgiveravgift',
      'Innbetaling: Arbeidsgiveravgift',
      new Date(Date.UTC(2024, 3, 2)),
      -15_353,
      undefined,
      undefined,
      undefined,
      '**** ** 78903',
      booked.aga24_1.forfall[0]!.kid,
      '7694 05 24802',
    ]);
    const dates = rows.map((r) => (r[4] as Date).getTime());
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
  });

  it('"Utbetalinger" and "Motregning" show the payout of the VAT credit and the set-off against the forskuddsskatt', async () => {
    const book = await workbook();
    expect(sheetRows(book.getWorksheet('Utbetalinger')!)).toEqual([
      ['Utbetalingsdato', 'Beløp', 'Utbetalt til konto', 'Status', 'Melding', 'Gjelder krav', 'Periode'],
      [new Date(Date.UTC(2024, 0, 22)), 3_750, '**** ** 78903', 'Utbetalt', booked.utbetaling.melding, 'Merverdiavgift til gode', 'september - oktober 2023'],
    ]);
    expect(sheetRows(book.getWorksheet('Motregning')!)).toEqual([
      ['Dato', 'Beløp', 'Kreditkrav', 'Kreditkravets periode', 'Dekket krav', 'Dekket kravs periode', 'Dekket kravs forfallsdato'],
      [new Date(Date.UTC(2024, 3, 10)), 6_200, 'Merverdiavgift til gode', 'januar - februar 2024', 'Utskrevet forskuddsskatt, person 2024', 'Inntektsår 2024', new Date(Date.UTC(2024, 2, 15))],
    ]);
  });

  it('as CSV: the Transaksjoner sheet, semicolon-separated with a BOM and decimal commas, matching the workbook', async () => {
    const response = await browser.get(enkApi('/kontoutskrift?aar=2024&format=csv'));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(csvContentType);
    expect(response.headers['content-disposition']).toBe('attachment; filename="kontoutskrift-311851381-2024.csv"');
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(response.body.slice(1));
    expect(rows[0]).toEqual(kravkolonner);
    const workbookRows = sheetRows((await workbook()).getWorksheet('Transaksjoner')!);
    expect(rows).toHaveLength(workbookRows.length);
    expect(rows.find((r) => r[3] === 'Innbetaling: Arbeidsgiveravgift' && r[1] === '1. termin 2024')).toEqual([
      '2024',
      '1. termin 2024',
      'Arbeidsgiveravgift',
      'Innbetaling: Arbeidsgiveravgift',
      '02.04.2024',
      '-15353,00',
      '',
      '',
      '',
      '**** ** 78903',
      booked.aga24_1.forfall[0]!.kid,
      '7694 05 24802',
    ]);
  });

  it('refuses an unknown format and a year out of range', async () => {
    expect((await browser.get(enkApi('/kontoutskrift?aar=2024&format=pdf'))).statusCode).toBe(400);
    expect((await browser.get(enkApi('/kontoutskrift?aar=1999'))).statusCode).toBe(400);
    expect((await browser.get(enkApi('/kontoutskrift?aar=2025'))).json()).toEqual({ kode: 'ugyldig_aar', melding: 'Velg et år fra 2020 til 2024.' });
  });
});
