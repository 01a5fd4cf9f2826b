import { assertInvariant } from '../assert.js';
import { addMonths, makeDate, type LocalDate } from '../dates.js';
import { fristDatoer, type FristDatoer } from './frist-datoer.js';
import { makeObligation, obligationId, type Obligation } from './obligation.js';
import { maanedsnavnFor, maanedsperiode } from './perioder.js';

/**
 * The a-melding for a month is due the 5th of the following month (domain-rules §4.3).
 *
 * @example ameldingFrist(2026, 3) // { nominal: '2026-04-05', effective: '2026-04-07' } (Easter)
 */
export function ameldingFrist(aar: number, maaned: number): FristDatoer {
  return fristDatoer(ameldingNominellFrist(aar, maaned));
}

function ameldingNominellFrist(aar: number, maaned: number): LocalDate {
  assertInvariant(Number.isInteger(maaned) && maaned >= 1 && maaned <= 12, `not a month: ${maaned}`);
  return addMonths(makeDate(aar, maaned, 5), 1);
}

/** Twelve a-meldinger of a year (report only; what it reports is paid as AGA and forskuddstrekk). */
export function ameldingObligations(aar: number): Obligation[] {
  return Array.from({ length: 12 }, (_, index) => {
    const maaned = index + 1;
    return makeObligation({
      id: obligationId('aMelding', aar, maaned),
      kind: 'aMelding',
      periode: maanedsperiode(aar, maaned, maaned, maaned),
      nominellFrist: ameldingNominellFrist(aar, maaned),
      produktomraade: 'A-ordningen',
      oppgaveType: 'rapporteringskrav',
      fristType: 'leveringsfrist',
      oppgaveBeskrivelse: `Lever a-melding for ${maanedsnavnFor(maaned)} ${aar}`,
      noekkel: { kind: 'levering', leveringstype: 'a-melding', aar, termin: maaned },
    });
  });
}
