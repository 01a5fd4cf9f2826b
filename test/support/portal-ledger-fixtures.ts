import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.js';
import { localDate, type LocalDate } from '../../src/domain/dates.js';
import { toOere } from '../../src/domain/money.js';
import { bokfoerInnbetaling, bokfoerKrav, kjoerOppgjoer, registrerParter, registrerUtbetalingBekreftet, type InnbetalingInput, type KravInput } from '../../src/ledger/index.js';
import { testBusinesses, testPersons } from './portal-fixtures.js';

/**
 * A year in the ledger for Min side's tests, booked through the ledger's own commands on top of
 * `seedPortalFixtures`: Kari Nordmann's ENK Nordmann Rørlegger (whose view includes Kari's
 * personal forskuddsskatt) and Fjordkraft Eksempel AS, as of the business date 2024-09-02.
 *
 * What the pages then show for the ENK:
 * - paid in 2024: employer terms 2023/6 and VAT Nov–Dec 2023 (by KID from the ENK's account),
 *   employer term 2024/1 (paid 18 days late, so a forsinkelsesrente claim is left open);
 * - a VAT credit paid out on 22.01.2024 (the daily run, to the ENK's account);
 * - a VAT credit set off on 10.04.2024 against Kari's first forskuddsskatt instalment;
 * - unpaid: forskuddsskatt 2024 (instalments 1 and 2 overdue, "(1 av 4)"), the interest claim,
 *   VAT May–June 2024 due today (not yet overdue) and employer term 2024/4 due 16.09.2024.
 */
export const portalLedgerToday: LocalDate = localDate('2024-09-02');

/** The ENK's account (payments come from it, payouts go to it) and Kari's own. */
export const enkKonto = '12345678903';
export const kariKonto = '15038712346';

const d = localDate;
const kr = (kroner: number) => toOere(Math.round(kroner * 100));
const termin = (aar: number, nr: string) => ({ beskrivelse: 'Termin', aar, termin: nr });
const mvaTermin = (beskrivelse: string, aar: number, fra: string, til: string, nr: string) => ({ beskrivelse, aar, fra: d(fra), til: d(til), termin: nr });

export async function seedPortalLedger(db: Kysely<Database>) {
  const registrert = d('2020-01-01');
  await registrerParter(db, [
    { partId: testPersons.kari.fnr, navn: testPersons.kari.navn, registrertDato: registrert, forskuddspliktig: true, utbetalingskonto: kariKonto },
    {
      partId: testBusinesses.enk.orgnr,
      navn: testBusinesses.enk.navn,
      organisasjonsform: 'ENK',
      eierPartId: testPersons.kari.fnr,
      registrertDato: registrert,
      mvaTermintype: 'tomaaneders',
      arbeidsgiver: true,
      utbetalingskonto: enkKonto,
    },
    { partId: testBusinesses.as.orgnr, navn: testBusinesses.as.navn, organisasjonsform: 'AS', registrertDato: registrert, arbeidsgiver: true },
  ]);

  let key = 0;
  const krav = (bokfoert: string, input: Omit<KravInput, 'idempotencyKey' | 'bokfoertDato'>) =>
    bokfoerKrav(db, { idempotencyKey: `portal-ledger-${key++}`, bokfoertDato: d(bokfoert), ...input });
  const innbetal = (bokfoert: string, input: Omit<InnbetalingInput, 'idempotencyKey' | 'bokfoertDato'>) =>
    bokfoerInnbetaling(db, { idempotencyKey: `portal-ledger-${key++}`, bokfoertDato: d(bokfoert), ...input });
  const item = (forfallsdato: string, kroner: number) => ({ forfallsdato: d(forfallsdato), beloepOere: kr(kroner) });
  const enk = testBusinesses.enk.orgnr;
  const fraEnk = { betalerNavn: testBusinesses.enk.navn, betalerKonto: enkKonto };

  const aga23_6 = await krav('2024-01-12', { partId: enk, kravtype: 'arbeidsgiveravgift', beskrivelse: 'Arbeidsgiveravgift', periode: termin(2023, '6'), forfall: [item('2024-01-15', 18_400)] });
  const ft23_6 = await krav('2024-01-12', { partId: enk, kravtype: 'forskuddstrekk', beskrivelse: 'Forskuddstrekk', periode: termin(2023, '6'), forfall: [item('2024-01-15', 9_600)] });
  const agaBetaling = await innbetal('2024-01-15', { partId: enk, beloepOere: kr(18_400), kid: aga23_6.forfall[0]!.kid!, ...fraEnk });
  const ftBetaling = await innbetal('2024-01-15', { partId: enk, beloepOere: kr(9_600), kid: ft23_6.forfall[0]!.kid!, ...fraEnk });

  const tilgode23_5 = await krav('2024-01-20', {
    partId: enk,
    kravtype: 'tilgodeMva',
    beskrivelse: 'Merverdiavgift til gode',
    periode: mvaTermin('september - oktober', 2023, '2023-09-01', '2023-10-31', '05'),
    fastsettingsmaate: 'egenfastsatt',
    forfall: [item('2024-01-20', -3_750)],
  });
  const [oppgjoer] = await kjoerOppgjoer(db, { bokfoertDato: d('2024-01-22'), partId: enk });
  // The bank confirms the payout the next day.
  await registrerUtbetalingBekreftet(db, { idempotencyKey: `portal-ledger-${key++}`, bokfoertDato: d('2024-01-23'), utbetalingId: oppgjoer!.utbetalinger[0]!.utbetalingId });

  const mva23_6 = await krav('2024-02-11', {
    partId: enk,
    kravtype: 'åBetaleMva',
    beskrivelse: 'Merverdiavgift',
    periode: mvaTermin('november - desember', 2023, '2023-11-01', '2023-12-31', '06'),
    fastsettingsmaate: 'egenfastsatt',
    forfall: [item('2024-02-12', 31_250)],
  });
  const mvaBetaling = await innbetal('2024-02-12', { partId: enk, beloepOere: kr(31_250), kid: mva23_6.forfall[0]!.kid!, ...fraEnk });

  const forskuddsskatt = await krav('2024-02-20', {
    partId: testPersons.kari.fnr,
    kravtype: 'utskrevetForskuddsskattPerson',
    beskrivelse: 'Utskrevet forskuddsskatt, person 2024',
    periode: { beskrivelse: 'Inntektsår', aar: 2024 },
    fastsettingsmaate: 'myndighetsfastsatt',
    forfall: ['2024-03-15', '2024-05-15', '2024-09-16', '2024-11-15'].map((date) => item(date, 12_000)),
  });

  const aga24_1 = await krav('2024-03-12', { partId: enk, kravtype: 'arbeidsgiveravgift', beskrivelse: 'Arbeidsgiveravgift', periode: termin(2024, '1'), forfall: [item('2024-03-15', 15_353)] });
  const senBetaling = await innbetal('2024-04-02', { partId: enk, beloepOere: kr(15_353), kid: aga24_1.forfall[0]!.kid!, innbetalingstype: 'bankoverfoering', ...fraEnk });

  const tilgode24_1 = await krav('2024-04-10', {
    partId: enk,
    kravtype: 'tilgodeMva',
    beskrivelse: 'Merverdiavgift til gode',
    periode: mvaTermin('januar - februar', 2024, '2024-01-01', '2024-02-29', '01'),
    fastsettingsmaate: 'egenfastsatt',
    forfall: [item('2024-04-10', -6_200)],
  });

  const mva24_3 = await krav('2024-08-20', {
    partId: enk,
    kravtype: 'åBetaleMva',
    beskrivelse: 'Merverdiavgift',
    periode: mvaTermin('mai - juni', 2024, '2024-05-01', '2024-06-30', '03'),
    fastsettingsmaate: 'egenfastsatt',
    forfall: [item('2024-09-02', 27_500)],
  });
  const aga24_4 = await krav('2024-08-30', { partId: enk, kravtype: 'arbeidsgiveravgift', beskrivelse: 'Arbeidsgiveravgift', periode: termin(2024, '4'), forfall: [item('2024-09-16', 14_000)] });

  const asKrav = await krav('2024-07-10', {
    partId: testBusinesses.as.orgnr,
    kravtype: 'arbeidsgiveravgift',
    beskrivelse: 'Arbeidsgiveravgift',
    periode: termin(2024, '3'),
    forfall: [item('2024-07-15', 8_000)],
  });

  return {
    aga23_6,
    ft23_6,
    agaBetaling,
    ftBetaling,
    tilgode23_5,
    utbetaling: oppgjoer!.utbetalinger[0]!,
    mva23_6,
    mvaBetaling,
    forskuddsskatt,
    aga24_1,
    senBetaling,
    renteKrav: senBetaling.renteKrav[0]!,
    tilgode24_1,
    mva24_3,
    aga24_4,
    asKrav,
  };
}

export type PortalLedger = Awaited<ReturnType<typeof seedPortalLedger>>;
