import { addMonths, type LocalDate } from '../dates.js';
import type { Periode } from './registration-obligations.js';

/** Months ahead a calendar request without `tilOgMed` looks (decision 0010). */
export const kalenderperiodeMaanederDefault = 12;

export interface KalenderperiodeInput {
  /** The business date. */
  readonly idag: LocalDate;
  /** As requested (`periode.fraOgMed`), if at all. */
  readonly fraOgMed?: LocalDate | undefined;
  /** As requested (`periode.tilOgMed`), if at all. */
  readonly tilOgMed?: LocalDate | undefined;
  readonly maaneder?: number;
}

/**
 * The period a calendar request covers (domain-rules §5.3, decision 0010):
 * - no `periode`: today .. today + 12 months (the spec's recommendation);
 * - `fraOgMed` only: the documented default `tilOgMed` = today, unless `fraOgMed` is after
 *   today, where that would make the period empty: then `fraOgMed` + 12 months;
 * - both: as requested (limits are the API's to check).
 *
 * @example kalenderperiode({ idag: '2026-11-22' }) // { fraOgMed: '2026-11-22', tilOgMed: '2027-11-22' }
 * @example kalenderperiode({ idag: '2026-11-22', fraOgMed: '2026-01-01' }) // { …, tilOgMed: '2026-11-22' }
 */
export function kalenderperiode(input: KalenderperiodeInput): Periode {
  const { idag, tilOgMed } = input;
  const fraOgMed = input.fraOgMed ?? idag;
  const maaneder = input.maaneder ?? kalenderperiodeMaanederDefault;
  if (tilOgMed !== undefined) return Object.freeze({ fraOgMed, tilOgMed });
  if (input.fraOgMed !== undefined && fraOgMed <= idag) return Object.freeze({ fraOgMed, tilOgMed: idag });
  return Object.freeze({ fraOgMed, tilOgMed: addMonths(fraOgMed, maaneder) });
}
