import type { ColumnType } from 'kysely';
import type { LocalDate } from '../domain/dates.js';

/** A payment file taken (migration 0010): never changed once written. */
export interface BankfilTable {
  /** The identity the bank gave the file (`readInnbetalingsfil`): the same in every delivery. */
  identitet: ColumnType<string, string, never>;
  format: ColumnType<string, string, never>;
  /** SHA-256 of what the file says (its transactions), not of its bytes: a re-delivery laid out anew is the same file. */
  innhold_sha256: ColumnType<string, string, never>;
  /** The business date it was booked on. */
  bokfoert_dato: ColumnType<LocalDate, LocalDate, never>;
  /** The report it got (`Innbetalingsfilrapport`); read as the parsed document, written as JSON text. */
  rapport: ColumnType<unknown, string, never>;
  registrert_tid: ColumnType<Date, never, never>;
}

export interface BankTables {
  bankfil: BankfilTable;
}
