import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeOcrGiro, encodeOcrGiro, ocrGiroForsendelse, readOcrGiro, writeOcrGiro, type OcrGiroForsendelse, type OcrGiroTransaksjon } from '../../src/bankfiler/index.js';
import { fromEpochDay, epochDay, localDate } from '../../src/domain/dates.js';
import { makeKid } from '../../src/domain/kid.js';
import { toOere } from '../../src/domain/money.js';
import { ocrFixture, ocrFixtureKids } from '../support/ocr-giro-fixture.js';

function read(text: string): OcrGiroForsendelse {
  const reading = readOcrGiro(text);
  if (!reading.ok) throw new Error(reading.feil.message);
  return reading.value;
}

/** The reader's output without the line numbers it adds, i.e. the writer's input. */
function withoutLines(forsendelse: OcrGiroForsendelse): OcrGiroForsendelse {
  return {
    ...forsendelse,
    oppdrag: forsendelse.oppdrag.map((o) => ({ ...o, transaksjoner: o.transaksjoner.map(({ linje: _linje, ...t }) => t) })),
  };
}

describe('Nets OCR giro: reading a file built by the specification', () => {
  const forsendelse = read(ocrFixture);

  it('gives the forsendelse its identity and settlement date', () => {
    expect(forsendelse).toMatchObject({ dataavsender: '00008080', forsendelsesnummer: '0170031', datamottaker: '00010200', oppgjoersdato: '2024-03-18' });
    expect(forsendelse.oppdrag.map((o) => [o.oppdragsnummer, o.avtaleId, o.oppdragskonto, o.transaksjoner.length])).toEqual([
      ['0000002', '001008566', '76940524802', 3],
      ['0000003', '001008566', '76940524802', 1],
    ]);
  });

  it('gives each transaction its amount in øre, KID, dates, debit account and free text', () => {
    const [giro, fritekst, reversering] = forsendelse.oppdrag[0]!.transaksjoner;
    expect(giro).toEqual({
      transaksjonstype: 10,
      transaksjonsnummer: '0000001',
      oppgjoersdato: '2024-03-15',
      beloepOere: 102_000,
      kid: ocrFixtureKids.mod11,
      debetkonto: '99990512341',
      oppdragsdato: '2024-03-14',
      fritekst: undefined,
      arkivreferanse: '099038562',
      blankettnummer: '9636827194',
      sentralId: '01',
      dagkode: '15',
      delavregningsnummer: '1',
      loepenummer: '00001',
      kortutsteder: '00',
      bankfelt: '0000000',
      linje: 3,
    });
    expect(fritekst).toMatchObject({ transaksjonstype: 21, kid: undefined, beloepOere: 56_000, fritekst: 'Faktura 1234 fra Ærøy Ås', oppdragsdato: undefined, bankfelt: '1883206', linje: 5 });
    expect(reversering).toMatchObject({ transaksjonstype: 18, beloepOere: -50_000, kid: ocrFixtureKids.mod10, linje: 8 });
    expect(forsendelse.oppdrag[1]!.transaksjoner[0]).toMatchObject({ transaksjonstype: 13, beloepOere: 500, kid: ocrFixtureKids.mod10Other, linje: 12 });
  });

  it('accepts LF line ends and a file without a final line end', () => {
    expect(read(ocrFixture.replaceAll('\r\n', '\n'))).toEqual(forsendelse);
    expect(read(ocrFixture.trimEnd())).toEqual(forsendelse);
  });

  it('writes the same file back, byte for byte', () => {
    expect(writeOcrGiro(withoutLines(forsendelse))).toBe(ocrFixture);
  });

  it('reads and writes ISO-8859-1 bytes: æøå are one byte each', () => {
    const bytes = encodeOcrGiro(ocrFixture);
    expect(bytes.length).toBe(15 * 82);
    expect(decodeOcrGiro(bytes)).toBe(ocrFixture);
  });
});

describe('Nets OCR giro: a file made of a few payments, as a sandbox makes one', () => {
  it('is one oppdrag from Nets: KID payments as type 10, the others as type 21 with their text', () => {
    const forsendelse = ocrGiroForsendelse({
      forsendelsesnummer: '0000042',
      datamottaker: '00010200',
      avtaleId: '001008566',
      oppdragskonto: '76940524802',
      oppgjoersdato: localDate('2024-03-18'),
      betalinger: [
        { beloepOere: toOere(102_000), kid: ocrFixtureKids.mod11, debetkonto: '99990512341', oppdragsdato: localDate('2024-03-15') },
        { beloepOere: toOere(500), fritekst: 'Org.nr. 313367002', debetkonto: '12345678903' },
      ],
    });
    const text = writeOcrGiro(forsendelse);
    expect(text.split('\r\n').map((line) => line.slice(0, 8))).toEqual(['NY000010', 'NY090020', 'NY091030', 'NY091031', 'NY092130', 'NY092131', 'NY092132', 'NY090088', 'NY000089', '']);
    const back = read(text);
    expect(back).toMatchObject({ dataavsender: '00008080', forsendelsesnummer: '0000042', oppgjoersdato: '2024-03-18' });
    expect(back.oppdrag[0]!.transaksjoner.map((t) => [t.transaksjonsnummer, t.transaksjonstype, t.beloepOere, t.kid, t.fritekst, t.oppdragsdato])).toEqual([
      ['0000001', 10, 102_000, ocrFixtureKids.mod11, undefined, '2024-03-15'],
      ['0000002', 21, 500, undefined, 'Org.nr. 313367002', undefined],
    ]);
  });
});

const dateArbitrary = fc.integer({ min: epochDay(localDate('2000-01-01')), max: epochDay(localDate('2099-12-31')) }).map(fromEpochDay);
const digits = (length: number): fc.Arbitrary<string> => fc.stringMatching(new RegExp(`^\\d{${length}}$`));
const kidArbitrary = fc.tuple(fc.stringMatching(/^\d{1,24}$/), fc.constantFrom('MOD10' as const, 'MOD11' as const)).map(([body, algorithm]) => makeKid(body, algorithm));
const latin1Text = fc
  .array(fc.integer({ min: 0x20, max: 0xff }).filter((code) => code < 0x7f || code >= 0xa0), { maxLength: 40 })
  .map((codes) => String.fromCharCode(...codes).trimEnd());

const transactionArbitrary = fc
  .record({
    transaksjonstype: fc.constantFrom(10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21) as fc.Arbitrary<OcrGiroTransaksjon['transaksjonstype']>,
    oppgjoersdato: dateArbitrary,
    beloep: fc.integer({ min: 0, max: 100_000_000_000 }),
    kid: kidArbitrary,
    kidOnFreeText: fc.boolean(),
    fritekst: fc.option(latin1Text, { nil: undefined }),
    debetkonto: digits(11),
    oppdragsdato: fc.option(dateArbitrary, { nil: undefined }),
    arkivreferanse: digits(9),
    blankettnummer: digits(10),
    sentralId: digits(2),
    dagkode: digits(2),
    delavregningsnummer: digits(1),
    loepenummer: digits(5),
    kortutsteder: digits(2),
    bankfelt: digits(7),
  })
  .map(({ beloep, kid, kidOnFreeText, fritekst, ...rest }): Omit<OcrGiroTransaksjon, 'transaksjonsnummer'> => {
    const freeTextType = rest.transaksjonstype === 20 || rest.transaksjonstype === 21;
    const reversal = rest.transaksjonstype === 18 || rest.transaksjonstype === 20;
    return {
      ...rest,
      beloepOere: toOere(reversal && beloep > 0 ? -beloep : beloep),
      kid: freeTextType && !kidOnFreeText ? undefined : kid,
      fritekst: freeTextType ? fritekst : undefined,
    };
  });

const forsendelseArbitrary: fc.Arbitrary<OcrGiroForsendelse> = fc
  .record({
    dataavsender: digits(8),
    forsendelsesnummer: digits(7),
    datamottaker: digits(8),
    oppgjoersdato: dateArbitrary,
    oppdrag: fc.array(
      fc.record({ avtaleId: digits(9), oppdragskonto: digits(11), oppgjoersdato: dateArbitrary, transaksjoner: fc.array(transactionArbitrary, { minLength: 1, maxLength: 6 }) }),
      { maxLength: 4 },
    ),
  })
  .map(({ oppdrag, ...rest }) => ({
    ...rest,
    oppdrag: oppdrag.map((o, i) => ({
      ...o,
      oppdragsnummer: String(i + 1).padStart(7, '0'),
      transaksjoner: o.transaksjoner.map((t, j) => ({ ...t, transaksjonsnummer: String(j + 1).padStart(7, '0') })),
    })),
  }));

describe('Nets OCR giro: write → read', () => {
  it('reads back every forsendelse the writer writes, field for field', () => {
    fc.assert(
      fc.property(forsendelseArbitrary, (forsendelse) => {
        expect(withoutLines(read(writeOcrGiro(forsendelse)))).toEqual(forsendelse);
      }),
    );
  });

  it('refuses the file when any one record is taken out (counts, sums and order all guard it)', () => {
    fc.assert(
      fc.property(
        forsendelseArbitrary.chain((forsendelse) => {
          const lines = writeOcrGiro(forsendelse).trimEnd().split('\r\n');
          return fc.tuple(fc.constant(lines), fc.nat({ max: lines.length - 1 }));
        }),
        ([lines, removed]) => {
          const reading = readOcrGiro(lines.filter((_, i) => i !== removed).join('\n'));
          expect(reading.ok).toBe(false);
        },
      ),
    );
  });

  it('refuses the file when any amount is one øre off (the sums guard the amounts)', () => {
    fc.assert(
      fc.property(
        forsendelseArbitrary.filter((f) => f.oppdrag.length > 0),
        fc.nat(),
        (forsendelse, pick) => {
          const lines = writeOcrGiro(forsendelse).trimEnd().split('\r\n');
          const amountLines = lines.flatMap((line, i) => (/^NY09\d\d30/.test(line) ? [i] : []));
          const index = amountLines[pick % amountLines.length]!;
          const line = lines[index]!;
          const amount = BigInt(line.slice(32, 49));
          const changed = amount === 0n ? 1n : amount - 1n;
          lines[index] = line.slice(0, 32) + String(changed).padStart(17, '0') + line.slice(49);
          const reading = readOcrGiro(lines.join('\n'));
          expect(reading).toMatchObject({ ok: false, feil: { kode: 'sum-mismatch' } });
        },
      ),
    );
  });
});
