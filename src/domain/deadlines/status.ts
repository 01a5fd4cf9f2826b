import { assertInvariant } from '../assert.js';
import { compareDates, daysBetween, type LocalDate } from '../dates.js';
import { formatDato } from '../format.js';
import { sumOere, type Oere } from '../money.js';
import type { Obligation } from './obligation.js';

/** The diagram's `Oppgavestatus` values (decision 0011; the prose's "Åpen" is `ikkeStartet`). */
export type Oppgavestatus = 'ikkeStartet' | 'pågående' | 'fullført' | 'forfalt';

/** Facts for a reporting obligation: the delivery date of the matching filing, if any. */
export interface LeveringFakta {
  readonly kind: 'levering';
  readonly levertDato: LocalDate | null;
}

/** One matching due item as the party view shows it on the business date. */
export interface KravforfallFakta {
  readonly kravforfallId: string;
  /** Signed: positive for a debt, negative for a credit. */
  readonly opprinneligBeloepOere: Oere;
  readonly gjenstaaendeBeloepOere: Oere;
  /** The last day of a deferral of its collection in force on the business date (decision 0161). */
  readonly utsattTil?: LocalDate | undefined;
}

/** Facts for a payment obligation: every due item its key matched (possibly none yet). */
export interface BetalingFakta {
  readonly kind: 'betaling';
  readonly kravforfall: readonly KravforfallFakta[];
}

export type OppgaveFakta = LeveringFakta | BetalingFakta;

export interface OppgaveStatus {
  readonly oppgavestatus: Oppgavestatus;
  /** What the portal shows: "Levert", "Ikke levert", "Betalt", "Delvis betalt", "Forfalt", "30 dager igjen", … */
  readonly visningsstatus: string;
  /** Calendar days from the business date to the effective deadline; negative once it has passed. */
  readonly dagerIgjen: number;
}

/**
 * The status of an obligation on the business date `idag` (domain-rules §5.8, decision 0011):
 * `fullført` when reported or paid in full, `forfalt` when the effective deadline has passed
 * without that, `pågående` when partly paid or when everything still owed is deferred
 * (decision 0161: "Utsatt til 31.05.2026"), otherwise `ikkeStartet`.
 *
 * @example oppgaveStatus(mvaBetaling3Termin2026, { kind: 'betaling', kravforfall: [] }, '2026-08-01')
 * // { oppgavestatus: 'ikkeStartet', visningsstatus: '30 dager igjen', dagerIgjen: 30 }
 */
export function oppgaveStatus(obligation: Obligation, fakta: OppgaveFakta, idag: LocalDate): OppgaveStatus {
  const dagerIgjen = daysBetween(idag, obligation.frist);
  if (obligation.oppgaveType === 'betalingskrav') {
    assertInvariant(fakta.kind === 'betaling', `${obligation.id} is a payment: it needs payment facts`);
    return Object.freeze({ ...betalingStatus(fakta, dagerIgjen), dagerIgjen });
  }
  assertInvariant(fakta.kind === 'levering', `${obligation.id} is not a payment: it needs delivery facts`);
  return Object.freeze({ ...leveringStatus(fakta, idag, dagerIgjen), dagerIgjen });
}

type Status = Omit<OppgaveStatus, 'dagerIgjen'>;

function leveringStatus(fakta: LeveringFakta, idag: LocalDate, dagerIgjen: number): Status {
  // A filing dated after the business date has not happened yet as far as this view knows.
  if (fakta.levertDato !== null && fakta.levertDato <= idag) return { oppgavestatus: 'fullført', visningsstatus: 'Levert' };
  if (dagerIgjen < 0) return { oppgavestatus: 'forfalt', visningsstatus: 'Ikke levert' };
  return { oppgavestatus: 'ikkeStartet', visningsstatus: dagerIgjenTekst(dagerIgjen) };
}

function betalingStatus(fakta: BetalingFakta, dagerIgjen: number): Status {
  // Credits pay nothing; only debit items make something to pay.
  const gjeld = fakta.kravforfall.filter((item) => item.opprinneligBeloepOere > 0);
  for (const item of gjeld) {
    assertInvariant(
      item.gjenstaaendeBeloepOere >= 0 && item.gjenstaaendeBeloepOere <= item.opprinneligBeloepOere,
      `remaining outside 0..original on due item ${item.kravforfallId}`,
    );
  }
  if (gjeld.length === 0) {
    // Before the deadline no claim usually means the amount is not known yet (the mva-melding
    // is not in); after it, the ledger owes nothing for this obligation (decision 0011).
    if (fakta.kravforfall.length === 0 && dagerIgjen >= 0) {
      return { oppgavestatus: 'ikkeStartet', visningsstatus: dagerIgjenTekst(dagerIgjen) };
    }
    return { oppgavestatus: 'fullført', visningsstatus: 'Ingenting å betale' };
  }
  const opprinnelig = sumOere(gjeld.map((item) => item.opprinneligBeloepOere));
  const gjenstaaende = sumOere(gjeld.map((item) => item.gjenstaaendeBeloepOere));
  if (gjenstaaende === 0) return { oppgavestatus: 'fullført', visningsstatus: 'Betalt' };
  const utsattTil = utsattTilFor(gjeld);
  if (dagerIgjen < 0 && utsattTil !== undefined) return { oppgavestatus: 'pågående', visningsstatus: `Utsatt til ${formatDato(utsattTil)}` };
  if (dagerIgjen < 0) return { oppgavestatus: 'forfalt', visningsstatus: 'Forfalt' };
  if (gjenstaaende < opprinnelig) return { oppgavestatus: 'pågående', visningsstatus: 'Delvis betalt' };
  return { oppgavestatus: 'ikkeStartet', visningsstatus: dagerIgjenTekst(dagerIgjen) };
}

/** When every open debt is deferred: the first day one of the deferrals ends (collection resumes the day after). */
function utsattTilFor(gjeld: readonly KravforfallFakta[]): LocalDate | undefined {
  const aapne = gjeld.filter((item) => item.gjenstaaendeBeloepOere > 0);
  if (aapne.length === 0 || aapne.some((item) => item.utsattTil === undefined)) return undefined;
  return aapne.map((item) => item.utsattTil!).sort(compareDates)[0];
}

/** "Frist i dag", "1 dag igjen", "30 dager igjen". */
export function dagerIgjenTekst(dagerIgjen: number): string {
  assertInvariant(dagerIgjen >= 0, `the deadline has passed: ${dagerIgjen}`);
  if (dagerIgjen === 0) return 'Frist i dag';
  return dagerIgjen === 1 ? '1 dag igjen' : `${dagerIgjen} dager igjen`;
}
