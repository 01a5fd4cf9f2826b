import type { InnbetalingView } from '../../../ledger/index.js';
import type { Innbetaling } from '../schemas/innbetaling.js';
import { avsender, kredit, kroner, mottaker, mottakerkonto, tekst } from './felles.js';
import { motregningAvInnbetaling } from './motregning.js';

/**
 * A payment, the due items it covered, and what became of its unplaced amount: set off before a
 * refund, and paid back (spec §4.7, OpenAPI 1.1.1); its own amounts are credits (decision 0034).
 */
export function mapInnbetaling(innbetaling: InnbetalingView): Innbetaling {
  return {
    partIdentifikator: innbetaling.partId,
    innbetalingsidentifikator: innbetaling.innbetalingId,
    innbetalingsdato: innbetaling.innbetalingsdato,
    innbetaltBeloep: kredit(innbetaling.beloepOere),
    plassertKrav: innbetaling.plasseringer.map((p) => ({
      kravforfallIdentifikator: p.krav.kravforfallId,
      plassertBeloep: kroner(p.plassertOere),
      plassertDato: p.plassertDato,
      kravbeskrivelse: tekst(p.krav.beskrivelse),
      kravforfallsdato: p.krav.forfallsdato,
      opprinneligKravforfallsbeloep: kroner(p.krav.opprinneligOere),
      gjenstaaendeKravforfallsbeloep: kroner(p.krav.gjenstaaendeOere),
    })),
    uplassertBeloep: kredit(innbetaling.uplassertOere),
    // Skatteetaten's account in full, as `betalingsinformasjon.konto` shows it (OpenAPI 1.1.1: a Bankkonto).
    mottakersKontonummer: mottakerkonto(innbetaling.mottakerkontoInfo),
    innbetaltFra: avsender(innbetaling),
    innbetalingstype: innbetaling.innbetalingstypeTekst,
    plassertUtbetaling: innbetaling.tilbakebetalinger.map((t) => ({
      utbetalingsidentifikator: t.utbetaling.utbetalingId,
      utbetaltdato: t.utbetaling.utbetaltdato,
      utbetaltBeloep: kroner(t.utbetaltOere),
      betaltTil: mottaker(t.utbetaling),
    })),
    motregningAvInnbetaling: motregningAvInnbetaling(innbetaling),
  };
}
