import { describe, expect, it } from 'vitest';
import { daysBetween, localDate } from '../../../src/domain/dates.js';
import { kalenderperiode } from '../../../src/domain/deadlines/index.js';
import { limits } from '../../../src/domain/limits.js';

const idag = localDate('2026-11-22');

// domain-rules §5.3, decision 0010
describe('kalenderperiode', () => {
  it('no period: today and twelve months ahead', () => {
    expect(kalenderperiode({ idag })).toEqual({ fraOgMed: '2026-11-22', tilOgMed: '2027-11-22' });
  });

  it('the default stays within the one-year period limit, also across 29 February', () => {
    for (const d of ['2026-11-22', '2027-03-01', '2028-02-29', '2027-02-28']) {
      const periode = kalenderperiode({ idag: localDate(d) });
      expect(daysBetween(periode.fraOgMed, periode.tilOgMed)).toBeLessThanOrEqual(limits.periodDaysMax);
    }
  });

  it('fraOgMed in the past without tilOgMed: the documented default tilOgMed = today', () => {
    expect(kalenderperiode({ idag, fraOgMed: localDate('2026-01-01') })).toEqual({ fraOgMed: '2026-01-01', tilOgMed: '2026-11-22' });
    expect(kalenderperiode({ idag, fraOgMed: idag })).toEqual({ fraOgMed: '2026-11-22', tilOgMed: '2026-11-22' });
  });

  it('fraOgMed in the future without tilOgMed: twelve months from fraOgMed rather than an empty period', () => {
    expect(kalenderperiode({ idag, fraOgMed: localDate('2027-01-01') })).toEqual({ fraOgMed: '2027-01-01', tilOgMed: '2028-01-01' });
  });

  it('both given: as requested; the length is configurable', () => {
    expect(kalenderperiode({ idag, fraOgMed: localDate('2026-01-01'), tilOgMed: localDate('2026-03-31') })).toEqual({
      fraOgMed: '2026-01-01',
      tilOgMed: '2026-03-31',
    });
    expect(kalenderperiode({ idag, maaneder: 3 })).toEqual({ fraOgMed: '2026-11-22', tilOgMed: '2027-02-22' });
  });
});
