import { describe, expect, it } from 'vitest';
import { isWithin, localDate } from '../../src/domain/dates.js';

describe('isWithin', () => {
  const year2024 = { fraOgMed: localDate('2024-01-01'), tilOgMed: localDate('2024-12-31') };

  it('includes both ends of the range', () => {
    expect(isWithin(localDate('2024-01-01'), year2024)).toBe(true);
    expect(isWithin(localDate('2024-12-31'), year2024)).toBe(true);
    expect(isWithin(localDate('2024-02-29'), year2024)).toBe(true);
  });

  it('excludes the days just outside', () => {
    expect(isWithin(localDate('2023-12-31'), year2024)).toBe(false);
    expect(isWithin(localDate('2025-01-01'), year2024)).toBe(false);
  });

  it('a one-day range holds that day only', () => {
    const day = { fraOgMed: localDate('2024-05-17'), tilOgMed: localDate('2024-05-17') };
    expect(isWithin(localDate('2024-05-17'), day)).toBe(true);
    expect(isWithin(localDate('2024-05-16'), day)).toBe(false);
  });
});
