import { sql, type Kysely } from 'kysely';
import { copyLine, type BulkCopy, type BulkTransaction } from '../db/bulk-copy.js';
import type { Database } from '../db/database.js';
import { Bokfoering } from './bokfoering.js';
import { emptyBookedRows, type BookedRows, type Flush, type SisteSeq } from './booked-rows.js';
import { idSequences, type IdCounts, type Ids, type IdSequence, type NumberSource } from './id-reservation.js';
import { applyAll, type Kommando, type Utfall } from './kommando.js';
import { mottakerkontoer, type Mottakerkontoer } from './mottakerkontoer.js';
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
 * digests). It writes alone: if another writer took numbers meanwhile, `write` says so and the
 * caller books the round again from the new numbers.
 */
export class BulkLoad {
  readonly #db: Kysely<Database>;
  readonly #kontoer: Mottakerkontoer;
  readonly #numbers: MemoryNumbers;
  readonly #rows: BookedRows = emptyBookedRows();
  readonly #dokumenter = new Map<string, PartDokument>();
  readonly #sisteSeq: SisteSeq[] = [];

  private constructor(db: Kysely<Database>, kontoer: Mottakerkontoer, numbers: MemoryNumbers) {
    this.#db = db;
    this.#kontoer = kontoer;
    this.#numbers = numbers;
  }

  /** A round that counts on from the database's sequences as they stand now. */
  static async begin(db: Kysely<Database>): Promise<BulkLoad> {
    const start = await readSequences(async (text) => (await sql.raw<Record<string, unknown>>(text).execute(db)).rows);
    return new BulkLoad(db, await mottakerkontoer(db), new MemoryNumbers(start));
  }

  /**
   * The next round, counting on from where `previous` ends, so it can be booked while `previous`
   * is still being written; its `write` succeeds only after `previous` has been written.
   */
  static after(previous: BulkLoad): BulkLoad {
    return new BulkLoad(previous.#db, previous.#kontoer, previous.#numbers.continued());
  }

  /** Books one new debtor group's commands in memory (its parties registered, nothing booked on them). */
  async book<R>(parts: readonly PartRow[], kommandoer: readonly Kommando<R>[]): Promise<Utfall<R>[]> {
    const session = new Bokfoering({
      trx: this.#db,
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

  get rowCount(): number {
    return Object.values(this.#rows).reduce((sum, rows) => sum + rows.length, 0);
  }

  /**
   * Writes the round with COPY in one transaction: checks that nobody took numbers since `begin`
   * (false when someone did, and nothing is written), moves the sequences past the round, writes
   * the facts, the read-model rows and the newest postings, and announces the changed parties.
   */
  async write(bulkCopy: BulkCopy): Promise<boolean> {
    return bulkCopy(async (tx) => {
      await tx.query(`select pg_advisory_xact_lock(${bulkLockKey})`);
      const now = await readSequences((text) => tx.query(text));
      if (!this.#numbers.startsAt(now)) return false;
      for (const [name, value] of this.#numbers.usedUpTo()) await tx.query(`select setval('${name}', $1, true)`, [value]);
      await this.#copy(tx);
      const changed = [...new Set(this.#sisteSeq.map((s) => s.partId))];
      if (changed.length > 0) {
        await tx.query(merkEndretSql, [changed]);
        const changes = partChanges(changed);
        await tx.query('select pg_notify(c, k) from unnest($1::text[], $2::text[]) as t(c, k)', [changes.map((c) => c.channel), changes.map((c) => c.key)]);
      }
      return true;
    });
  }

  #collect({ rows, dokumenter, sisteSeq }: Flush): void {
    for (const table of Object.keys(rows) as (keyof BookedRows)[]) (this.#rows[table] as unknown[]).push(...rows[table]);
    for (const [partId, dokument] of dokumenter) this.#dokumenter.set(partId, dokument);
    this.#sisteSeq.push(...sisteSeq);
  }

  async #copy(tx: BulkTransaction): Promise<void> {
    const r = this.#rows;
    const copy = async <T,>(table: string, columns: readonly (keyof T & string)[], rows: readonly T[]) =>
      tx.copyIn(table, columns, rows.map((row) => copyLine(columns.map((column) => row[column]))).join(''));
    await copy('krav', ['krav_id', 'seq', 'part_id', 'kravtype', 'kravgruppe', 'beskrivelse', 'periode_beskrivelse', 'periode_aar', 'periode_fra', 'periode_til', 'termin', 'opprettet_dato', 'fastsettingsmaate', 'hovedstol_krav_id', 'bokfoert_dato', 'idempotency_key'], r.krav);
    await copy('kravforfall', ['kravforfall_id', 'krav_id', 'nummer', 'forfallsdato', 'beloep_oere', 'kid', 'mottakerkonto'], r.kravforfall);
    await copy('innbetaling', ['innbetaling_id', 'seq', 'part_id', 'innbetalingsdato', 'beloep_oere', 'kid', 'melding', 'betaler_navn', 'betaler_konto', 'mottakerkonto', 'innbetalingstype', 'valutakode', 'bokfoert_dato', 'idempotency_key'], r.innbetaling);
    await copy('utbetaling', ['utbetaling_id', 'seq', 'part_id', 'utbetaltdato', 'beloep_oere', 'konto', 'kontoeiers_navn', 'melding', 'valutakode', 'bokfoert_dato', 'idempotency_key', 'utbetalingsmaate', 'mottaker_adresse'], r.utbetaling);
    await copy('utbetaling_status', ['seq', 'utbetaling_id', 'status', 'dato', 'idempotency_key'], r.utbetaling_status);
    await copy('plassering', ['seq', 'kilde', 'innbetaling_id', 'motkrav_forfall_id', 'utbetaling_id', 'kravforfall_id', 'beloep_oere', 'plassert_dato', 'bokfoert_dato', 'idempotency_key'], r.plassering);
    await copy('levering', ['seq', 'part_id', 'leveringstype', 'periode_aar', 'termin', 'levert_dato', 'bokfoert_dato', 'idempotency_key'], r.levering);
    await copy('utsettelse', ['seq', 'kravforfall_id', 'grunn', 'fra_dato', 'til_dato', 'bokfoert_dato', 'idempotency_key'], r.utsettelse);
    await copy('refusjon', ['krav_id', 'innbetaling_id'], r.refusjon);
    await copy('kommando', ['idempotency_key', 'kommando_type', 'forespoersel_hash', 'resultat', 'bokfoert_dato'], r.kommando);
    // The parties' empty read-model rows (written when they were registered) give way to the booked ones.
    const dokumenter = [...this.#dokumenter];
    if (dokumenter.length > 0) await tx.query('delete from part_lesemodell where part_id = any($1::text[])', [dokumenter.map(([partId]) => partId)]);
    await tx.copyIn('part_lesemodell', ['part_id', 'dokument', 'har_oppgjoer'], dokumenter.map(([partId, dokument]) => copyLine([partId, serialiserDokument(dokument), harOppgjoer(dokument)])).join(''));
    await tx.copyIn('part_siste_seq', ['part_id', 'siste_seq', 'siste_bokfoert_dato'], this.#sisteSeq.map((s) => copyLine([s.partId, s.seq, s.dato])).join(''));
  }
}

/** One bulk writer at a time per database (another `kob seed` waits). */
const bulkLockKey = 7_046_113_001;

const sequenceNames = { krav: 'krav_nr_seq', kravforfall: 'kravforfall_nr_seq', innbetaling: 'innbetaling_nr_seq', utbetaling: 'utbetaling_nr_seq', postering: 'postering_seq' } as const;
type SequenceKey = keyof typeof sequenceNames;
/** The next value each sequence will hand out. */
type SequenceState = Record<SequenceKey, number>;

async function readSequences(query: (text: string) => Promise<Record<string, unknown>[]>): Promise<SequenceState> {
  const select = Object.entries(sequenceNames)
    .map(([key, name]) => `(select case when is_called then last_value + 1 else last_value end from ${name}) as ${key}`)
    .join(', ');
  const [row] = await query(`select ${select}`);
  return Object.fromEntries(Object.keys(sequenceNames).map((key) => [key, Number(row![key])])) as SequenceState;
}

/** The sequences counted in memory from where they stood. */
class MemoryNumbers implements NumberSource {
  readonly #start: SequenceState;
  readonly #next: SequenceState;

  constructor(start: SequenceState) {
    this.#start = { ...start };
    this.#next = { ...start };
  }

  async ids(counts: IdCounts): Promise<Ids> {
    return Object.fromEntries(idSequences.map((name: IdSequence) => [name, this.#take(name, counts[name] ?? 0).map(String)])) as Ids;
  }

  async postingSeqs(count: number): Promise<number[]> {
    return this.#take('postering', count);
  }

  /** Numbers that start where these end. */
  continued(): MemoryNumbers {
    return new MemoryNumbers(this.#next);
  }

  startsAt(state: SequenceState): boolean {
    return (Object.keys(sequenceNames) as SequenceKey[]).every((key) => state[key] === this.#start[key]);
  }

  /** The last value used of each sequence that was used. */
  usedUpTo(): [string, number][] {
    return (Object.keys(sequenceNames) as SequenceKey[]).filter((key) => this.#next[key] > this.#start[key]).map((key) => [sequenceNames[key], this.#next[key] - 1]);
  }

  #take(key: SequenceKey, count: number): number[] {
    const first = this.#next[key];
    this.#next[key] += count;
    return Array.from({ length: count }, (_, i) => first + i);
  }
}
