import { assertInvariant } from '../assert.js';
import { addDays, type LocalDate } from '../dates.js';
import { subtractOere, toOere, type Oere } from '../money.js';
import { fristDatoer, type FristDatoer } from './frist-datoer.js';
import type { Skattytertype } from './skattyter.js';

/** Claim types of restskatt (kravtype.xml): "Restskatt, person" and "Restskatt" (companies). */
export const restskattKravtyper = Object.freeze(['restskattPerson', 'restskatt'] as const);

/** Below this a personal restskatt lapses (domain-rules §4.7). */
export const restskattBortfallUnderOere = toOere(100_00);
/** Below this a personal restskatt falls due in full at the first date. */
export const restskattEttForfallUnderOere = toOere(1_000_00);

const firstDueDays = 3 * 7;
const secondDueDaysAfterFirst = 5 * 7;

export interface RestskattForfall extends FristDatoer {
  /** 1-based instalment number, as `kravforfall.nummer`. */
  readonly nummer: number;
  readonly beloepOere: Oere;
}

export interface RestskattInput {
  /** The day the tax settlement (skatteoppgjør) was sent. */
  readonly skatteoppgjoerDato: LocalDate;
  /** The restskatt, positive. */
  readonly beloepOere: Oere;
  readonly skattytertype: Skattytertype;
}

/**
 * The due items of a restskatt (domain-rules §4.7). Personal: two equal instalments, three weeks
 * after the settlement and five weeks after that (the second counted from the first's nominal
 * date); below 1 000 kr all at the first date; below 100 kr nothing (it lapses). Others: one
 * instalment three weeks after the settlement. An odd øre goes to the first instalment.
 *
 * @example restskattForfall({ skatteoppgjoerDato: '2026-06-23', beloepOere: 500_000, skattytertype: 'personlig' })
 * // [{ nummer: 1, nominal: '2026-07-14', …, beloepOere: 250_000 }, { nummer: 2, nominal: '2026-08-18', …, beloepOere: 250_000 }]
 */
export function restskattForfall(input: RestskattInput): readonly RestskattForfall[] {
  const { skatteoppgjoerDato, beloepOere, skattytertype } = input;
  assertInvariant(beloepOere > 0, `restskatt must be positive: ${beloepOere}`);
  const first = addDays(skatteoppgjoerDato, firstDueDays);
  if (skattytertype === 'upersonlig') return Object.freeze([forfall(1, first, beloepOere)]);
  if (beloepOere < restskattBortfallUnderOere) return Object.freeze([]);
  if (beloepOere < restskattEttForfallUnderOere) return Object.freeze([forfall(1, first, beloepOere)]);
  const secondOere = toOere(Math.floor(beloepOere / 2));
  return Object.freeze([
    forfall(1, first, subtractOere(beloepOere, secondOere)),
    forfall(2, addDays(first, secondDueDaysAfterFirst), secondOere),
  ]);
}

function forfall(nummer: number, nominal: LocalDate, beloepOere: Oere): RestskattForfall {
  return Object.freeze({ nummer, ...fristDatoer(nominal), beloepOere });
}
