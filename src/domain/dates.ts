import { assertInvariant } from './assert.js';

/**
 * A calendar date without time zone, written `YYYY-MM-DD` exactly as the API prints it.
 * Arithmetic goes through whole days since 1970-01-01 (UTC), so no clock or zone is involved.
 */
export type LocalDate = string & { readonly kind: 'LocalDate' };

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const msPerDay = 86_400_000;

/** Returns the date, or `undefined` when the text is not a real calendar date. */
export function parseLocalDate(text: string): LocalDate | undefined {
  const match = datePattern.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (year < 1900 || year > 2200) return undefined;
  return text as LocalDate;
}

export function localDate(text: string): LocalDate {
  const date = parseLocalDate(text);
  assertInvariant(date !== undefined, `not a calendar date: ${text}`);
  return date;
}

export function makeDate(year: number, month: number, day: number): LocalDate {
  const valid = Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) && year >= 1900 && year <= 2200 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
  assertInvariant(valid, `not a calendar date: ${year}-${month}-${day}`);
  return formatDate(year, month, day);
}

export function epochDay(date: LocalDate): number {
  const { year, month, day } = dateParts(date);
  return Date.UTC(year, month - 1, day) / msPerDay;
}

export function fromEpochDay(days: number): LocalDate {
  const d = new Date(days * msPerDay);
  const year = d.getUTCFullYear();
  assertInvariant(year >= 1900 && year <= 2200, `not a day between 1900 and 2200: ${days}`);
  // A Date's parts are a real calendar date: only the range needs checking.
  return formatDate(year, d.getUTCMonth() + 1, d.getUTCDate());
}

export function dateParts(date: LocalDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(epochDay(date) + days);
}

/** Adds calendar months; the day is clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const { year, month, day } = dateParts(date);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = (index % 12) + 1;
  return makeDate(newYear, newMonth, Math.min(day, daysInMonth(newYear, newMonth)));
}

export function addYears(date: LocalDate, years: number): LocalDate {
  return addMonths(date, years * 12);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return epochDay(to) - epochDay(from);
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether `date` lies in the range, both ends included. */
export function isWithin(date: LocalDate, range: { readonly fraOgMed: LocalDate; readonly tilOgMed: LocalDate }): boolean {
  return compareDates(range.fraOgMed, date) <= 0 && compareDates(date, range.tilOgMed) <= 0;
}

export function minDate(a: LocalDate, b: LocalDate): LocalDate {
  return a <= b ? a : b;
}

export function maxDate(a: LocalDate, b: LocalDate): LocalDate {
  return a >= b ? a : b;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  // 1970-01-01 was a Thursday (4).
  return ((((epochDay(date) + 3) % 7) + 7) % 7) + 1;
}

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : monthDays[month - 1]!;
}

export function lastDayOfMonth(year: number, month: number): LocalDate {
  return makeDate(year, month, daysInMonth(year, month));
}

// One formatter for the process: building one loads ICU's time-zone data, which costs more than
// the rest of an API call and leaves native memory behind until a full collection.
const osloDateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Oslo calendar date of an instant; the only place a time zone is applied. */
export function osloDate(epochMs: number): LocalDate {
  return localDate(osloDateFormat.format(epochMs));
}

function formatDate(year: number, month: number, day: number): LocalDate {
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}` as LocalDate;
}
