import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/database.js';
import { addDays, localDate, type LocalDate } from '../../src/domain/dates.js';
import { toOere } from '../../src/domain/money.js';
import {
  bokfoerInnbetaling,
  bokfoerKrav,
  kjoerOppgjoer,
  LedgerInputError,
  registrerUtsettelse,
  type InnbetalingInput,
  type KravInput,
  type Utfall,
  type UtsettelseInput,
} from '../../src/ledger/index.js';
import { nyNoekkel, nyttEnk } from './fixtures.js';

/**
 * Random histories for a small debtor group (an ENK and its owner): claims and credits on either
 * party, payments with and without a (valid or broken) KID to either ledger, deferrals of a
 * claim's collection, daily runs with and without refunds, over random business dates. The ledger's invariant property and the API's
 * property test run on them.
 */
export type Party = 'enk' | 'eier';

export type Step =
  | { kind: 'krav'; party: Party; days: number; credit: boolean; kravtype: number; items: { dueOffset: number; oere: number }[] }
  | { kind: 'innbetaling'; party: Party; days: number; oere: number; kid: 'none' | 'broken' | number; earlierDays: number; vat: boolean }
  | { kind: 'oppgjoer'; party: Party; days: number; refund: boolean }
  /** Defers a debit claim booked earlier (the `krav`-th, modulo), from `fromDays` before the date for `lengthDays`. */
  | { kind: 'utsettelse'; days: number; krav: number; klage: boolean; fromDays: number; lengthDays: number };

const debitTypes = ['arbeidsgiveravgift', 'åBetaleMva', 'restskatt', 'forskuddstrekk'] as const;
const creditTypes = ['tilgodeMva', 'tilbakebetalingRestskatt'] as const;
const party = fc.constantFrom<Party>('enk', 'eier');
const days = fc.integer({ min: 0, max: 25 });
const oere = fc.integer({ min: 1, max: 3_000_000 });

export const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('krav' as const), party, days, credit: fc.nat({ max: 4 }).map((n) => n === 0), kravtype: fc.nat(), items: fc.array(fc.record({ dueOffset: fc.integer({ min: -40, max: 60 }), oere }), { minLength: 1, maxLength: 3 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('innbetaling' as const), party, days, oere, kid: fc.oneof(fc.constant('none' as const), fc.constant('broken' as const), fc.nat()), earlierDays: fc.integer({ min: 0, max: 5 }), vat: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('oppgjoer' as const), party, days, refund: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('utsettelse' as const), days, krav: fc.nat(), klage: fc.boolean(), fromDays: fc.integer({ min: 0, max: 30 }), lengthDays: fc.integer({ min: 0, max: 60 }) }),
  },
);

type Sent = { run: () => Promise<Utfall<unknown>>; first: Utfall<unknown> };

export async function counts(db: Kysely<Database>) {
  const result = await sql<{ n: string }>`
    select concat_ws(',', (select count(*) from kommando), (select count(*) from krav), (select count(*) from kravforfall),
      (select count(*) from innbetaling), (select count(*) from plassering), (select count(*) from utbetaling),
      (select count(*) from utbetaling_status), (select count(*) from utsettelse)) as n`.execute(db);
  return result.rows[0]!.n;
}

/** `afterStep` runs after each step has been booked, with the parties and the step's business date. */
export async function runHistory(
  db: Kysely<Database>,
  steps: readonly Step[],
  accounts: { enk: boolean; eier: boolean },
  afterStep?: (state: { enk: string; eier: string; date: LocalDate }) => Promise<void>,
) {
  const { enk, eier } = await nyttEnk(db, { utbetalingskonto: accounts.enk ? '12345678903' : undefined, eier: { utbetalingskonto: accounts.eier ? '15030000002' : undefined } });
  const ids: Record<Party, string> = { enk, eier };
  let date = localDate('2023-01-02');
  const dates: LocalDate[] = [];
  const kids: string[] = [];
  const debitClaims: { partId: string; kravId: string }[] = [];
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
      if (!s.credit) debitClaims.push({ partId: result.partId, kravId: result.kravId });
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
    } else if (s.kind === 'utsettelse') {
      const claim = debitClaims[s.krav % Math.max(1, debitClaims.length)];
      if (claim !== undefined) {
        const input: UtsettelseInput = {
          idempotencyKey: nyNoekkel('prop'),
          bokfoertDato,
          ...claim,
          grunn: s.klage ? 'klage' : 'betalingsutsettelse',
          fraOgMed: addDays(bokfoertDato, -s.fromDays),
          tilOgMed: addDays(bokfoertDato, s.lengthDays),
        };
        // A claim paid in full by now has nothing to defer: the ledger refuses, and the history goes on.
        await send(() => registrerUtsettelse(db, input)).catch((error: unknown) => {
          if (!(error instanceof LedgerInputError && error.code === 'ugyldigKrav')) throw error;
        });
      }
    } else {
      const input = { bokfoertDato, partId: ids[s.party], refunderUplassert: s.refund };
      await send(async () => (await kjoerOppgjoer(db, input))[0]!);
    }
    await afterStep?.({ enk, eier, date });
  }
  return { enk, eier, dates, sent };
}
