import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDate } from '../../src/domain/dates.js';
import {
  formatBeloep,
  formatDato,
  formatFoedselsnummer,
  formatKontonummer,
  formatMaskertKontonummer,
  formatKroner,
  formatOrganisasjonsnummer,
} from '../../src/domain/format.js';
import type { Kontonummer } from '../../src/domain/kontonummer.js';
import { toOere } from '../../src/domain/money.js';

const nbsp = '\u00a0';

describe('Norwegian display formatting (decision 0035)', () => {
  it('writes kroner with a comma, two decimals and no-break spaces between groups', () => {
    expect(formatKroner(toOere(44_860_000))).toBe(`448${nbsp}600,00 kroner`);
    expect(formatBeloep(toOere(0))).toBe('0,00');
    expect(formatBeloep(toOere(5))).toBe('0,05');
    expect(formatBeloep(toOere(99_999))).toBe('999,99');
    expect(formatBeloep(toOere(100_000))).toBe(`1${nbsp}000,00`);
    expect(formatBeloep(toOere(100_000_000_000))).toBe(`1${nbsp}000${nbsp}000${nbsp}000,00`);
  });

  it('starts a credit with MINUS SIGN, as nb-NO does', () => {
    expect(formatBeloep(toOere(-123_456))).toBe(`\u22121${nbsp}234,56`);
  });

  it('agrees with Intl.NumberFormat("nb-NO") for every amount the ledger accepts', () => {
    const intl = new Intl.NumberFormat('nb-NO', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    fc.assert(
      fc.property(fc.integer({ min: -100_000_000_000, max: 100_000_000_000 }), (oere) => {
        expect(formatBeloep(toOere(oere))).toBe(intl.format(oere / 100));
      }),
    );
  });

  it('writes dates as dd.mm.yyyy', () => {
    expect(formatDato(localDate('2024-03-15'))).toBe('15.03.2024');
    expect(formatDato(localDate('2025-12-01'))).toBe('01.12.2025');
  });

  it('groups account, organisation and national identity numbers the usual way', () => {
    expect(formatKontonummer('76940524802' as Kontonummer)).toBe('7694 05 24802');
    expect(formatOrganisasjonsnummer('313367002')).toBe('313 367 002');
    expect(formatFoedselsnummer('02013299997')).toBe('020132 99997');
  });

  it('masks an account to its last five digits in the printed form (decision 0067)', () => {
    expect(formatMaskertKontonummer('12345678903')).toBe('**** ** 78903');
    expect(formatMaskertKontonummer('DE89370400440532013000')).toBe('*****************13000');
  });
});
