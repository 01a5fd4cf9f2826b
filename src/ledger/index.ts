/**
 * The reskontro's public door: what `api`, `portal`, `testdata` and `cli` may import. Everything
 * else under src/ledger is internal. Commands take `(db, { bokfoertDato, idempotencyKey, … })`
 * and return what happened; views take `(db, { partId, asOf, … })`.
 */

// Parties (master data)
export { registrerPart, registrerParter, type PartInput } from './part-commands.js';
export { skyldnergruppe } from './skyldnergruppe.js';

// Commands, one at a time or many for one debtor group in one transaction (generators)
export { bokfoerKommandoer, type Kommando, type Utfall, type Utfallene } from './kommando.js';
export { bokfoerKrav, kravKommando, standardMottakerkonto, type Fastsettingsmaate, type KravInput, type KravResultat } from './krav-commands.js';
export { bokfoerInnbetaling, innbetalingKommando, type InnbetalingInput, type InnbetalingResultat } from './innbetaling-commands.js';
export type { KidTolkning } from './plassering-commands.js';
export {
  lagretUtfall,
  registrerUidentifisertInnbetaling,
  tildelUidentifisertInnbetaling,
  uidentifiserteInnbetalinger,
  type TildelingInput,
  type UidentifisertInnbetaling,
  type UidentifisertInput,
} from './uidentifisert.js';
export { finnInnbetaler, type Innbetaler } from './innbetaler.js';
export { utbetalingsordrer, type Utbetalingsordre } from './utbetaling-queries.js';
export {
  kjoerOppgjoer,
  oppgjoerKommando,
  utbetalingMinsteOere,
  type IkkeUtbetalt,
  type OppgjoerInput,
  type OppgjoerResultat,
  type Refusjon,
  type Utbetalt,
} from './oppgjoer.js';
export {
  bankbekreftelseKommando,
  registrerUtbetalingBekreftet,
  registrerUtbetalingReturnert,
  utbetalingBekreftetKommando,
  utbetalingReturnertKommando,
  type BankbekreftelseResultat,
  type UtbetalingBekreftetInput,
  type UtbetalingBekreftetResultat,
  type UtbetalingReturnertInput,
  type UtbetalingReturnertResultat,
} from './utbetaling-commands.js';
export { registrerLevering, leveringKommando, type LeveringInput, type LeveringResultat } from './levering-commands.js';
export { registrerUtsettelse, utsettelseKommando, type UtsettelseInput, type UtsettelseResultat } from './utsettelse-commands.js';
export type { DekketPost, Motregning, Plassering, RenteKrav } from './resultater.js';
export type { Plasseringsgrunnlag } from './allocation.js';
export type { Kravperiode } from './kravperiode.js';

// Bulk loading (kob seed)
export { BulkBooking, copyBulkRound, currentSequences, reserveBulkNumbers, type BulkRound, type SequenceState } from './bulk-load.js';
export type { PartRow } from './skyldnergruppe.js';

// Views as of a date
export {
  buildPartView,
  type InnbetalingInfo,
  type InnbetalingView,
  type KravforfallRef,
  type KravforfallView,
  type KravView,
  type KreditKravView,
  type Mottakerkonto,
  type Oversikt,
  type PartInfo,
  type PartView,
  type PartViewQuery,
  type Periode,
  type PlassertInnbetaling,
  type PlassertMotkrav,
  type PlassertUtbetaling,
  type PlasseringAvInnbetaling,
  type Summer,
  type UtbetalingInfo,
  type UtbetalingView,
  type Utsettelse,
} from './part-view.js';
export { partVersjon, partVersjonMedGruppe } from './part-versjon.js';
export { endredeParter, endringsHorisont, merkEndret, type EndringsVindu } from './part-endringer.js';
export { partChannel } from './part-changes.js';
export { finnLeveringer, type Levering } from './levering-queries.js';
export { kontrollerInvarianter } from './invariants.js';
export { soekParter, type PartSituasjon, type PartSoek, type PartSoekResultat, type PartTreff } from './part-soek.js';

// Reference data
export {
  apiKravtype,
  findKravtype,
  kodelister,
  kravgruppeFor,
  kravgruppeTekst,
  kravtypeFor,
  kravtypeFraNavn,
  skatteinnkrevingKonto,
  type Kodelister,
  type Kravgruppe,
  type Kravtype,
} from './kodelister.js';
export { forsinkelsesrentesatser, sistePubliserteRentedag } from './rentesatser.js';
export { mottakerkontoer, type MottakerkontoInfo, type Mottakerkontoer } from './mottakerkontoer.js';

// Errors and row types
export { IdempotencyConflictError, LedgerInputError, type LedgerErrorCode } from './errors.js';
export type { Innbetalingstype, Leveringstype, MvaTermintype, PartType, Postadresse, Utbetalingsmaate, Utbetalingstatus, Utsettelsesgrunn } from './tables.js';
