import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { assertInvariant } from '../domain/assert.js';
import type { LocalDate } from '../domain/dates.js';
import type { Oere } from '../domain/money.js';

/** A payout as the bank is asked to make it: to whom, where, how much, with which message. */
export interface Utbetalingsordre {
  readonly utbetalingId: string;
  readonly partId: string;
  readonly beloepOere: Oere;
  readonly konto: string;
  /** The account holder's name as booked, else the party's. */
  readonly mottakerNavn: string;
  readonly melding: string | null;
}

/**
 * Every payout the daily run made to an account on `dato`, in booking order: the day's payment
 * order to the bank. A cheque or payout card goes by post (decision 0163), not in the file.
 */
export async function utbetalingsordrer(db: Kysely<Database>, dato: LocalDate): Promise<Utbetalingsordre[]> {
  const rows = await db
    .selectFrom('utbetaling as u')
    .innerJoin('part as p', 'p.part_id', 'u.part_id')
    .select(['u.utbetaling_id', 'u.part_id', 'u.beloep_oere', 'u.konto', 'u.kontoeiers_navn', 'u.melding', 'p.navn'])
    .where('u.utbetaltdato', '=', dato)
    .where('u.utbetalingsmaate', '=', 'konto')
    .orderBy(sql`length(u.utbetaling_id)`)
    .orderBy('u.utbetaling_id')
    .execute();
  return rows.map((row) => {
    assertInvariant(row.konto !== null, `payout ${row.utbetaling_id} to an account has one`);
    return { utbetalingId: row.utbetaling_id, partId: row.part_id, beloepOere: row.beloep_oere, konto: row.konto, mottakerNavn: row.kontoeiers_navn ?? row.navn, melding: row.melding };
  });
}
