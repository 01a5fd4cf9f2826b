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

/** How each party gets a payout: to its account, by post to its address (cheque or payout card), or not at all. */
export type Utbetalingsvei = 'konto' | 'adresse' | 'ingen';
export type Utbetalingsveier = Record<Party, Utbetalingsvei>;
const utbetalingsvei = fc.constantFrom<Utbetalingsvei>('konto', 'adresse', 'ingen');
export const utbetalingsveier: fc.Arbitrary<Utbetalingsveier> = fc.record({ enk: utbetalingsvei, eier: utbetalingsvei });

const postadresse = { adressetekst: ['Storgata 1'], postnummer: '0155', poststedsnavn: 'OSLO', landkode: 'NO' };

/**
 * Histories known to reach what random ones reach only now and then, run before them: a set-off
 * with interest, a refund and a payout; a deferral that keeps a credit off a debt until it ends;
 * a refund paid by payout card and a credit paid by cheque (decision 0163).
 */
export const eksempelHistorier: [Step[], Utbetalingsveier][] = [
  [
    [
      { kind: 'krav', party: 'enk', days: 0, credit: false, kravtype: 0, items: [{ dueOffset: 0, oere: 1_000_000 }] },
      { kind: 'innbetaling', party: 'eier', days: 40, oere: 50_000, kid: 'none', earlierDays: 0, vat: true },
      { kind: 'krav', party: 'enk', days: 1, credit: true, kravtype: 0, items: [{ dueOffset: 0, oere: 2_000_000 }] },
      { kind: 'oppgjoer', party: 'eier', days: 1, refund: true },
    ],
    { enk: 'konto', eier: 'konto' },
  ],
  // A deferral that keeps a credit off the debt until it ends, then the set-off.
  [
    [
      { kind: 'krav', party: 'enk', days: 0, credit: false, kravtype: 0, items: [{ dueOffset: 0, oere: 1_000_000 }] },
      { kind: 'utsettelse', days: 40, krav: 0, klage: true, fromDays: 0, lengthDays: 10 },
      { kind: 'krav', party: 'enk', days: 1, credit: true, kravtype: 0, items: [{ dueOffset: 0, oere: 2_000_000 }] },
      { kind: 'oppgjoer', party: 'eier', days: 20, refund: false },
    ],
    { enk: 'ingen', eier: 'ingen' },
  ],
  // A VAT payment nothing in its ledger takes, paid back by payout card (the overdue AGA is
  // another ledger's, decision 0003); then a credit set off against the AGA and paid out by cheque.
  [
    [
      { kind: 'krav', party: 'enk', days: 0, credit: false, kravtype: 0, items: [{ dueOffset: 0, oere: 1_000_000 }] },
      { kind: 'innbetaling', party: 'eier', days: 40, oere: 3_000_000, kid: 'none', earlierDays: 0, vat: true },
      { kind: 'oppgjoer', party: 'eier', days: 1, refund: true },
      { kind: 'krav', party: 'enk', days: 1, credit: true, kravtype: 0, items: [{ dueOffset: 0, oere: 2_000_000 }] },
      { kind: 'oppgjoer', party: 'enk', days: 1, refund: false },
    ],
    { enk: 'adresse', eier: 'adresse' },
  ],
];

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
  accounts: Utbetalingsveier,
  afterStep?: (state: { enk: string; eier: string; date: LocalDate }) => Promise<void>,
) {
  const vei = (party: Party, konto: string) => ({
    utbetalingskonto: accounts[party] === 'konto' ? konto : undefined,
    postadresse: accounts[party] === 'adresse' ? postadresse : undefined,
  });
  const { enk, eier } = await nyttEnk(db, { ...vei('enk', '12345678903'), eier: vei('eier', '15030000002') });
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
