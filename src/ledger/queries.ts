import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { LocalDate } from '../domain/dates.js';
import type { Oere } from '../domain/money.js';
import type { Utbetalingstatus } from './tables.js';

/**
 * The two derived amounts everything else rests on, computed in SQL from the placements booked up
 * to a date (all of them when `asOf` is undefined), so the commands and the views agree:
 * what remains of each due item, and what is unplaced of each payment.
 */
function bookedUpTo(asOf: LocalDate | undefined) {
  return asOf === undefined ? sql`` : sql`and p.bokfoert_dato <= ${asOf}`;
}

/**
 * Due items with their claim and remaining amount (select from `f`). Debit items are covered by payments and
 * set-off (`kravforfall_id`); credit items by payouts (`kravforfall_id`) and by being the
 * counter-claim of a set-off (`motkrav_forfall_id`): remaining = original − sign × covered.
 */
export function kravforfallQuery(db: Kysely<Database>, asOf: LocalDate | undefined) {
  const inner = db
    .selectFrom('kravforfall as f')
    .innerJoin('krav as k', 'k.krav_id', 'f.krav_id')
    .select([
      'f.kravforfall_id',
      'f.krav_id',
      'f.nummer',
      'f.forfallsdato',
      'f.beloep_oere',
      'f.kid',
      'f.mottakerkonto',
      'k.part_id',
      'k.kravtype',
      'k.kravgruppe',
      'k.beskrivelse',
      'k.periode_beskrivelse',
      'k.periode_aar',
      'k.periode_fra',
      'k.periode_til',
      'k.termin',
      'k.opprettet_dato',
      'k.fastsettingsmaate',
      'k.hovedstol_krav_id',
      'k.bokfoert_dato as krav_bokfoert_dato',
      sql<number>`(select count(*)::int from kravforfall f2 where f2.krav_id = f.krav_id)`.as('antall_forfall'),
      sql<Oere>`f.beloep_oere - sign(f.beloep_oere)::bigint * (
        (select coalesce(sum(p.beloep_oere), 0) from plassering p where p.kravforfall_id = f.kravforfall_id ${bookedUpTo(asOf)}) +
        (select coalesce(sum(p.beloep_oere), 0) from plassering p where p.motkrav_forfall_id = f.kravforfall_id ${bookedUpTo(asOf)})
      )::bigint`.as('gjenstaaende_oere'),
    ])
    .$if(asOf !== undefined, (q) => q.where('k.bokfoert_dato', '<=', asOf!));
  return db.selectFrom(inner.as('f'));
}

export type KravforfallRow = Awaited<ReturnType<ReturnType<ReturnType<typeof kravforfallQuery>['selectAll']>['execute']>>[number];

/** Payments with what is left unplaced of each (select from `i`). */
export function innbetalingQuery(db: Kysely<Database>, asOf: LocalDate | undefined) {
  const inner = db
    .selectFrom('innbetaling as i')
    .selectAll('i')
    .select(
      sql<Oere>`i.beloep_oere - (select coalesce(sum(p.beloep_oere), 0) from plassering p where p.innbetaling_id = i.innbetaling_id ${bookedUpTo(asOf)})::bigint`.as(
        'uplassert_oere',
      ),
    )
    .$if(asOf !== undefined, (q) => q.where('i.bokfoert_dato', '<=', asOf!));
  return db.selectFrom(inner.as('i'));
}

export type InnbetalingRow = Awaited<ReturnType<ReturnType<ReturnType<typeof innbetalingQuery>['selectAll']>['execute']>>[number];

/** Payouts with their status as of the date (the newest status booked up to it). */
export function utbetalingQuery(db: Kysely<Database>, asOf: LocalDate) {
  return db
    .selectFrom('utbetaling as u')
    .selectAll('u')
    .select(
      sql<Utbetalingstatus>`(select s.status from utbetaling_status s where s.utbetaling_id = u.utbetaling_id and s.dato <= ${asOf} order by s.seq desc limit 1)`.as(
        'status',
      ),
    )
    .where('u.bokfoert_dato', '<=', asOf);
}

export type UtbetalingRow = Awaited<ReturnType<ReturnType<typeof utbetalingQuery>['execute']>>[number];
