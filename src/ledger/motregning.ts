import { absOere, negateOere, toOere, type Oere } from '../domain/money.js';
import { compareDates, type LocalDate } from '../domain/dates.js';
import type { Rentesatser } from '../domain/interest.js';
import {
  compareKravId,
  compareStandard,
  RestTable,
  renterForSeneDekninger,
  rentePost,
  type DebetPost,
  type Dekning,
  type PlanlagtRente,
  type PostRef,
} from './covering.js';
import { assertInvariant } from '../domain/assert.js';

/**
 * Set-off (motregning) of credit items against the debtor group's overdue debts (domain-rules §3.4,
 * decision 0004). Pure: the command books the plan on both sides.
 */
export interface KreditPost {
  readonly kravforfallId: string;
  readonly kravId: string;
  readonly nummer: number;
  /** From this date the credit can be used. */
  readonly forfallsdato: LocalDate;
  readonly kravOpprettetDato: LocalDate;
  /** What is left of the credit (negative). */
  readonly gjenstaaendeOere: Oere;
}

export interface SetOffRequest {
  /** The set-off date: it decides what is overdue and ends the interest period. */
  readonly dato: LocalDate;
  readonly kreditter: readonly KreditPost[];
  readonly poster: readonly DebetPost[];
  readonly rentesatser: Rentesatser;
}

export interface PlanlagtMotregning {
  readonly kreditForfallId: string;
  readonly kreditKravId: string;
  readonly post: PostRef;
  readonly debetKravId: string;
  readonly beloepOere: Oere;
}

export interface SetOffPlan {
  readonly motregninger: readonly PlanlagtMotregning[];
  readonly renter: readonly PlanlagtRente[];
}

/**
 * Rank of a claim group in the set-off order, sktbf § 13-6-1 mapped to our groups: skatt (a–d),
 * forskuddstrekk (e), arbeidsgiveravgift (g), interest on those (i), merverdiavgift with its interest
 * (m), then the rest (n–r). Groups not named rank last, together.
 */
const principalRank: Readonly<Record<string, number>> = { skatt: 1, forskuddstrekk: 2, arbeidsgiveravgift: 3 };
const interestOnPrincipalsRank = 4;
const laterRank: Readonly<Record<string, number>> = { merverdiavgift: 5, særavgifter: 6, andreKrav: 7, øvrigeOffentligeKrav: 8 };
const unnamedRank = 9;

export function motregningsrang(post: DebetPost): number {
  const principal = principalRank[post.kravgruppe];
  if (principal !== undefined) return post.erForsinkelsesrente ? interestOnPrincipalsRank : principal;
  return laterRank[post.kravgruppe] ?? unnamedRank;
}

function compareMotregning(a: DebetPost, b: DebetPost): number {
  return motregningsrang(a) - motregningsrang(b) || compareStandard(a, b);
}

function compareKreditt(a: KreditPost, b: KreditPost): number {
  return (
    compareDates(a.forfallsdato, b.forfallsdato) ||
    compareDates(a.kravOpprettetDato, b.kravOpprettetDato) ||
    compareKravId(a.kravId, b.kravId) ||
    a.nummer - b.nummer
  );
}

/**
 * Each usable credit (due on or before the date), oldest first, covers the overdue debit items
 * that are not deferred, in set-off order; every late covering posts forsinkelsesrente up to the
 * set-off date, and what is left of the credits then covers that interest (due today), so no
 * credit is paid out while the interest its own set-off caused stays open.
 */
export function planMotregning(request: SetOffRequest): SetOffPlan {
  const kreditter = request.kreditter.filter((k) => compareDates(k.forfallsdato, request.dato) <= 0).sort(compareKreditt);
  // A deferred item is not collected while the deferral runs (sktbf § 15-1, fvl § 42; decision 0160).
  const forfalte = request.poster.filter((p) => !p.utsatt && compareDates(p.forfallsdato, request.dato) < 0).sort(compareMotregning);
  const rest = new RestTable(request.poster);
  const kreditRest = new Map(kreditter.map((k) => [k.kravforfallId, absOere(k.gjenstaaendeOere)]));
  const motregninger: PlanlagtMotregning[] = [];
  const cover = (poster: readonly DebetPost[]): Dekning[] => {
    const all: Dekning[] = [];
    for (const kreditt of kreditter) {
      assertInvariant(kreditt.gjenstaaendeOere < 0, `a credit item has a negative remainder: ${kreditt.kravforfallId}`);
      const { dekninger, restOere } = rest.cover(kreditRest.get(kreditt.kravforfallId) ?? toOere(0), poster);
      kreditRest.set(kreditt.kravforfallId, restOere);
      for (const { post, beloepOere } of dekninger) {
        motregninger.push({ kreditForfallId: kreditt.kravforfallId, kreditKravId: kreditt.kravId, post: post.ref, debetKravId: post.kravId, beloepOere });
      }
      all.push(...dekninger);
    }
    return all;
  };

  const renter = renterForSeneDekninger(cover(forfalte), request.dato, request.dato, request.rentesatser, 0);
  const rentePoster = renter.map(rentePost);
  for (const post of rentePoster) rest.add(post);
  cover(rentePoster);
  for (const kreditt of kreditter) {
    assertInvariant(negateOere(kreditRest.get(kreditt.kravforfallId) ?? toOere(0)) >= kreditt.gjenstaaendeOere, 'a credit is never used beyond its amount');
  }
  return { motregninger, renter };
}
