import { Type, type Static, type TSchema } from '@fastify/type-provider-typebox';
import { limits } from '../../domain/limits.js';

/**
 * The page data of Min side's ledger pages (Oversikt, Ubetalte krav, Betalte krav, Innbetalinger,
 * Utbetalinger). Amounts are integer øre and dates `YYYY-MM-DD`: the browser formats both with
 * src/domain/format.ts, the same code the kontoutskrift uses. Texts (periods, descriptions) and
 * masked account numbers are made here, so the browser never sees an unmasked payer account.
 */
const Oere = Type.Integer({ description: 'Beløp i øre' });
const Dato = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Aar = Type.Integer({ minimum: limits.portalAarMin, maximum: limits.portalAarMax });

/**
 * `?aar=2024`: the year a page shows. Any four-digit year passes the schema; whether the party's
 * year rule holds it is the route's answer (400 `ugyldig_aar` naming the years, decision 0100).
 * Left out: the latest year with content.
 */
export const AarParam = Type.Integer({ minimum: 1000, maximum: 9999 });
export const AarQuery = Type.Object({ aar: Type.Optional(AarParam) }, { additionalProperties: false });
export type AarQuery = Static<typeof AarQuery>;

/** What the page data has in common: the business date it was read as of, and whether shielding hid anything. */
const Felles = {
  dato: Dato,
  /** True when names, payer/payout accounts and messages are held back (decision 0065). */
  personopplysningerSkjult: Type.Boolean(),
};

/** The year a year-based page shows, the years one may choose, and those with content (newest first). */
const AarValg = { aar: Aar, aarValg: Type.Array(Aar), aarMedInnhold: Type.Array(Aar) };

const Sum = Type.Object({ antall: Type.Integer({ minimum: 0 }), beloepOere: Oere });

/** GET …/krav/oversikt: the API's `totalOversikt` for the party as of today, in øre. */
export const KravOversiktSvar = Type.Object({
  ...Felles,
  /** Claims with something left to pay: the count in the menu, "Ubetalte krav (4)". */
  antallUbetalteKrav: Type.Integer({ minimum: 0 }),
  forfalte: Sum,
  fremtidige: Sum,
  stipulerteRenterOere: Oere,
  uplasserteInnbetalingerOere: Oere,
  saldoOere: Oere,
});
export type KravOversiktSvar = Static<typeof KravOversiktSvar>;

/** One covering of a due item: a payment, a set-off or (on a credit) a payout. */
export const Dekning = Type.Object({
  kilde: Type.Union([Type.Literal('innbetaling'), Type.Literal('motregning'), Type.Literal('utbetaling')]),
  /** "Innbetalt OCR", "Bankoverføring", "Motregnet mot …", "Utbetalt". */
  beskrivelse: Type.String(),
  /** The payment date (payments), else the day it was placed. */
  dato: Dato,
  /** The whole payment or payout; null for a set-off. */
  innbetaltOere: Nullable(Oere),
  /** The part of it used here. */
  benyttetOere: Oere,
  /** The account a payment came from or a payout went to, masked ("**** ** 12345", decision 0103); null when unknown or hidden by shielding. */
  konto: Nullable(Type.String()),
});
export type Dekning = Static<typeof Dekning>;

export const Forfall = Type.Object({
  kravforfallId: Type.String(),
  nummer: Type.Integer(),
  antallForfall: Type.Integer(),
  forfallsdato: Dato,
  forfalt: Type.Boolean(),
  opprinneligOere: Oere,
  gjenstaaendeOere: Oere,
  kid: Nullable(Type.String()),
  dekninger: Type.Array(Dekning),
  /** Collection deferred today (decision 0160): why, and the deferral's last day. */
  utsatt: Nullable(Type.Object({ grunn: Type.Union([Type.Literal('betalingsutsettelse'), Type.Literal('klage')]), tilOgMed: Dato })),
});
export type Forfall = Static<typeof Forfall>;

/** How to pay what is left of an open claim. */
export const Betalingsinformasjon = Type.Object({
  beloepOere: Oere,
  kid: Nullable(Type.String()),
  /** Printed "7694 05 24802". */
  kontonummer: Nullable(Type.String()),
  iban: Nullable(Type.String()),
  swiftBic: Nullable(Type.String()),
  kontoeiersNavn: Nullable(Type.String()),
});
export type Betalingsinformasjon = Static<typeof Betalingsinformasjon>;

export const KravSide = Type.Object({
  kravId: Type.String(),
  beskrivelse: Type.String(),
  kravtypeTekst: Type.String(),
  kravgruppe: Type.String(),
  /** "september - oktober 2024", "2. termin 2024", "Inntektsår 2024". */
  periode: Type.String(),
  /** An ENK's view holds its owner's personal claims too (API spec §4.2). */
  gjelderInnehaver: Type.Boolean(),
  opprettetDato: Dato,
  fastsettingsmaate: Nullable(Type.String()),
  opprinneligOere: Oere,
  gjenstaaendeOere: Oere,
  /** "Forsinkelsesrenter hittil": interest on the overdue remainder up to today. */
  stipulerteRenterOere: Oere,
  /** Some due item with something left has passed its due date. */
  forfalt: Type.Boolean(),
  /** The first due item with something left: "15.03.2024 (1 av 4)". */
  nesteForfall: Nullable(Type.Object({ forfallsdato: Dato, nummer: Type.Integer(), antallForfall: Type.Integer() })),
  /** For an open debit claim. */
  betaling: Nullable(Betalingsinformasjon),
  /** For a settled claim: the day its last covering was placed. */
  betaltDato: Nullable(Dato),
  forfall: Type.Array(Forfall),
});
export type KravSide = Static<typeof KravSide>;

/** GET …/krav/ubetalte: open debit claims, and open credits ("til gode"). */
export const UbetalteKravSvar = Type.Object({ ...Felles, krav: Type.Array(KravSide), tilGode: Type.Array(KravSide) });
export type UbetalteKravSvar = Static<typeof UbetalteKravSvar>;

/** GET …/krav/betalte?aar: debit claims whose last covering fell in the year (decision 0066). */
export const BetalteKravSvar = Type.Object({ ...Felles, ...AarValg, krav: Type.Array(KravSide) });
export type BetalteKravSvar = Static<typeof BetalteKravSvar>;

/** A due item seen from a payment or a payout. */
export const DekketKrav = Type.Object({
  kravId: Type.String(),
  beskrivelse: Type.String(),
  periode: Type.String(),
  forfallsdato: Dato,
  nummer: Type.Integer(),
  antallForfall: Type.Integer(),
  beloepOere: Oere,
  dato: Dato,
});
export type DekketKrav = Static<typeof DekketKrav>;

export const InnbetalingSide = Type.Object({
  innbetalingId: Type.String(),
  innbetalingsdato: Dato,
  beloepOere: Oere,
  /** "Innbetalt OCR" or "Bankoverføring". */
  type: Type.String(),
  kid: Nullable(Type.String()),
  betalerNavn: Nullable(Type.String()),
  betaltFraKonto: Nullable(Type.String()),
  /** Skatteetaten's account, printed. */
  innbetaltTilKonto: Type.String(),
  uplassertOere: Oere,
  gjelderInnehaver: Type.Boolean(),
  dekket: Type.Array(DekketKrav),
});
export type InnbetalingSide = Static<typeof InnbetalingSide>;

/** GET …/innbetalinger?aar: payments made in the year and what each covered. */
export const InnbetalingerSvar = Type.Object({ ...Felles, ...AarValg, innbetalinger: Type.Array(InnbetalingSide) });
export type InnbetalingerSvar = Static<typeof InnbetalingerSvar>;

export const UtbetalingSide = Type.Object({
  utbetalingId: Type.String(),
  utbetaltdato: Dato,
  beloepOere: Oere,
  /** The party's own registered account, masked like a payer's (decision 0103); null when hidden by shielding. */
  tilKonto: Nullable(Type.String()),
  melding: Nullable(Type.String()),
  /** "Under utbetaling", "Utbetalt" or "Returnert". */
  status: Type.String(),
  gjelderInnehaver: Type.Boolean(),
  oppgjort: Type.Array(DekketKrav),
});
export type UtbetalingSide = Static<typeof UtbetalingSide>;

/** GET …/utbetalinger?aar: payouts made in the year and which credits each settled. */
export const UtbetalingerSvar = Type.Object({ ...Felles, ...AarValg, utbetalinger: Type.Array(UtbetalingSide) });
export type UtbetalingerSvar = Static<typeof UtbetalingerSvar>;

/** GET …/krav/aar: the business year and the years one may choose (the kontoutskrift's picker). */
export const AarValgSvar = Type.Object({ dato: Dato, aar: Aar, aarValg: Type.Array(Aar) });
export type AarValgSvar = Static<typeof AarValgSvar>;

/** GET …/kontoutskrift?aar&format (… = /portal/api/virksomhet/{orgnr}). */
export const KontoutskriftQuery = Type.Object(
  { aar: Type.Optional(AarParam), format: Type.Optional(Type.Union([Type.Literal('xlsx'), Type.Literal('csv')])) },
  { additionalProperties: false },
);
export type KontoutskriftQuery = Static<typeof KontoutskriftQuery>;
