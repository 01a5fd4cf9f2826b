import type { UtbetalingView } from '../../../ledger/index.js';
import type { Utbetaling, Utbetalingstatus } from '../schemas/utbetaling.js';
import { avsender, kredit, kroner, kravperiode, mottaker, tekst } from './felles.js';

/** A payout and the credit items it paid out (spec §4.8); payouts are positive. */
export function mapUtbetaling(utbetaling: UtbetalingView): Utbetaling {
  return {
    partIdentifikator: utbetaling.partId,
    utbetalingsidentifikator: utbetaling.utbetalingId,
    utbetaltdato: utbetaling.utbetaltdato,
    utbetaltBeloep: kroner(utbetaling.beloepOere),
    betaltTil: mottaker(utbetaling),
    grunnlagForUtbetaling: {
      kreditKrav: utbetaling.kreditKrav.map((k) => ({
        kravforfallidentifikator: k.krav.kravforfallId,
        opprinneligBeloep: kroner(k.krav.opprinneligOere),
        gjenstaaendeBeloep: kroner(k.krav.gjenstaaendeOere),
        utbetaltBeloep: kroner(k.utbetaltOere),
        kravbeskrivelse: tekst(k.krav.beskrivelse),
        kravtype: k.krav.kravtypeApi,
        kravperiode: kravperiode(k.krav.periode),
      })),
      tilbakebetalingAv: utbetaling.tilbakebetalingAv.map(({ innbetaling, utbetaltOere }) => ({
        innbetalingsIdentifikator: innbetaling.innbetalingId,
        innbetalingstype: innbetaling.innbetalingstypeTekst,
        innbetalingsdato: innbetaling.innbetalingsdato,
        innbetaltBeloep: kredit(innbetaling.beloepOere),
        innbetaltFra: avsender(innbetaling),
        utbetaltBeloep: kroner(utbetaltOere),
      })),
    },
    utbetalingstatus: publishedStatus(utbetaling.status),
  };
}

/**
 * The published enum has `bekreftet` and `underUtbetaling` only, and a generated client refuses
 * any other value (decision 0152). A returned payout was paid out and confirmed; the money that
 * came back is a new credit claim ("Returnert utbetaling", decision 0006).
 */
function publishedStatus(status: UtbetalingView['status']): Utbetalingstatus {
  return status === 'returnert' ? 'bekreftet' : status;
}
