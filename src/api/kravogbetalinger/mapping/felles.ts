import { maskKontonummer } from '../../../domain/kontonummer.js';
import { negateOere, oereToKroner, type Oere } from '../../../domain/money.js';
import type { InnbetalingInfo, Kravperiode as LedgerKravperiode, Mottakerkonto, Postadresse, UtbetalingInfo } from '../../../ledger/index.js';
import type { AdresseFrittFormat, Bankkonto, Betalingsinformasjon, Kravperiode, MultiSpraakTekst } from '../schemas/felles.js';

/**
 * The small published objects (spec §4.9) from the ledger's view. Signs (decision 0034): a due
 * item's placements are its movements, so `gjenstaaendeBeloep = opprinneligBeloep + Σ plassertBeloep`;
 * a payment is a credit (negative) wherever its own amount is shown; payouts are positive.
 */

export function kroner(oere: Oere): number {
  return oereToKroner(oere);
}

/** A payment's own amounts (`innbetaltBeloep`, `uplassertBeloep`) are credits: negative, and 0 stays 0. */
export function kredit(oere: Oere): number {
  return oereToKroner(negateOere(oere));
}

/** The movement a covering makes on an item: toward zero, so against the item's sign. */
export function bevegelse(itemOriginalOere: Oere, coveredOere: Oere): number {
  return itemOriginalOere > 0 ? kredit(coveredOere) : kroner(coveredOere);
}

export function tekst(text: string): MultiSpraakTekst {
  return { spraakTekst: [{ tekst: text, spraak: 'nb' }] };
}

export function kravperiode(periode: LedgerKravperiode): Kravperiode {
  return {
    periodeBeskrivelse: tekst(periode.beskrivelse),
    aar: periode.aar?.toString(),
    fraDato: periode.fra,
    tilDato: periode.til,
    terminTekniskNavn: periode.termin,
  };
}

/** Skatteetaten's receiving account, as `betalingsinformasjon.konto` shows it. */
export function mottakerkonto(konto: Mottakerkonto): Bankkonto {
  return {
    kontoeiersNavn: konto.kontoeiersNavn ?? undefined,
    bankinformasjon: konto.bankinformasjon ?? undefined,
    kontonummer: konto.kontonummer,
    iban: konto.iban ?? undefined,
    swiftBIC: konto.swiftBic ?? undefined,
  };
}

/** The payer, with the account masked to its last five digits as published (`******43210`). */
export function avsender(innbetaling: InnbetalingInfo): Betalingsinformasjon {
  const konto: Bankkonto = {
    kontoeiersNavn: innbetaling.betalerNavn ?? undefined,
    kontonummer: innbetaling.betalerKonto === null ? undefined : maskKontonummer(innbetaling.betalerKonto),
  };
  return {
    kidnummer: innbetaling.kid ?? undefined,
    meldingSendtTilMottaker: innbetaling.melding ?? innbetaling.kid ?? undefined,
    konto,
    valutakode: innbetaling.valutakode,
  };
}

/**
 * Where a payout went: the party's own registered account, in full (decision 0034); without one,
 * the name and address a cheque (`sjekkSendtTil`) or payout card (`utbetalingskortSendtTil`)
 * was sent to (decision 0163).
 */
export function mottaker(utbetaling: UtbetalingInfo): Betalingsinformasjon {
  const sendtTil = utbetaling.mottakerAdresse === null ? undefined : { mottakersNavn: utbetaling.kontoeiersNavn ?? '', mottakersAddresse: adresse(utbetaling.mottakerAdresse) };
  return {
    meldingSendtTilMottaker: utbetaling.melding ?? undefined,
    konto: utbetaling.konto === null ? undefined : { kontoeiersNavn: utbetaling.kontoeiersNavn ?? undefined, kontonummer: utbetaling.konto },
    sjekkSendtTil: utbetaling.utbetalingsmaate === 'sjekk' ? sendtTil : undefined,
    utbetalingskortSendtTil: utbetaling.utbetalingsmaate === 'utbetalingskort' ? sendtTil : undefined,
    valutakode: utbetaling.valutakode,
  };
}

function adresse(postadresse: Postadresse): AdresseFrittFormat {
  return { adressetekst: [...postadresse.adressetekst], poststedsnavn: postadresse.poststedsnavn, postnummer: postadresse.postnummer, landkode: postadresse.landkode };
}
