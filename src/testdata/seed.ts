import { sql, type Kysely } from 'kysely';
import { registrerPersonRoller } from '../auth/index.js';
import type { BulkCopy } from '../db/bulk-copy.js';
import type { Database } from '../db/database.js';
import type { LocalDate } from '../domain/dates.js';
import { bokfoerKommandoer, LedgerInputError, registrerParter, type Kommando } from '../ledger/index.js';
import { progressGauge } from '../metrics/registry.js';
import { BulkRounds } from './bulk-rounds.js';
import type { Virksomhet } from './history.js';
import type { SyntheticBusiness } from './population.js';
import { inProcessBooker, workerBooker, type BookedRound } from './round-booking.js';
import { rowsWritten } from './rows.js';
import { businessOf, groupIds, historyWindow, keyPrefixStart, plannedCommands, type HistoryPlan } from './synthetic-history.js';

/** `kob seed --parties N --seed S --years Y`: the defaults (docs/decisions/0063-demo-og-standardvalg.md). */
export const seedDefaults = Object.freeze({ parties: 1_000, seed: 2026, years: 2 });

export interface SeedOptions {
  /** Synthetic businesses; their persons come in addition. */
  readonly parties: number;
  readonly seed: number;
  /** Calendar years of history, the business date's year included. */
  readonly years: number;
  /** The business date: the history ends here, so some claims are overdue and some not yet due. */
  readonly today: LocalDate;
  /**
   * Write new businesses' histories with COPY (computed in memory by the ledger's own booking
   * session); without it every debtor group is booked in its own transaction. Same rows either way.
   */
  readonly bulkCopy?: BulkCopy | undefined;
  /** Businesses registered and booked per round (default 250): registering in bulk is far faster than one by one. */
  readonly businessesPerRound?: number | undefined;
  /**
   * Where bulk rounds are booked: in a worker thread beside the one that writes (the default when
   * there is more than one round), or in this thread. Same rows either way.
   */
  readonly bookRoundsIn?: 'worker' | 'process' | undefined;
}

export interface SeedProgress {
  readonly virksomheter: number;
  readonly virksomheterTotalt: number;
  /** Rows booked in the ledger so far. */
  readonly rader: number;
  readonly elapsedMs: number;
  /** What is left at the rate so far; absent before the first business is done. */
  readonly etaMs?: number | undefined;
}

export interface SeedSummary extends SeedProgress {
  /** Parties registered (businesses and persons), new or already there. */
  readonly parter: number;
  readonly kommandoer: number;
  /** Commands that had been booked before (same seed again): they changed nothing. */
  readonly gjentatt: number;
  readonly historikkFra: LocalDate;
  readonly historikkTil: LocalDate;
}

/** Elapsed time and progress come from the caller: nothing here reads a clock. */
export interface SeedReporting {
  readonly elapsedMs: () => number;
  readonly onProgress?: ((progress: SeedProgress) => void) | undefined;
  /** How often `onProgress` is called at most (default 2 s). */
  readonly progressIntervalMs?: number | undefined;
}

/** A seed that would rewrite history another seed (or other options) booked in the same database. */
export class SeedConflictError extends Error {
  override readonly name = 'SeedConflictError';
  readonly userFacing = true;
}

/** Statistics are refreshed after 25 businesses, then each time the count doubles, at least every 1 000. */
const analyzeFirstAfter = 25;
const analyzeEveryMax = 1_000;

/**
 * Synthetic Norway: `parties` businesses with their persons and `years` of history up to the
 * business date, the same for the same options on PGlite and PostgreSQL. Parties are registered
 * in bulk; each debtor group's whole history is one `bokfoerKommandoer` call. Running it again
 * with the same options books nothing (every command replays).
 */
export async function seedSynthetic(db: Kysely<Database>, options: SeedOptions, reporting: SeedReporting): Promise<SeedSummary> {
  const plan: HistoryPlan = { seed: options.seed, window: historyWindow(options.today, options.years), today: options.today };
  await refuseOtherSeed(db, options.seed);
  const counter = new BookingCounter(options.parties, reporting);
  const perRound = options.businessesPerRound ?? 250;
  const inWorker = (options.bookRoundsIn ?? (options.parties > perRound ? 'worker' : 'process')) === 'worker';
  const bulkRounds =
    options.bulkCopy && new BulkRounds({ db, bulkCopy: options.bulkCopy, booker: inWorker ? workerBooker() : inProcessBooker, plan, onWritten: (booked) => counter.written(booked) });
  let parter = 0;
  let booked = 0;
  let nextAnalyze = analyzeFirstAfter;
  try {
    const round = (start: number) => registerRound(db, plan, start, Math.min(options.parties, start + perRound));
    let registering = round(0);
    for (let start = 0; start < options.parties; start += perRound) {
      const chunk = await registering;
      parter += chunk.reduce((sum, b) => sum + b.parter.length, 0);
      // The next round is registered while this one is booked and the one before it written.
      registering = round(start + perRound);
      registering.catch(() => undefined);
      if (bulkRounds) {
        const partIds = chunk.flatMap((business) => groupIds(business.virksomhet));
        if (bulkRounds.books(partIds)) await bulkRounds.finish();
        if (await bulkRounds.add(chunk.map((business) => business.index), partIds)) continue;
        // Booking one group at a time takes numbers from the database: the rounds before must be written first.
        await bulkRounds.finish();
      }
      for (const business of chunk) {
        await bookHistory(db, business.virksomhet, plannedCommands(plan, business), counter);
        counter.businessDone();
        booked += 1;
        if (booked >= nextAnalyze) {
          await analyzeLedger(db);
          nextAnalyze = Math.min(2 * booked, booked + analyzeEveryMax);
        }
      }
    }
    await bulkRounds?.finish();
  } finally {
    await bulkRounds?.close();
  }
  await analyzeLedger(db);
  return { ...counter.progress(), parter, kommandoer: counter.kommandoer, gjentatt: counter.gjentatt, historikkFra: plan.window.fra, historikkTil: options.today };
}

/** Registers businesses [start, end) with their persons and roles. */
async function registerRound(db: Kysely<Database>, plan: HistoryPlan, start: number, end: number): Promise<SyntheticBusiness[]> {
  const chunk: SyntheticBusiness[] = [];
  for (let index = start; index < end; index++) chunk.push(businessOf(plan, index));
  if (chunk.length === 0) return chunk;
  await registrerParter(db, chunk.flatMap((b) => b.parter));
  await registrerPersonRoller(db, chunk.flatMap((b) => b.roller));
  return chunk;
}

/**
 * Party n is the same organisation whatever the seed, so another seed would rewrite its history:
 * refuse before registering anything when the database holds commands of another seed.
 */
async function refuseOtherSeed(db: Kysely<Database>, seed: number): Promise<void> {
  const other = await db
    .selectFrom('kommando')
    .select('idempotency_key')
    .where('idempotency_key', 'like', `${keyPrefixStart}%`)
    .where('idempotency_key', 'not like', `${keyPrefixStart}${seed}-%`)
    .limit(1)
    .executeTakeFirst();
  if (other) {
    throw new SeedConflictError(
      'Databasen har allerede syntetiske data laget med et annet --seed. Bruk en tom database (--data-dir eller --database-url), eller samme --seed som sist.',
    );
  }
}

/**
 * The tables grow fast while seeding: fresh statistics keep the planner on the party indexes,
 * instead of a plan made for small tables that reads every claim for each debtor group.
 */
async function analyzeLedger(db: Kysely<Database>): Promise<void> {
  // One statement per table, so PostgreSQL analyzes them on several connections at once.
  await Promise.all(ledgerTables.map((table) => sql`analyze ${sql.table(table)}`.execute(db)));
}

const ledgerTables = ['part', 'krav', 'kravforfall', 'innbetaling', 'plassering', 'utbetaling', 'utbetaling_status', 'levering', 'kommando'] as const;

/** Books one business's history (its debtor group) in one call. */
export async function bookHistory(db: Kysely<Database>, virksomhet: Virksomhet, kommandoer: readonly Kommando<unknown>[], counter: BookingCounter): Promise<void> {
  try {
    const utfall = await bokfoerKommandoer(db, kommandoer);
    counter.booked(kommandoer, utfall);
  } catch (error) {
    if (error instanceof LedgerInputError && (error.code === 'tilbakedatert' || error.code === 'idempotensKonflikt')) {
      throw new SeedConflictError(
        `${virksomhet.organisasjon.partId} har allerede en annen historikk i databasen (laget med andre --years eller en senere --today). ` +
          'Bruk en tom database (--data-dir eller --database-url), eller de samme valgene som sist.',
      );
    }
    throw error;
  }
}

/** Counts what was booked and tells the caller now and then. */
export class BookingCounter {
  kommandoer = 0;
  gjentatt = 0;
  #rader = 0;
  #virksomheter = 0;
  readonly #startMs: number;
  #lastReportMs: number;
  readonly #totalt: number;
  readonly #reporting: SeedReporting;
  readonly #gauge = progressGauge('seed');

  constructor(totalt: number, reporting: SeedReporting) {
    this.#totalt = totalt;
    this.#reporting = reporting;
    this.#startMs = reporting.elapsedMs();
    this.#lastReportMs = this.#startMs;
  }

  booked(kommandoer: readonly Kommando<unknown>[], utfall: readonly { replayed: boolean }[]): void {
    kommandoer.forEach((kommando, index) => {
      const result = utfall[index]!;
      this.kommandoer += 1;
      if (result.replayed) this.gjentatt += 1;
      this.#rader += rowsWritten(kommando, result as never);
    });
  }

  /** A bulk round, written. */
  written(round: Pick<BookedRound, 'virksomheter' | 'kommandoer' | 'rader'>): void {
    this.kommandoer += round.kommandoer;
    this.#rader += round.rader;
    this.businessDone(round.virksomheter);
  }

  businessDone(count = 1): void {
    this.#virksomheter += count;
    this.#gauge(this.#virksomheter, this.#totalt);
    const now = this.#reporting.elapsedMs();
    if (this.#reporting.onProgress && now - this.#lastReportMs >= (this.#reporting.progressIntervalMs ?? 2_000) && this.#virksomheter < this.#totalt) {
      this.#lastReportMs = now;
      this.#reporting.onProgress(this.progress());
    }
  }

  progress(): SeedProgress {
    const elapsedMs = this.#reporting.elapsedMs() - this.#startMs;
    const etaMs = this.#virksomheter === 0 ? undefined : (elapsedMs / this.#virksomheter) * (this.#totalt - this.#virksomheter);
    return { virksomheter: this.#virksomheter, virksomheterTotalt: this.#totalt, rader: this.#rader, elapsedMs, etaMs };
  }
}
