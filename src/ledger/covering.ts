import { assertInvariant } from '../domain/assert.js';
import { compareDates, type LocalDate } from '../domain/dates.js';
import { addExact, exactForsinkelsesrente, truncateToWholeKronerOere, type ExactOere, type Rentesatser } from '../domain/interest.js';
import { minOere, subtractOere, toOere, type Oere } from '../domain/money.js';

/**
 * What the pure planners (allocation, set-off) share: open debit items, covering them in a given
 * order, and the forsinkelsesrente a late covering causes. No I/O; the commands book the result.
 */

/** A due item the planners cover: one already booked, or an interest claim the plan itself creates. */
export type PostRef =
  | { readonly kind: 'kravforfall'; readonly kravforfallId: string }
  | { readonly kind: 'nyRente'; readonly index: number };

export interface DebetPost {
  readonly ref: PostRef;
  readonly kravId: string;
  readonly nummer: number;
  readonly forfallsdato: LocalDate;
  readonly kravOpprettetDato: LocalDate;
  readonly kravgruppe: string;
  /** Skatteetaten's account the item is payable to: it decides which ledger a payment reaches. */
  readonly mottakerkonto: string | null;
  /** What is still unpaid (positive). */
  readonly gjenstaaendeOere: Oere;
  /** A forsinkelsesrente claim: covered after principals with the same due date. */
  readonly erForsinkelsesrente: boolean;
  /** Whether covering it late accrues forsinkelsesrente. */
  readonly rentebaerende: boolean;
  /** Its collection is deferred on the planning date (decision 0160): set-off leaves it alone; a payment still covers it. */
  readonly utsatt: boolean;
}

export interface Dekning {
  readonly post: DebetPost;
  readonly beloepOere: Oere;
}

/** An interest claim a plan creates: one per principal claim, due (and created) on `forfallsdato`. */
export interface PlanlagtRente {
  readonly index: number;
  readonly hovedstolKravId: string;
  readonly kravgruppe: string;
  readonly mottakerkonto: string | null;
  readonly beloepOere: Oere;
  readonly forfallsdato: LocalDate;
}

export function postKey(ref: PostRef): string {
  return ref.kind === 'kravforfall' ? ref.kravforfallId : `rente#${ref.index}`;
}

/** Remaining amount per post while a plan is made (the planners never change their input). */
export class RestTable {
  readonly #rest = new Map<string, Oere>();

  constructor(poster: readonly DebetPost[]) {
    for (const post of poster) this.add(post);
  }

  add(post: DebetPost): void {
    assertInvariant(post.gjenstaaendeOere > 0, `open debit item must have a positive remainder: ${postKey(post.ref)}`);
    this.#rest.set(postKey(post.ref), post.gjenstaaendeOere);
  }

  get(post: DebetPost): Oere {
    return this.#rest.get(postKey(post.ref)) ?? toOere(0);
  }

  /**
   * Covers `poster` in the given order until `tilgjengeligOere` is used up. Returns the coverings
   * and what is left of the amount.
   */
  cover(tilgjengeligOere: Oere, poster: readonly DebetPost[]): { dekninger: Dekning[]; restOere: Oere } {
    assertInvariant(tilgjengeligOere >= 0, 'cannot cover with a negative amount');
    const dekninger: Dekning[] = [];
    let restOere = tilgjengeligOere;
    for (const post of poster) {
      if (restOere === 0) break;
      const open = this.get(post);
      if (open === 0) continue;
      const beloepOere = minOere(open, restOere);
      this.#rest.set(postKey(post.ref), subtractOere(open, beloepOere));
      restOere = subtractOere(restOere, beloepOere);
      dekninger.push({ post, beloepOere });
    }
    return { dekninger, restOere };
  }
}

/** Claim ids are decimal numbers from one sequence; shorter means older. */
export function compareKravId(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * The default order (decision 0003): due date, principal before its interest, claim creation
 * date, claim id, instalment number.
 */
export function compareStandard(a: DebetPost, b: DebetPost): number {
  return (
    compareDates(a.forfallsdato, b.forfallsdato) ||
    Number(a.erForsinkelsesrente) - Number(b.erForsinkelsesrente) ||
    compareDates(a.kravOpprettetDato, b.kravOpprettetDato) ||
    compareKravId(a.kravId, b.kravId) ||
    a.nummer - b.nummer
  );
}

/**
 * Forsinkelsesrente caused by covering items after their due date (domain-rules §2.4): on each
 * covered amount, from the day after the due date up to and including `sisteRentedag` (the payment
 * or set-off date). Summed exactly per principal claim and truncated to whole kroner once
 * (decisions 0001, 0005); zero amounts post nothing.
 */
export function renterForSeneDekninger(
  dekninger: readonly Dekning[],
  sisteRentedag: LocalDate,
  renteForfallsdato: LocalDate,
  satser: Rentesatser,
  foersteIndex: number,
): PlanlagtRente[] {
  const perKrav = new Map<string, { post: DebetPost; exact: ExactOere }>();
  for (const { post, beloepOere } of dekninger) {
    if (!post.rentebaerende || compareDates(post.forfallsdato, sisteRentedag) >= 0) continue;
    const exact = exactForsinkelsesrente(satser, { hovedstolOere: beloepOere, forfallsdato: post.forfallsdato, sisteRentedag });
    const sum = perKrav.get(post.kravId);
    perKrav.set(post.kravId, { post: sum?.post ?? post, exact: sum ? addExact(sum.exact, exact) : exact });
  }
  const renter: PlanlagtRente[] = [];
  for (const [hovedstolKravId, { post, exact }] of perKrav) {
    const beloepOere = truncateToWholeKronerOere(exact);
    if (beloepOere > 0) {
      renter.push({
        index: foersteIndex + renter.length,
        hovedstolKravId,
        kravgruppe: post.kravgruppe,
        mottakerkonto: post.mottakerkonto,
        beloepOere,
        forfallsdato: renteForfallsdato,
      });
    }
  }
  return renter;
}

/** The open item a planned interest claim becomes, so the same plan can cover it. */
export function rentePost(rente: PlanlagtRente): DebetPost {
  return {
    ref: { kind: 'nyRente', index: rente.index },
    kravId: rente.hovedstolKravId,
    nummer: 1,
    forfallsdato: rente.forfallsdato,
    kravOpprettetDato: rente.forfallsdato,
    kravgruppe: rente.kravgruppe,
    mottakerkonto: rente.mottakerkonto,
    gjenstaaendeOere: rente.beloepOere,
    erForsinkelsesrente: true,
    rentebaerende: false,
    utsatt: false,
  };
}
