import type { LocalDate } from './dates.js';

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
