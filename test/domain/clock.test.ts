import { describe, expect, it } from 'vitest';
import { forretningsdatoFor, type Clock } from '../../src/domain/clock.js';
import { localDate } from '../../src/domain/dates.js';

describe('forretningsdatoFor: an instant as a business date', () => {
  const now = Date.UTC(2026, 5, 20, 10, 0);
  const fixed: Clock = { today: () => localDate('2024-09-02'), nowEpochMs: () => now };

  it('puts something made today on the business date, and earlier days before it', () => {
    expect(forretningsdatoFor(fixed, now)).toBe('2024-09-02');
    expect(forretningsdatoFor(fixed, now - 3 * 86_400_000)).toBe('2024-08-30');
  });

  it('is the Oslo date when the business date is the real one', () => {
    const real: Clock = { today: () => localDate('2026-06-20'), nowEpochMs: () => now };
    expect(forretningsdatoFor(real, Date.UTC(2026, 5, 19, 22, 30))).toBe('2026-06-20');
    expect(forretningsdatoFor(real, Date.UTC(2026, 5, 19, 21, 30))).toBe('2026-06-19');
  });
});
