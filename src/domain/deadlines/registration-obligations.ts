import { assertInvariant } from '../assert.js';
import { compareDates, dateParts, type LocalDate } from '../dates.js';
import { ameldingObligations } from './a-melding.js';
import { arbeidsgiveravgiftObligations } from './arbeidsgiveravgift.js';
import { forskuddsskattObligations } from './forskuddsskatt.js';
import { mvaObligations, type MvaTermintype } from './mva.js';
import type { Obligation, ObligationKind } from './obligation.js';
import { skattemeldingObligation } from './skattemelding.js';
import { skattytertypeFor } from './skattyter.js';

/** What the registers say about a party (the `part` row's registrations). */
export interface Registreringer {
  /** Organisation form code ("ENK", "AS", "ASA", …), or "person" for a person. */
  readonly organisasjonsform: string;
  /** VAT term type, or null when not VAT-registered. */
  readonly mvaTermintype: MvaTermintype | null;
  readonly arbeidsgiver: boolean;
  /** Pays forskuddsskatt (advance tax). */
  readonly forskuddspliktig: boolean;
  /** First day of the registrations: obligations about periods that ended before it do not apply. */
  readonly registrertDato?: LocalDate;
}

/** An inclusive date range. */
export interface Periode {
  readonly fraOgMed: LocalDate;
  readonly tilOgMed: LocalDate;
}

/**
 * Every obligation about reference year `aar` (the term's year, the income year), whenever it
 * falls due: the generator books claims from this, the calendar filters it by date.
 */
export function obligationsForReferenceYear(registreringer: Registreringer, aar: number): Obligation[] {
  const skattytertype = skattytertypeFor(registreringer.organisasjonsform);
  const all = [
    ...(registreringer.mvaTermintype === null ? [] : mvaObligations(aar, registreringer.mvaTermintype)),
    ...(registreringer.arbeidsgiver ? [...ameldingObligations(aar), ...arbeidsgiveravgiftObligations(aar)] : []),
    ...(registreringer.forskuddspliktig ? forskuddsskattObligations(aar, skattytertype) : []),
    skattemeldingObligation(aar, registreringer.organisasjonsform === 'person' ? 'loennstakerPensjonist' : 'naering'),
  ];
  const registrertDato = registreringer.registrertDato;
  return registrertDato === undefined ? all : all.filter((o) => o.periode === null || o.periode.tilOgMed >= registrertDato);
}

/**
 * The obligations whose effective deadline (`frist`) lies in the period (both ends inclusive),
 * ordered by deadline, then reporting before payment, then id (decision 0014).
 */
export function obligationsForPeriod(registreringer: Registreringer, periode: Periode): Obligation[] {
  assertInvariant(periode.fraOgMed <= periode.tilOgMed, `period ends before it starts: ${periode.fraOgMed}..${periode.tilOgMed}`);
  // Nothing falls due later than the year after its reference year (term 6, annual terms, AS
  // forskuddsskatt, skattemelding), so reference years from the year before the period suffice.
  const fromYear = dateParts(periode.fraOgMed).year - 1;
  const toYear = dateParts(periode.tilOgMed).year;
  const found: Obligation[] = [];
  for (let aar = fromYear; aar <= toYear; aar += 1) {
    for (const obligation of obligationsForReferenceYear(registreringer, aar)) {
      if (obligation.frist >= periode.fraOgMed && obligation.frist <= periode.tilOgMed) found.push(obligation);
    }
  }
  return sortObligations(found);
}

const kindOrder: readonly ObligationKind[] = [
  'mvaMelding',
  'mvaBetaling',
  'aMelding',
  'arbeidsgiveravgiftForskuddstrekk',
  'forskuddsskatt',
  'skattemelding',
  'krav',
];

/** Deadline first, then reporting before the payment it leads to, then id: a total, stable order. */
export function sortObligations(obligations: readonly Obligation[]): Obligation[] {
  return [...obligations].sort(
    (a, b) =>
      compareDates(a.frist, b.frist) ||
      kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
