import { makeDate, type LocalDate } from '../dates.js';
import { fristDatoer, type FristDatoer } from './frist-datoer.js';
import { makeObligation, obligationId, type Obligation } from './obligation.js';
import { maanedsperiode } from './perioder.js';
import type { Skattytertype } from './skattyter.js';

/**
 * Claim types of issued forskuddsskatt. The tax office issues one claim per income year whose
 * due items are the terms (as the published `UTSKR_FORSKSKATT` example): item n is term n.
 */
export const forskuddsskattKravtyper = Object.freeze(['utskrevetForskuddsskattPerson', 'utskrevetForskuddsskatt'] as const);

export interface ForskuddsskattTermin extends FristDatoer {
  readonly termin: number;
}

/**
 * The forskuddsskatt terms of an income year (domain-rules §4.5, sktbl § 10-20): personal
 * taxpayers 15 March, 15 May, 15 September and 15 November of the income year; others
 * 15 February and 15 April of the year after.
 *
 * @example forskuddsskattForfall(2026, 'upersonlig').map((t) => t.effective) // ['2027-02-15', '2027-04-15']
 */
export function forskuddsskattForfall(aar: number, skattytertype: Skattytertype): readonly ForskuddsskattTermin[] {
  return Object.freeze(
    nominelleForfall(aar, skattytertype).map((nominal, index) => Object.freeze({ termin: index + 1, ...fristDatoer(nominal) })),
  );
}

function nominelleForfall(aar: number, skattytertype: Skattytertype): LocalDate[] {
  return skattytertype === 'personlig'
    ? [3, 5, 9, 11].map((maaned) => makeDate(aar, maaned, 15))
    : [2, 4].map((maaned) => makeDate(aar + 1, maaned, 15));
}

export function forskuddsskattObligations(aar: number, skattytertype: Skattytertype): Obligation[] {
  return nominelleForfall(aar, skattytertype).map((nominellFrist, index) => {
    const termin = index + 1;
    return makeObligation({
      id: obligationId('forskuddsskatt', aar, termin),
      kind: 'forskuddsskatt',
      periode: maanedsperiode(aar, termin, 1, 12),
      nominellFrist,
      produktomraade: 'Skatt',
      oppgaveType: 'betalingskrav',
      fristType: 'betalingsfrist',
      oppgaveBeskrivelse: `Betal forskuddsskatt ${termin}. termin ${aar}`,
      noekkel: { kind: 'betaling', kravtyper: forskuddsskattKravtyper, aar, termin: null, forfallNummer: termin },
    });
  });
}
