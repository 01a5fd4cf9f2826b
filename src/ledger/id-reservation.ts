import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { compareKravId } from './covering.js';

/** The identifier sequences: claims, due items, payments, payouts. */
export const idSequences = ['krav', 'kravforfall', 'innbetaling', 'utbetaling'] as const;
export type IdSequence = (typeof idSequences)[number];
export type IdCounts = Partial<Record<IdSequence, number>>;
export type Ids = Record<IdSequence, string[]>;

/**
 * Where ids and posting numbers come from: the database's sequences (bookings), or counters the
 * bulk loader keeps in memory and moves the sequences past when it writes. Both hand out numbers
 * in the same order, so the same commands get the same ids either way.
 */
export interface NumberSource {
  /** `counts` fresh values of each id sequence, ascending. */
  ids(counts: IdCounts): Promise<Ids>;
  /** `count` fresh posting numbers (`postering_seq`), ascending. */
  postingSeqs(count: number): Promise<number[]>;
}

/** The sequences of the database (or transaction), one round trip per call. */
export function databaseNumbers(trx: Kysely<Database>): NumberSource {
  return {
    async ids(counts) {
      const n = (name: IdSequence) => counts[name] ?? 0;
      if (idSequences.every((name) => n(name) === 0)) return { krav: [], kravforfall: [], innbetaling: [], utbetaling: [] };
      const result = await sql<Ids>`
        select
          array(select nextval('krav_nr_seq')::text from generate_series(1, ${n('krav')}::int)) as krav,
          array(select nextval('kravforfall_nr_seq')::text from generate_series(1, ${n('kravforfall')}::int)) as kravforfall,
          array(select nextval('innbetaling_nr_seq')::text from generate_series(1, ${n('innbetaling')}::int)) as innbetaling,
          array(select nextval('utbetaling_nr_seq')::text from generate_series(1, ${n('utbetaling')}::int)) as utbetaling`.execute(trx);
      const row = result.rows[0]!;
      return Object.fromEntries(idSequences.map((name) => [name, [...row[name]].sort(compareKravId)])) as Ids;
    },
    async postingSeqs(count) {
      if (count === 0) return [];
      const result = await sql<{ seq: number }>`select nextval('postering_seq') as seq from generate_series(1, ${count}::int)`.execute(trx);
      return result.rows.map((row) => Number(row.seq)).sort((a, b) => a - b);
    },
  };
}

/**
 * The ids a session hands out: reserved in one round trip for what the commands are known to
 * need; a shortfall later (interest and refund claims, payouts) fetches `spare` more at once; ids
 * left over are skipped. Both are deterministic, so the same commands still get the same ids.
 */
export class IdReservation {
  readonly #source: NumberSource;
  readonly #pool: Ids = { krav: [], kravforfall: [], innbetaling: [], utbetaling: [] };
  #spare = 0;

  constructor(source: NumberSource) {
    this.#source = source;
  }

  async reserve(counts: IdCounts, spare: number): Promise<void> {
    this.#spare = spare;
    await this.#fill(counts);
  }

  /** Ids in booking order: first the reserved ones, then fresh ones when the reserve runs out. */
  async take(counts: IdCounts): Promise<Ids> {
    const short = (name: IdSequence) => Math.max(0, (counts[name] ?? 0) - this.#pool[name].length);
    if (idSequences.some((name) => short(name) > 0)) {
      await this.#fill(Object.fromEntries(idSequences.map((name) => [name, short(name) > 0 ? short(name) + this.#spare : 0])));
    }
    return Object.fromEntries(idSequences.map((name) => [name, this.#pool[name].splice(0, counts[name] ?? 0)])) as Ids;
  }

  async #fill(counts: IdCounts): Promise<void> {
    const ids = await this.#source.ids(counts);
    for (const name of idSequences) this.#pool[name].push(...ids[name]);
  }
}
