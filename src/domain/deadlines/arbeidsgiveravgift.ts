import { addMonths, makeDate, type LocalDate } from '../dates.js';
import { fristDatoer, type FristDatoer } from './frist-datoer.js';
import { makeObligation, obligationId, type Obligation } from './obligation.js';
import { assertTomaanedstermin, tomaanedsperiode, tomaanedsterminer } from './perioder.js';

/** Claim types paid by the employer's bi-monthly transfer (one claim of each per term). */
export const arbeidsgiveravgiftForskuddstrekkKravtyper = Object.freeze(['arbeidsgiveravgift', 'forskuddstrekk'] as const);

/**
 * Arbeidsgiveravgift and forskuddstrekk of a two-monthly term fall due the 15th of the month after
 * the term (domain-rules §4.4): term 1 (Jan–Feb) on 15 March … term 6 (Nov–Dec) on 15 January.
 *
 * @example arbeidsgiveravgiftForfall(2027, 2) // { nominal: '2027-05-15', effective: '2027-05-18' }
 */
export function arbeidsgiveravgiftForfall(aar: number, termin: number): FristDatoer {
  return fristDatoer(arbeidsgiveravgiftNominellForfall(aar, termin));
}

function arbeidsgiveravgiftNominellForfall(aar: number, termin: number): LocalDate {
  assertTomaanedstermin(termin);
  // Term t ends with month 2t; the 15th of the next month is January + 2t months.
  return addMonths(makeDate(aar, 1, 15), 2 * termin);
}

/**
 * One payment task per term for both claims: they fall due together and are paid in one transfer,
 * so the calendar shows one deadline (decision 0012).
 */
export function arbeidsgiveravgiftObligations(aar: number): Obligation[] {
  return tomaanedsterminer.map((termin) =>
    makeObligation({
      id: obligationId('arbeidsgiveravgiftForskuddstrekk', aar, termin),
      kind: 'arbeidsgiveravgiftForskuddstrekk',
      periode: tomaanedsperiode(aar, termin),
      nominellFrist: arbeidsgiveravgiftNominellForfall(aar, termin),
      produktomraade: 'Arbeidsgiveravgift',
      oppgaveType: 'betalingskrav',
      fristType: 'betalingsfrist',
      oppgaveBeskrivelse: `Betal arbeidsgiveravgift og forskuddstrekk for ${termin}. termin ${aar}`,
      noekkel: {
        kind: 'betaling',
        kravtyper: arbeidsgiveravgiftForskuddstrekkKravtyper,
        aar,
        termin,
        forfallNummer: null,
      },
    }),
  );
}
