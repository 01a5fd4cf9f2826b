import { compareDates, type LocalDate } from '../domain/dates.js';
import type { Oere } from '../domain/money.js';
import type { Kravperiode } from './kravperiode.js';
import type { InnbetalingInfo, UtbetalingInfo } from './part-view-types.js';
import type { PlasseringKilde, Utbetalingstatus, Utsettelsesgrunn } from './tables.js';

/**
 * The booked facts of a party as the views and the booking session hold them in memory, with the
 * two derived amounts (what remains of each due item, what is unplaced of each payment). Two
 * sources fill them: the fact tables as of a date (`view-facts.ts`) and the read model, which the
 * bookings keep current (`read-model.ts`). One view builder reads either (`view-builder.ts`).
 */
export interface KravforfallFakta {
  readonly kravforfallId: string;
  readonly kravId: string;
  readonly partId: string;
  /** 1-based instalment number within the claim. */
  readonly nummer: number;
  readonly antallForfall: number;
  readonly forfallsdato: LocalDate;
  /** Signed: positive for a debt, negative for a credit. */
  readonly beloepOere: Oere;
  readonly kid: string | null;
  readonly mottakerkonto: string | null;
  readonly kravtype: string;
  readonly kravgruppe: string;
  readonly beskrivelse: string;
  readonly periode: Kravperiode;
  readonly opprettetDato: LocalDate;
  /** The business date the claim was booked. */
  readonly kravBokfoertDato: LocalDate;
  readonly fastsettingsmaate: string | null;
  readonly hovedstolKravId: string | null;
  /** Original less its placements (signed like the original). */
  readonly gjenstaaendeOere: Oere;
}

/** A payment as the views show it (without the API's text for its type), with what is unplaced of it. */
export interface InnbetalingFakta extends Omit<InnbetalingInfo, 'innbetalingstypeTekst'> {
  /** Amount less its placements. */
  readonly uplassertOere: Oere;
}

export interface UtbetalingFakta extends Omit<UtbetalingInfo, 'status'> {
  readonly bokfoertDato: LocalDate;
  /** The newest status booked up to the view date; every payout is booked with one. */
  readonly status: Utbetalingstatus | null;
}

/** A deferral of a due item's collection (decision 0160), booked on `bokfoertDato`, in force from `fraOgMed` to `tilOgMed`. */
export interface UtsettelseFakta {
  readonly seq: number;
  readonly grunn: Utsettelsesgrunn;
  readonly fraOgMed: LocalDate;
  readonly tilOgMed: LocalDate;
  readonly bokfoertDato: LocalDate;
}

/** The deferral in force on `dato`, if any: booked by then, the date within its period; of several, the one that lasts longest. */
export function utsettelsePaa(utsettelser: readonly UtsettelseFakta[] | undefined, dato: LocalDate): UtsettelseFakta | undefined {
  let found: UtsettelseFakta | undefined;
  for (const u of utsettelser ?? []) {
    if (compareDates(u.bokfoertDato, dato) > 0 || compareDates(u.fraOgMed, dato) > 0 || compareDates(u.tilOgMed, dato) < 0) continue;
    if (found === undefined || compareDates(u.tilOgMed, found.tilOgMed) > 0) found = u;
  }
  return found;
}

export interface PlasseringFakta {
  readonly seq: number;
  readonly kilde: PlasseringKilde;
  readonly innbetalingId: string | null;
  /** The credit item of a set-off. */
  readonly motkravForfallId: string | null;
  readonly utbetalingId: string | null;
  /** The covered item: a debit item for payments and set-off, a credit item for payouts. */
  readonly kravforfallId: string;
  /** Always positive. */
  readonly beloepOere: Oere;
  readonly plassertDato: LocalDate;
  readonly bokfoertDato: LocalDate;
}

/** Every fact a view can show, indexed by id: the selected ones and those on the other side of their placements. */
export interface FaktaSett {
  readonly kravforfall: ReadonlyMap<string, KravforfallFakta>;
  readonly innbetalinger: ReadonlyMap<string, InnbetalingFakta>;
  readonly utbetalinger: ReadonlyMap<string, UtbetalingFakta>;
  /** In posting order. */
  readonly plasseringer: readonly PlasseringFakta[];
  /** The deferrals of the loaded due items, by item, in posting order. */
  readonly utsettelser: ReadonlyMap<string, readonly UtsettelseFakta[]>;
  /** The payment each refund claim pays back, by claim id: for the loaded claims and the selected payments (decision 0162). */
  readonly refusjoner: ReadonlyMap<string, string>;
}
