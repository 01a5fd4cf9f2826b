import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { demoOrganizations, pendingTestBusiness, publishedTestBusinesses } from '../demo-access.js';
import type { Person } from '../representation/person-roles.js';

/** At most this many persons in one answer; the search box narrows the rest. */
export const testPersonsPerPageMax = 50;
export const testPersonSearchLengthMax = 100;

/** The demo's organisations: whoever may act for one of them is listed first. */
const demoOrgnr: readonly string[] = Object.freeze([...publishedTestBusinesses, pendingTestBusiness, demoOrganizations.accountingFirm.orgnr]);

/**
 * The synthetic persons one may log in as (the sandbox's stand-in for BankID): persons in the
 * ledger's `part` table whose name contains the search text, or whose fødselsnummer starts with it.
 * The demo's persons (owners and leaders of the published test businesses and the accounting
 * firm) come first, so they show without a search among hundreds of synthetic ones.
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
    .orderBy((eb) =>
      eb
        .case()
        .when(
          eb.or([
            eb('part_id', 'in', eb.selectFrom('part as org').select('org.eier_part_id').where('org.part_id', 'in', demoOrgnr).where('org.eier_part_id', 'is not', null)),
            eb('part_id', 'in', eb.selectFrom('er_person_rolle').select('fnr').where('orgnr', 'in', demoOrgnr)),
          ]),
        )
        .then(0)
        .else(1)
        .end(),
    )
    .orderBy('navn')
    .orderBy('part_id')
    .limit(testPersonsPerPageMax)
    .execute();
  return rows.map((row) => ({ fnr: row.part_id, navn: row.navn }));
}
