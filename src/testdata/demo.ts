import { sql, type Kysely } from 'kysely';
import { demoAccessSeeded, demoOrganizations, registrerPersonRoller, seedDemoAccess, type DemoAccess, type PersonRolleInput } from '../auth/index.js';
import type { BulkCopy } from '../db/bulk-copy.js';
import type { Database } from '../db/database.js';
import { assertInvariant } from '../domain/assert.js';
import type { Clock } from '../domain/clock.js';
import { addMonths, dateParts, localDate, type LocalDate } from '../domain/dates.js';
import { toOere } from '../domain/money.js';
import { registrerParter, type PartInput } from '../ledger/index.js';
import type { Betalingsmaate } from './behaviour.js';
import { workingDayOnOrBefore } from './behaviour.js';
import type { Hendelse } from './events.js';
import { planHistory, planlagtKid, type Overstyring, type Virksomhet } from './history.js';
import { demoFnr } from './identities.js';
import { Prng } from './prng.js';
import { BookingCounter, bookHistory, seedDefaults, seedSynthetic, type SeedReporting, type SeedSummary } from './seed.js';
import { historyCommands, historyWindow } from './synthetic-history.js';

/**
 * The demo dataset (`kob seed --demo`, and `npm start` on an empty database): the published test
 * businesses, each in its own situation as of the business date, with persons who can log in to
 * Min side; the accounting firm and its daglig leder; the vendor's and the bank's access
 * (`seedDemoAccess`); and a few hundred synthetic businesses. Who has what is in README.md and
 * docs/decisions/0062-demo-situasjoner.md; test/testdata/demo.test.ts checks every line.
 */
export const demoSyntheticParties = 250;

export interface DemoPerson {
  readonly fnr: string;
  readonly navn: string;
  readonly skjermet?: boolean;
}

export interface DemoBusiness {
  readonly orgnr: string;
  readonly navn: string;
  readonly organisasjonsform: 'ENK' | 'AS';
  /** The owner of an ENK, the daglig leder (and styreleder) of an AS. */
  readonly personer: readonly DemoPerson[];
  readonly mvaTermintype?: 'tomaaneders' | 'aarlig';
  readonly arbeidsgiver: boolean;
  /** What to fix instead of drawing, by obligation id, for the business date's year `aar`. */
  readonly overstyringer: (aar: number) => Readonly<Record<string, Overstyring>>;
  /** Events beyond the registrations (the unplaced payment). */
  readonly ekstra?: (idag: LocalDate) => readonly Hendelse[];
}

/** Tenor numbers from the demo's own range of individnummer (400–499), first valid from `individ`. */
function demoPerson(navn: string, day: number, month: number, year: number, individ: number, skjermet = false): DemoPerson {
  for (let candidate = individ; candidate <= 499; candidate++) {
    const fnr = demoFnr(day, month, year, candidate);
    if (fnr) return { fnr, navn, ...(skjermet ? { skjermet } : {}) };
  }
  assertInvariant(false, `no Tenor number for ${navn}`);
}

export const demoPersons = Object.freeze({
  kari: demoPerson('Kari Fjellheim', 12, 3, 1978, 401),
  nils: demoPerson('Nils Nordlys', 4, 11, 1985, 411),
  ingrid: demoPerson('Ingrid Solberg', 23, 6, 1971, 421),
  per: demoPerson('Per Solberg', 2, 2, 1969, 431),
  hanne: demoPerson('Hanne Strand', 17, 9, 1990, 441, true),
  anders: demoPerson('Anders Vik', 30, 1, 1965, 451),
  liv: demoPerson('Liv Berg', 8, 8, 1982, 461),
  marte: demoPerson('Marte Tallaksen', 15, 5, 1975, 471),
});

const paidOnTime: readonly Betalingsmaate[] = Object.freeze(Array.from({ length: 12 }, () => 'iTide' as const));

export const demoBusinesses: readonly DemoBusiness[] = Object.freeze([
  {
    orgnr: '313367002',
    navn: 'Fjellheim Rørleggerservice',
    organisasjonsform: 'ENK',
    personer: [demoPersons.kari],
    mvaTermintype: 'tomaaneders',
    arbeidsgiver: true,
    overstyringer: (aar) => ({
      // Overdue: neither AGA nor forskuddstrekk of 3rd term last year is paid; interest accrues.
      [`aga-forskuddstrekk-${aar - 1}-03`]: { betaling: ['ikke', 'ikke'] },
      // Filed late and paid late: the ledger posts a forsinkelsesrente claim on it.
      [`mva-melding-${aar - 1}-02`]: { levering: 'sent' },
      [`mva-betaling-${aar - 1}-02`]: { betaling: ['sent'], beloepOere: toOere(38_450_00) },
      // The owner's forskuddsskatt last year: first term paid, three not.
      [`forskuddsskatt-${aar - 1}`]: { betaling: ['iTide', 'ikke', 'ikke', 'ikke'] },
      // No a-melding for September last year, and a tvangsmulkt for it (paid).
      [`a-melding-${aar - 1}-09`]: { levering: 'mangler', reaksjon: true },
      [`skattemelding-${aar - 2}`]: { skatteoppgjoer: 'restskatt' },
    }),
    // The overdue AGA of last year's 3rd term gets a payment deferral of two months from today:
    // flagged, left alone by set-off, interest running on (decision 0160).
    ekstra: (idag) => [
      {
        kind: 'utsettelse',
        navn: 'utsettelse-aga',
        dato: idag,
        input: { partId: '313367002', kid: planlagtKid('313367002', 'aga', dateParts(idag).year - 1, 3), grunn: 'betalingsutsettelse', tilOgMed: addMonths(idag, 2) },
      },
    ],
  },
  {
    orgnr: '311851381',
    navn: 'Nordlys Frisør',
    organisasjonsform: 'ENK',
    personer: [demoPersons.nils],
    mvaTermintype: 'aarlig',
    arbeidsgiver: false,
    overstyringer: (aar) => ({
      // VAT credit for the year before last: paid out to the registered account.
      [`mva-betaling-${aar - 2}`]: { beloepOere: toOere(-8_400_00) },
      [`skattemelding-${aar - 2}`]: { skatteoppgjoer: 'tilgode' },
    }),
    // A payment to an account no claim uses: nothing can take it, so it waits, unplaced.
    ekstra: (idag) => [
      {
        kind: 'innbetaling',
        navn: 'uplassert-innbetaling',
        dato: idag,
        input: {
          partId: '311851381',
          beloepOere: toOere(2_750_00),
          innbetalingsdato: workingDayOnOrBefore(idag),
          melding: 'Innbetaling uten KID',
          betalerNavn: demoPersons.nils.navn,
          mottakerkonto: '76940523121',
        },
      },
    ],
  },
  {
    orgnr: '314961900',
    navn: 'Solberg Bygg AS',
    organisasjonsform: 'AS',
    personer: [demoPersons.ingrid, demoPersons.per],
    mvaTermintype: 'tomaaneders',
    arbeidsgiver: true,
    overstyringer: (aar) => ({
      // AGA of 2nd term last year unpaid, then a VAT credit is set off against it; the rest is paid out.
      [`aga-forskuddstrekk-${aar - 1}-02`]: { betaling: ['ikke', 'iTide'], beloepOere: toOere(200_000_00) },
      [`mva-betaling-${aar - 1}-04`]: { beloepOere: toOere(-60_000_00) },
    }),
  },
  {
    orgnr: '314055403',
    navn: 'Havbris Design',
    organisasjonsform: 'ENK',
    personer: [demoPersons.hanne],
    mvaTermintype: 'tomaaneders',
    arbeidsgiver: false,
    overstyringer: () => ({}),
  },
  {
    orgnr: '212201782',
    navn: 'Vestkyst Transport AS',
    organisasjonsform: 'AS',
    personer: [demoPersons.anders],
    mvaTermintype: 'tomaaneders',
    arbeidsgiver: true,
    overstyringer: (aar) => ({ [`skattemelding-${aar - 2}`]: { skatteoppgjoer: 'restskatt' } }),
  },
  {
    orgnr: '310478717',
    navn: 'Berg Landskap',
    organisasjonsform: 'ENK',
    personer: [demoPersons.liv],
    mvaTermintype: 'aarlig',
    arbeidsgiver: false,
    overstyringer: () => ({}),
  },
  {
    orgnr: demoOrganizations.accountingFirm.orgnr,
    navn: demoOrganizations.accountingFirm.name,
    organisasjonsform: 'AS',
    personer: [demoPersons.marte],
    mvaTermintype: 'tomaaneders',
    arbeidsgiver: true,
    overstyringer: () => ({}),
  },
]);

const demoRegistrertDato = localDate('2015-01-01');
/** Kroner figures that end in 00: a demo amount is easy to follow from one view to the next. */
const demoMvaTerminOere = (termin: number) => toOere((30_000 + 1_000 * termin) * 100);

export interface DemoOptions {
  readonly today: LocalDate;
  readonly dataDir: string;
  readonly publicUrl: string;
  readonly clock: Clock;
  readonly reporting: SeedReporting;
  /** Write the synthetic businesses with COPY (see `SeedOptions.bulkCopy`). */
  readonly bulkCopy?: BulkCopy | undefined;
}

export interface DemoSummary {
  readonly access: DemoAccess;
  readonly demo: { readonly virksomheter: number; readonly rader: number };
  readonly synthetic: SeedSummary;
}

/** Seeds the whole demo dataset; again on the same database it changes nothing. */
export async function seedDemo(db: Kysely<Database>, options: DemoOptions): Promise<DemoSummary> {
  // Kari Fjellheim consents as a person too: the bank reads her own forskuddsskatt by fødselsnummer.
  const access = await seedDemoAccess(db, { dataDir: options.dataDir, publicUrl: options.publicUrl, clock: options.clock, consentingPersons: [demoPersons.kari.fnr] });
  const window = historyWindow(options.today, seedDefaults.years);
  const aar = dateParts(options.today).year;
  const counter = new BookingCounter(demoBusinesses.length, { elapsedMs: options.reporting.elapsedMs });
  await registrerParter(db, demoBusinesses.flatMap((b) => [...b.personer.map((p) => personPart(p, b.organisasjonsform === 'ENK')), organisationPart(b)]));
  await registrerPersonRoller(db, demoBusinesses.flatMap(roles));
  for (const business of demoBusinesses) {
    const virksomhet = demoVirksomhet(business);
    const overstyringer = business.overstyringer(aar);
    const hendelser = planHistory(virksomhet, { ...window, prng: Prng.of('demo', business.orgnr), overstyr: (id) => demoOverstyring(id, overstyringer) });
    await bookHistory(db, virksomhet, historyCommands(virksomhet, [...hendelser, ...(business.ekstra?.(options.today) ?? [])], { keyPrefix: `demo-${business.orgnr}`, til: options.today }), counter);
    counter.businessDone();
  }
  const synthetic = await seedSynthetic(db, { parties: demoSyntheticParties, seed: seedDefaults.seed, years: seedDefaults.years, today: options.today, bulkCopy: options.bulkCopy }, options.reporting);
  return { access, demo: { virksomheter: demoBusinesses.length, rader: counter.progress().rader }, synthetic };
}

/**
 * The published businesses behave well unless told otherwise: every filing on time, every item
 * paid on time with KID, no random credits, no settlement; so each situation is the one written.
 */
function demoOverstyring(id: string, overstyringer: Readonly<Record<string, Overstyring>>): Overstyring {
  const fast = overstyringer[id] ?? {};
  const mvaTermin = /^mva-betaling-\d{4}(?:-(\d{2}))?$/.exec(id);
  return {
    levering: 'iTide',
    betaling: paidOnTime,
    skatteoppgjoer: 'ingen',
    reaksjon: false,
    ...(mvaTermin ? { beloepOere: demoMvaTerminOere(Number(mvaTermin[1] ?? 0)) } : {}),
    ...fast,
  };
}

function demoVirksomhet(business: DemoBusiness): Virksomhet {
  const eier = business.organisasjonsform === 'ENK' ? personPart(business.personer[0]!, true) : undefined;
  return { organisasjon: organisationPart(business), eier, disiplin: { levering: 'god', betaling: 'god' }, skala: 1, betalerKonto: '15030000002' };
}

function personPart(person: DemoPerson, eier: boolean): PartInput {
  return {
    partId: person.fnr,
    navn: person.navn,
    skjermet: person.skjermet ?? false,
    utbetalingskonto: '12345678903',
    // An ENK's owner pays forskuddsskatt; a daglig leder is a wage earner here.
    forskuddspliktig: eier,
    registrertDato: demoRegistrertDato,
  };
}

function organisationPart(business: DemoBusiness): PartInput & { organisasjonsform: string } {
  return {
    partId: business.orgnr,
    navn: business.navn,
    organisasjonsform: business.organisasjonsform,
    eierPartId: business.organisasjonsform === 'ENK' ? business.personer[0]!.fnr : undefined,
    utbetalingskonto: '15030000002',
    mvaTermintype: business.mvaTermintype,
    arbeidsgiver: business.arbeidsgiver,
    forskuddspliktig: true,
    registrertDato: demoRegistrertDato,
  };
}

function roles(business: DemoBusiness): PersonRolleInput[] {
  if (business.organisasjonsform === 'ENK') return [];
  const [leder, styreleder] = [business.personer[0]!, business.personer[1] ?? business.personer[0]!];
  return [
    { orgnr: business.orgnr, fnr: leder.fnr, rolle: 'daglig_leder' },
    { orgnr: business.orgnr, fnr: styreleder.fnr, rolle: 'styreleder' },
  ];
}

/**
 * `npm start`: seeds the demo dataset when the database holds no party and no demo access yet,
 * else nothing (a database someone has filled, or seeded before, is never touched). Returns what
 * it seeded. Processes that may start together on one PostgreSQL call it under `withSeedLock`.
 */
export async function seedDemoOnFirstStart(db: Kysely<Database>, options: DemoOptions, announce: () => void = () => undefined): Promise<DemoSummary | undefined> {
  const anyParty = await db.selectFrom('part').select('part_id').limit(1).executeTakeFirst();
  if (anyParty || (await demoAccessSeeded(db))) return undefined;
  announce();
  return seedDemo(db, options);
}

/** An arbitrary, fixed key for PostgreSQL's advisory lock: "kob seed". */
const seedLockKey = 0x6b6f6273;

/**
 * Runs `work` while holding a PostgreSQL advisory lock, so two servers starting at once on one
 * empty database seed it once: the second finds it seeded. The lock lives on a connection of its
 * own; the work uses the pool's others.
 */
export async function withSeedLock<T>(db: Kysely<Database>, work: () => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${seedLockKey})`.execute(connection);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${seedLockKey})`.execute(connection);
    }
  });
}
