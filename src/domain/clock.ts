import { addDays, daysBetween, osloDate, type LocalDate } from './dates.js';

/**
 * Where "today" and "now" come from. Only `server.ts` and `cli.ts` create one; everything below
 * receives it, so a sandbox can fix the business date (`KOB_TODAY`) and tests can move time.
 */
export interface Clock {
  /** The business date (Europe/Oslo). */
  today(): LocalDate;
  /** Wall-clock instant in milliseconds since the epoch, for token lifetimes and timestamps. */
  nowEpochMs(): number;
}

/**
 * The business date of an instant: the day it happened, counted back from the business date as
 * many days as the wall clock has moved since. With `KOB_TODAY` fixed, something made today shows
 * as made on the business date, and something made yesterday the day before it (decision 0104);
 * without it, the two are the same date.
 */
export function forretningsdatoFor(clock: Clock, epochMs: number): LocalDate {
  return addDays(clock.today(), daysBetween(osloDate(clock.nowEpochMs()), osloDate(epochMs)));
}
