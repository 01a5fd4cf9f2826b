import type { ColumnType, Generated } from 'kysely';
import type { LocalDate } from '../domain/dates.js';
import type { Oere } from '../domain/money.js';

/**
 * Row types of the reskontro. A booked fact can be inserted and read, never updated:
 * `Booked<T>` makes `updateTable(...).set(...)` on such a column a compile error.
 */
type Booked<T> = ColumnType<T, T, never>;
type BookedOptional<T> = ColumnType<T | null, T | null | undefined, never>;
/** bigint columns are read back as safe-integer numbers (see db/type-parsers.ts). */
type Seq = ColumnType<number, number, never>;

export type PartType = 'organisasjon' | 'person';
export type MvaTermintype = 'tomaaneders' | 'aarlig' | 'primaernaering';

/** Master data of a party: registrations change, so this table is updatable (it books no money). */
export interface PartTable {
  part_id: string;
  part_type: PartType;
  navn: string;
  organisasjonsform: string | null;
  /** The owner (a person) of an ENK, whose personal claims are shown with the ENK. */
  eier_part_id: string | null;
  skjermet: boolean;
  /** Registered payout account (11 digits), or null: credits then stay unpaid and visible. */
  utbetalingskonto: string | null;
  mva_termintype: MvaTermintype | null;
  arbeidsgiver: boolean;
  forskuddspliktig: boolean;
  registrert_dato: LocalDate;
  /** Where a cheque or a payout card goes when there is no account (migration 0011); JSON text in, the object out. */
  postadresse: ColumnType<Postadresse | null, string | null | undefined, string | null>;
}

/** A postal address as Skatteetaten's `AdresseFrittFormat` holds it. */
export interface Postadresse {
  /** The lines before postnummer and poststed (street, c/o, …): 1–3. */
  readonly adressetekst: readonly string[];
  readonly postnummer: string;
  readonly poststedsnavn: string;
  /** ISO 3166-1 alpha-2. */
  readonly landkode: string;
}

/** Skatteetaten's receiving accounts (reference data seeded by migration). */
export interface MottakerkontoTable {
  kontonummer: string;
  kontoeiers_navn: string;
  iban: string;
  swift_bic: string;
  bankinformasjon: string | null;
  kid_algoritme: 'MOD10' | 'MOD11';
}

/** One row per command ever accepted; the key makes re-sending a no-op. */
export interface KommandoTable {
  idempotency_key: Booked<string>;
  kommando_type: Booked<string>;
  forespoersel_hash: Booked<string>;
  resultat: Booked<unknown>;
  bokfoert_dato: Booked<LocalDate>;
  registrert_tid: ColumnType<Date, never, never>;
}

export interface KravTable {
  krav_id: Booked<string>;
  seq: Seq;
  part_id: Booked<string>;
  /** Code from data/kodelister/kravtype.xml (or the supplement), e.g. `utskrevetForskuddsskattPerson`. */
  kravtype: Booked<string>;
  /** Code from data/kodelister/kravgruppe.xml, e.g. `skatt`. */
  kravgruppe: Booked<string>;
  beskrivelse: Booked<string>;
  periode_beskrivelse: Booked<string>;
  periode_aar: BookedOptional<number>;
  periode_fra: BookedOptional<LocalDate>;
  periode_til: BookedOptional<LocalDate>;
  termin: BookedOptional<string>;
  opprettet_dato: Booked<LocalDate>;
  fastsettingsmaate: BookedOptional<string>;
  hovedstol_krav_id: BookedOptional<string>;
  bokfoert_dato: Booked<LocalDate>;
  idempotency_key: Booked<string>;
}

export interface KravforfallTable {
  kravforfall_id: Booked<string>;
  krav_id: Booked<string>;
  /** 1-based instalment number within the claim. */
  nummer: Booked<number>;
  forfallsdato: Booked<LocalDate>;
  /** Signed: positive for a debt, negative for a credit (tilgode). */
  beloep_oere: Booked<Oere>;
  kid: BookedOptional<string>;
  mottakerkonto: BookedOptional<string>;
}

export type Innbetalingstype = 'bankoverfoering' | 'ocr';

export interface InnbetalingTable {
  innbetaling_id: Booked<string>;
  seq: Seq;
  part_id: Booked<string>;
  innbetalingsdato: Booked<LocalDate>;
  /** Always positive: the money received. */
  beloep_oere: Booked<Oere>;
  kid: BookedOptional<string>;
  melding: BookedOptional<string>;
  betaler_navn: BookedOptional<string>;
  betaler_konto: BookedOptional<string>;
  mottakerkonto: Booked<string>;
  innbetalingstype: Booked<Innbetalingstype>;
  valutakode: Booked<string>;
  bokfoert_dato: Booked<LocalDate>;
  idempotency_key: Booked<string>;
  /** The unidentified payment this one was assigned from (migration 0010), at most once. */
  uidentifisert_id: BookedOptional<string>;
}

/**
 * Money a bank file brought that names no claim and no known party (migration 0010): kept here,
 * on no party, until it is assigned to one, which books it as that party's payment.
 */
export interface UidentifisertInnbetalingTable {
  uidentifisert_id: Booked<string>;
  innbetalingsdato: Booked<LocalDate>;
  /** Always positive. */
  beloep_oere: Booked<Oere>;
  kid: BookedOptional<string>;
  melding: BookedOptional<string>;
  betaler_navn: BookedOptional<string>;
  betaler_konto: BookedOptional<string>;
  mottakerkonto: Booked<string>;
  innbetalingstype: Booked<Innbetalingstype>;
  bokfoert_dato: Booked<LocalDate>;
  idempotency_key: Booked<string>;
}

export type PlasseringKilde = 'innbetaling' | 'motregning' | 'utbetaling';

/**
 * One covering of a due item: by a payment, by a credit due item (set-off, recorded once and
 * shown on both sides), or by a payout (which settles a credit due item).
 */
export interface PlasseringTable {
  seq: Seq;
  kilde: Booked<PlasseringKilde>;
  innbetaling_id: BookedOptional<string>;
  motkrav_forfall_id: BookedOptional<string>;
  utbetaling_id: BookedOptional<string>;
  /** The covered item: a debit item for payments and set-off, a credit item for payouts. */
  kravforfall_id: Booked<string>;
  /** Always positive. */
  beloep_oere: Booked<Oere>;
  plassert_dato: Booked<LocalDate>;
  bokfoert_dato: Booked<LocalDate>;
  idempotency_key: Booked<string>;
}

export interface UtbetalingTable {
  utbetaling_id: Booked<string>;
  seq: Seq;
  part_id: Booked<string>;
  utbetaltdato: Booked<LocalDate>;
  beloep_oere: Booked<Oere>;
  /** The account paid to; null for a cheque or a payout card (migration 0011). */
  konto: BookedOptional<string>;
  kontoeiers_navn: BookedOptional<string>;
  melding: BookedOptional<string>;
  valutakode: Booked<string>;
  bokfoert_dato: Booked<LocalDate>;
  idempotency_key: Booked<string>;
  utbetalingsmaate: ColumnType<Utbetalingsmaate, Utbetalingsmaate | undefined, never>;
  /** Where a cheque or payout card was sent (JSON text in, the object out). */
  mottaker_adresse: ColumnType<Postadresse | null, string | null | undefined, never>;
}

/** How a payout reached the party: to its account, or by a cheque or a payout card sent to its address. */
export type Utbetalingsmaate = 'konto' | 'sjekk' | 'utbetalingskort';

/**
 * A payout is `underUtbetaling` from the daily run until the bank confirms it (`bekreftet`) or
 * sends it back (`returnert`); payouts booked before migration 0010 were `bekreftet` at once.
 */
export type Utbetalingstatus = 'underUtbetaling' | 'bekreftet' | 'returnert';

/** Status changes of a payout are new rows; the newest as of a date wins. */
export interface UtbetalingStatusTable {
  seq: Seq;
  utbetaling_id: Booked<string>;
  status: Booked<Utbetalingstatus>;
  /** The business date the status was booked (plays the part of `bokfoert_dato`). */
  dato: Booked<LocalDate>;
  idempotency_key: Booked<string>;
}

export type Leveringstype = 'mva-melding' | 'a-melding' | 'skattemelding';

/** A filing the business delivered (drives reporting status in the calendar). */
export interface LeveringTable {
  seq: Seq;
  part_id: Booked<string>;
  leveringstype: Booked<Leveringstype>;
  periode_aar: Booked<number>;
  /** Term within the year: mva "01".."06" (or "aar"), a-melding "01".."12"; null for yearly filings. */
  termin: BookedOptional<string>;
  levert_dato: Booked<LocalDate>;
  bokfoert_dato: Booked<LocalDate>;
  idempotency_key: Booked<string>;
}

export type Utsettelsesgrunn = 'betalingsutsettelse' | 'klage';

/**
 * A due item's collection deferred for a period (migration 0011, decision 0160): a payment
 * deferral, or collection suspended while a complaint is handled.
 */
export interface UtsettelseTable {
  seq: Seq;
  kravforfall_id: Booked<string>;
  grunn: Booked<Utsettelsesgrunn>;
  fra_dato: Booked<LocalDate>;
  til_dato: Booked<LocalDate>;
  bokfoert_dato: Booked<LocalDate>;
  idempotency_key: Booked<string>;
}

/** The payment a refund's claims (motpost tilbakebetaling, krav til utbetaling, a returned refund's credit) pay back (migration 0011). */
export interface RefusjonTable {
  krav_id: Booked<string>;
  innbetaling_id: Booked<string>;
}

/**
 * Cache: the newest posting that touched a party (for ETags) and the newest business date booked
 * for it (commands for a debtor group must not go back in time). Derived, so updatable.
 */
export interface PartSisteSeqTable {
  part_id: string;
  siste_seq: number;
  siste_bokfoert_dato: LocalDate;
}

/**
 * The read model (src/ledger/read-model.ts): every fact booked on a party, with the derived
 * amounts, as one JSON document the bookings rewrite in their transaction. Derived, so updatable.
 */
export interface PartLesemodellTable {
  part_id: string;
  /** Read as the parsed document; written as its JSON text. */
  dokument: ColumnType<unknown, string, string>;
  /** An open credit item or an unplaced payment: something for the daily run. */
  har_oppgjoer: ColumnType<boolean, boolean | undefined, boolean>;
}

/** The change feed's record (migration 0008): the last transaction that changed the party's data. */
export interface PartEndringTable {
  part_id: string;
  /** A PostgreSQL `xid8`, as its decimal text. */
  xid: string;
}

export interface LedgerTables {
  part: PartTable;
  mottakerkonto: MottakerkontoTable;
  kommando: KommandoTable;
  krav: KravTable;
  kravforfall: KravforfallTable;
  innbetaling: InnbetalingTable;
  uidentifisert_innbetaling: UidentifisertInnbetalingTable;
  plassering: PlasseringTable;
  utbetaling: UtbetalingTable;
  utbetaling_status: UtbetalingStatusTable;
  levering: LeveringTable;
  utsettelse: UtsettelseTable;
  refusjon: RefusjonTable;
  part_siste_seq: PartSisteSeqTable;
  part_lesemodell: PartLesemodellTable;
  part_endring: PartEndringTable;
}

export type { Generated };
