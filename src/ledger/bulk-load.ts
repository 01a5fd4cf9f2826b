import { sql, type Kysely } from 'kysely';
import { copyLine, type BulkCopy } from '../db/bulk-copy.js';
import type { Database } from '../db/database.js';
import { Bokfoering } from './bokfoering.js';
import { emptyBookedRows, type BookedRows, type Flush, type SisteSeq } from './booked-rows.js';
import { idSequences, type IdCounts, type Ids, type IdSequence, type NumberSource } from './id-reservation.js';
import { applyAll, type Kommando, type Utfall } from './kommando.js';
import type { Mottakerkontoer } from './mottakerkontoer.js';
import { partChanges } from './part-changes.js';
import { merkEndretSql } from './part-endringer.js';
import { emptyDokument, harOppgjoer, serialiserDokument, type PartDokument } from './read-model.js';
import type { PartRow } from './skyldnergruppe.js';

/**
 * Bulk loading (`kob seed`): debtor groups that have nothing booked yet are booked in memory by
 * the very booking session and commands the ledger always uses, with ids and posting numbers
 * counted from the sequences as they stand, and their rows are written with COPY in one
 * transaction that moves the sequences past them. The same commands give the same rows, ids and
 * read model as booking them one group at a time (test/testdata/seed.test.ts compares the
 * digests).
 *
 * Booking needs no database (`BulkBooking`), so it can run in a worker thread; what it hands
 * back (`BulkRound`) is plain text and numbers. Writing first reserves the round's numbers
 * (`reserveBulkNumbers`: if another writer took numbers meanwhile, it says so and the caller books
 * the round again from the new numbers), then copies its rows (`copyBulkRound`).
 */
export class BulkBooking {
  readonly #kontoer: Mottakerkontoer;
  readonly #numbers: MemoryNumbers;
  readonly #rows: BookedRows = emptyBookedRows();
  readonly #dokumenter = new Map<string, PartDokument>();
  readonly #sisteSeq: SisteSeq[] = [];

  /** A round whose numbers count on from `start` (the sequences as they stand, or where the round before ends). */
  constructor(kontoer: Mottakerkontoer, start: SequenceState) {
    this.#kontoer = kontoer;
    this.#numbers = new MemoryNumbers(start);
  }

  /** Books one new debtor group's commands in memory (its parties registered, nothing booked on them). */
  async book<R>(parts: readonly PartRow[], kommandoer: readonly Kommando<R>[]): Promise<Utfall<R>[]> {
    const session = new Bokfoering({
      parts,
      dokumenter: new Map(parts.map((part) => [part.part_id, emptyDokument()])),
      kontoer: this.#kontoer,
      sisteBokfoertDato: null,
      numbers: this.#numbers,
      writer: async (flush) => this.#collect(flush),
    });
    const results = await applyAll(session, kommandoer, new Map());
    await session.flush();
    return results;
  }

  /** The round as COPY text, with the numbers it counted from and up to. */
  render(): BulkRound {
    const r = this.#rows;
    const copies: CopyText[] = [];
    const copy = <T,>(table: string, columns: readonly (keyof T & string)[], rows: readonly T[]) =>
      copies.push({ table, columns, lines: rows.map((row) => copyLine(columns.map((column) => row[column]))).join('') });
    copy('krav', ['krav_id', 'seq', 'part_id', 'kravtype', 'kravgruppe', 'beskrivelse', 'periode_beskrivelse', 'periode_aar', 'periode_fra', 'periode_til', 'termin', 'opprettet_dato', 'fastsettingsmaate', 'hovedstol_krav_id', 'bokfoert_dato', 'idempotency_key'], r.krav);
    copy('kravforfall', ['kravforfall_id', 'krav_id', 'nummer', 'forfallsdato', 'beloep_oere', 'kid', 'mottakerkonto'], r.kravforfall);
    copy('innbetaling', ['innbetaling_id', 'seq', 'part_id', 'innbetalingsdato', 'beloep_oere', 'kid', 'melding', 'betaler_navn', 'betaler_konto', 'mottakerkonto', 'innbetalingstype', 'valutakode', 'bokfoert_dato', 'idempotency_key'], r.innbetaling);
    copy('utbetaling', ['utbetaling_id', 'seq', 'part_id', 'utbetaltdato', 'beloep_oere', 'konto', 'kontoeiers_navn', 'melding', 'valutakode', 'bokfoert_dato', 'idempotency_key', 'utbetalingsmaate', 'mottaker_adresse'], r.utbetaling);
    copy('utbetaling_status', ['seq', 'utbetaling_id', 'status', 'dato', 'idempotency_key'], r.utbetaling_status);
    copy('plassering', ['seq', 'kilde', 'innbetaling_id', 'motkrav_forfall_id', 'utbetaling_id', 'kravforfall_id', 'beloep_oere', 'plassert_dato', 'bokfoert_dato', 'idempotency_key'], r.plassering);
    copy('levering', ['seq', 'part_id', 'leveringstype', 'periode_aar', 'termin', 'levert_dato', 'bokfoert_dato', 'idempotency_key'], r.levering);
    copy('utsettelse', ['seq', 'kravforfall_id', 'grunn', 'fra_dato', 'til_dato', 'bokfoert_dato', 'idempotency_key'], r.utsettelse);
    copy('refusjon', ['krav_id', 'innbetaling_id'], r.refusjon);
    copy('kommando', ['idempotency_key', 'kommando_type', 'forespoersel_hash', 'resultat', 'bokfoert_dato'], r.kommando);
    const dokumenter = [...this.#dokumenter];
    return {
      start: this.#numbers.start,
      next: this.#numbers.next,
      facts: copies,
      lesemodell: {
        partIds: dokumenter.map(([partId]) => partId),
        lines: dokumenter.map(([partId, dokument]) => copyLine([partId, serialiserDokument(dokument), harOppgjoer(dokument)])).join(''),
      },
      sisteSeq: this.#sisteSeq.map((s) => copyLine([s.partId, s.seq, s.dato])).join(''),
      changedPartIds: [...new Set(this.#sisteSeq.map((s) => s.partId))],
    };
  }

  #collect({ rows, dokumenter, sisteSeq }: Flush): void {
    for (const table of Object.keys(rows) as (keyof BookedRows)[]) (this.#rows[table] as unknown[]).push(...rows[table]);
    for (const [partId, dokument] of dokumenter) this.#dokumenter.set(partId, dokument);
    this.#sisteSeq.push(...sisteSeq);
  }
}

/** One table's rows of a round in COPY's text format. */
export interface CopyText {
  readonly table: string;
  readonly columns: readonly string[];
  readonly lines: string;
}

/** A round booked in memory, ready to write: plain data, so it can cross from a worker thread. */
export interface BulkRound {
  /** The sequences the round counted from (the database must still stand there when it is written). */
  readonly start: SequenceState;
  /** Where the round's numbers end: the next round counts on from here. */
  readonly next: SequenceState;
  /** The fact tables and the commands. */
  readonly facts: readonly CopyText[];
  /** The booked read-model rows, which replace the parties' empty ones. */
  readonly lesemodell: { readonly partIds: readonly string[]; readonly lines: string };
  readonly sisteSeq: string;
  readonly changedPartIds: readonly string[];
}

/**
 * Takes the round's numbers: in a short transaction of its own, checks that the sequences still
 * stand where the round counted from (false when another writer took numbers meanwhile, and
 * nothing changes) and moves them past the round. From then on the numbers are the round's, so
 * its rows can be written by `copyBulkRound` beside other rounds' writes.
 */
export async function reserveBulkNumbers(db: Kysely<Database>, round: BulkRound): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${sql.lit(bulkLockKey)})`.execute(trx);
    const now = await currentSequences(trx);
    if (!sequenceKeys.every((key) => now[key] === round.start[key])) return false;
    for (const key of sequenceKeys) {
      if (round.next[key] > round.start[key]) await sql`select setval(${sequenceNames[key]}, ${round.next[key] - 1}, true)`.execute(trx);
    }
    return true;
  });
}

/**
 * Writes a round whose numbers are reserved, with COPY in one transaction: the facts, the
 * read-model rows and the newest postings, and announces the changed parties.
 */
export function copyBulkRound(bulkCopy: BulkCopy, round: BulkRound): Promise<void> {
  return bulkCopy(async (tx) => {
    for (const { table, columns, lines } of round.facts) await tx.copyIn(table, columns, lines);
    // The parties' empty read-model rows (written when they were registered) give way to the booked ones.
    if (round.lesemodell.partIds.length > 0) await tx.query('delete from part_lesemodell where part_id = any($1::text[])', [round.lesemodell.partIds]);
    await tx.copyIn('part_lesemodell', ['part_id', 'dokument', 'har_oppgjoer'], round.lesemodell.lines);
    await tx.copyIn('part_siste_seq', ['part_id', 'siste_seq', 'siste_bokfoert_dato'], round.sisteSeq);
    const changed = [...round.changedPartIds];
    if (changed.length > 0) {
      await tx.query(merkEndretSql, [changed]);
      const changes = partChanges(changed);
      await tx.query('select pg_notify(c, k) from unnest($1::text[], $2::text[]) as t(c, k)', [changes.map((c) => c.channel), changes.map((c) => c.key)]);
    }
  });
}

/** One reservation at a time per database (another `kob seed` waits). */
const bulkLockKey = 7_046_113_001;

const sequenceNames = { krav: 'krav_nr_seq', kravforfall: 'kravforfall_nr_seq', innbetaling: 'innbetaling_nr_seq', utbetaling: 'utbetaling_nr_seq', postering: 'postering_seq' } as const;
type SequenceKey = keyof typeof sequenceNames;
const sequenceKeys = Object.keys(sequenceNames) as SequenceKey[];
/** The next value each sequence will hand out. */
export type SequenceState = Readonly<Record<SequenceKey, number>>;

/** The sequences as they stand now: where a round booked from the database's numbers starts. */
export async function currentSequences(db: Kysely<Database>): Promise<SequenceState> {
  const select = sequenceKeys.map((key) => `(select case when is_called then last_value + 1 else last_value end from ${sequenceNames[key]}) as ${key}`).join(', ');
  const [row] = (await sql.raw<Record<string, unknown>>(`select ${select}`).execute(db)).rows;
  return Object.fromEntries(sequenceKeys.map((key) => [key, Number(row![key])])) as SequenceState;
}

/** The sequences counted in memory from where they stood. */
class MemoryNumbers implements NumberSource {
  readonly start: SequenceState;
  readonly #next: Record<SequenceKey, number>;

  constructor(start: SequenceState) {
    this.start = { ...start };
    this.#next = { ...start };
  }

  get next(): SequenceState {
    return { ...this.#next };
  }

  async ids(counts: IdCounts): Promise<Ids> {
    return Object.fromEntries(idSequences.map((name: IdSequence) => [name, this.#take(name, counts[name] ?? 0).map(String)])) as Ids;
  }

  async postingSeqs(count: number): Promise<number[]> {
    return this.#take('postering', count);
  }

  #take(key: SequenceKey, count: number): number[] {
    const first = this.#next[key];
    this.#next[key] += count;
    return Array.from({ length: count }, (_, i) => first + i);
  }
}
