import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { bokfoerBanktransaksjon } from '../../src/bank/banktransaksjon.js';
import { mottaInnbetalingsfil, type Innbetalingsfilrapport, type Mottak } from '../../src/bank/index.js';
import { readInnbetalingsfil } from '../../src/bankfiler/index.js';
import type { Database } from '../../src/db/database.js';
import { makeKid } from '../../src/domain/kid.js';
import { bokfoerKrav, buildPartView, kontrollerInvarianter, uidentifiserteInnbetalinger } from '../../src/ledger/index.js';
import { camt054Fil, ocrGiroFil } from '../support/bankfil-builders.js';
import { describeEachDatabase } from '../support/databases.js';
import { xsdErrors } from '../support/iso20022-schemas.js';
import { d, kr, krav, nyttAs } from '../ledger/fixtures.js';

const bokfoertDato = d('2024-03-20');
const periode = { fraOgMed: d('2024-01-01'), tilOgMed: d('2024-12-31') };

function booked(mottak: Mottak): Innbetalingsfilrapport {
  if (mottak.kind !== 'bokfoert' && mottak.kind !== 'tidligereMottatt') throw new Error(`file not booked: ${JSON.stringify(mottak)}`);
  return mottak.rapport;
}

/** Rows of every table a payment file can write, to show that a refused file wrote none. */
async function bookedRows(db: Kysely<Database>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['kommando', 'innbetaling', 'uidentifisert_innbetaling', 'plassering', 'utbetaling_status', 'bankfil'] as const) {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

describeEachDatabase('payment files booked through the ledger', ({ handle }) => {
  it('books an OCR giro file: claims paid in full, in part and over; a KID of no claim kept as unidentified; a number in the text finds its party', async () => {
    const { db } = handle();
    const [full, part, over] = [await nyttAs(db), await nyttAs(db), await nyttAs(db)];
    const kidOf = async (partId: string, kroner: number) => (await bokfoerKrav(db, krav(partId, d('2024-03-01'), [['2024-03-25', kroner]]))).forfall[0]!.kid!;
    const [kidFull, kidPart, kidOver] = [await kidOf(full, 1_000), await kidOf(part, 2_000), await kidOf(over, 500)];
    const unknownKid = makeKid('999000111222', 'MOD11');
    const file = ocrGiroFil({
      forsendelsesnummer: '4001',
      oppgjoersdato: '2024-03-20',
      betalinger: [
        { beloepOere: kr(1_000), kid: kidFull, oppdragsdato: '2024-03-19' },
        { beloepOere: kr(1_500), kid: kidPart, oppdragsdato: '2024-03-19' },
        { beloepOere: kr(800), kid: kidOver, oppdragsdato: '2024-03-19' },
        { beloepOere: kr(250), kid: unknownKid, oppdragsdato: '2024-03-19' },
        { beloepOere: kr(100), fritekst: `Forskudd ${full}`, oppdragsdato: '2024-03-18' },
      ],
    });

    const mottak = await mottaInnbetalingsfil(db, { innhold: file, bokfoertDato });
    expect(mottak.kind).toBe('bokfoert');
    const rapport = booked(mottak);
    expect(rapport).toMatchObject({
      filidentitet: 'ocr-giro:00008080:00010200:0004001',
      format: 'ocr-giro',
      bokfoertDato: '2024-03-20',
      antallTransaksjoner: 5,
      bokfoertOere: kr(3_650),
      plassertOere: kr(3_000),
      uplassertOere: kr(400),
      uidentifisertOere: kr(250),
      antallAvvist: 0,
    });
    expect(rapport.transaksjoner.map((t) => [t.sted, t.utfall, 'partId' in t ? t.partId : undefined])).toEqual([
      ['linje 3', 'innbetaling', full],
      ['linje 5', 'innbetaling', part],
      ['linje 7', 'innbetaling', over],
      ['linje 9', 'uidentifisert', undefined],
      ['linje 11', 'innbetaling', full],
    ]);

    const open = async (partId: string) => (await buildPartView(db, { partId, asOf: bokfoertDato, aapne: true })).aapne!;
    expect((await open(full)).krav).toEqual([]);
    expect((await open(part)).krav.map((k) => k.gjenstaaendeOere)).toEqual([kr(500)]);
    expect((await open(over)).krav).toEqual([]);
    expect((await open(over)).innbetalinger.map((i) => i.uplassertOere)).toEqual([kr(300)]);
    expect((await open(full)).innbetalinger.map((i) => [i.uplassertOere, i.melding])).toEqual([[kr(100), `Forskudd ${full}`]]);
    const payment = (await buildPartView(db, { partId: part, asOf: bokfoertDato, innbetalt: periode })).innbetalinger![0]!;
    expect(payment).toMatchObject({ innbetalingsdato: '2024-03-19', kid: kidPart, betalerKonto: '12345678903', mottakerkonto: '76940524802', innbetalingstype: 'ocr' });
    const kept = (await uidentifiserteInnbetalinger(db)).find((u) => u.kid === unknownKid);
    expect(kept).toMatchObject({ beloepOere: kr(250), innbetalingsdato: '2024-03-19', bokfoertDato: '2024-03-20' });
    for (const partId of [full, part, over]) await kontrollerInvarianter(db, partId, bokfoertDato);
  });

  it('books a re-delivered file nothing twice: the same report, however it is laid out; another file under its identity is refused', async () => {
    const { db } = handle();
    const as = await nyttAs(db);
    const kid = (await bokfoerKrav(db, krav(as, d('2024-03-01'), [['2024-03-25', 700]]))).forfall[0]!.kid!;
    const file = ocrGiroFil({ forsendelsesnummer: '4002', oppgjoersdato: '2024-03-20', betalinger: [{ beloepOere: kr(300), kid }] });
    const first = booked(await mottaInnbetalingsfil(db, { innhold: file, bokfoertDato }));
    const rows = await bookedRows(db);

    const again = await mottaInnbetalingsfil(db, { innhold: file, bokfoertDato: d('2024-03-21') });
    expect(again).toEqual({ kind: 'tidligereMottatt', rapport: first });
    const relaidOut = await mottaInnbetalingsfil(db, { innhold: file.replace(/\r\n/g, '\n'), bokfoertDato });
    expect(relaidOut).toEqual({ kind: 'tidligereMottatt', rapport: first });
    const other = ocrGiroFil({ forsendelsesnummer: '4002', oppgjoersdato: '2024-03-20', betalinger: [{ beloepOere: kr(301), kid }] });
    expect(await mottaInnbetalingsfil(db, { innhold: other, bokfoertDato })).toEqual({ kind: 'identitetskonflikt', filidentitet: first.filidentitet });
    expect(await bookedRows(db)).toEqual(rows);
    expect((await buildPartView(db, { partId: as, asOf: d('2024-03-21'), aapne: true })).aapne!.krav.map((k) => k.gjenstaaendeOere)).toEqual([kr(400)]);
  });

  it('taken again after a stop halfway, books only what is missing: each transaction is keyed by the file and itself', async () => {
    const { db } = handle();
    const as = await nyttAs(db);
    const kid = (await bokfoerKrav(db, krav(as, d('2024-03-01'), [['2024-03-25', 700]]))).forfall[0]!.kid!;
    const file = ocrGiroFil({ forsendelsesnummer: '4004', oppgjoersdato: '2024-03-20', betalinger: [{ beloepOere: kr(300), kid }, { beloepOere: kr(100), kid }] });
    const lesing = readInnbetalingsfil(file);
    if (!lesing.ok) throw new Error(lesing.feil.message);
    // The process stopped after the first transaction: no report was kept.
    const first = await bokfoerBanktransaksjon(db, lesing.value.identitet, lesing.value.transaksjoner[0]!, bokfoertDato);
    const rapport = booked(await mottaInnbetalingsfil(db, { innhold: file, bokfoertDato }));
    expect(rapport.transaksjoner[0]).toEqual(first);
    expect(rapport).toMatchObject({ antallTransaksjoner: 2, plassertOere: kr(400) });
    const payments = await db.selectFrom('innbetaling').select('innbetaling_id').where('part_id', '=', as).execute();
    expect(payments).toHaveLength(2);
  });

  it('refuses every kind of malformed file whole, naming the line or element, and books nothing', async () => {
    const { db } = handle();
    const as = await nyttAs(db);
    const kid = (await bokfoerKrav(db, krav(as, d('2024-03-01'), [['2024-03-25', 700]]))).forfall[0]!.kid!;
    const good = ocrGiroFil({ forsendelsesnummer: '4003', oppgjoersdato: '2024-03-20', betalinger: [{ beloepOere: kr(300), kid }, { beloepOere: kr(50), fritekst: 'Gave' }] });
    const lines = good.split('\r\n').slice(0, -1);
    const withLine = (index: number, line: string) => lines.map((l, i) => (i === index ? line : l)).join('\r\n');
    const badKid = kid.slice(0, -1) + String((Number(kid.at(-1)) + 1) % 10);
    const camt = camt054Fil({ msgId: 'CAMT-BAD-1', bokfoeringsdato: '2024-03-20', poster: [{ art: 'innbetaling', ref: 'R1', beloepOere: kr(300), kid }] });
    expect(xsdErrors(camt, 'camt.054.001.08')).toBe('');
    const malformed: [string, string, { kode: string; linje?: number; element?: RegExp }][] = [
      ['empty', '', { kode: 'empty' }],
      ['neither format', 'Hei, her er betalingene', { kode: 'unknown-format', linje: 1 }],
      ['a record of 79 characters', withLine(2, lines[2]!.slice(0, 79)), { kode: 'record-length', linje: 3 }],
      ['an unknown record type', withLine(2, `NY0910${lines[2]!.slice(6, 7)}9${lines[2]!.slice(8)}`), { kode: 'record-type', linje: 3 }],
      ['a count that does not match', withLine(7, lines[7]!.replace(/^NY090088\d{8}/, 'NY09008800000003')), { kode: 'count-mismatch', linje: 8 }],
      ['a sum that does not match', withLine(8, lines[8]!.replace(/^(NY000089\d{16})\d{17}/, `$1${'1'.padStart(17, '0')}`)), { kode: 'sum-mismatch', linje: 9 }],
      ['a KID with a wrong check digit', withLine(2, lines[2]!.replace(kid, badKid)), { kode: 'kid-check-digit', linje: 3 }],
      ['a field not of its kind', withLine(2, lines[2]!.slice(0, 15) + '32' + lines[2]!.slice(17)), { kode: 'field', linje: 3 }],
      ['no end record', lines.slice(0, -1).join('\r\n'), { kode: 'missing-end-record' }],
      ['a record out of order', [lines[0], lines[1], lines[3], lines[2], ...lines.slice(4)].join('\r\n'), { kode: 'record-order', linje: 3 }],
      ['XML that is not well-formed', camt.replace('</GrpHdr>', '</GrpHdr'), { kode: 'xml-syntax' }],
      ['a DOCTYPE', camt.replace('<Document', '<!DOCTYPE x [<!ENTITY y "z">]><Document'), { kode: 'doctype' }],
      ['another message', camt.replace('camt.054.001.08', 'camt.053.001.08'), { kode: 'namespace' }],
      ['a missing amount', camt.replace(/<Amt Ccy="NOK">300.00<\/Amt><CdtDbtInd>CRDT<\/CdtDbtInd><Sts>/, '<CdtDbtInd>CRDT</CdtDbtInd><Sts>'), { kode: 'missing-element', element: /Ntfctn\/Ntry\/Amt$/ }],
      ['an amount in another currency', camt.replaceAll('Ccy="NOK"', 'Ccy="SEK"'), { kode: 'value', element: /Amt/ }],
    ];
    const rows = await bookedRows(db);
    for (const [what, innhold, expected] of malformed) {
      const mottak = await mottaInnbetalingsfil(db, { innhold, bokfoertDato });
      expect(mottak.kind, what).toBe('avvist');
      const feil = (mottak as Extract<Mottak, { kind: 'avvist' }>).feil;
      expect(feil.kode, what).toBe(expected.kode);
      if (expected.linje !== undefined) expect(feil.linje, what).toBe(expected.linje);
      if (expected.element !== undefined) expect(feil.element, what).toMatch(expected.element);
      expect(feil.melding, what).not.toBe('');
    }
    expect(await bookedRows(db)).toEqual(rows);
    // The good file, for contrast, books.
    expect((await mottaInnbetalingsfil(db, { innhold: good, bokfoertDato })).kind).toBe('bokfoert');
  });

  it('reports a transaction the ledger refuses, with its reason, and books the rest', async () => {
    const { db } = handle();
    const as = await nyttAs(db);
    const kid = (await bokfoerKrav(db, krav(as, d('2024-03-01'), [['2024-03-25', 700]]))).forfall[0]!.kid!;
    const camt = camt054Fil({
      msgId: 'CAMT-REFUSE-1',
      bokfoeringsdato: '2024-03-20',
      poster: [
        { art: 'innbetaling', ref: 'R1', beloepOere: kr(700), kid, valutadato: '2024-03-22', betaler: 'Eksempel AS' },
        { art: 'innbetaling', ref: 'R2', beloepOere: kr(200), kid, valutadato: '2024-03-19', betaler: 'Eksempel AS' },
        { art: 'utbetaling', ref: 'R3', beloepOere: kr(50), utbetalingId: '74999999', mottaker: 'Noen', mottakerKonto: '12345678903' },
      ],
    });
    expect(xsdErrors(camt, 'camt.054.001.08')).toBe('');
    const rapport = booked(await mottaInnbetalingsfil(db, { innhold: camt, bokfoertDato }));
    expect(rapport).toMatchObject({ format: 'camt.054.001.08', antallTransaksjoner: 3, antallAvvist: 2, plassertOere: kr(200), bokfoertOere: kr(200) });
    expect(rapport.transaksjoner.map((t) => [t.identitet, t.utfall, 'grunn' in t ? t.grunn : undefined])).toEqual([
      ['R1:R1-1', 'avvist', 'Innbetalingsdatoen 2024-03-22 er etter bokføringsdatoen 2024-03-20'],
      ['R2:R2-1', 'innbetaling', undefined],
      ['R3:R3-1', 'avvist', 'Ukjent utbetaling 74999999'],
    ]);
  });
});
