import { assertInvariant } from '../assert.js';
import { daysInMonth, makeDate } from '../dates.js';
import type { Referanseperiode } from './obligation.js';

const maanedsnavn = Object.freeze([
  'januar', 'februar', 'mars', 'april', 'mai', 'juni',
  'juli', 'august', 'september', 'oktober', 'november', 'desember',
]);

export function maanedsnavnFor(maaned: number): string {
  const navn = maanedsnavn[maaned - 1];
  assertInvariant(navn !== undefined, `not a month: ${maaned}`);
  return navn;
}

/** "3. termin 2026", or "årstermin 2026" for a whole-year term. */
export function terminTekst(aar: number, termin: number | null): string {
  return termin === null ? `årstermin ${aar}` : `${termin}. termin ${aar}`;
}

/** The calendar months `fraMaaned`..`tilMaaned` (1-based, inclusive) of a year as a period. */
export function maanedsperiode(aar: number, termin: number | null, fraMaaned: number, tilMaaned: number): Referanseperiode {
  return {
    aar,
    termin,
    fraOgMed: makeDate(aar, fraMaaned, 1),
    tilOgMed: makeDate(aar, tilMaaned, daysInMonth(aar, tilMaaned)),
  };
}

/** Two-monthly terms 1–6 (mva, AGA/forskuddstrekk): term t covers months 2t−1 and 2t. */
export const tomaanedsterminer = Object.freeze([1, 2, 3, 4, 5, 6] as const);

export function assertTomaanedstermin(termin: number): void {
  assertInvariant(Number.isInteger(termin) && termin >= 1 && termin <= 6, `not a two-monthly term: ${termin}`);
}

export function tomaanedsperiode(aar: number, termin: number): Referanseperiode {
  assertTomaanedstermin(termin);
  return maanedsperiode(aar, termin, 2 * termin - 1, 2 * termin);
}
