import { makeDate, type LocalDate } from '../dates.js';
import { fristDatoer, type FristDatoer } from './frist-datoer.js';
import { makeObligation, obligationId, type Obligation } from './obligation.js';
import { maanedsperiode } from './perioder.js';

/** Business owners (ENK) and companies file by 31 May; employees and pensioners by 30 April. */
export type Skattemeldingstype = 'naering' | 'loennstakerPensjonist';

/**
 * The skattemelding deadline for an income year (domain-rules §4.6).
 *
 * @example skattemeldingFrist(2025) // { nominal: '2026-05-31', effective: '2026-06-01' }
 */
export function skattemeldingFrist(inntektsaar: number, type: Skattemeldingstype = 'naering'): FristDatoer {
  return fristDatoer(skattemeldingNominellFrist(inntektsaar, type));
}

function skattemeldingNominellFrist(inntektsaar: number, type: Skattemeldingstype): LocalDate {
  return type === 'naering' ? makeDate(inntektsaar + 1, 5, 31) : makeDate(inntektsaar + 1, 4, 30);
}

export function skattemeldingObligation(inntektsaar: number, type: Skattemeldingstype): Obligation {
  return makeObligation({
    id: obligationId('skattemelding', inntektsaar, null),
    kind: 'skattemelding',
    periode: maanedsperiode(inntektsaar, null, 1, 12),
    nominellFrist: skattemeldingNominellFrist(inntektsaar, type),
    produktomraade: 'Skatt',
    oppgaveType: 'rapporteringskrav',
    fristType: 'leveringsfrist',
    oppgaveBeskrivelse: `Lever skattemelding for ${inntektsaar}`,
    noekkel: { kind: 'levering', leveringstype: 'skattemelding', aar: inntektsaar, termin: null },
  });
}
