import { describe, expect, it } from 'vitest';
import { readOcrGiro, type BankfilFeilkode } from '../../src/bankfiler/index.js';
import { limits } from '../../src/domain/limits.js';
import { ocrFixtureLines } from '../support/ocr-giro-fixture.js';

/** The fixture with line `lineNumber` (1-based) changed; `undefined` removes it. */
function changed(lineNumber: number, change: (line: string) => string | undefined): string {
  return ocrFixtureLines
    .flatMap((line, i) => {
      if (i + 1 !== lineNumber) return [line];
      const replacement = change(line);
      return replacement === undefined ? [] : [replacement];
    })
    .join('\r\n');
}

/** Replaces the characters from 1-based position `start` on. */
function at(start: number, text: string): (line: string) => string {
  return (line) => line.slice(0, start - 1) + text + line.slice(start - 1 + text.length);
}

const cases: readonly (readonly [string, string, BankfilFeilkode, number])[] = [
  ['a record one character short', changed(3, (line) => line.slice(0, 79)), 'record-length', 3],
  ['a record one character long', changed(4, (line) => `${line}0`), 'record-length', 4],
  ['an empty line between records', changed(6, (line) => `\r\n${line}`), 'record-length', 6],
  ['an unknown record type', changed(3, at(7, '40')), 'record-type', 3],
  ['an unknown transaction type', changed(3, at(5, '22')), 'record-type', 3],
  ['an AvtaleGiro record (service code 21)', changed(2, at(3, '21')), 'record-type', 2],
  ['a lower-case format code', changed(1, at(1, 'ny')), 'record-type', 1],
  ['a KID with a wrong check digit', changed(3, at(74, '8')), 'kid-check-digit', 3],
  ['a MOD10 KID with a wrong check digit', changed(12, at(74, '1')), 'kid-check-digit', 12],
  ['a one-digit KID', changed(3, at(50, ' '.repeat(24))), 'kid-check-digit', 3],
  ['no KID on a payment of type 10', changed(3, at(50, ' '.repeat(25))), 'field', 3],
  ['a KID with a letter', changed(3, at(60, 'A')), 'field', 3],
  ['a letter in an amount', changed(3, at(45, 'O')), 'field', 3],
  ['an amount over the limit', changed(12, at(33, String(limits.beloepOereMax + 1).padStart(17, '0'))), 'field', 12],
  ['a sign that is neither 0 nor -', changed(3, at(32, '+')), 'field', 3],
  ['a date that does not exist (31 February)', changed(3, at(16, '310224')), 'field', 3],
  ['a filler that is not zeros', changed(1, at(80, '1')), 'field', 1],
  ['a free text outside ISO-8859-1', changed(7, at(16, '€')), 'field', 7],
  ['a count of transactions one too high (oppdrag)', changed(10, at(9, '00000004')), 'count-mismatch', 10],
  ['a count of records one too low (oppdrag)', changed(10, at(17, '00000008')), 'count-mismatch', 10],
  ['a count of transactions one too low (forsendelse)', changed(15, at(9, '00000003')), 'count-mismatch', 15],
  ['a count of records one too high (forsendelse)', changed(15, at(17, '00000016')), 'count-mismatch', 15],
  ['an amount changed without its sums', changed(3, at(33, '00000000000102001')), 'sum-mismatch', 10],
  ['a wrong sum in the oppdrag end', changed(10, at(25, '00000000000208001')), 'sum-mismatch', 10],
  ['a wrong sum in the forsendelse end', changed(15, at(25, '00000000000208499')), 'sum-mismatch', 15],
  ['a first settlement date that is not the first', changed(10, at(48, '140324')), 'date-mismatch', 10],
  ['a last settlement date that is not the last', changed(14, at(54, '190324')), 'date-mismatch', 14],
  ['a transaction number used twice in an oppdrag', changed(5, at(9, '0000001')), 'duplicate', 5],
  ['an oppdrag number used twice', changed(11, at(18, '0000002')), 'duplicate', 11],
  ['no forsendelse start', changed(1, () => undefined), 'record-order', 1],
  ['no beløpspost 2', changed(4, () => undefined), 'record-order', 4],
  ['a beløpspost 2 of another transaction', changed(4, at(9, '0000009')), 'record-order', 4],
  ['a beløpspost 2 of another type', changed(4, at(5, '11')), 'record-order', 4],
  ['a beløpspost 3 on a type without free text', changed(4, (line) => `${line}\r\nNY0910320000001${'Tekst'.padEnd(40, ' ')}${'0'.repeat(25)}`), 'record-order', 5],
  ['an oppdrag without transactions', changed(12, () => undefined).replace(/NY091331[^\r]*\r\n/, ''), 'record-order', 12],
  ['an oppdrag without its end record', changed(10, () => undefined), 'record-order', 10],
  ['a record after the forsendelse end', `${ocrFixtureLines.join('\r\n')}\r\n${ocrFixtureLines[0]}`, 'record-order', 16],
  ['no forsendelse end', changed(15, () => undefined), 'missing-end-record', 14],
  ['a file cut inside an oppdrag', ocrFixtureLines.slice(0, 12).join('\r\n'), 'missing-end-record', 12],
  ['an empty file', '', 'empty', 1],
];

describe('Nets OCR giro: a malformed file is refused whole, with its line', () => {
  it.each(cases)('%s', (_, text, kode, linje) => {
    const reading = readOcrGiro(text);
    expect(reading).toMatchObject({ ok: false, feil: { kode, linje } });
    if (reading.ok) return;
    expect(reading.feil.melding).toMatch(new RegExp(`[Ll]inje ${linje}\\b`));
    expect(reading.feil.message).toMatch(new RegExp(`[Ll]ine ${linje}\\b`));
  });

  it('says what is wrong in Norwegian and English', () => {
    expect(readOcrGiro(changed(3, at(74, '8')))).toEqual({
      ok: false,
      feil: {
        kode: 'kid-check-digit',
        linje: 3,
        melding: 'Linje 3 (beløpspost 1), posisjon 50–74 (KID): KID «7900011880501220018» har feil kontrollsiffer (verken MOD10 eller MOD11) eller feil lengde (2–25).',
        message: 'Line 3 (amount record 1), positions 50–74 (KID): KID «7900011880501220018» has a wrong check digit (neither MOD10 nor MOD11) or a wrong length (2–25).',
      },
    });
    expect(readOcrGiro(changed(10, at(25, '00000000000208001')))).toMatchObject({
      feil: {
        melding: 'Linje 10 (sluttrecord for oppdrag): sum beløp er 208001 øre, men beløpspostene i oppdraget summerer til 208000 øre.',
        message: 'Line 10 (assignment end record): sum beløp is 208001 øre, but the amount records of the assignment add up to 208000 øre.',
      },
    });
    expect(readOcrGiro(changed(15, () => undefined))).toMatchObject({
      feil: { melding: 'Filen slutter på linje 14 uten sluttrecord for forsendelse (NY000089).', message: 'The file ends at line 14 without the transmission end record (NY000089).' },
    });
  });

  it('refuses a file over the size limit before reading it', () => {
    const huge = ocrFixtureLines[0]!.padEnd(limits.bankfilBytesMax + 1, '0');
    expect(readOcrGiro(huge)).toMatchObject({ ok: false, feil: { kode: 'too-large' } });
  });

  it('refuses a file with more transactions than the limit, at the first one too many', () => {
    const transaction = ocrFixtureLines.slice(11, 13);
    const count = limits.bankfilTransaksjonerMax + 1;
    const lines = [ocrFixtureLines[0]!, ocrFixtureLines[10]!];
    for (let i = 1; i <= count; i++) {
      const number = String(i).padStart(7, '0');
      lines.push(...transaction.map((line) => line.slice(0, 8) + number + line.slice(15)));
    }
    expect(readOcrGiro(lines.join('\n'))).toMatchObject({ ok: false, feil: { kode: 'too-large', linje: 2 + 2 * count - 1 } });
  });
});
