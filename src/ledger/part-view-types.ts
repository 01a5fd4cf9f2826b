import type { LocalDate } from '../domain/dates.js';
import type { Oere } from '../domain/money.js';
import type { Kravperiode } from './kravperiode.js';
import type { Innbetalingstype, MvaTermintype, PartType, Postadresse, Utbetalingsmaate, Utbetalingstatus, Utsettelsesgrunn } from './tables.js';

/**
 * A party's view as of a date: what the Krav og betalinger API (spec §4, §7) and Min side show,
 * built from the facts booked up to and including `asOf`. Amounts are øre;
 * claims are signed (credits negative), payments, placements and payouts positive. The API turns
 * payments and unplaced amounts negative where §8 says so.
 */
export interface Periode {
  readonly fraOgMed: LocalDate;
  readonly tilOgMed: LocalDate;
}

export interface PartViewQuery {
  readonly partId: string;
  readonly asOf: LocalDate;
  /** Open claims (remaining ≠ 0), payments with an unplaced amount and the §7 summaries (`/aapnekrav`). */
  readonly aapne?: boolean | undefined;
  /** Claims whose creation date lies in the period (`/krav`). */
  readonly kravOpprettet?: Periode | undefined;
  /** Payments made in the period (`/innbetalinger`). */
  readonly innbetalt?: Periode | undefined;
  /** Payouts made in the period (`/utbetalinger`). */
  readonly utbetalt?: Periode | undefined;
}

export interface PartInfo {
  readonly partId: string;
  readonly partType: PartType;
  readonly navn: string;
  readonly organisasjonsform: string | null;
  readonly eierPartId: string | null;
  readonly skjermet: boolean;
  readonly utbetalingskonto: string | null;
  readonly postadresse: Postadresse | null;
  readonly mvaTermintype: MvaTermintype | null;
  readonly arbeidsgiver: boolean;
  readonly forskuddspliktig: boolean;
  readonly registrertDato: LocalDate;
}

export interface Mottakerkonto {
  readonly kontonummer: string;
  readonly kontoeiersNavn: string | null;
  readonly iban: string | null;
  readonly swiftBic: string | null;
  readonly bankinformasjon: string | null;
}

export interface InnbetalingInfo {
  readonly innbetalingId: string;
  readonly partId: string;
  readonly innbetalingsdato: LocalDate;
  readonly beloepOere: Oere;
  readonly kid: string | null;
  readonly melding: string | null;
  readonly betalerNavn: string | null;
  /** Unmasked; the API masks it to the last five digits. */
  readonly betalerKonto: string | null;
  readonly mottakerkonto: string;
  readonly innbetalingstype: Innbetalingstype;
  /** The text the API shows: "Innbetalt OCR" or "Bankoverføring". */
  readonly innbetalingstypeTekst: string;
  readonly valutakode: string;
  readonly bokfoertDato: LocalDate;
}

export interface UtbetalingInfo {
  readonly utbetalingId: string;
  readonly partId: string;
  readonly utbetaltdato: LocalDate;
  readonly beloepOere: Oere;
  /** By account, or (decision 0163) by a cheque or payout card sent to the party's address. */
  readonly utbetalingsmaate: Utbetalingsmaate;
  /** The account paid to; null for a cheque or payout card. */
  readonly konto: string | null;
  /** Where a cheque or payout card was sent; null for a payout to an account. */
  readonly mottakerAdresse: Postadresse | null;
  readonly kontoeiersNavn: string | null;
  readonly melding: string | null;
  readonly valutakode: string;
  /** As of the view date. */
  readonly status: Utbetalingstatus;
}

/** A due item seen from elsewhere: the other side of a set-off, or an item a payment covered. */
export interface KravforfallRef {
  readonly kravforfallId: string;
  readonly kravId: string;
  readonly partId: string;
  readonly kravtype: string;
  readonly kravtypeApi: string;
  readonly kravgruppe: string;
  readonly beskrivelse: string;
  readonly periode: Kravperiode;
  readonly forfallsdato: LocalDate;
  readonly nummer: number;
  readonly antallForfall: number;
  readonly opprinneligOere: Oere;
  /** As of the view date. */
  readonly gjenstaaendeOere: Oere;
}

export interface PlassertInnbetaling {
  readonly innbetaling: InnbetalingInfo;
  readonly plassertOere: Oere;
  readonly plassertDato: LocalDate;
}

export interface PlassertMotkrav {
  /** The other side: the credit item on a debit item, the debit item on a credit item. */
  readonly motkrav: KravforfallRef;
  readonly plassertOere: Oere;
  readonly plassertDato: LocalDate;
  /** The set-off's posting number. */
  readonly seq: number;
  /** Forsinkelsesrente this late covering accrued on the debit side, up to the set-off date; null when that debt accrues none. */
  readonly forsinkelsesrenteOere: Oere | null;
}

export interface PlassertUtbetaling {
  readonly utbetaling: UtbetalingInfo;
  readonly plassertOere: Oere;
  readonly plassertDato: LocalDate;
}

/** A deferral of a due item's collection in force on the view date (decision 0160). */
export interface Utsettelse {
  readonly grunn: Utsettelsesgrunn;
  readonly fraOgMed: LocalDate;
  readonly tilOgMed: LocalDate;
}

export interface KravforfallView {
  readonly kravforfallId: string;
  readonly nummer: number;
  readonly forfallsdato: LocalDate;
  /** Due date passed: `forfallsdato < asOf` (due today is not yet overdue, spec §7). */
  readonly forfalt: boolean;
  readonly opprinneligOere: Oere;
  readonly gjenstaaendeOere: Oere;
  readonly kid: string | null;
  readonly mottakerkonto: Mottakerkonto | null;
  readonly plassertInnbetaling: readonly PlassertInnbetaling[];
  readonly plassertMotkrav: readonly PlassertMotkrav[];
  readonly plassertUtbetaling: readonly PlassertUtbetaling[];
  /** Collection deferred on the view date: set-off leaves the item alone, interest still runs. */
  readonly utsettelse: Utsettelse | null;
}

export interface KravView {
  readonly partId: string;
  readonly kravId: string;
  readonly kravtype: string;
  readonly kravtypeApi: string;
  readonly kravtypeTekst: string;
  readonly kravgruppe: string;
  readonly kravgruppeTekst: string;
  readonly beskrivelse: string;
  readonly periode: Kravperiode;
  readonly opprettetDato: LocalDate;
  readonly bokfoertDato: LocalDate;
  readonly fastsettingsmaate: string | null;
  readonly hovedstolKravId: string | null;
  readonly opprinneligOere: Oere;
  readonly gjenstaaendeOere: Oere;
  /** Whether the claim accrues forsinkelsesrente at all (debit, not itself interest). */
  readonly renteberegnes: boolean;
  /** Interest accrued on its overdue remaining amounts up to and including the view date (decision 0005). */
  readonly stipulerteRenterOere: Oere;
  readonly antallForfall: number;
  readonly forfall: readonly KravforfallView[];
}

export interface PlasseringAvInnbetaling {
  readonly krav: KravforfallRef;
  readonly plassertOere: Oere;
  readonly plassertDato: LocalDate;
}

export interface InnbetalingView extends InnbetalingInfo {
  /** Skatteetaten's account the money came to, with its IBAN, BIC and bank. */
  readonly mottakerkontoInfo: Mottakerkonto;
  readonly uplassertOere: Oere;
  readonly plasseringer: readonly PlasseringAvInnbetaling[];
  /** Debts its refund claims' credit was set off against instead of being paid back (decision 0162). */
  readonly motregninger: readonly MotregningAvInnbetaling[];
  /** Payouts that paid (part of) it back, through its refund claims, and were not sent back (decision 0162). */
  readonly tilbakebetalinger: readonly TilbakebetalingAvInnbetaling[];
}

/** A debt (`krav`) covered by set-off with the credit of one of a payment's refund claims (`kreditt`). */
export interface MotregningAvInnbetaling extends PlasseringAvInnbetaling {
  readonly kreditt: KravforfallRef;
  readonly seq: number;
  /** Forsinkelsesrente the late covering accrued on the debt; null when that debt accrues none. */
  readonly forsinkelsesrenteOere: Oere | null;
}

export interface TilbakebetalingAvInnbetaling {
  readonly utbetaling: UtbetalingInfo;
  /** The part of the payout that paid this payment back. */
  readonly utbetaltOere: Oere;
}

export interface KreditKravView {
  readonly krav: KravforfallRef;
  /** This payout's part of the credit (positive). */
  readonly utbetaltOere: Oere;
}

export interface UtbetalingView extends UtbetalingInfo {
  readonly kreditKrav: readonly KreditKravView[];
  /** The payments a refund in it paid back, and how much of each (decision 0162). */
  readonly tilbakebetalingAv: readonly { readonly innbetaling: InnbetalingInfo; readonly utbetaltOere: Oere }[];
}

export interface Summer {
  readonly sumStipulerteRenterOere: Oere;
  readonly sumForfalteKravOere: Oere;
  readonly sumIkkeForfalteKravOere: Oere;
}

export interface Oversikt {
  /**
   * Spec §7, with unplaced payments positive here: saldo = renter + forfalte + ikke forfalte − uplasserte.
   * The counts are the claims behind each sum (a claim with both overdue and later items counts in both).
   */
  readonly total: Summer & {
    readonly sumUplasserteInnbetalingerOere: Oere;
    readonly saldoOere: Oere;
    readonly antallKravForfalt: number;
    readonly antallKravIkkeForfalt: number;
  };
  /** One row per group with open claims, in the order the groups first appear among the claims. */
  readonly perKravgruppe: readonly (Summer & { readonly kravgruppe: string; readonly kravgruppeTekst: string; readonly saldoOere: Oere })[];
}

export interface PartView {
  readonly partId: string;
  readonly asOf: LocalDate;
  readonly part: PartInfo;
  /** The owner of an ENK, whose claims, payments and payouts the view includes. */
  readonly eier: PartInfo | null;
  /** The party or the included owner is shielded (spec §9). */
  readonly skjermet: boolean;
  /** The newest posting touching the included parties (for ETags); 0 when nothing is booked. */
  readonly sisteSeq: number;
  readonly aapne?: { readonly krav: readonly KravView[]; readonly innbetalinger: readonly InnbetalingView[]; readonly oversikt: Oversikt };
  readonly kravOpprettet?: readonly KravView[];
  readonly innbetalinger?: readonly InnbetalingView[];
  readonly utbetalinger?: readonly UtbetalingView[];
}
