import { describe, expect, it } from 'vitest';
import { localDate } from '../../../src/domain/dates.js';
import { restskattForfall } from '../../../src/domain/deadlines/index.js';
import { toOere } from '../../../src/domain/money.js';

const settlement = localDate('2026-06-23'); // a Tuesday

// domain-rules §4.7
describe('restskattForfall', () => {
  it('person: two equal instalments, 3 weeks after the settlement and 5 weeks after that', () => {
    expect(restskattForfall({ skatteoppgjoerDato: settlement, beloepOere: toOere(5_000_00), skattytertype: 'personlig' })).toEqual([
      { nummer: 1, nominal: '2026-07-14', effective: '2026-07-14', beloepOere: 2_500_00 },
      { nummer: 2, nominal: '2026-08-18', effective: '2026-08-18', beloepOere: 2_500_00 },
    ]);
  });

  it('person: an odd øre goes to the first instalment, and the instalments add up to the amount', () => {
    const items = restskattForfall({ skatteoppgjoerDato: settlement, beloepOere: toOere(1_234_57), skattytertype: 'personlig' });
    expect(items.map((i) => i.beloepOere)).toEqual([61_729, 61_728]);
  });

  it('person: 1 000 kr is split, 999.99 kr falls due at once', () => {
    expect(restskattForfall({ skatteoppgjoerDato: settlement, beloepOere: toOere(1_000_00), skattytertype: 'personlig' })).toHaveLength(2);
    expect(restskattForfall({ skatteoppgjoerDato: settlement, beloepOere: toOere(999_99), skattytertype: 'personlig' })).toEqual([
      { nummer: 1, nominal: '2026-07-14', effective: '2026-07-14', beloepOere: 999_99 },
    ]);
  });

  it('person: 100 kr is collected, 99.99 kr lapses', () => {
    expect(restskattForfall({ skatteoppgjoerDato: settlement, beloepOere: toOere(100_00), skattytertype: 'personlig' })).toHaveLength(1);
    expect(restskattForfall({ skatteoppgjoerDato: settlement, beloepOere: toOere(99_99), skattytertype: 'personlig' })).toEqual([]);
  });

  it('company: one instalment 3 weeks after the settlement, whatever the amount', () => {
    expect(restskattForfall({ skatteoppgjoerDato: settlement, beloepOere: toOere(50_00), skattytertype: 'upersonlig' })).toEqual([
      { nummer: 1, nominal: '2026-07-14', effective: '2026-07-14', beloepOere: 50_00 },
    ]);
  });

  it('moves a due date off a holiday; the second counts from the first nominal date', () => {
    // Settlement Thursday 2026-04-23: +3 weeks = Thursday 14 May (Kristi himmelfartsdag) → Friday 15 May.
    const items = restskattForfall({ skatteoppgjoerDato: localDate('2026-04-23'), beloepOere: toOere(10_000_00), skattytertype: 'personlig' });
    expect(items.map((i) => [i.nominal, i.effective])).toEqual([
      ['2026-05-14', '2026-05-15'],
      ['2026-06-18', '2026-06-18'],
    ]);
  });

  it('refuses a non-positive amount (a credit is not restskatt)', () => {
    expect(() => restskattForfall({ skatteoppgjoerDato: settlement, beloepOere: toOere(0), skattytertype: 'personlig' })).toThrow(/positive/);
  });
});
