import type { LocalDate } from '../../domain/dates.js';
import type { Rettighetspakke } from './parameters.js';
import type { ResolvedPeriode } from './period.js';
import type { AapneKrav, AlleKrav, Innbetalinger, Utbetalinger } from './schemas/svar.js';

/**
 * Where the response bodies come from (`ledgerData` implements it from the ledger's party view).
 * The plugin has already checked route, Accept, token, parameters and access; the provider
 * maps the party's view as of `asOf` to the published objects (amounts as kroner numbers made
 * with `oereToKroner`, empty lists may be left empty: the serializer omits them).
 *
 * Exceptions thrown here are answered with KB-002 (back-end failure). An empty period list
 * (not shielded) is answered with KB-007 by the plugin; the provider just returns the body.
 */
export interface PartQuery {
  readonly rettighetspakke: Rettighetspakke;
  /** Validated: an organisation number or fødselsnummer/D-nummer with valid check digits. */
  readonly partIdentifikator: string;
  /** The business date (from the Clock): the view's "as of", and the date stipulerte renter run to. */
  readonly asOf: LocalDate;
}

export interface PeriodQuery extends PartQuery {
  /** The effective period after defaults; at most one year (spec §3.2). */
  readonly periode: ResolvedPeriode;
}

/** A party the ledger does not know is not an exception: it is KB-009. */
export type Lookup<T> = { readonly kind: 'found'; readonly body: T } | { readonly kind: 'unknownParty' };

export interface KravOgBetalingerData {
  aapneKrav(query: PartQuery): Promise<Lookup<AapneKrav>>;
  alleKrav(query: PeriodQuery): Promise<Lookup<AlleKrav>>;
  innbetalinger(query: PeriodQuery): Promise<Lookup<Innbetalinger>>;
  utbetalinger(query: PeriodQuery): Promise<Lookup<Utbetalinger>>;
  /**
   * Optional and cheap: a version of everything the party's view depends on (e.g. the newest
   * posting sequence of its debtor group from `part_siste_seq`, plus a master-data version).
   * When it returns a string the response gets an ETag and `If-None-Match` can answer 304
   * without reading the view; `undefined` (e.g. unknown party) means no ETag.
   */
  version?(query: PartQuery): Promise<string | undefined>;
  /** Optional: the version when it is already kept in memory (no read), else undefined. */
  versionKnown?(query: PartQuery): string | undefined;
  /** Optional: what the change feed (`/{rettighetspakke}/endringer`) reads; without it the feed is not served. */
  readonly changes?: ChangeSource;
}

/** The ledger's change record (src/ledger/part-endringer.ts), in transaction ids as decimal text. */
export interface ChangeSource {
  /** Every change below it has committed; every later one will be at or above it. */
  horizon(): Promise<string>;
  /** Of `partIds`, those whose view changed in [fromXid, toXid), after `afterPartId` in party order, at most `count`. */
  changed(window: { partIds: readonly string[]; fromXid: string; toXid: string; afterPartId: string; count: number }): Promise<string[]>;
}
