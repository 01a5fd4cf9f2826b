import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';

/**
 * The change feed's source (decision 0126): each transaction that changes a party's data (a
 * booking, master data) stamps the party with its transaction id. A reader takes the horizon,
 * the oldest transaction still running: every id below it has ended, and every transaction that
 * commits later has an id at or above it. So the window [previous horizon, this horizon) holds
 * each committed change exactly once, whatever order the transactions committed in.
 */
export async function merkEndret(trx: Kysely<Database>, partIds: readonly string[]): Promise<void> {
  if (partIds.length === 0) return;
  await trx.executeQuery(CompiledQuery.raw(merkEndretSql, [[...new Set(partIds)]]));
}

/** The same stamp for the bulk loader, which writes on its own COPY connection: one parameter, the party ids (distinct). */
export const merkEndretSql =
  'insert into part_endring (part_id, xid) select unnest($1::text[]), pg_current_xact_id() on conflict (part_id) do update set xid = excluded.xid';

/** Every transaction with a smaller id has ended; its decimal text. */
export async function endringsHorisont(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ horisont: string }>`select pg_snapshot_xmin(pg_current_snapshot())::text as horisont`.execute(db);
  return rows[0]!.horisont;
}

export interface EndringsVindu {
  /** The parties asked about (those the caller may read). */
  readonly partIds: readonly string[];
  /** Transaction ids from (inclusive) … */
  readonly fraXid: string;
  /** … to (exclusive): an earlier horizon. */
  readonly tilXid: string;
  /** Only parties after this one (paging), in party order. */
  readonly etterPartId: string;
  readonly antall: number;
}

/**
 * Of the parties asked about, those whose view changed in the window: a change anywhere in the
 * debtor group counts, since an owner's view and an ENK's show each other's items (decision 0031).
 */
export async function endredeParter(db: Kysely<Database>, vindu: EndringsVindu): Promise<string[]> {
  if (vindu.partIds.length === 0) return [];
  const { rows } = await sql<{ part_id: string }>`
    with spurt as (
      select p.part_id, coalesce(p.eier_part_id, p.part_id) as anker
      from part p
      where p.part_id = any(${[...vindu.partIds]}::text[]) and p.part_id > ${vindu.etterPartId}
    )
    select s.part_id
    from spurt s
    where exists (
      select 1
      from part m
      join part_endring e on e.part_id = m.part_id
      where (m.part_id = s.anker or m.eier_part_id = s.anker)
        and e.xid >= ${vindu.fraXid}::xid8 and e.xid < ${vindu.tilXid}::xid8
    )
    order by s.part_id
    limit ${vindu.antall}`.execute(db);
  return rows.map((row) => row.part_id);
}
