import { aarene, aarsvalgFor, erIAarsvalg, type Aarsvalg } from '../../domain/aarsvalg.js';
import { dateParts, makeDate, minDate, type LocalDate } from '../../domain/dates.js';
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

/** The years of the rule as one period: what a page reads to know which years have content. */
export function aarsvalgPeriode({ foersteAar, sisteAar }: Aarsvalg): Periode {
  return { fraOgMed: makeDate(foersteAar, 1, 1), tilOgMed: makeDate(sisteAar, 12, 31) };
}

/** Every year any rule can hold, up to the end of the business year (the rule is known once the party is read). */
export function alleAar(idag: LocalDate): Periode {
  return tilOgMedAar(dateParts(idag).year);
}

/** The year rule for the party read (decision 0100): from its registration (or the ENK owner's), as of the view's date. */
export function aarsvalgForPart(view: Pick<PartView, 'asOf' | 'part' | 'eier'>): Aarsvalg {
  const registrert = [view.part, view.eier].filter((p) => p !== null).map((p) => p.registrertDato).reduce(minDate);
  return aarsvalgFor(view.asOf, registrert);
}

/** A year the rule holds, or the portal's 400 naming the years it does hold. */
export function sjekketAar(aar: number, valg: Aarsvalg): number {
  if (!erIAarsvalg(valg, aar)) throw new PortalApiError(400, 'ugyldig_aar', `Velg et år fra ${valg.foersteAar} til ${valg.sisteAar}.`);
  return aar;
}

export interface AarMedInnhold {
  /** The year shown: the one asked for, else the latest year with content, else the business year. */
  readonly aar: number;
  /** The rule's years, newest first: what the picker offers and the API accepts. */
  readonly aarValg: number[];
  /** The rule's years that have something to show, newest first. */
  readonly aarMedInnhold: number[];
}

/** The year of a year page, given the dates of what it lists (decision 0100). */
export function aarForSide(valg: Aarsvalg, datoer: readonly LocalDate[], spurt: number | undefined): AarMedInnhold {
  const medInnhold = new Set(datoer.map((dato) => dateParts(dato).year));
  const aarMedInnhold = aarene(valg).filter((aar) => medInnhold.has(aar));
  const aar = spurt === undefined ? (aarMedInnhold[0] ?? valg.sisteAar) : sjekketAar(spurt, valg);
  return { aar, aarValg: aarene(valg), aarMedInnhold };
}

export const aarAv = (dato: LocalDate): number => dateParts(dato).year;
