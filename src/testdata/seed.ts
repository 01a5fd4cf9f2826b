import { sql, type Kysely } from 'kysely';
import { registrerPersonRoller } from '../auth/index.js';
import type { BulkCopy } from '../db/bulk-copy.js';
import type { Database } from '../db/database.js';
import { dateParts, makeDate, type LocalDate } from '../domain/dates.js';
import { bokfoerKommandoer, LedgerInputError, registrerParter, type Kommando } from '../ledger/index.js';
import { BulkRounds, type BookedGroup, type GroupHistory } from './bulk-rounds.js';
import { kommandoerFor, type Hendelse } from './events.js';
import { planHistory, type PlanOptions, type Virksomhet } from './history.js';
import { syntheticBusiness, type SyntheticBusiness } from './population.js';
import { Prng } from './prng.js';
import { progressGauge } from '../metrics/registry.js';
import { rowsWritten } from './rows.js';

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

/** The years a history spans: `years` calendar years up to the business date, claims from the year before on. */
export function historyWindow(today: LocalDate, years: number): Pick<PlanOptions, 'fra' | 'aarFra' | 'aarTil'> {
  const { year } = dateParts(today);
  const startYear = year - years + 1;
  return { fra: makeDate(startYear, 1, 1), aarFra: startYear - 1, aarTil: year };
}

/**
 * Synthetic Norway: `parties` businesses with their persons and `years` of history up to the
 * business date, the same for the same options on PGlite and PostgreSQL. Parties are registered
 * in bulk; each debtor group's whole history is one `bokfoerKommandoer` call. Running it again
 * with the same options books nothing (every command replays).
 */
export async function seedSynthetic(db: Kysely<Database>, options: SeedOptions, reporting: SeedReporting): Promise<SeedSummary> {
  const window = historyWindow(options.today, options.years);
  await refuseOtherSeed(db, options.seed);
  const counter = new BookingCounter(options.parties, reporting);
  let parter = 0;
  let booked = 0;
  let nextAnalyze = analyzeFirstAfter;
  const bulkRounds = options.bulkCopy && new BulkRounds(db, options.bulkCopy, (groups) => counter.written(groups));
  const perRound = options.businessesPerRound ?? 250;
  for (let start = 0; start < options.parties; start += perRound) {
    const chunk: SyntheticBusiness[] = [];
    for (let index = start; index < Math.min(options.parties, start + perRound); index++) chunk.push(syntheticBusiness(options.seed, index, window.fra));
    await registrerParter(db, chunk.flatMap((b) => b.parter));
    await registrerPersonRoller(db, chunk.flatMap((b) => b.roller));
    parter += chunk.reduce((sum, b) => sum + b.parter.length, 0);
    const planned = chunk.map((business) => {
      const hendelser = planHistory(business.virksomhet, { ...window, prng: Prng.of(options.seed, 'historikk', business.index) });
      const partIds = groupIds(business.virksomhet);
      return { business, partIds, kommandoer: kommandoerFor(hendelser, { keyPrefix: keyPrefix(options.seed, business.index), anker: anker(business.virksomhet), til: options.today }) };
    });
    if (bulkRounds?.books(planned.flatMap((p) => p.partIds))) await bulkRounds.finish();
    if (bulkRounds && (await allNew(db, planned))) {
      await bulkRounds.add(planned);
    } else {
      // Booking one group at a time takes numbers from the database: the rounds before must be written first.
      await bulkRounds?.finish();
      for (const { business, kommandoer } of planned) {
        await bookHistory(db, business.virksomhet, kommandoer, counter);
        counter.businessDone();
        booked += 1;
        if (booked >= nextAnalyze) {
          await analyzeLedger(db);
          nextAnalyze = Math.min(2 * booked, booked + analyzeEveryMax);
        }
      }
    }
  }
  await bulkRounds?.finish();
  await analyzeLedger(db);
  return { ...counter.progress(), parter, kommandoer: counter.kommandoer, gjentatt: counter.gjentatt, historikkFra: window.fra, historikkTil: options.today };
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

const keyPrefixStart = 'syn-';

function keyPrefix(seed: number, index: number): string {
  return `${keyPrefixStart}${seed}-${index}`;
}

/**
 * The tables grow fast while seeding: fresh statistics keep the planner on the party indexes,
 * instead of a plan made for small tables that reads every claim for each debtor group.
 */
async function analyzeLedger(db: Kysely<Database>): Promise<void> {
  await sql`analyze part, krav, kravforfall, innbetaling, plassering, utbetaling, utbetaling_status, levering, kommando`.execute(db);
}

/** The debtor group's lowest party id, after which the daily run is named (as `kjoerOppgjoer` does). */
function anker(virksomhet: Virksomhet): string {
  return groupIds(virksomhet)[0]!;
}

function groupIds(virksomhet: Virksomhet): string[] {
  return [virksomhet.organisasjon.partId, ...(virksomhet.eier ? [virksomhet.eier.partId] : [])].sort();
}

/** The commands of one business's planned history. */
export function historyCommands(virksomhet: Virksomhet, hendelser: readonly Hendelse[], options: { keyPrefix: string; til: LocalDate }): Kommando<unknown>[] {
  return kommandoerFor(hendelser, { ...options, anker: anker(virksomhet) });
}

/**
 * Whether the round's businesses are all new: no command of theirs stored, nothing booked on their
 * parties, and no two of them in one debtor group. Only then may they be booked in memory.
 */
async function allNew(db: Kysely<Database>, planned: readonly GroupHistory[]): Promise<boolean> {
  const ids = planned.flatMap((p) => p.partIds);
  if (new Set(ids).size !== ids.length) return false;
  const keys = planned.flatMap((p) => p.kommandoer.map((k) => k.idempotencyKey));
  const result = await sql<{ found: boolean }>`
    select exists (select 1 from kommando where idempotency_key = any(${keys}::text[]))
        or exists (select 1 from part_siste_seq where part_id = any(${ids}::text[])) as found`.execute(db);
  return !result.rows[0]!.found;
}

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

  /** A bulk round's groups, written: one business each. */
  written(groups: readonly BookedGroup[]): void {
    for (const { kommandoer, utfall } of groups) this.booked(kommandoer, utfall);
    this.businessDone(groups.length);
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
