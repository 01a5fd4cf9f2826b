import type { KravforfallView, KravView } from '../../../ledger/index.js';
import type { Krav, Kravforfall } from '../schemas/krav.js';
import { avsender, bevegelse, kredit, kroner, kravperiode, mottaker, mottakerkonto, tekst } from './felles.js';
import { motregningAvKreditkrav } from './motregning.js';

/** A claim with all its due items and every placement on them, seen from the item (spec §4.2–§4.6). */
export function mapKrav(krav: KravView): Krav {
  return {
    partIdentifikator: krav.partId,
    kravidentifikator: krav.kravId,
    kravtype: krav.kravtypeApi,
    opprinneligBeloep: kroner(krav.opprinneligOere),
    gjenstaaendeBeloep: kroner(krav.gjenstaaendeOere),
    kravforfall: krav.forfall.map(mapKravforfall),
    // Only claims that accrue interest carry the figure (0.0 while nothing is overdue), as published.
    stipulerteRenter: krav.renteberegnes ? kroner(krav.stipulerteRenterOere) : undefined,
    kravbeskrivelse: tekst(krav.beskrivelse),
    kravperiode: kravperiode(krav.periode),
    opprettelsesdatoForKrav: krav.opprettetDato,
    kravgruppe: krav.kravgruppeTekst,
    hovedstolKravidentifikator: krav.hovedstolKravId ?? undefined,
    fastsettingsmaate: (krav.fastsettingsmaate ?? undefined) as Krav['fastsettingsmaate'],
    motregningAvKreditkrav: motregningAvKreditkrav(krav),
  };
}

function mapKravforfall(forfall: KravforfallView): Kravforfall {
  const original = forfall.opprinneligOere;
  return {
    kravforfallsIdentifikator: forfall.kravforfallId,
    forfallsdato: forfall.forfallsdato,
    opprinneligBeloep: kroner(original),
    gjenstaaendeBeloep: kroner(forfall.gjenstaaendeOere),
    betalingsinformasjon: {
      kidnummer: forfall.kid ?? undefined,
      konto: forfall.mottakerkonto === null ? undefined : mottakerkonto(forfall.mottakerkonto),
    },
    plassertInnbetaling: forfall.plassertInnbetaling.map((p) => ({
      innbetalingsIdentifikator: p.innbetaling.innbetalingId,
      plassertBeloep: bevegelse(original, p.plassertOere),
      plassertDato: p.plassertDato,
      innbetalingsdato: p.innbetaling.innbetalingsdato,
      innbetaltBeloep: kredit(p.innbetaling.beloepOere),
      innbetaltFra: avsender(p.innbetaling),
      innbetalingstype: p.innbetaling.innbetalingstypeTekst,
    })),
    plassertMotkrav: forfall.plassertMotkrav.map((p) => ({
      kravforfallsIdentifikator: p.motkrav.kravforfallId,
      plassertBeloep: bevegelse(original, p.plassertOere),
      kravtype: p.motkrav.kravtypeApi,
      plassertDato: p.plassertDato,
      kravbeskrivelse: tekst(p.motkrav.beskrivelse),
      forfallsdato: p.motkrav.forfallsdato,
      kravperiode: kravperiode(p.motkrav.periode),
    })),
    plassertUtbetaling: forfall.plassertUtbetaling.map((p) => ({
      utbetalingsidentifikator: p.utbetaling.utbetalingId,
      utbetaltBeloep: kroner(p.utbetaling.beloepOere),
      utbetaltDato: p.utbetaling.utbetaltdato,
      betaltTil: mottaker(p.utbetaling),
      plassertBeloep: bevegelse(original, p.plassertOere),
      plassertDato: p.plassertDato,
    })),
    // Only the deferred item carries the flag (decision 0160): bodies stay as published otherwise.
    utsattIverksettelse: forfall.utsettelse === null ? undefined : true,
  };
}
