import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { sql } from 'kysely';

/**
 * A cheap version of everything a party's view depends on, for ETags and body caches (decision
 * 0031): the newest posting and the master data of the party and its ENK owner — and, when the
 * debtor group has more members (an owner with ENKs), theirs too, since a placement shown in the
 * view names a due item of another member with what remains of it. One query on the part keys;
 * `undefined` for a party the ledger does not know.
 */
export async function partVersjon(db: Kysely<Database>, partId: string): Promise<string | undefined> {
  return (await partVersjonMedGruppe(db, partId))?.versjon;
}

/** The version and the debtor group's members: a cached version must go when any of them changes. */
export async function partVersjonMedGruppe(db: Kysely<Database>, partId: string): Promise<{ versjon: string; gruppe: string[] } | undefined> {
  const anker = sql<string>`(select coalesce(eier_part_id, part_id) from part where part_id = ${partId})`;
  const rows = await db
    .selectFrom('part as p')
    .leftJoin('part_siste_seq as s', 's.part_id', 'p.part_id')
    .select(['p.part_id', 'p.navn', 'p.eier_part_id', 'p.skjermet', 'p.utbetalingskonto', 's.siste_seq'])
    .where((eb) => eb.or([eb('p.part_id', '=', anker), eb('p.eier_part_id', '=', anker)]))
    .orderBy('p.part_id')
    .execute();
  const part = rows.find((row) => row.part_id === partId);
  if (!part) return undefined;
  const inView = (id: string) => id === partId || id === part.eier_part_id;
  const others = rows.filter((row) => !inView(row.part_id));
  const versjon = JSON.stringify(rows.filter((row) => inView(row.part_id))) + (others.length === 0 ? '' : `+${JSON.stringify(others)}`);
  return { versjon, gruppe: rows.map((row) => row.part_id) };
}
