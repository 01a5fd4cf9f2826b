import { describe, expect, it } from 'vitest';
import { localDate } from '../../src/domain/dates.js';
import {
  addExact,
  exactForsinkelsesrente,
  MissingRateError,
  rentesatser,
  roundHalfUpToOere,
  truncateToWholeKronerOere,
} from '../../src/domain/interest.js';
import { toOere } from '../../src/domain/money.js';
import rateFile from '../../data/forsinkelsesrente.json' with { type: 'json' };

const satser = rentesatser(rateFile.satser.map((s) => ({ ...s, fraOgMed: localDate(s.fraOgMed), tilOgMed: localDate(s.tilOgMed) })));

function interest(kroner: number, due: string, paid: string) {
  return exactForsinkelsesrente(satser, {
    hovedstolOere: toOere(kroner * 100),
    forfallsdato: localDate(due),
    sisteRentedag: localDate(paid),
  });
}

// domain-rules §2.5, worked examples (actual/365, split at half-year boundaries).
describe('forsinkelsesrente worked examples', () => {
  it('100 000 kr due 2025-06-10 paid 2025-08-20 → 2 396.58 kr', () => {
    expect(roundHalfUpToOere(interest(100_000, '2025-06-10', '2025-08-20'))).toBe(239_658);
  });
  it('paid on the due date → 0; one day late → 34.25 kr', () => {
    expect(roundHalfUpToOere(interest(100_000, '2025-06-10', '2025-06-10'))).toBe(0);
    expect(roundHalfUpToOere(interest(100_000, '2025-06-10', '2025-06-11'))).toBe(3_425);
  });
  it('25 000 kr due 2025-12-10 paid 2026-01-15 → 299.49 kr across a year boundary', () => {
    expect(roundHalfUpToOere(interest(25_000, '2025-12-10', '2026-01-15'))).toBe(29_949);
  });
  it('reproduces the published interest claim of 439 kr (51 321 kr due 2021-12-10, paid 2022-01-17), truncated', () => {
    expect(truncateToWholeKronerOere(interest(51_321, '2021-12-10', '2022-01-17'))).toBe(43_900);
  });
  it('sums pieces exactly before rounding once', () => {
    const a = interest(1, '2025-06-10', '2025-06-11');
    const total = addExact(a, a);
    expect(total.numerator).toBe(a.numerator * 2n);
  });
  it('fails loudly on a day without a rate instead of reusing the last one', () => {
    expect(() => interest(1000, '2026-12-30', '2027-01-02')).toThrow(MissingRateError);
    expect(() => interest(1000, '2017-12-30', '2018-01-02')).toThrow(MissingRateError);
  });
  it('refuses a table with a gap', () => {
    expect(() =>
      rentesatser([
        { fraOgMed: localDate('2025-01-01'), tilOgMed: localDate('2025-06-30'), satsBasispunkter: 1250 },
        { fraOgMed: localDate('2025-07-02'), tilOgMed: localDate('2025-12-31'), satsBasispunkter: 1225 },
      ]),
    ).toThrow(/contiguous/);
  });
});
