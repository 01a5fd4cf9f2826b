import type { LocalDate } from '../domain/dates.js';
import type { Oere } from '../domain/money.js';
import type { Kravperiode } from './kravperiode.js';
import type { Innbetalingstype, Leveringstype, Postadresse, Utbetalingsmaate, Utsettelsesgrunn } from './tables.js';

/** What the booking session tracks of a debtor group, and what the commands ask it to book. */

/** A due item of the group as the session tracks it. */
export interface GruppeKravforfall {
  readonly kravforfallId: string;
  readonly kravId: string;
  readonly partId: string;
  readonly nummer: number;
  readonly antallForfall: number;
  readonly forfallsdato: LocalDate;
  readonly opprinneligOere: Oere;
  readonly kid: string | null;
  readonly mottakerkonto: string | null;
  readonly kravtype: string;
  readonly kravgruppe: string;
  readonly beskrivelse: string;
  readonly periode: Kravperiode;
  readonly opprettetDato: LocalDate;
  readonly fastsettingsmaate: string | null;
  readonly hovedstolKravId: string | null;
  /** Covered after principals with the same due date; accrues nothing itself (`renteregel`). */
  readonly erForsinkelsesrente: boolean;
  /** Whether covering it late accrues forsinkelsesrente (`renteregel`). */
  readonly rentebaerende: boolean;
  /** Changes only through the session's placement methods. */
  readonly gjenstaaendeOere: Oere;
}

export interface GruppeInnbetaling {
  readonly innbetalingId: string;
  readonly partId: string;
  readonly innbetalingsdato: LocalDate;
  readonly beloepOere: Oere;
  readonly kid: string | null;
  readonly mottakerkonto: string;
  /** Changes only through the session's placement methods. */
  readonly uplassertOere: Oere;
}

export interface NyttKrav {
  readonly partId: string;
  readonly kravtype: string;
  readonly kravgruppe: string;
  readonly beskrivelse: string;
  readonly periode: Kravperiode;
  readonly opprettetDato: LocalDate;
  readonly fastsettingsmaate: string | null;
  readonly hovedstolKravId: string | null;
  /** `kid: 'generer'` makes a KID from the claim id with the receiving account's algorithm. */
  readonly forfall: readonly { forfallsdato: LocalDate; beloepOere: Oere; kid: string | 'generer' | null; mottakerkonto: string | null }[];
}

export interface NyInnbetaling {
  readonly partId: string;
  readonly innbetalingsdato: LocalDate;
  readonly beloepOere: Oere;
  readonly kid: string | null;
  readonly melding: string | null;
  readonly betalerNavn: string | null;
  readonly betalerKonto: string | null;
  readonly mottakerkonto: string;
  readonly innbetalingstype: Innbetalingstype;
  /** The unidentified payment it was assigned from, if any. */
  readonly uidentifisertId: string | null;
}

export interface NyUtbetaling {
  readonly partId: string;
  readonly utbetalingsmaate: Utbetalingsmaate;
  /** The account, for a payout by account. */
  readonly konto: string | null;
  /** Where a cheque or payout card goes. */
  readonly mottakerAdresse: Postadresse | null;
  readonly kontoeiersNavn: string | null;
  readonly melding: string | null;
  /** The credit items paid and how much of each (positive). */
  readonly poster: readonly { kravforfallId: string; beloepOere: Oere }[];
}

export interface NyLevering {
  readonly partId: string;
  readonly leveringstype: Leveringstype;
  readonly periodeAar: number;
  readonly termin: string | null;
  readonly levertDato: LocalDate;
}

export interface NyUtsettelse {
  readonly kravforfallId: string;
  readonly grunn: Utsettelsesgrunn;
  readonly fraOgMed: LocalDate;
  readonly tilOgMed: LocalDate;
}
