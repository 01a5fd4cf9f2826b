import { dateParts, type LocalDate } from './dates.js';
import { limits } from './limits.js';

/**
 * The years Min side shows for a party: the one year rule behind every year picker, every year
 * in a page's address and every `aar` the portal API takes (decision 0100). The years offered
 * are the years accepted: from the year the party (or an ENK's owner) was registered, at most
 * `portalAarValgMax` years back and never before `portalAarMin`, up to the business year.
 *
 * @example aarsvalgFor('2026-06-20', '2015-01-01') → { foersteAar: 2017, sisteAar: 2026 }
 */
export interface Aarsvalg {
  readonly foersteAar: number;
  readonly sisteAar: number;
}

export function aarsvalgFor(idag: LocalDate, registrertDato: LocalDate): Aarsvalg {
  const sisteAar = dateParts(idag).year;
  const foersteAar = Math.max(dateParts(registrertDato).year, sisteAar - limits.portalAarValgMax + 1, limits.portalAarMin);
  // A party registered after the business date still has the business year to look at.
  return { foersteAar: Math.min(foersteAar, sisteAar), sisteAar };
}

/** The years of the rule, newest first (the order the pickers list them). */
export function aarene({ foersteAar, sisteAar }: Aarsvalg): number[] {
  return Array.from({ length: sisteAar - foersteAar + 1 }, (_, i) => sisteAar - i);
}

export function erIAarsvalg({ foersteAar, sisteAar }: Aarsvalg, aar: number): boolean {
  return Number.isInteger(aar) && aar >= foersteAar && aar <= sisteAar;
}
