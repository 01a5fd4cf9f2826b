import fc from 'fast-check';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { addDays, localDate } from '../../src/domain/dates.js';
import { buildPartView, kontrollerInvarianter } from '../../src/ledger/index.js';
import { describeEachDatabase } from '../support/databases.js';
import { counts, eksempelHistorier, runHistory, step, utbetalingsveier } from './random-history.js';

/**
 * After each random history: every invariant holds as of many dates, every view builds (and
 * checks itself), and re-sending every command changes nothing.
 */
describeEachDatabase('ledger invariants (property)', ({ handle }) => {
  it('hold for every party and date, and re-sending every command changes nothing', async () => {
    const { db } = handle();
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), utbetalingsveier, async (steps, accounts) => {
        const { enk, eier, dates, sent } = await runHistory(db, steps, accounts);
        const asOfs = [...new Set([addDays(dates[0]!, -1), ...dates, addDays(dates.at(-1)!, 1), addDays(dates.at(-1)!, 90)])];
        const everything = { fraOgMed: localDate('2022-01-01'), tilOgMed: localDate('2023-12-31') };
        for (const asOf of asOfs) {
          await kontrollerInvarianter(db, enk, asOf);
          for (const partId of [enk, eier]) {
            const view = await buildPartView(db, { partId, asOf, aapne: true, kravOpprettet: everything, innbetalt: everything, utbetalt: everything });
            const { total, perKravgruppe } = view.aapne!.oversikt;
            expect(total.sumForfalteKravOere + total.sumIkkeForfalteKravOere).toBe(view.aapne!.krav.reduce((sum, k) => sum + k.gjenstaaendeOere, 0));
            expect(total.saldoOere).toBe(perKravgruppe.reduce((sum, g) => sum + g.saldoOere, 0) - total.sumUplasserteInnbetalingerOere);
          }
        }
        const before = await counts(db);
        for (const { run, first } of sent) expect(await run()).toEqual({ ...first, replayed: true });
        expect(await counts(db)).toBe(before);
      }),
      {
        numRuns: 12,
        examples: eksempelHistorier,
      },
    );
    // The histories reached every path where money moves (a generator that never did would prove little).
    const reached = await sql<Record<'renter' | 'motregninger' | 'utbetalinger' | 'iPosten' | 'refusjoner' | 'uplassert' | 'utsettelser', number>>`
      select (select count(*)::int from krav where hovedstol_krav_id is not null) as renter,
             (select count(*)::int from plassering where kilde = 'motregning') as motregninger,
             (select count(*)::int from utbetaling) as utbetalinger,
             (select count(*)::int from utbetaling where utbetalingsmaate <> 'konto') as "iPosten",
             (select count(*)::int from refusjon r join krav k on k.krav_id = r.krav_id where k.kravtype = 'motpostTilbakebetaling') as refusjoner,
             (select count(*)::int from innbetaling i where i.beloep_oere > (select coalesce(sum(beloep_oere), 0) from plassering p where p.innbetaling_id = i.innbetaling_id)) as uplassert,
             (select count(*)::int from utsettelse) as utsettelser`.execute(db);
    for (const [path, count] of Object.entries(reached.rows[0]!)) expect(count, path).toBeGreaterThan(0);
  });
});
