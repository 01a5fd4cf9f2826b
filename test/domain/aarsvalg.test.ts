import { describe, expect, it } from 'vitest';
import { aarene, aarsvalgFor, erIAarsvalg } from '../../src/domain/aarsvalg.js';
import { localDate } from '../../src/domain/dates.js';

describe('aarsvalgFor: the one year rule of Min side', () => {
  it('counts ten years back from the business year, not before registration', () => {
    expect(aarsvalgFor(localDate('2026-06-20'), localDate('2015-01-01'))).toEqual({ foersteAar: 2017, sisteAar: 2026 });
    expect(aarsvalgFor(localDate('2024-09-02'), localDate('2020-03-01'))).toEqual({ foersteAar: 2020, sisteAar: 2024 });
  });

  it('never goes before 2000, and keeps the business year for a party registered after it', () => {
    expect(aarsvalgFor(localDate('2003-01-01'), localDate('1990-01-01'))).toEqual({ foersteAar: 2000, sisteAar: 2003 });
    expect(aarsvalgFor(localDate('2024-09-02'), localDate('2025-01-01'))).toEqual({ foersteAar: 2024, sisteAar: 2024 });
  });

  it('offers exactly the years it accepts, newest first', () => {
    const valg = aarsvalgFor(localDate('2026-06-20'), localDate('2015-01-01'));
    expect(aarene(valg)).toEqual([2026, 2025, 2024, 2023, 2022, 2021, 2020, 2019, 2018, 2017]);
    for (const aar of [1800, 2016, 2027, 2024.5]) expect(erIAarsvalg(valg, aar), String(aar)).toBe(false);
    for (const aar of aarene(valg)) expect(erIAarsvalg(valg, aar)).toBe(true);
  });
});
