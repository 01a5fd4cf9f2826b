import type { LocalDate } from '../dates.js';
import { nextWorkingDay } from '../holidays.js';

/**
 * A deadline as the rule states it (`nominal`) and as it applies (`effective`: moved to the next
 * working day, sktbl § 10-2 / sfl § 5-5). Both are kept: Skatteetaten's own Frister API prints
 * the nominal date (domain-rules §4.6), payment and status follow the effective one.
 */
export interface FristDatoer {
  readonly nominal: LocalDate;
  readonly effective: LocalDate;
}

export function fristDatoer(nominal: LocalDate): FristDatoer {
  return Object.freeze({ nominal, effective: nextWorkingDay(nominal) });
}
