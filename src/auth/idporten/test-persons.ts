import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Person } from '../representation/person-roles.js';

/** At most this many persons in one answer; the search box narrows the rest. */
export const testPersonsPerPageMax = 50;
export const testPersonSearchLengthMax = 100;

/**
 * The synthetic persons one may log in as (the sandbox's stand-in for BankID): persons in the
 * ledger's `part` table whose name contains the search text, or whose fødselsnummer starts with it.
 */
export async function searchTestPersons(db: Kysely<Database>, search: string): Promise<Person[]> {
  const text = search.trim().slice(0, testPersonSearchLengthMax);
  const pattern = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await db
    .selectFrom('part')
    .where('part_type', '=', 'person')
    .$if(text !== '', (qb) =>
      qb.where((eb) => eb.or([eb('navn', 'ilike', `%${pattern}%`), eb('part_id', 'like', `${pattern}%`)])),
    )
    .select(['part_id', 'navn'])
    .orderBy('navn')
    .orderBy('part_id')
    .limit(testPersonsPerPageMax)
    .execute();
  return rows.map((row) => ({ fnr: row.part_id, navn: row.navn }));
}
