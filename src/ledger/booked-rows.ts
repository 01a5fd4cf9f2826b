import { sql, type InsertObject, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { LocalDate } from '../domain/dates.js';
import { skrivDokumenter, type PartDokument } from './read-model.js';

type Insert<T extends keyof Database> = InsertObject<Database, T>;

/**
 * The rows a booking session wrote, per table, with their posting numbers assigned. A row that the
 * read model also holds (a placement, a payout status) points at its copy there, so one number
 * reaches both.
 */
export interface BookedRows {
  krav: (Insert<'krav'> & { seq: number })[];
  kravforfall: Insert<'kravforfall'>[];
  innbetaling: (Insert<'innbetaling'> & { seq: number })[];
  utbetaling: (Insert<'utbetaling'> & { seq: number })[];
  utbetaling_status: (Insert<'utbetaling_status'> & { seq: number })[];
  plassering: (Insert<'plassering'> & { seq: number })[];
  levering: (Insert<'levering'> & { seq: number })[];
  utsettelse: (Insert<'utsettelse'> & { seq: number })[];
  refusjon: Insert<'refusjon'>[];
  /** `resultat` is JSON text. */
  kommando: (Omit<Insert<'kommando'>, 'resultat'> & { resultat: string })[];
}

/** The tables whose rows take a posting number, in the order they take it (the order the facts were always inserted in). */
export const postingTables = ['krav', 'innbetaling', 'utbetaling', 'utbetaling_status', 'plassering', 'levering', 'utsettelse'] as const;

export function emptyBookedRows(): BookedRows {
  return { krav: [], kravforfall: [], innbetaling: [], utbetaling: [], utbetaling_status: [], plassering: [], levering: [], utsettelse: [], refusjon: [], kommando: [] };
}

/** The newest posting and business date of each party a session touched (`part_siste_seq`). */
export interface SisteSeq {
  readonly partId: string;
  readonly seq: number;
  readonly dato: LocalDate;
}

/** What one session flush writes: the facts, the read-model rows of the parties whose facts changed, and the newest postings. */
export interface Flush {
  readonly rows: BookedRows;
  readonly dokumenter: ReadonlyMap<string, PartDokument>;
  readonly sisteSeq: readonly SisteSeq[];
}

/** Where a session's rows go: inserts in its transaction, or the bulk loader's COPY buffers. */
export type LedgerWriter = (flush: Flush) => Promise<void>;

const insertChunkRows = 500;

/** The booking path: one insert per table and chunk, the read-model rows and the newest postings, in the session's transaction. */
export function insertWriter(trx: Kysely<Database>): LedgerWriter {
  return async ({ rows, dokumenter, sisteSeq }) => {
    await insertChunks(rows.krav, (chunk) => trx.insertInto('krav').values(chunk).execute());
    await insertChunks(rows.kravforfall, (chunk) => trx.insertInto('kravforfall').values(chunk).execute());
    await insertChunks(rows.innbetaling, (chunk) => trx.insertInto('innbetaling').values(chunk).execute());
    await insertChunks(rows.utbetaling, (chunk) => trx.insertInto('utbetaling').values(chunk).execute());
    await insertChunks(rows.utbetaling_status, (chunk) => trx.insertInto('utbetaling_status').values(chunk).execute());
    await insertChunks(rows.plassering, (chunk) => trx.insertInto('plassering').values(chunk).execute());
    await insertChunks(rows.levering, (chunk) => trx.insertInto('levering').values(chunk).execute());
    await insertChunks(rows.utsettelse, (chunk) => trx.insertInto('utsettelse').values(chunk).execute());
    await insertChunks(rows.refusjon, (chunk) => trx.insertInto('refusjon').values(chunk).execute());
    await insertChunks(rows.kommando, (chunk) =>
      trx
        .insertInto('kommando')
        .values(chunk.map((row) => ({ ...row, resultat: sql`${row.resultat}::jsonb` })))
        .execute(),
    );
    await skrivDokumenter(trx, dokumenter);
    if (sisteSeq.length > 0) {
      await trx
        .insertInto('part_siste_seq')
        .values(sisteSeq.map((s) => ({ part_id: s.partId, siste_seq: s.seq, siste_bokfoert_dato: s.dato })))
        .onConflict((oc) =>
          oc.column('part_id').doUpdateSet({
            siste_seq: (eb) => eb.ref('excluded.siste_seq'),
            siste_bokfoert_dato: sql`greatest(part_siste_seq.siste_bokfoert_dato, excluded.siste_bokfoert_dato)`,
          }),
        )
        .execute();
    }
  };
}

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += insertChunkRows) await insert(rows.slice(start, start + insertChunkRows));
}
