import { describe, expect, it } from 'vitest';
import { addDays, isoWeekday, localDate } from '../../src/domain/dates.js';
import { easterSunday, holidayOn, holidays, isWorkingDay, nextWorkingDay } from '../../src/domain/holidays.js';

// domain-rules §4.1
describe('easterSunday', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
  ])('%i → %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it('agrees with known dates far from today (1900, 1943 and 2038 are edge years of the algorithm)', () => {
    expect(easterSunday(1900)).toBe('1900-04-15');
    expect(easterSunday(1943)).toBe('1943-04-25'); // the latest possible
    expect(easterSunday(2008)).toBe('2008-03-23');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });
});

describe('holidays', () => {
  it.each([
    [2025, ['01-01', '04-17', '04-18', '04-20', '04-21', '05-01', '05-17', '05-29', '06-08', '06-09', '12-25', '12-26']],
    [2026, ['01-01', '04-02', '04-03', '04-05', '04-06', '05-01', '05-14', '05-17', '05-24', '05-25', '12-25', '12-26']],
    // 2. pinsedag 2027 is 17 May: one date, eleven holidays.
    [2027, ['01-01', '03-25', '03-26', '03-28', '03-29', '05-01', '05-06', '05-16', '05-17', '12-25', '12-26']],
  ])('%i lists exactly the dates of §4.1', (year, dates) => {
    expect(holidays(year).map((h) => h.dato)).toEqual(dates.map((d) => `${year}-${d}`));
  });

  it('names both holidays of a shared date', () => {
    expect(holidayOn(localDate('2027-05-17'))?.navn).toBe('Grunnlovsdag og 2. pinsedag');
    expect(holidayOn(localDate('2026-04-03'))?.navn).toBe('Langfredag');
  });

  it('is frozen and cached: the same object every time, and it cannot be changed', () => {
    const list = holidays(2026);
    expect(holidays(2026)).toBe(list);
    expect(Object.isFrozen(list)).toBe(true);
    expect(Object.isFrozen(list[0])).toBe(true);
    expect(() => (list as unknown as unknown[]).push({})).toThrow(TypeError);
  });
});

describe('isWorkingDay', () => {
  it('Saturdays and Sundays are not working days', () => {
    expect(isWorkingDay(localDate('2026-10-10'))).toBe(false); // Saturday
    expect(isWorkingDay(localDate('2026-10-11'))).toBe(false); // Sunday
    expect(isWorkingDay(localDate('2026-10-12'))).toBe(true); // Monday
  });

  it('holidays on weekdays are not working days', () => {
    expect(isWorkingDay(localDate('2026-05-14'))).toBe(false); // Kristi himmelfartsdag, Thursday
    expect(isWorkingDay(localDate('2026-05-01'))).toBe(false); // Friday
    expect(isWorkingDay(localDate('2026-05-15'))).toBe(true);
  });

  it('24 and 31 December are working days when they are weekdays (not holidays)', () => {
    expect(isoWeekday(localDate('2026-12-24'))).toBe(4);
    expect(isWorkingDay(localDate('2026-12-24'))).toBe(true);
    expect(isWorkingDay(localDate('2026-12-31'))).toBe(true);
    expect(holidayOn(localDate('2025-12-24'))).toBeUndefined();
    expect(holidayOn(localDate('2025-12-31'))).toBeUndefined();
  });

  it('an ordinary Sunday is not a holiday, but not a working day either', () => {
    expect(holidayOn(localDate('2026-03-01'))).toBeUndefined();
    expect(isWorkingDay(localDate('2026-03-01'))).toBe(false);
  });
});

describe('nextWorkingDay', () => {
  it('keeps a working day', () => {
    expect(nextWorkingDay(localDate('2026-12-24'))).toBe('2026-12-24');
    expect(nextWorkingDay(localDate('2026-12-31'))).toBe('2026-12-31');
  });

  it('moves Saturday and Sunday to Monday', () => {
    expect(nextWorkingDay(localDate('2026-10-10'))).toBe('2026-10-12');
    expect(nextWorkingDay(localDate('2027-10-10'))).toBe('2027-10-11');
  });

  it('moves over a whole Easter: Skjærtorsdag 2026 → the Tuesday after', () => {
    expect(nextWorkingDay(localDate('2026-04-02'))).toBe('2026-04-07');
    expect(nextWorkingDay(localDate('2026-04-05'))).toBe('2026-04-07');
  });

  it('moves over a weekend into a holiday: Saturday 15 May 2027 → Tuesday 18 May', () => {
    expect(nextWorkingDay(localDate('2027-05-15'))).toBe('2027-05-18');
  });

  it('moves Christmas and New Year across the year boundary', () => {
    expect(nextWorkingDay(localDate('2027-12-25'))).toBe('2027-12-27'); // Sat, Sun 26 → Mon 27
    expect(nextWorkingDay(localDate('2028-01-01'))).toBe('2028-01-03'); // Sat 1 Jan
  });

  it('every day of 2024–2028 moves at most 5 days, onto a working day', () => {
    for (let day = localDate('2024-01-01'); day <= '2028-12-31'; day = addDays(day, 1)) {
      const moved = nextWorkingDay(day);
      expect(isWorkingDay(moved)).toBe(true);
      expect(moved >= day).toBe(true);
      expect(moved <= addDays(day, 5)).toBe(true);
    }
  });
});
