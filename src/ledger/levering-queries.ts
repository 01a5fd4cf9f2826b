import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { LocalDate } from '../domain/dates.js';
import type { Leveringstype } from './tables.js';

export interface Levering {
  readonly partId: string;
  readonly leveringstype: Leveringstype;
  readonly periodeAar: number;
  readonly termin: string | null;
  readonly levertDato: LocalDate;
}

/** The filings booked for a party up to a date, for the calendar's reporting status. */
export async function finnLeveringer(db: Kysely<Database>, query: { partId: string; asOf: LocalDate; periodeAar?: readonly number[] }): Promise<Levering[]> {
  const rows = await db
    .selectFrom('levering')
    .select(['part_id', 'leveringstype', 'periode_aar', 'termin', 'levert_dato'])
    .where('part_id', '=', query.partId)
    .where('bokfoert_dato', '<=', query.asOf)
    .$if(query.periodeAar !== undefined && query.periodeAar.length > 0, (q) => q.where('periode_aar', 'in', query.periodeAar!))
    .orderBy('seq')
    .execute();
  return rows.map((row) => ({ partId: row.part_id, leveringstype: row.leveringstype, periodeAar: row.periode_aar, termin: row.termin, levertDato: row.levert_dato }));
}
