import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../src/clock.js';
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

describe('systemClock: the business date, worked out once a minute', () => {
  afterEach(() => vi.useRealTimers());

  it('turns to the next Oslo date at Oslo midnight, in winter and in summer time, though it remembers the date within a minute', () => {
    vi.useFakeTimers();
    const clock = systemClock();
    for (const [lastMs, date, next] of [
      [Date.UTC(2026, 11, 6, 22, 59, 59, 999), '2026-12-06', '2026-12-07'],
      [Date.UTC(2026, 5, 30, 21, 59, 59, 999), '2026-06-30', '2026-07-01'],
    ] as const) {
      vi.setSystemTime(lastMs - 30_000);
      expect(clock.today()).toBe(date);
      vi.setSystemTime(lastMs);
      expect(clock.today()).toBe(date);
      vi.setSystemTime(lastMs + 1);
      expect(clock.today()).toBe(next);
    }
  });

  it('keeps a fixed business date (KOB_TODAY) whatever the wall clock says', () => {
    expect(systemClock(localDate('2024-09-02')).today()).toBe('2024-09-02');
  });
});
