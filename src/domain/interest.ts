import { assertInvariant } from './assert.js';
import { addDays, compareDates, daysBetween, isWithin, maxDate, minDate, type LocalDate } from './dates.js';
import { toOere, type Oere } from './money.js';

/**
 * Forsinkelsesrente (domain-rules §2). Rates are half-year periods in basis points
 * (1250 = 12.50 % p.a.). The table is data, never hard-coded, and a day without a rate is an
 * error rather than a silent reuse of the last rate (§2.3).
 */
export interface RentesatsPeriode {
  readonly fraOgMed: LocalDate;
  readonly tilOgMed: LocalDate;
  readonly satsBasispunkter: number;
}

export type Rentesatser = readonly RentesatsPeriode[];

export class MissingRateError extends Error {
  override readonly name = 'MissingRateError';
  constructor(readonly dato: LocalDate) {
    super(`Ingen forsinkelsesrentesats er registrert for ${dato}`);
  }
}

/** Validates that the periods are ordered and contiguous, and freezes the table. */
export function rentesatser(periods: readonly RentesatsPeriode[]): Rentesatser {
  for (let i = 0; i < periods.length; i++) {
    const period = periods[i]!;
    assertInvariant(compareDates(period.fraOgMed, period.tilOgMed) <= 0, `rate period ends before it starts: ${period.fraOgMed}`);
    assertInvariant(Number.isInteger(period.satsBasispunkter) && period.satsBasispunkter >= 0, 'rate must be whole basis points');
    if (i > 0) {
      assertInvariant(addDays(periods[i - 1]!.tilOgMed, 1) === period.fraOgMed, `rate periods not contiguous at ${period.fraOgMed}`);
    }
  }
  return Object.freeze(periods.map((period) => Object.freeze({ ...period })));
}

/** An exact amount of øre as a fraction, so several pieces can be summed before one rounding. */
export interface ExactOere {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

export const dayCountDivisorDefault = 365;

export interface RenteGrunnlag {
  /** Principal that was unpaid for the whole span (øre, positive). */
  readonly hovedstolOere: Oere;
  /** The (effective) due date; interest starts the day after (§2.4). */
  readonly forfallsdato: LocalDate;
  /** The last day interest runs: the payment or set-off date, or the view date for estimates. */
  readonly sisteRentedag: LocalDate;
}

/**
 * Interest on one principal for the days after `forfallsdato` up to and including
 * `sisteRentedag`, split at rate boundaries: Σ principal × rate × days / divisor.
 *
 * @example 100 000 kr due 2025-06-10, paid 2025-08-20 → 20 days at 12.50 % + 51 days at
 * 12.25 % = 2 396.58 kr (domain-rules §2.5).
 */
export function exactForsinkelsesrente(
  satser: Rentesatser,
  grunnlag: RenteGrunnlag,
  dayCountDivisor: number = dayCountDivisorDefault,
): ExactOere {
  const denominator = BigInt(dayCountDivisor) * 10_000n;
  const firstDay = addDays(grunnlag.forfallsdato, 1);
  if (grunnlag.hovedstolOere <= 0 || compareDates(firstDay, grunnlag.sisteRentedag) > 0) {
    return { numerator: 0n, denominator };
  }
  let numerator = 0n;
  let coveredDays = 0;
  for (const period of satser) {
    const from = maxDate(firstDay, period.fraOgMed);
    const to = minDate(grunnlag.sisteRentedag, period.tilOgMed);
    if (compareDates(from, to) > 0) continue;
    const days = daysBetween(from, to) + 1;
    coveredDays += days;
    numerator += BigInt(grunnlag.hovedstolOere) * BigInt(period.satsBasispunkter) * BigInt(days);
  }
  const neededDays = daysBetween(firstDay, grunnlag.sisteRentedag) + 1;
  if (coveredDays !== neededDays) throw new MissingRateError(firstUncoveredDay(satser, firstDay, grunnlag.sisteRentedag));
  return { numerator, denominator };
}

export function addExact(a: ExactOere, b: ExactOere): ExactOere {
  assertInvariant(a.denominator === b.denominator, 'exact amounts must share a denominator');
  return { numerator: a.numerator + b.numerator, denominator: a.denominator };
}

/** Half-up rounding to whole øre (domain-rules §2.4 simplification). */
export function roundHalfUpToOere(amount: ExactOere): Oere {
  assertInvariant(amount.numerator >= 0n, 'interest is never negative');
  return toOere(Number((amount.numerator * 2n + amount.denominator) / (amount.denominator * 2n)));
}

/**
 * Truncation to whole kroner: how the ledger posts and shows interest (every published figure
 * is whole kroner and fits truncation, see docs/decisions/0001-forsinkelsesrente.md).
 */
export function truncateToWholeKronerOere(amount: ExactOere): Oere {
  assertInvariant(amount.numerator >= 0n, 'interest is never negative');
  const wholeKroner = amount.numerator / (amount.denominator * 100n);
  return toOere(Number(wholeKroner) * 100);
}

function firstUncoveredDay(satser: Rentesatser, from: LocalDate, to: LocalDate): LocalDate {
  for (let day = from; compareDates(day, to) <= 0; day = addDays(day, 1)) {
    if (!satser.some((p) => isWithin(day, p))) return day;
  }
  return from;
}
