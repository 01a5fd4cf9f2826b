import { describe, expect, it } from 'vitest';
import { localDate } from '../../src/domain/dates.js';
import { toOere } from '../../src/domain/money.js';
import { planAllocation, type AllocationRequest } from '../../src/ledger/allocation.js';
import { postKey } from '../../src/ledger/covering.js';
import { forsinkelsesrentesatser } from '../../src/ledger/rentesatser.js';
import { debet, merverdiavgiftKonto, skatteinnkreving } from './planner-fixtures.js';

function plan(kroner: number, innbetalingsdato: string, poster: AllocationRequest['poster'], kidKravId?: string, mottakerkonto = skatteinnkreving) {
  const result = planAllocation({
    beloepOere: toOere(Math.round(kroner * 100)),
    innbetalingsdato: localDate(innbetalingsdato),
    kidKravId,
    mottakerkonto,
    poster,
    rentesatser: forsinkelsesrentesatser(),
    renteForfallsdato: localDate(innbetalingsdato),
  });
  return {
    ...result,
    covered: result.plasseringer.map((p) => [postKey(p.post), p.beloepOere / 100, p.grunnlag]),
    renter: result.renter.map((r) => [r.hovedstolKravId, r.beloepOere / 100]),
  };
}

describe('planAllocation (decision 0003)', () => {
  it('a valid KID covers its claim oldest instalment first, the not-yet-due ones included', () => {
    const poster = [
      debet('f2', 100, '2024-06-15', { kravId: 'K', nummer: 2 }),
      debet('f1', 100, '2024-03-15', { kravId: 'K', nummer: 1 }),
      debet('other', 500, '2024-01-10'),
    ];
    const result = plan(150, '2024-03-15', poster, 'K');
    expect(result.covered).toEqual([
      ['f1', 100, 'kid'],
      ['f2', 50, 'kid'],
    ]);
    expect(result.uplassertOere).toBe(0);
  });

  it('what the KID claim does not need follows the default order', () => {
    const poster = [debet('kid', 100, '2024-03-15', { kravId: 'K' }), debet('old', 30, '2024-03-01'), debet('future', 40, '2024-05-01')];
    const result = plan(160, '2024-03-15', poster, 'K');
    expect(result.covered.map((c) => c[0])).toEqual(['kid', 'old', 'future']);
    expect(result.covered.map((c) => c[2])).toEqual(['kid', 'forfalt', 'ikkeForfalt']);
  });

  it('without a KID: overdue items before not-yet-due, oldest due date first', () => {
    const poster = [debet('due-later', 100, '2024-09-01'), debet('overdue-new', 100, '2024-02-01'), debet('overdue-old', 100, '2024-01-01')];
    const result = plan(250, '2024-02-01', poster);
    // Due on the payment date is not overdue. The 31 late days of the oldest item cost 1 kr
    // (100 kr × 12.50 % × 31/365 = 1.06), posted and covered before the not-yet-due items.
    expect(result.covered).toEqual([
      ['overdue-old', 100, 'forfalt'],
      ['rente#0', 1, 'rente'],
      ['overdue-new', 100, 'ikkeForfalt'],
      ['due-later', 49, 'ikkeForfalt'],
    ]);
  });

  it('breaks ties by principal before interest, creation date, claim id, instalment number', () => {
    const day = '2024-01-10';
    const poster = [
      debet('interest', 10, day, { kravId: '250000001', erForsinkelsesrente: true }),
      debet('id-b', 10, day, { kravId: '250000009', opprettet: '2024-01-02' }),
      debet('id-a-2', 10, day, { kravId: '250000008', opprettet: '2024-01-02', nummer: 2 }),
      debet('id-a-1', 10, day, { kravId: '250000008', opprettet: '2024-01-02', nummer: 1 }),
      debet('created-first', 10, day, { kravId: '250000010', opprettet: '2024-01-01' }),
    ];
    expect(plan(50, '2024-02-01', poster).covered.map((c) => c[0])).toEqual(['created-first', 'id-a-1', 'id-a-2', 'id-b', 'interest']);
  });

  it('keeps what cannot be placed as unplaced', () => {
    const result = plan(120, '2024-02-01', [debet('only', 100, '2024-03-01')]);
    expect(result.uplassertOere).toBe(2_000);
    expect(plan(50, '2024-02-01', []).uplassertOere).toBe(5_000);
  });

  it('without a KID, covers only items payable to the account the money came to (one ledger)', () => {
    const poster = [debet('mva', 100, '2024-01-10', { mottakerkonto: merverdiavgiftKonto, rentebaerende: false }), debet('aga', 100, '2024-01-15', { rentebaerende: false })];
    const toTax = plan(300, '2024-02-01', poster);
    expect(toTax.covered).toEqual([['aga', 100, 'forfalt']]);
    expect(toTax.uplassertOere).toBe(20_000);
    const toVat = plan(300, '2024-02-01', poster, undefined, merverdiavgiftKonto);
    expect(toVat.covered).toEqual([['mva', 100, 'forfalt']]);
    // A KID reaches its claim whatever the account.
    expect(plan(100, '2024-02-01', poster, 'kmva').covered).toEqual([['mva', 100, 'kid']]);
  });

  it('posts forsinkelsesrente on a late covering and covers it with the rest (the published 439 kr)', () => {
    const result = plan(51_433, '2022-01-17', [debet('mva', 51_321, '2021-12-10', { kravId: 'MVA', kravgruppe: 'merverdiavgift', mottakerkonto: merverdiavgiftKonto })], 'MVA', merverdiavgiftKonto);
    expect(result.renter).toEqual([['MVA', 439]]);
    expect(result.covered).toEqual([
      ['mva', 51_321, 'kid'],
      ['rente#0', 112, 'rente'],
    ]);
    expect(result.uplassertOere).toBe(0);
  });

  it('posts no interest on a covering on the due date, on interest claims, or on non-interest-bearing types', () => {
    const poster = [
      debet('on-time', 100, '2024-02-01'),
      debet('old-interest', 100, '2023-01-01', { erForsinkelsesrente: true }),
      debet('motpost', 100, '2023-01-01', { rentebaerende: false }),
    ];
    expect(plan(300, '2024-02-01', poster).renter).toEqual([]);
  });

  it('sums the late pieces of one claim exactly and truncates once per claim', () => {
    // Two instalments of one claim, each 100 kr × 12.50 % × 17/365 = 0.58 kr: 1.16 → 1 kr, not 0 + 0.
    const poster = [debet('a', 100, '2024-01-01', { kravId: 'K' }), debet('b', 100, '2024-01-01', { kravId: 'K', nummer: 2 })];
    const one = plan(100, '2024-01-18', [poster[0]!]);
    expect(one.renter).toEqual([]);
    const both = plan(200, '2024-01-18', poster);
    expect(both.renter).toEqual([['K', 1]]);
  });
});
