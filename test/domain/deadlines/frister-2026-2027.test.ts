import { describe, expect, it } from 'vitest';
import {
  ameldingFrist,
  arbeidsgiveravgiftForfall,
  forskuddsskattForfall,
  mvaFrist,
  skattemeldingFrist,
} from '../../../src/domain/deadlines/index.js';

// domain-rules §4.8: every cell of the 2026 and 2027 columns, nominal and effective.
describe('§4.8 effective dates', () => {
  describe.each([
    {
      year: 2026,
      mva6PrevYear: ['2026-02-10', '2026-02-10'],
      aarsterminPrevYear: ['2026-03-10', '2026-03-10'],
      mva: [
        ['2026-04-10', '2026-04-10'],
        ['2026-06-10', '2026-06-10'],
        ['2026-08-31', '2026-08-31'],
        ['2026-10-10', '2026-10-12'],
        ['2026-12-10', '2026-12-10'],
      ],
      // Shifted: 04-05 → 04-07 (Easter), 07-05 → 07-06, 09-05 → 09-07, 12-05 → 12-07.
      amelding: ['01-05', '02-05', '03-05', '04-07', '05-05', '06-05', '07-06', '08-05', '09-07', '10-05', '11-05', '12-07'],
      aga: ['01-15', '03-16', '05-15', '07-15', '09-15', '11-16'],
      forskuddsskattPersonlig: ['03-16', '05-15', '09-15', '11-16'],
      forskuddsskattUpersonlig: ['02-16', '04-15'],
      skattemelding: ['2026-05-31', '2026-06-01'],
    },
    {
      year: 2027,
      mva6PrevYear: ['2027-02-10', '2027-02-10'],
      aarsterminPrevYear: ['2027-03-10', '2027-03-10'],
      mva: [
        ['2027-04-10', '2027-04-12'],
        ['2027-06-10', '2027-06-10'],
        ['2027-08-31', '2027-08-31'],
        ['2027-10-10', '2027-10-11'],
        ['2027-12-10', '2027-12-10'],
      ],
      // Shifted: 06-05 → 06-07, 09-05 → 09-06, 12-05 → 12-06.
      amelding: ['01-05', '02-05', '03-05', '04-05', '05-05', '06-07', '07-05', '08-05', '09-06', '10-05', '11-05', '12-06'],
      aga: ['01-15', '03-15', '05-18', '07-15', '09-15', '11-15'],
      forskuddsskattPersonlig: ['03-15', '05-18', '09-15', '11-15'],
      forskuddsskattUpersonlig: ['02-15', '04-15'],
      skattemelding: ['2027-05-31', '2027-05-31'],
    },
  ])('$year', (row) => {
    const { year } = row;

    it('mva 6th term of the previous year and the annual term', () => {
      const [nominal6, effective6] = row.mva6PrevYear;
      expect(mvaFrist(year - 1, 6, 'tomaaneders')).toEqual({ nominal: nominal6, effective: effective6 });
      const [nominalAar, effectiveAar] = row.aarsterminPrevYear;
      expect(mvaFrist(year - 1, null, 'aarlig')).toEqual({ nominal: nominalAar, effective: effectiveAar });
    });

    it('mva terms 1–5', () => {
      const got = [1, 2, 3, 4, 5].map((termin) => mvaFrist(year, termin, 'tomaaneders'));
      expect(got).toEqual(row.mva.map(([nominal, effective]) => ({ nominal, effective })));
    });

    it('a-melding for every month is due the 5th of the next (December of the year before in January)', () => {
      const got = row.amelding.map((_, index) =>
        index === 0 ? ameldingFrist(year - 1, 12) : ameldingFrist(year, index),
      );
      expect(got.map((f) => f.nominal)).toEqual(row.amelding.map((_, index) => `${year}-${String(index + 1).padStart(2, '0')}-05`));
      expect(got.map((f) => f.effective)).toEqual(row.amelding.map((d) => `${year}-${d}`));
    });

    it('arbeidsgiveravgift and forskuddstrekk (term 6 of the year before falls on 15 January)', () => {
      const got = [arbeidsgiveravgiftForfall(year - 1, 6), ...[1, 2, 3, 4, 5].map((t) => arbeidsgiveravgiftForfall(year, t))];
      expect(got.map((f) => f.effective)).toEqual(row.aga.map((d) => `${year}-${d}`));
      expect(got.map((f) => f.nominal.slice(5))).toEqual(['01-15', '03-15', '05-15', '07-15', '09-15', '11-15']);
    });

    it('forskuddsskatt ENK/person in the income year, AS the year after', () => {
      expect(forskuddsskattForfall(year, 'personlig').map((t) => t.effective)).toEqual(
        row.forskuddsskattPersonlig.map((d) => `${year}-${d}`),
      );
      expect(forskuddsskattForfall(year - 1, 'upersonlig').map((t) => t.effective)).toEqual(
        row.forskuddsskattUpersonlig.map((d) => `${year}-${d}`),
      );
    });

    it('skattemelding ENK/AS for the year before, nominal kept', () => {
      const [nominal, effective] = row.skattemelding;
      expect(skattemeldingFrist(year - 1)).toEqual({ nominal, effective });
    });
  });

  it('2025 check: mva term 3 2025-08-31 (Sunday) → 2025-09-01', () => {
    expect(mvaFrist(2025, 3, 'tomaaneders')).toEqual({ nominal: '2025-08-31', effective: '2025-09-01' });
  });
});

describe('rule details', () => {
  it('primary industries file the annual term on 10 April the year after', () => {
    expect(mvaFrist(2026, null, 'primaernaering')).toEqual({ nominal: '2027-04-10', effective: '2027-04-12' });
  });

  it('forskuddsskatt terms are numbered 1..n', () => {
    expect(forskuddsskattForfall(2026, 'personlig').map((t) => t.termin)).toEqual([1, 2, 3, 4]);
    expect(forskuddsskattForfall(2026, 'upersonlig').map((t) => [t.termin, t.nominal])).toEqual([
      [1, '2027-02-15'],
      [2, '2027-04-15'],
    ]);
  });

  it('employees and pensioners file the skattemelding by 30 April', () => {
    expect(skattemeldingFrist(2025, 'loennstakerPensjonist')).toEqual({ nominal: '2026-04-30', effective: '2026-04-30' });
    expect(skattemeldingFrist(2026, 'loennstakerPensjonist')).toEqual({ nominal: '2027-04-30', effective: '2027-04-30' });
  });

  it('rejects terms that do not exist (programmer errors)', () => {
    expect(() => mvaFrist(2026, 7, 'tomaaneders')).toThrow(/two-monthly term/);
    expect(() => mvaFrist(2026, null, 'tomaaneders')).toThrow(/needs its number/);
    expect(() => mvaFrist(2026, 1, 'aarlig')).toThrow(/annual/);
    expect(() => arbeidsgiveravgiftForfall(2026, 0)).toThrow(/two-monthly term/);
    expect(() => ameldingFrist(2026, 13)).toThrow(/not a month/);
  });
});
