import { assertInvariant } from './assert.js';
import { addDays, dateParts, isoWeekday, makeDate, type LocalDate } from './dates.js';

/** A Norwegian public holiday (helligdag or lovfestet høytidsdag). */
export interface Helligdag {
  readonly dato: LocalDate;
  /** Several names when two holidays share a date (17 May 2027 is also 2. pinsedag). */
  readonly navn: string;
}

/**
 * Easter Sunday (Gregorian calendar) by the anonymous Gregorian ("Meeus/Jones/Butcher")
 * algorithm, integer division throughout (domain-rules §4.1).
 *
 * @example easterSunday(2026) === '2026-04-05'; easterSunday(2027) === '2027-03-28'
 */
export function easterSunday(year: number): LocalDate {
  assertInvariant(Number.isSafeInteger(year), `year must be an integer: ${year}`);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return makeDate(year, month, day);
}

// helligdagsloven + lov 26. april 1947 nr. 1 (1 and 17 May); offsets are days from Easter Sunday.
const fixedHolidays: readonly (readonly [month: number, day: number, navn: string])[] = [
  [1, 1, '1. nyttårsdag'],
  [5, 1, 'Offentlig høytidsdag'],
  [5, 17, 'Grunnlovsdag'],
  [12, 25, '1. juledag'],
  [12, 26, '2. juledag'],
];
const easterHolidays: readonly (readonly [offsetDays: number, navn: string])[] = [
  [-3, 'Skjærtorsdag'],
  [-2, 'Langfredag'],
  [0, '1. påskedag'],
  [1, '2. påskedag'],
  [39, 'Kristi himmelfartsdag'],
  [49, '1. pinsedag'],
  [50, '2. pinsedag'],
];

interface HolidayYear {
  readonly list: readonly Helligdag[];
  readonly byDate: ReadonlyMap<LocalDate, Helligdag>;
}

// The data generator asks about millions of dates; a year's table is built once and frozen.
const holidayYears = new Map<number, HolidayYear>();

function holidayYear(year: number): HolidayYear {
  const cached = holidayYears.get(year);
  if (cached) return cached;
  const easter = easterSunday(year);
  const named: [LocalDate, string][] = [
    ...fixedHolidays.map(([month, day, navn]): [LocalDate, string] => [makeDate(year, month, day), navn]),
    ...easterHolidays.map(([offset, navn]): [LocalDate, string] => [addDays(easter, offset), navn]),
  ];
  const names = new Map<LocalDate, string[]>();
  for (const [dato, navn] of named) names.set(dato, [...(names.get(dato) ?? []), navn]);
  const list = Object.freeze(
    [...names.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([dato, navnene]) => Object.freeze({ dato, navn: navnene.join(' og ') })),
  );
  const entry: HolidayYear = Object.freeze({ list, byDate: new Map(list.map((h) => [h.dato, h])) });
  holidayYears.set(year, entry);
  return entry;
}

/**
 * The public holidays of a year in date order, one entry per date (frozen, cached).
 * Ordinary Sundays are not listed; 24 and 31 December are not holidays.
 */
export function holidays(year: number): readonly Helligdag[] {
  return holidayYear(year).list;
}

/** The holiday on this date, or `undefined` (an ordinary Sunday is not a holiday here). */
export function holidayOn(date: LocalDate): Helligdag | undefined {
  return holidayYear(dateParts(date).year).byDate.get(date);
}

/**
 * A day on which a deadline can fall: Monday–Friday and not a public holiday
 * (sktbl § 10-2, sfl § 5-5: Saturdays, Sundays and holidays move a deadline).
 */
export function isWorkingDay(date: LocalDate): boolean {
  return isoWeekday(date) <= 5 && holidayOn(date) === undefined;
}

/**
 * The date itself when it is a working day, otherwise the first working day after it: the
 * effective date of a deadline whose nominal date is `date`.
 *
 * @example nextWorkingDay('2026-04-05') === '2026-04-07' // Easter Sunday, then 2. påskedag
 */
export function nextWorkingDay(date: LocalDate): LocalDate {
  let day = date;
  // No run of non-working days is longer than five (Skjærtorsdag to 2. påskedag).
  for (let step = 0; step < 7; step += 1) {
    if (isWorkingDay(day)) return day;
    day = addDays(day, 1);
  }
  assertInvariant(false, `no working day within a week of ${date}`);
}
