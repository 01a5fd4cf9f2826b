import { assertInvariant } from '../../domain/assert.js';
import { addDays, addYears, parseLocalDate, type LocalDate } from '../../domain/dates.js';
import { limits } from '../../domain/limits.js';

/**
 * The period of `/krav`, `/innbetalinger` and `/utbetalinger` (spec §3.2, decision 0026).
 *
 * - `tilOgMed` defaults to the business date, `fraOgMed` to `tilOgMed` − 1 year + 1 day
 *   (so the default is exactly one year, both ends inclusive);
 * - `fraOgMed` after `tilOgMed` is refused;
 * - the period may be at most one calendar year: accepted when
 *   `tilOgMed <= fraOgMed + 1 year` (29 Feb + 1 year = 28 Feb).
 *
 * Pure: the dates have already passed the `date` format; `today` comes from the Clock.
 */
export interface ResolvedPeriode {
  readonly fraOgMed: LocalDate;
  readonly tilOgMed: LocalDate;
}

export type PeriodeResult = { readonly ok: true; readonly periode: ResolvedPeriode } | { readonly ok: false; readonly melding: string };

export function resolvePeriode(query: { readonly fraOgMed?: string; readonly tilOgMed?: string }, today: LocalDate): PeriodeResult {
  const tilOgMed = query.tilOgMed === undefined ? today : validDate(query.tilOgMed);
  const fraOgMed = query.fraOgMed === undefined ? defaultFraOgMed(tilOgMed) : validDate(query.fraOgMed);
  const tilOgMedText = query.tilOgMed === undefined ? `${tilOgMed}, dagens dato fordi tilOgMed ikke er oppgitt` : tilOgMed;
  if (fraOgMed > tilOgMed) {
    return { ok: false, melding: `Parameteren fraOgMed (${fraOgMed}) er etter tilOgMed (${tilOgMedText}).` };
  }
  const latestTilOgMed = addYears(fraOgMed, limits.periodYearsMax);
  if (tilOgMed > latestTilOgMed) {
    return {
      ok: false,
      melding:
        `Perioden fra fraOgMed (${fraOgMed}) til tilOgMed (${tilOgMedText}) er lengre enn ett år. ` +
        `Med denne fraOgMed kan tilOgMed være senest ${latestTilOgMed}.`,
    };
  }
  return { ok: true, periode: { fraOgMed, tilOgMed } };
}

export function defaultFraOgMed(tilOgMed: LocalDate): LocalDate {
  return addDays(addYears(tilOgMed, -limits.periodYearsMax), 1);
}

function validDate(text: string): LocalDate {
  const date = parseLocalDate(text);
  assertInvariant(date !== undefined, 'period dates are validated by the query schema first');
  return date;
}
