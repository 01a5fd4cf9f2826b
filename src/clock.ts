import { osloDate, type LocalDate } from './domain/dates.js';
import type { Clock } from './domain/clock.js';

/** The real clock; the business date is today's date in Oslo unless fixed by `KOB_TODAY`. */
export function systemClock(fixedToday?: LocalDate): Clock {
  return {
    today: () => fixedToday ?? osloDate(Date.now()),
    nowEpochMs: () => Date.now(),
  };
}
