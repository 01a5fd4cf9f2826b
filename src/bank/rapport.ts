import type { Bankfilformat, Banktransaksjonsart } from '../bankfiler/index.js';
import type { LocalDate } from '../domain/dates.js';
import { addOere, toOere, type Oere } from '../domain/money.js';

/** What became of one transaction of a payment file (decision 0171). */
export type Transaksjonsutfall = Transaksjonssted &
  (
    | {
        /** Booked on the party as a payment, placed like any payment. */
        readonly utfall: 'innbetaling';
        /** The party its KID or its text named. */
        readonly partId: string;
        readonly innbetalingId: string;
        readonly plassertOere: Oere;
        readonly uplassertOere: Oere;
      }
    | { readonly utfall: 'uidentifisert'; readonly uidentifisertId: string }
    | { readonly utfall: 'utbetalingBekreftet'; readonly utbetalingId: string; readonly partId: string }
    | { readonly utfall: 'utbetalingReturnert'; readonly utbetalingId: string; readonly partId: string; readonly kreditKravId: string }
    /** Not booked, with the reason in words a person can act on. */
    | { readonly utfall: 'avvist'; readonly grunn: string }
  );

/** Where a transaction sits in its file and what the bank said it was. */
export interface Transaksjonssted {
  /** The transaction's identity in the file (the bank's numbers). */
  readonly identitet: string;
  /** `linje 3`, `Ntfctn[1]/Ntry[2]/TxDtls[1]`. */
  readonly sted: string;
  readonly art: Banktransaksjonsart;
  readonly beloepOere: Oere;
  readonly kid?: string | undefined;
}

/** The report of one payment file: the same every time the file is delivered. */
export interface Innbetalingsfilrapport {
  readonly filidentitet: string;
  readonly format: Bankfilformat;
  readonly bokfoertDato: LocalDate;
  readonly antallTransaksjoner: number;
  /** Payments booked: placed + unplaced + unidentified. */
  readonly bokfoertOere: Oere;
  /** Of that, covering claims (interest the payments caused included). */
  readonly plassertOere: Oere;
  /** On a party, waiting for a claim (or a refund). */
  readonly uplassertOere: Oere;
  /** On no party, waiting to be assigned. */
  readonly uidentifisertOere: Oere;
  readonly antallUtbetalingerBekreftet: number;
  readonly antallUtbetalingerReturnert: number;
  readonly antallAvvist: number;
  /** Every transaction, in file order, with what became of it. */
  readonly transaksjoner: readonly Transaksjonsutfall[];
}

/** Sums and counts of a file's outcomes. */
export function rapport(fil: { readonly identitet: string; readonly format: Bankfilformat }, bokfoertDato: LocalDate, transaksjoner: readonly Transaksjonsutfall[]): Innbetalingsfilrapport {
  let plassert = toOere(0);
  let uplassert = toOere(0);
  let uidentifisert = toOere(0);
  for (const t of transaksjoner) {
    if (t.utfall === 'innbetaling') {
      plassert = addOere(plassert, t.plassertOere);
      uplassert = addOere(uplassert, t.uplassertOere);
    }
    if (t.utfall === 'uidentifisert') uidentifisert = addOere(uidentifisert, t.beloepOere);
  }
  const count = (utfall: Transaksjonsutfall['utfall']) => transaksjoner.filter((t) => t.utfall === utfall).length;
  return {
    filidentitet: fil.identitet,
    format: fil.format,
    bokfoertDato,
    antallTransaksjoner: transaksjoner.length,
    bokfoertOere: addOere(addOere(plassert, uplassert), uidentifisert),
    plassertOere: plassert,
    uplassertOere: uplassert,
    uidentifisertOere: uidentifisert,
    antallUtbetalingerBekreftet: count('utbetalingBekreftet'),
    antallUtbetalingerReturnert: count('utbetalingReturnert'),
    antallAvvist: count('avvist'),
    transaksjoner,
  };
}
