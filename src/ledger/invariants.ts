import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { assertInvariant } from '../domain/assert.js';
import type { LocalDate } from '../domain/dates.js';
import type { Oere } from '../domain/money.js';
import { innbetalingQuery, kravforfallQuery } from './queries.js';
import { skyldnergruppe } from './skyldnergruppe.js';

const sumOf = (column: string) => sql<Oere>`coalesce(sum(${sql.ref(column)}), 0)::bigint`;

/**
 * Checks a debtor group's books as of a date straight from the facts (tests and operators use it;
 * the commands and views assert the same while they work). Throws `InvariantError` on the first
 * broken rule: every due item within its bounds, no payment placed beyond its amount, every
 * payout equal to what it paid, and the group equation
 * Σ remaining (signed) − Σ unplaced = Σ original (signed) − Σ payments + Σ payouts.
 */
export async function kontrollerInvarianter(db: Kysely<Database>, partId: string, asOf: LocalDate): Promise<void> {
  const ids = await skyldnergruppe(db, partId);
  const [items, payments, payouts] = await Promise.all([
    kravforfallQuery(db, asOf)
      .where('f.part_id', 'in', ids)
      .select([
        sumOf('f.beloep_oere').as('opprinnelig'),
        sumOf('f.gjenstaaende_oere').as('rest'),
        sql<number>`count(*) filter (where (f.beloep_oere > 0 and (f.gjenstaaende_oere < 0 or f.gjenstaaende_oere > f.beloep_oere))
          or (f.beloep_oere < 0 and (f.gjenstaaende_oere > 0 or f.gjenstaaende_oere < f.beloep_oere)))::int`.as('outOfBounds'),
      ])
      .executeTakeFirstOrThrow(),
    innbetalingQuery(db, asOf)
      .where('i.part_id', 'in', ids)
      .select([sumOf('i.beloep_oere').as('innbetalt'), sumOf('i.uplassert_oere').as('uplassert'), sql<number>`count(*) filter (where i.uplassert_oere < 0)::int`.as('overplaced')])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('utbetaling as u')
      .where('u.part_id', 'in', ids)
      .where('u.bokfoert_dato', '<=', asOf)
      .select([
        sumOf('u.beloep_oere').as('utbetalt'),
        sql<number>`count(*) filter (where u.beloep_oere <> (select coalesce(sum(p.beloep_oere), 0) from plassering p where p.utbetaling_id = u.utbetaling_id and p.bokfoert_dato <= ${asOf}))::int`.as(
          'unequal',
        ),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  const where = `debtor group ${ids.join(',')} as of ${asOf}`;
  assertInvariant(items.outOfBounds === 0, `${where}: ${items.outOfBounds} due items outside their bounds`);
  assertInvariant(payments.overplaced === 0, `${where}: ${payments.overplaced} payments placed beyond their amount`);
  assertInvariant(payouts.unequal === 0, `${where}: ${payouts.unequal} payouts unequal to the credits they paid`);
  assertInvariant(
    items.rest - payments.uplassert === items.opprinnelig - payments.innbetalt + payouts.utbetalt,
    `${where}: remaining ${items.rest} − unplaced ${payments.uplassert} ≠ original ${items.opprinnelig} − paid ${payments.innbetalt} + paid out ${payouts.utbetalt}`,
  );
}
