import type { InnbetalingView } from '../../../ledger/index.js';
import type { Innbetaling } from '../schemas/innbetaling.js';
import { avsender, kredit, kroner, tekst } from './felles.js';

/** A payment and the due items it covered (spec §4.7); its own amounts are credits (decision 0034). */
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
    mottakersKontonummer: { kontonummer: innbetaling.mottakerkonto },
    innbetaltFra: avsender(innbetaling),
    innbetalingstype: innbetaling.innbetalingstypeTekst,
  };
}
