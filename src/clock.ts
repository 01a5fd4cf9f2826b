import { osloDate, type LocalDate } from './domain/dates.js';
import type { Clock } from './domain/clock.js';

const minuteMs = 60_000;

/**
 * The real clock; the business date is today's date in Oslo unless fixed by `KOB_TODAY`.
 * Every API call asks for the business date, and formatting an instant in a time zone costs more
 * than the rest of a cached answer, so the date is worked out once a minute: Oslo's offsets are
 * whole hours, so its date only changes at a minute boundary.
 */
export function systemClock(fixedToday?: LocalDate): Clock {
  let minute = Number.NaN;
  let date: LocalDate;
  return {
    today: () => {
      if (fixedToday !== undefined) return fixedToday;
      const now = Date.now();
      const nowMinute = Math.floor(now / minuteMs);
      if (nowMinute !== minute) {
        date = osloDate(now);
        minute = nowMinute;
      }
      return date;
    },
    nowEpochMs: () => Date.now(),
  };
}
