import { assertInvariant } from '../assert.js';
import { addMonths, makeDate, type LocalDate } from '../dates.js';
import { fristDatoer, type FristDatoer } from './frist-datoer.js';
import { makeObligation, obligationId, type Obligation, type Referanseperiode } from './obligation.js';
import { assertTomaanedstermin, maanedsperiode, terminTekst, tomaanedsperiode, tomaanedsterminer } from './perioder.js';

/** How a business reports VAT (the `part.mva_termintype` registration). */
export type MvaTermintype = 'tomaaneders' | 'aarlig' | 'primaernaering';

/** Claim types that pay (or credit) the VAT of a term: "Mva-melding å betale" and "Merverdiavgift tilgode". */
export const mvaKravtyper = Object.freeze(['åBetaleMva', 'tilgodeMva'] as const);

/**
 * The mva-melding deadline, which is also the payment deadline (sktbl § 10-30), domain-rules §4.2.
 * Two-monthly terms fall due one month and ten days after the term ends, except term 3
 * (31 August); the annual term on 10 March (10 April for primary industries) the year after.
 * `termin` is 1–6 for two-monthly reporting and null for an annual term.
 *
 * @example mvaFrist(2026, 4, 'tomaaneders') // { nominal: '2026-10-10', effective: '2026-10-12' }
 * @example mvaFrist(2025, null, 'aarlig')   // { nominal: '2026-03-10', effective: '2026-03-10' }
 */
export function mvaFrist(aar: number, termin: number | null, termintype: MvaTermintype): FristDatoer {
  return fristDatoer(mvaNominellFrist(aar, termin, termintype));
}

function mvaNominellFrist(aar: number, termin: number | null, termintype: MvaTermintype): LocalDate {
  if (termintype !== 'tomaaneders') {
    assertInvariant(termin === null, `an annual mva term has no term number: ${termin}`);
    return makeDate(aar + 1, termintype === 'aarlig' ? 3 : 4, 10);
  }
  assertInvariant(termin !== null, 'a two-monthly mva term needs its number');
  assertTomaanedstermin(termin);
  // Term 3 (May–June) is moved past the summer holidays.
  if (termin === 3) return makeDate(aar, 8, 31);
  // Term t ends with month 2t; the 10th of the second month after it is January + 2t + 1 months.
  return addMonths(makeDate(aar, 1, 10), 2 * termin + 1);
}

/** The mva-melding and the VAT payment for every term of a year. */
export function mvaObligations(aar: number, termintype: MvaTermintype): Obligation[] {
  const terms: Referanseperiode[] =
    termintype === 'tomaaneders'
      ? tomaanedsterminer.map((termin) => tomaanedsperiode(aar, termin))
      : [maanedsperiode(aar, null, 1, 12)];
  return terms.flatMap((periode) => {
    const nominellFrist = mvaNominellFrist(aar, periode.termin, termintype);
    const termin = terminTekst(aar, periode.termin);
    return [
      makeObligation({
        id: obligationId('mvaMelding', aar, periode.termin),
        kind: 'mvaMelding',
        periode,
        nominellFrist,
        produktomraade: 'MVA',
        oppgaveType: 'rapporteringskrav',
        fristType: 'leveringsfrist',
        oppgaveBeskrivelse: `Lever mva-melding for ${termin}`,
        noekkel: { kind: 'levering', leveringstype: 'mva-melding', aar, termin: periode.termin },
      }),
      makeObligation({
        id: obligationId('mvaBetaling', aar, periode.termin),
        kind: 'mvaBetaling',
        periode,
        nominellFrist,
        produktomraade: 'MVA',
        oppgaveType: 'betalingskrav',
        fristType: 'betalingsfrist',
        oppgaveBeskrivelse: `Betal merverdiavgift for ${termin}`,
        noekkel: { kind: 'betaling', kravtyper: mvaKravtyper, aar, termin: periode.termin, forfallNummer: null },
      }),
    ];
  });
}
