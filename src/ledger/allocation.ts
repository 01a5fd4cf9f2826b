import { assertInvariant } from '../domain/assert.js';
import { compareDates, type LocalDate } from '../domain/dates.js';
import type { Rentesatser } from '../domain/interest.js';
import { sumOere, type Oere } from '../domain/money.js';
import {
  compareStandard,
  RestTable,
  renterForSeneDekninger,
  rentePost,
  type DebetPost,
  type Dekning,
  type PlanlagtRente,
  type PostRef,
} from './covering.js';

/**
 * Where a payment goes (domain-rules §3.2–3.3, decision 0003). Pure: the command loads the
 * debtor group's open items, calls this, and books the plan.
 */
export interface AllocationRequest {
  readonly beloepOere: Oere;
  /** The day the payment was made: it decides what is overdue and ends the interest period. */
  readonly innbetalingsdato: LocalDate;
  /** The claim a valid KID identifies, when the KID matched an open claim of the group. */
  readonly kidKravId?: string | undefined;
  /** The account the money came to: without a KID, only items payable to it are covered. */
  readonly mottakerkonto: string;
  /** The debtor group's open debit items. */
  readonly poster: readonly DebetPost[];
  readonly rentesatser: Rentesatser;
  /** Due and creation date of the interest claims the payment causes: the booking date. */
  readonly renteForfallsdato: LocalDate;
}

/** Why an item was covered: by the KID, as overdue, as interest this payment caused, or as not yet due. */
export type Plasseringsgrunnlag = 'kid' | 'forfalt' | 'rente' | 'ikkeForfalt';

export interface PlanlagtPlassering {
  readonly post: PostRef;
  readonly kravId: string;
  readonly beloepOere: Oere;
  readonly grunnlag: Plasseringsgrunnlag;
}

export interface AllocationPlan {
  readonly plasseringer: readonly PlanlagtPlassering[];
  /** Interest claims to post; placements on them refer to `{ kind: 'nyRente', index }`. */
  readonly renter: readonly PlanlagtRente[];
  readonly uplassertOere: Oere;
}

/**
 * 1. a KID covers its claim's open items, oldest first; 2. the rest covers the group's overdue
 * items payable to the account the money came to, in the default order; 3. every late covering
 * posts forsinkelsesrente; 4. the rest covers the interest just posted, then that account's
 * not-yet-due items in the default order; 5. the rest is unplaced. The account stands for the
 * ledger: Skatteetaten keeps VAT and tax collection apart, and the published example shows a
 * payment to the tax account refunded while a VAT interest claim stayed open.
 *
 * @example 51 433 kr paid 2022-01-17 with the KID of a 51 321 kr claim due 2021-12-10: the claim is
 * covered, 439 kr interest is posted (due 2022-01-17) and receives the remaining 112 kr.
 */
export function planAllocation(request: AllocationRequest): AllocationPlan {
  assertInvariant(request.beloepOere > 0, 'a payment is positive');
  const rest = new RestTable(request.poster);
  const plasseringer: PlanlagtPlassering[] = [];
  let tilgjengelig = request.beloepOere;
  const cover = (poster: readonly DebetPost[], grunnlag: Plasseringsgrunnlag): Dekning[] => {
    const { dekninger, restOere } = rest.cover(tilgjengelig, poster);
    tilgjengelig = restOere;
    for (const { post, beloepOere } of dekninger) plasseringer.push({ post: post.ref, kravId: post.kravId, beloepOere, grunnlag });
    return dekninger;
  };

  const sorted = [...request.poster].sort(compareStandard);
  const sameLedger = sorted.filter((post) => post.mottakerkonto === request.mottakerkonto);
  const forfalt = (post: DebetPost) => compareDates(post.forfallsdato, request.innbetalingsdato) < 0;
  const dekninger = [
    ...cover(
      sorted.filter((post) => post.kravId === request.kidKravId),
      'kid',
    ),
    ...cover(sameLedger.filter(forfalt), 'forfalt'),
  ];
  const renter = renterForSeneDekninger(dekninger, request.innbetalingsdato, request.renteForfallsdato, request.rentesatser, 0);
  const rentePoster = renter.map(rentePost);
  for (const post of rentePoster) rest.add(post);
  cover(rentePoster, 'rente');
  cover(
    sameLedger.filter((post) => !forfalt(post)),
    'ikkeForfalt',
  );

  assertInvariant(
    sumOere(plasseringer.map((p) => p.beloepOere)) + tilgjengelig === request.beloepOere,
    'a payment is placed or unplaced, never lost',
  );
  return { plasseringer, renter, uplassertOere: tilgjengelig };
}
