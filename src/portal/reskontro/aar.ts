import { dateParts, makeDate, type LocalDate } from '../../domain/dates.js';
import { limits } from '../../domain/limits.js';
import type { PartView, Periode } from '../../ledger/index.js';
import { PortalApiError } from '../api/guarded-api.js';

/** 1 January to 31 December of the year. */
export function aarsperiode(aar: number): Periode {
  return { fraOgMed: makeDate(aar, 1, 1), tilOgMed: makeDate(aar, 12, 31) };
}

/**
 * Everything up to the end of the year: the claims a year's set-offs and settlements can touch
 * (both sides of a set-off in the year exist by its end, whenever they were created).
 */
export function tilOgMedAar(aar: number): Periode {
  return { fraOgMed: makeDate(limits.portalAarMin, 1, 1), tilOgMed: makeDate(aar, 12, 31) };
}

/** The year asked for, or the business year; a year after the business year shows nothing and is refused. */
export function valgtAar(aar: number | undefined, idag: LocalDate): number {
  const iAar = dateParts(idag).year;
  if (aar === undefined) return iAar;
  if (aar > iAar) throw new PortalApiError(400, 'ugyldig_aar', `Velg et år fra ${limits.portalAarMin} til ${iAar}.`);
  return aar;
}

/**
 * The years a picker offers, newest first: from the business year back to when the party (or the
 * ENK's owner, whose claims the view includes) was registered, at most `portalAarValgMax` years.
 */
export function aarValg(view: Pick<PartView, 'asOf' | 'part' | 'eier'>): number[] {
  const iAar = dateParts(view.asOf).year;
  const registrert = Math.min(...[view.part, view.eier].filter((p) => p !== null).map((p) => dateParts(p.registrertDato).year));
  const foersteAar = Math.max(registrert, iAar - limits.portalAarValgMax + 1, limits.portalAarMin);
  return Array.from({ length: Math.max(1, iAar - foersteAar + 1) }, (_, i) => iAar - i);
}
