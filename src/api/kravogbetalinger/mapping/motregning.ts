import type { InnbetalingView, KravforfallRef, KravView } from '../../../ledger/index.js';
import type { LocalDate } from '../../../domain/dates.js';
import type { Oere } from '../../../domain/money.js';
import type { DekketKrav, MotregningAvInnbetaling, MotregningAvKreditkrav } from '../schemas/motregning.js';
import { kredit, kroner, kravperiode, tekst } from './felles.js';

/**
 * Set-off in the published 1.1.1 objects (decision 0165), from the view's set-off placements: on a
 * credit claim the debts its items covered (`motregningAvKreditkrav`); on a payment the debts the
 * credit of its refund covered instead of being paid back (`motregningAvInnbetaling`: a returned
 * refund, decision 0162). Every claim in this ledger is Skatteetaten's own and collected by it, so
 * both the collecting authority and the creditor are Skatteetaten. One object holds every set-off
 * of the claim or payment: its id and date are the first set-off's; each debt covered is one
 * `DekketKrav`.
 */
const skatteetaten = 'Skatteetaten';

interface Dekning {
  readonly debet: KravforfallRef;
  readonly plassertOere: Oere;
  readonly plassertDato: LocalDate;
  readonly seq: number;
  readonly forsinkelsesrenteOere: Oere | null;
}

export function motregningAvKreditkrav(krav: KravView): MotregningAvKreditkrav | undefined {
  if (krav.opprinneligOere >= 0) return undefined;
  const brukt = krav.forfall.filter((f) => f.plassertMotkrav.length > 0);
  const dekninger = brukt.flatMap((f) => f.plassertMotkrav.map((p) => ({ ...p, debet: p.motkrav })));
  if (dekninger.length === 0) return undefined;
  const { motregningsidentifikator, innkrevingsmyndighet, dekketkrav, motregnetdato } = felles(dekninger);
  const kreditter = brukt.map((f) => ({ kravforfallId: f.kravforfallId, gjenstaaendeOere: f.gjenstaaendeOere, beskrivelse: krav.beskrivelse, periode: krav.periode }));
  return { motregningsidentifikator, innkrevingsmyndighet, hovedkrav: { kreditkravBruktIMotregning: kreditter.map(kreditkravBrukt) }, dekketkrav, motregnetdato };
}

export function motregningAvInnbetaling(innbetaling: InnbetalingView): MotregningAvInnbetaling | undefined {
  if (innbetaling.motregninger.length === 0) return undefined;
  const { motregningsidentifikator, innkrevingsmyndighet, dekketkrav, motregnetdato } = felles(innbetaling.motregninger.map((m) => ({ ...m, debet: m.krav })));
  const kreditter = [...new Map(innbetaling.motregninger.map((m) => [m.kreditt.kravforfallId, m.kreditt])).values()];
  return {
    motregningsidentifikator,
    innkrevingsmyndighet,
    dekketKrav: dekketkrav,
    // The payment's money, held by its refund's credit when the set-off used it.
    hovedkrav: {
      innbetalingBruktImotregning: [{ innbetalingsidentifikator: innbetaling.innbetalingId, uplassertBeloep: kredit(innbetaling.uplassertOere) }],
      kreditkravBruktIMotregning: kreditter.map(kreditkravBrukt),
    },
    motregnetdato,
  };
}

function kreditkravBrukt(kreditt: Pick<KravforfallRef, 'kravforfallId' | 'gjenstaaendeOere' | 'beskrivelse' | 'periode'>) {
  return { kravforfallsIdentifikator: kreditt.kravforfallId, gjenstaaendeBeloep: kroner(kreditt.gjenstaaendeOere), kravbeskrivelse: tekst(kreditt.beskrivelse), kravperiode: kravperiode(kreditt.periode) };
}

function felles(dekninger: readonly Dekning[]) {
  const first = [...dekninger].sort((a, b) => a.seq - b.seq)[0]!;
  return {
    motregningsidentifikator: String(first.seq),
    innkrevingsmyndighet: tekst(skatteetaten),
    dekketkrav: dekninger.map(dekketKrav),
    motregnetdato: first.plassertDato,
  };
}

function dekketKrav(dekning: Dekning): DekketKrav {
  return {
    motregnetBeloep: kroner(dekning.plassertOere),
    dekketKravBeskrivelse: tekst(dekning.debet.beskrivelse),
    innkrevingsmyndighet: tekst(skatteetaten),
    forfallsdato: dekning.debet.forfallsdato,
    kreditorsnavn: tekst(skatteetaten),
    forsinkelsesrenter: dekning.forsinkelsesrenteOere === null ? undefined : kroner(dekning.forsinkelsesrenteOere),
  };
}
