/**
 * The deadline engine: what a party must report and pay, when, and how far it has come.
 * Pure: the business date and the ledger facts are parameters. Holidays and working days are in
 * `../holidays.ts`.
 */
export type { FristDatoer } from './frist-datoer.js';
export { fristDatoer } from './frist-datoer.js';

export type {
  FristType,
  Obligation,
  ObligationKind,
  OppgaveType,
  Referanseperiode,
} from './obligation.js';
export { myndighet, obligationId, kravforfallObligationId } from './obligation.js';

export type { Produktomraade } from './produktomraade.js';
export { produktomraader } from './produktomraade.js';

export type {
  Betalingsnoekkel,
  KravforfallReferanse,
  Kravforfallnoekkel,
  LeveringReferanse,
  Leveringsnoekkel,
  Leveringstype,
  Matchnoekkel,
} from './matchnoekkel.js';
export { matcherKravforfall, matcherLevering, terminNummer } from './matchnoekkel.js';

export type { Skattytertype } from './skattyter.js';
export { skattytertypeFor } from './skattyter.js';

export type { MvaTermintype } from './mva.js';
export { mvaFrist, mvaKravtyper } from './mva.js';
export { ameldingFrist } from './a-melding.js';
export { arbeidsgiveravgiftForfall, arbeidsgiveravgiftForskuddstrekkKravtyper } from './arbeidsgiveravgift.js';
export type { ForskuddsskattTermin } from './forskuddsskatt.js';
export { forskuddsskattForfall, forskuddsskattKravtyper } from './forskuddsskatt.js';
export type { Skattemeldingstype } from './skattemelding.js';
export { skattemeldingFrist } from './skattemelding.js';
export type { RestskattForfall, RestskattInput } from './restskatt.js';
export {
  restskattBortfallUnderOere,
  restskattEttForfallUnderOere,
  restskattForfall,
  restskattKravtyper,
} from './restskatt.js';

export type { Periode, Registreringer } from './registration-obligations.js';
export { obligationsForPeriod, obligationsForReferenceYear, sortObligations } from './registration-obligations.js';
export type { KravforfallForOppgave } from './oppgave-fra-krav.js';
export { oppgaveFraKrav } from './oppgave-fra-krav.js';

export type {
  BetalingFakta,
  KravforfallFakta,
  LeveringFakta,
  OppgaveFakta,
  OppgaveStatus,
  Oppgavestatus,
} from './status.js';
export { dagerIgjenTekst, oppgaveStatus } from './status.js';

export type { KalenderperiodeInput } from './kalenderperiode.js';
export { kalenderperiode, kalenderperiodeMaanederDefault } from './kalenderperiode.js';
export { terminTekst } from './perioder.js';
