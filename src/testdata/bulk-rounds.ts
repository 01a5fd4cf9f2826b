import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { BulkCopy } from '../db/bulk-copy.js';
import type { Database } from '../db/database.js';
import { BulkLoad, type Kommando, type PartRow } from '../ledger/index.js';

/** One debtor group's whole history: its parties (registered, nothing booked) and its commands. */
export interface GroupHistory {
  readonly partIds: readonly string[];
  readonly kommandoer: readonly Kommando<unknown>[];
}

export interface BookedGroup {
  readonly kommandoer: readonly Kommando<unknown>[];
  readonly utfall: readonly { replayed: boolean }[];
}

/**
 * Bulk rounds, each booked in memory while the round before is being written: the database
 * writes one round (its own process on PostgreSQL) while this process computes the next, so a
 * seed takes about the longer of the two instead of their sum. A round counts its numbers on
 * from where the round before ends; if another writer took numbers meanwhile, the round that
 * failed is booked and written again from the database's numbers, and so is the one after it.
 */
export class BulkRounds {
  readonly #db: Kysely<Database>;
  readonly #bulkCopy: BulkCopy;
  readonly #onWritten: (groups: readonly BookedGroup[]) => void;
  #pending: PendingRound | undefined;

  constructor(db: Kysely<Database>, bulkCopy: BulkCopy, onWritten: (groups: readonly BookedGroup[]) => void) {
    this.#db = db;
    this.#bulkCopy = bulkCopy;
    this.#onWritten = onWritten;
  }

  /** Books the round in memory and starts writing it once the round before is written. */
  async add(groups: readonly GroupHistory[]): Promise<void> {
    const parts = await partRows(this.#db, groups);
    const previous = this.#pending;
    let round = previous ? await book(BulkLoad.after(previous.load), groups, parts) : await this.#bookFromDatabase(groups, parts);
    if (!(await this.#settle())) round = await this.#bookFromDatabase(groups, parts);
    this.#pending = { ...round, groups, parts, written: settled(round.load.write(this.#bulkCopy)) };
  }

  /** Whether a round not yet written books any of these parties (then what they hold is not known yet). */
  books(partIds: readonly string[]): boolean {
    const pending = this.#pending;
    return pending !== undefined && partIds.some((id) => pending.parts.has(id));
  }

  /** Waits until every round added has been written. */
  async finish(): Promise<void> {
    await this.#settle();
  }

  /** Whether the pending round (if any) was written as booked; if not, it has been booked and written again. */
  async #settle(): Promise<boolean> {
    const pending = this.#pending;
    if (!pending) return true;
    this.#pending = undefined;
    const outcome = await pending.written;
    if ('error' in outcome) throw outcome.error;
    if (outcome.written) {
      this.#onWritten(pending.booked);
      return true;
    }
    for (let attempt = 2; ; attempt++) {
      const again = await this.#bookFromDatabase(pending.groups, pending.parts);
      if (await again.load.write(this.#bulkCopy)) {
        this.#onWritten(again.booked);
        return false;
      }
      if (attempt >= bulkAttemptsMax) throw new Error(`kob seed: en annen prosess bokførte i samme database ${bulkAttemptsMax} ganger mens en runde ble skrevet; kjør kob seed alene`);
    }
  }

  /** Books the round counting from the database's sequences as they stand. */
  async #bookFromDatabase(groups: readonly GroupHistory[], parts: ReadonlyMap<string, PartRow>): Promise<BookedRound> {
    return book(await BulkLoad.begin(this.#db), groups, parts);
  }
}

const bulkAttemptsMax = 5;

interface BookedRound {
  readonly load: BulkLoad;
  readonly booked: readonly BookedGroup[];
}

interface PendingRound extends BookedRound {
  readonly groups: readonly GroupHistory[];
  readonly parts: ReadonlyMap<string, PartRow>;
  /** Never rejects, so a failed write waits for `#settle` instead of surfacing while the next round is booked. */
  readonly written: Promise<{ written: boolean } | { error: unknown }>;
}

async function partRows(db: Kysely<Database>, groups: readonly GroupHistory[]): Promise<Map<string, PartRow>> {
  const ids = groups.flatMap((group) => group.partIds);
  return new Map((await db.selectFrom('part').selectAll().where('part_id', 'in', ids).execute()).map((row) => [row.part_id, row] as const));
}

/** Books every group in memory, letting the event loop turn between groups so the round being written keeps flowing. */
async function book(load: BulkLoad, groups: readonly GroupHistory[], parts: ReadonlyMap<string, PartRow>): Promise<BookedRound> {
  const booked: BookedGroup[] = [];
  for (const { partIds, kommandoer } of groups) {
    booked.push({ kommandoer, utfall: await load.book(partIds.map((id) => parts.get(id)!), kommandoer) });
    await nextTurn();
  }
  return { load, booked };
}

function settled(write: Promise<boolean>): Promise<{ written: boolean } | { error: unknown }> {
  return write.then(
    (written) => ({ written }),
    (error: unknown) => ({ error }),
  );
}
