import { createRequire } from 'node:module';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { BulkBooking, type BulkRound, type Mottakerkontoer, type PartRow, type SequenceState } from '../ledger/index.js';
import { rowsWritten } from './rows.js';
import { businessOf, groupIds, plannedCommands, type HistoryPlan } from './synthetic-history.js';

/** A round of new businesses to book in memory: their parties as registered, and where the numbers start. */
export interface RoundRequest extends HistoryPlan {
  readonly indices: readonly number[];
  readonly parts: readonly PartRow[];
  readonly kontoer: Mottakerkontoer;
  readonly start: SequenceState;
}

/** A round booked: ready to write, with what it holds. */
export interface BookedRound {
  readonly round: BulkRound;
  /**
   * Each business's first command key, to check that none was stored before: a history is
   * booked in one transaction (a round, or one call per group), so its first key stands for all.
   */
  readonly firstKeys: readonly string[];
  readonly virksomheter: number;
  readonly kommandoer: number;
  /** Rows it writes to the ledger's fact tables (`rowsWritten`). */
  readonly rader: number;
}

/**
 * Plans each business's history and books its debtor group in memory with the ledger's own
 * session, turning the event loop between groups so a round being written meanwhile keeps flowing.
 */
export async function bookRound(request: RoundRequest): Promise<BookedRound> {
  const booking = new BulkBooking(request.kontoer, request.start);
  const parts = new Map(request.parts.map((part) => [part.part_id, part]));
  const firstKeys: string[] = [];
  let kommandoer = 0;
  let rader = 0;
  for (const index of request.indices) {
    const business = businessOf(request, index);
    const commands = plannedCommands(request, business);
    const utfall = await booking.book(groupIds(business.virksomhet).map((id) => parts.get(id)!), commands);
    if (commands[0]) firstKeys.push(commands[0].idempotencyKey);
    commands.forEach((kommando, i) => (rader += rowsWritten(kommando, utfall[i]!)));
    kommandoer += commands.length;
    await nextTurn();
  }
  return { round: booking.render(), firstKeys, virksomheter: request.indices.length, kommandoer, rader };
}

/** Where rounds are booked: in this thread, or in a worker thread beside it. */
export interface RoundBooker {
  book(request: RoundRequest): Promise<BookedRound>;
  close(): Promise<void>;
}

export const inProcessBooker: RoundBooker = { book: bookRound, close: async () => undefined };

/**
 * Books in a worker thread, so planning and booking the next round (most of a seed's computing)
 * run on another core than the thread that registers parties and writes rounds (and, on PGlite,
 * runs the database). One request at a time is enough: a round's numbers start where the round
 * before ends.
 */
export function workerBooker(): RoundBooker {
  const worker = new Worker(...workerScript());
  const waiting = new Map<number, { resolve: (booked: BookedRound) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure ??= error;
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  worker.on('message', (message: { id: number; booked?: BookedRound; error?: string }) => {
    const request = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.booked) request?.resolve(message.booked);
    else request?.reject(new Error(`kob seed: booking a round failed: ${message.error}`));
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`kob seed: the booking thread stopped (exit code ${code})`)));
  return {
    book: (request) =>
      new Promise((resolve, reject) => {
        if (failure) return reject(failure);
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, request });
      }),
    close: async () => {
      failure ??= new Error('kob seed: the booking thread is closed');
      await worker.terminate();
    },
  };
}

/**
 * The worker's module beside this one: compiled JavaScript when running from the build, the
 * TypeScript source (loaded through tsx) when running from source, as the tests do.
 */
function workerScript(): [string | URL, { eval?: boolean }] {
  const fromSource = import.meta.url.endsWith('.ts');
  const script = new URL(`./round-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  if (!fromSource) return [script, {}];
  const tsxApi = createRequire(import.meta.url).resolve('tsx/esm/api');
  return [`require(${JSON.stringify(tsxApi)}).tsImport(${JSON.stringify(script.href)}, ${JSON.stringify(import.meta.url)})`, { eval: true }];
}
