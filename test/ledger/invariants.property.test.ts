import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { addDays, localDate, type LocalDate } from '../../src/domain/dates.js';
import { toOere } from '../../src/domain/money.js';
import {
  bokfoerInnbetaling,
  bokfoerKrav,
  buildPartView,
  kjoerOppgjoer,
  kontrollerInvarianter,
  type InnbetalingInput,
  type KravInput,
  type Utfall,
} from '../../src/ledger/index.js';
import { describeEachDatabase } from '../support/databases.js';
import { nyNoekkel, nyttEnk } from './fixtures.js';

/**
 * Random histories for a small debtor group (an ENK and its owner): claims and credits on either
 * party, payments with and without a (valid or broken) KID to either ledger, daily runs with and
 * without refunds, over random business dates. After each history: every invariant holds as of
 * many dates, every view builds (and checks itself), and re-sending every command changes nothing.
 */
type Party = 'enk' | 'eier';

type Step =
  | { kind: 'krav'; party: Party; days: number; credit: boolean; kravtype: number; items: { dueOffset: number; oere: number }[] }
  | { kind: 'innbetaling'; party: Party; days: number; oere: number; kid: 'none' | 'broken' | number; earlierDays: number; vat: boolean }
  | { kind: 'oppgjoer'; party: Party; days: number; refund: boolean };

const debitTypes = ['arbeidsgiveravgift', 'åBetaleMva', 'restskatt', 'forskuddstrekk'] as const;
const creditTypes = ['tilgodeMva', 'tilbakebetalingRestskatt'] as const;
const party = fc.constantFrom<Party>('enk', 'eier');
const days = fc.integer({ min: 0, max: 25 });
const oere = fc.integer({ min: 1, max: 3_000_000 });

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('krav' as const), party, days, credit: fc.nat({ max: 4 }).map((n) => n === 0), kravtype: fc.nat(), items: fc.array(fc.record({ dueOffset: fc.integer({ min: -40, max: 60 }), oere }), { minLength: 1, maxLength: 3 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('innbetaling' as const), party, days, oere, kid: fc.oneof(fc.constant('none' as const), fc.constant('broken' as const), fc.nat()), earlierDays: fc.integer({ min: 0, max: 5 }), vat: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('oppgjoer' as const), party, days, refund: fc.boolean() }) },
);

type Sent = { run: () => Promise<Utfall<unknown>>; first: Utfall<unknown> };

async function counts(db: Kysely<Database>) {
  const result = await sql<{ n: string }>`
    select concat_ws(',', (select count(*) from kommando), (select count(*) from krav), (select count(*) from kravforfall),
      (select count(*) from innbetaling), (select count(*) from plassering), (select count(*) from utbetaling),
      (select count(*) from utbetaling_status)) as n`.execute(db);
  return result.rows[0]!.n;
}

async function runHistory(db: Kysely<Database>, steps: readonly Step[], accounts: { enk: boolean; eier: boolean }) {
  const { enk, eier } = await nyttEnk(db, { utbetalingskonto: accounts.enk ? '12345678903' : undefined, eier: { utbetalingskonto: accounts.eier ? '15030000002' : undefined } });
  const ids: Record<Party, string> = { enk, eier };
  let date = localDate('2023-01-02');
  const dates: LocalDate[] = [];
  const kids: string[] = [];
  const sent: Sent[] = [];
  const send = async <R,>(run: () => Promise<Utfall<R>>) => {
    const first = await run();
    sent.push({ run, first });
    return first;
  };
  for (const s of steps) {
    date = addDays(date, s.days);
    dates.push(date);
    const bokfoertDato = date;
    if (s.kind === 'krav') {
      const types = s.credit ? creditTypes : debitTypes;
      const input: KravInput = {
        idempotencyKey: nyNoekkel('prop'),
        bokfoertDato,
        partId: ids[s.party],
        kravtype: types[s.kravtype % types.length]!,
        periode: { beskrivelse: 'Termin', aar: 2023 },
        forfall: s.items.map((item) => ({ forfallsdato: addDays(bokfoertDato, item.dueOffset), beloepOere: toOere(s.credit ? -item.oere : item.oere) })),
      };
      const result = await send(() => bokfoerKrav(db, input));
      if (result.forfall[0]!.kid) kids.push(result.forfall[0]!.kid);
    } else if (s.kind === 'innbetaling') {
      const valid = typeof s.kid === 'number' && kids.length > 0 ? kids[s.kid % kids.length] : undefined;
      const kid = s.kid === 'broken' && kids.length > 0 ? `${kids[0]!.slice(0, -1)}${kids[0]!.endsWith('0') ? '1' : '0'}` : valid;
      const input: InnbetalingInput = {
        idempotencyKey: nyNoekkel('prop'),
        bokfoertDato,
        innbetalingsdato: addDays(bokfoertDato, -s.earlierDays),
        partId: ids[s.party],
        beloepOere: toOere(s.oere),
        kid,
        mottakerkonto: s.vat ? '76940518888' : undefined,
      };
      await send(() => bokfoerInnbetaling(db, input));
    } else {
      const input = { bokfoertDato, partId: ids[s.party], refunderUplassert: s.refund };
      await send(async () => (await kjoerOppgjoer(db, input))[0]!);
    }
  }
  return { enk, eier, dates, sent };
}

describeEachDatabase('ledger invariants (property)', ({ handle }) => {
  it('hold for every party and date, and re-sending every command changes nothing', async () => {
    const { db } = handle();
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), fc.record({ enk: fc.boolean(), eier: fc.boolean() }), async (steps, accounts) => {
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
        // One history known to reach a set-off with interest, a refund and a payout, besides the random ones.
        examples: [
          [
            [
              { kind: 'krav', party: 'enk', days: 0, credit: false, kravtype: 0, items: [{ dueOffset: 0, oere: 1_000_000 }] },
              { kind: 'innbetaling', party: 'eier', days: 40, oere: 50_000, kid: 'none', earlierDays: 0, vat: true },
              { kind: 'krav', party: 'enk', days: 1, credit: true, kravtype: 0, items: [{ dueOffset: 0, oere: 2_000_000 }] },
              { kind: 'oppgjoer', party: 'eier', days: 1, refund: true },
            ],
            { enk: true, eier: true },
          ],
        ],
      },
    );
    // The histories reached every path where money moves (a generator that never did would prove little).
    const reached = await sql<Record<'renter' | 'motregninger' | 'utbetalinger' | 'refusjoner' | 'uplassert', number>>`
      select (select count(*)::int from krav where hovedstol_krav_id is not null) as renter,
             (select count(*)::int from plassering where kilde = 'motregning') as motregninger,
             (select count(*)::int from utbetaling) as utbetalinger,
             (select count(*)::int from krav where kravtype = 'motpostTilbakebetaling') as refusjoner,
             (select count(*)::int from innbetaling i where i.beloep_oere > (select coalesce(sum(beloep_oere), 0) from plassering p where p.innbetaling_id = i.innbetaling_id)) as uplassert`.execute(db);
    for (const [path, count] of Object.entries(reached.rows[0]!)) expect(count, path).toBeGreaterThan(0);
  });
});
