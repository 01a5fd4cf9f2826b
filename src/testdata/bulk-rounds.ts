import { sql, type Kysely } from 'kysely';
import type { BulkCopy } from '../db/bulk-copy.js';
import type { Database } from '../db/database.js';
import { copyBulkRound, currentSequences, mottakerkontoer, reserveBulkNumbers } from '../ledger/index.js';
import type { BookedRound, RoundBooker, RoundRequest } from './round-booking.js';
import type { HistoryPlan } from './synthetic-history.js';

/**
 * Bulk rounds, each booked in memory while the rounds before are being written: the database
 * writes while the booker (a worker thread) computes the next round, so a seed takes about the
 * longer of the two instead of their sum. A round counts its numbers on from where the round
 * before ends, and takes them (`reserveBulkNumbers`) before its rows are copied, so two rounds'
 * copies can run at once on PostgreSQL. A round is registered and booked before the round ahead
 * of it is written, since on PGlite nothing else runs while a round is written. If another writer
 * took numbers meanwhile, the round is booked again from the database's numbers, and so is the
 * one after it.
 */
export class BulkRounds {
  readonly #db: Kysely<Database>;
  readonly #bulkCopy: BulkCopy;
  readonly #booker: RoundBooker;
  readonly #plan: HistoryPlan;
  readonly #onWritten: (booked: BookedRound) => void;
  /** The round booked last, its numbers not yet taken. */
  #unwritten: UnwrittenRound | undefined;
  /** The rounds being copied, oldest first; each copy settles once its round is written and counted. */
  #copying: { readonly partIds: ReadonlySet<string>; readonly copy: Promise<void> }[] = [];

  constructor(options: { db: Kysely<Database>; bulkCopy: BulkCopy; booker: RoundBooker; plan: HistoryPlan; onWritten: (booked: BookedRound) => void }) {
    this.#db = options.db;
    this.#bulkCopy = options.bulkCopy;
    this.#booker = options.booker;
    this.#plan = options.plan;
    this.#onWritten = options.onWritten;
  }

  /**
   * Books the round (registered by the caller) while the round before starts being written; this
   * round is written by the next `add` or by `finish`. False, with nothing booked, when the
   * businesses are not all new: a debtor group twice, something already booked on a party, or a
   * command stored before (the caller books them one by one, after `finish`).
   */
  async add(indices: readonly number[], partIds: readonly string[]): Promise<boolean> {
    if (new Set(partIds).size !== partIds.length || (await anythingBooked(this.#db, partIds))) return false;
    const request = await this.#request(indices, partIds);
    const previous = this.#unwritten;
    this.#unwritten = undefined;
    const booking = previous ? this.#booker.book({ ...request, start: previous.booked.round.next }) : this.#bookFromDatabase(request);
    // Awaited below; until then a failure must not count as unhandled.
    booking.catch(() => undefined);
    const previousAsBooked = previous ? await this.#startCopy(previous) : true;
    let booked = await booking;
    if (!previousAsBooked) booked = await this.#bookFromDatabase(request);
    if (await anyStored(this.#db, booked.firstKeys)) return false;
    this.#unwritten = { booked, request, partIds: new Set(partIds) };
    return true;
  }

  /** Whether a round not yet written, or whose copy has not been waited for, books any of these parties (then what they hold is not known yet). */
  books(partIds: readonly string[]): boolean {
    const rounds = [...(this.#unwritten ? [this.#unwritten.partIds] : []), ...this.#copying.map((round) => round.partIds)];
    return partIds.some((id) => rounds.some((round) => round.has(id)));
  }

  /** Writes the round booked last and waits until every round is written. */
  async finish(): Promise<void> {
    const unwritten = this.#unwritten;
    this.#unwritten = undefined;
    if (unwritten) await this.#startCopy(unwritten);
    await this.#copiesAtMost(0);
  }

  /** Lets the booker go (its worker thread, if any); a round not yet written is not written. */
  async close(): Promise<void> {
    await this.#booker.close();
  }

  /**
   * Takes the round's numbers, booking it again from the database's numbers while another writer
   * has taken them, and starts copying it. True if it is written as booked.
   */
  async #startCopy(round: UnwrittenRound): Promise<boolean> {
    await this.#copiesAtMost(copiesMax - 1);
    let booked = round.booked;
    for (let attempt = 1; !(await reserveBulkNumbers(this.#db, booked.round)); attempt++) {
      if (attempt >= bulkAttemptsMax) throw new Error(`kob seed: en annen prosess bokførte i samme database ${bulkAttemptsMax} ganger mens en runde ble skrevet; kjør kob seed alene`);
      booked = await this.#bookFromDatabase(round.request);
    }
    const written = booked;
    const copy = copyBulkRound(this.#bulkCopy, written.round).then(() => this.#onWritten(written));
    copy.catch(() => undefined);
    this.#copying.push({ partIds: round.partIds, copy });
    return written === round.booked;
  }

  /** Waits until at most `count` copies are under way; a failed copy surfaces here. */
  async #copiesAtMost(count: number): Promise<void> {
    while (this.#copying.length > count) await this.#copying.shift()!.copy;
  }

  /** Books the round counting from the database's sequences as they stand. */
  async #bookFromDatabase(request: Omit<RoundRequest, 'start'>): Promise<BookedRound> {
    return this.#booker.book({ ...request, start: await currentSequences(this.#db) });
  }

  async #request(indices: readonly number[], partIds: readonly string[]): Promise<Omit<RoundRequest, 'start'>> {
    const parts = await this.#db.selectFrom('part').selectAll().where('part_id', 'in', [...partIds]).execute();
    return { ...this.#plan, indices, parts, kontoer: await mottakerkontoer(this.#db) };
  }
}

const bulkAttemptsMax = 5;
/** Rounds copied at once; on PostgreSQL each copy has a connection (and a backend) of its own. */
const copiesMax = 2;

interface UnwrittenRound {
  readonly booked: BookedRound;
  readonly request: Omit<RoundRequest, 'start'>;
  readonly partIds: ReadonlySet<string>;
}

async function anythingBooked(db: Kysely<Database>, partIds: readonly string[]): Promise<boolean> {
  const result = await sql<{ found: boolean }>`select exists (select 1 from part_siste_seq where part_id = any(${[...partIds]}::text[])) as found`.execute(db);
  return result.rows[0]!.found;
}

async function anyStored(db: Kysely<Database>, keys: readonly string[]): Promise<boolean> {
  const result = await sql<{ found: boolean }>`select exists (select 1 from kommando where idempotency_key = any(${[...keys]}::text[])) as found`.execute(db);
  return result.rows[0]!.found;
}
