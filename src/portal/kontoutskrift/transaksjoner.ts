import { compareDates, isWithin, makeDate, type LocalDate } from '../../domain/dates.js';
import { formatDato, formatKontonummer } from '../../domain/format.js';
import type { Kontonummer } from '../../domain/kontonummer.js';
import { toOere, type Oere } from '../../domain/money.js';
import { kravgruppeTekst } from '../../ledger/index.js';
import { fastsettingsmaate } from '../reskontro/krav-side.js';
import { beloep, dato, heltall, tekst, type Ark, type Celle, type Kolonne } from './ark.js';

/**
 * The "Transaksjoner" sheet of a year's kontoutskrift (decisions 0066, 0102, 0182): one function
 * for Min side, which reads the movements from the ledger's party view, and for `kob mcp`, which
 * reads them from the Krav og betalinger API. Each side only maps its source to `Kontobevegelser`;
 * which rows there are, their texts, signs and order are decided here, once.
 */
export interface Kontobevegelser {
  readonly aar: number;
  /** Restbeløp is as of this date (the column header names it). */
  readonly asOf: LocalDate;
  /**
   * The claims created in the year, and those of earlier years a set-off placed in the year can
   * have covered (the set-offs are read from their debit items), oldest first.
   */
  readonly krav: readonly Kontokrav[];
  /** The payments made in the year. */
  readonly innbetalinger: readonly Kontoinnbetaling[];
  /** The payouts made in the year. */
  readonly utbetalinger: readonly Kontoutbetaling[];
}

/** Where a row's claim sits: År, Periode, Kravgruppe (the code; the sheet prints its text). */
export interface Kravsted {
  readonly aar: number | undefined;
  readonly periode: string;
  readonly kravgruppe: string;
}

/** A due item named from elsewhere (a payment's, a payout's or a set-off's other side). */
export interface Kravreferanse {
  /** Unknown when the source names the item only by its description. */
  readonly sted: Kravsted | null;
  readonly beskrivelse: string;
  readonly nummer: number;
  readonly antallForfall: number;
}

export interface Kontokrav {
  readonly sted: Kravsted;
  readonly beskrivelse: string;
  readonly opprettetDato: LocalDate;
  readonly fastsettingsmaate: string | null;
  readonly forfall: readonly Kontoforfall[];
}

export interface Kontoforfall {
  readonly forfallsdato: LocalDate;
  /** Signed: a credit is negative. */
  readonly opprinneligOere: Oere;
  readonly gjenstaaendeOere: Oere;
  readonly kid: string | null;
  readonly mottakerkonto: string | null;
  /** Set-offs on this item: the other side, the amount (positive) and the day it was placed. */
  readonly motregninger: readonly { readonly mot: Kravreferanse; readonly plassertOere: Oere; readonly plassertDato: LocalDate }[];
}

export interface Kontoinnbetaling {
  readonly dato: LocalDate;
  readonly plasseringer: readonly { readonly krav: Kravreferanse; readonly plassertOere: Oere }[];
  readonly uplassertOere: Oere;
  /** Already masked, or null when held back. */
  readonly innbetaltFra: string | null;
  readonly kid: string | null;
  readonly innbetaltTilKonto: string | null;
}

export interface Kontoutbetaling {
  readonly dato: LocalDate;
  readonly kreditt: readonly { readonly krav: Kravreferanse; readonly utbetaltOere: Oere }[];
}

/** One set-off placed in the year, seen from the debit item it covered. */
export interface AaretsMotregning {
  readonly dekket: Kontokrav;
  readonly forfallsdato: LocalDate;
  readonly mot: Kravreferanse;
  readonly plassertOere: Oere;
  readonly plassertDato: LocalDate;
}

export const transaksjonsarknavn = 'Transaksjoner';

export function transaksjonsark(bevegelser: Kontobevegelser): Ark {
  const { aar, krav } = bevegelser;
  const periode = { fraOgMed: makeDate(aar, 1, 1), tilOgMed: makeDate(aar, 12, 31) };
  const rader = [
    ...krav.filter((k) => isWithin(k.opprettetDato, periode)).flatMap(forfallsrader),
    ...bevegelser.innbetalinger.flatMap(innbetalingsrader),
    ...bevegelser.utbetalinger.flatMap(utbetalingsrader),
    ...aaretsMotregninger(krav, aar).flatMap(motregningsrader),
  ];
  return { navn: transaksjonsarknavn, kolonner: transaksjonskolonner(bevegelser.asOf), rader: sortert(rader) };
}

/** Set-offs placed in the year, each once: from the debit item it covered. */
export function aaretsMotregninger(krav: readonly Kontokrav[], aar: number): AaretsMotregning[] {
  const periode = { fraOgMed: makeDate(aar, 1, 1), tilOgMed: makeDate(aar, 12, 31) };
  return krav.flatMap((dekket) =>
    dekket.forfall
      .filter((f) => f.opprinneligOere > 0)
      .flatMap((f) => f.motregninger.filter((m) => isWithin(m.plassertDato, periode)).map((m) => ({ dekket, forfallsdato: f.forfallsdato, ...m }))),
  );
}

const kolonne = (overskrift: string, bredde: number): Kolonne => ({ overskrift, bredde });

/** The columns of "Krav" and "Transaksjoner", in the order of domain-rules §6. */
export function transaksjonskolonner(asOf: LocalDate): Kolonne[] {
  return [
    kolonne('År', 7),
    kolonne('Periode', 22),
    kolonne('Kravgruppe', 20),
    kolonne('Kravbeskrivelse', 44),
    kolonne('Dato', 12),
    kolonne('Debet (+)/Kredit (-)', 20),
    kolonne(`Restbeløp per ${formatDato(asOf)}`, 22),
    kolonne('Påløpte renter', 15),
    kolonne('Fastsettingsmåte', 18),
    kolonne('Innbetalt fra', 16),
    kolonne('KID', 26),
    kolonne('Innbetalt til', 16),
  ];
}

/** One row of "Krav" or "Transaksjoner" by name; `transaksjonsrad` puts the fields in the columns of `transaksjonskolonner`. */
export interface Transaksjon {
  readonly sted: Kravsted | null;
  readonly beskrivelse: string;
  readonly dato: LocalDate;
  readonly debetKreditOere: Oere;
  readonly restOere: Oere | null;
  readonly paaloepteRenterOere: Oere | null;
  readonly fastsettingsmaate: string | null;
  /** Already masked. */
  readonly innbetaltFra: string | null;
  readonly kid: string | null;
  readonly innbetaltTilKonto: string | null;
}

export function transaksjonsrad(t: Transaksjon): Celle[] {
  return [
    t.sted?.aar === undefined ? null : heltall(t.sted.aar),
    tekst(t.sted?.periode ?? null),
    tekst(t.sted ? kravgruppeTekst(t.sted.kravgruppe) : null),
    tekst(t.beskrivelse),
    dato(t.dato),
    beloep(t.debetKreditOere),
    t.restOere === null ? null : beloep(t.restOere),
    t.paaloepteRenterOere === null ? null : beloep(t.paaloepteRenterOere),
    tekst(fastsettingsmaate(t.fastsettingsmaate)),
    tekst(t.innbetaltFra),
    tekst(t.kid),
    tekst(t.innbetaltTilKonto ? formatKontonummer(t.innbetaltTilKonto as Kontonummer) : null),
  ];
}

/** " (2 av 4)" after an instalment's description. */
export const delAv = (nummer: number, antall: number) => (antall > 1 ? ` (${nummer} av ${antall})` : '');

/** Oldest first by the date in column `datoIndeks`; rows of one date keep their order (claims before payments). */
export function sortert(rader: Celle[][], datoIndeks = 4): Celle[][] {
  const datoAv = (rad: Celle[]) => {
    const celle = rad[datoIndeks];
    return celle?.kind === 'dato' ? celle.dato : ('1900-01-01' as LocalDate);
  };
  return rader.sort((a, b) => compareDates(datoAv(a), datoAv(b)));
}

/** A row with no Restbeløp, renter, payer, KID or account of its own. */
const uten = { restOere: null, paaloepteRenterOere: null, fastsettingsmaate: null, innbetaltFra: null, kid: null, innbetaltTilKonto: null } as const;

const medDel = (krav: Kravreferanse) => krav.beskrivelse + delAv(krav.nummer, krav.antallForfall);

function forfallsrader(krav: Kontokrav): Celle[][] {
  return krav.forfall.map((f, index) =>
    transaksjonsrad({
      ...uten,
      sted: krav.sted,
      beskrivelse: krav.beskrivelse + delAv(index + 1, krav.forfall.length),
      dato: f.forfallsdato,
      debetKreditOere: f.opprinneligOere,
      restOere: f.gjenstaaendeOere,
      fastsettingsmaate: krav.fastsettingsmaate,
      kid: f.kid,
      innbetaltTilKonto: f.mottakerkonto,
    }),
  );
}

/** A payment as credit rows: one per due item it covered, and one for what is still unplaced. */
function innbetalingsrader(innbetaling: Kontoinnbetaling): Celle[][] {
  const rad = (sted: Kravsted | null, beskrivelse: string, kreditOere: number, restOere: number | null): Celle[] =>
    transaksjonsrad({
      ...uten,
      sted,
      beskrivelse,
      dato: innbetaling.dato,
      debetKreditOere: toOere(-kreditOere),
      restOere: restOere === null ? null : toOere(restOere),
      innbetaltFra: innbetaling.innbetaltFra,
      kid: innbetaling.kid,
      innbetaltTilKonto: innbetaling.innbetaltTilKonto,
    });
  return [
    ...innbetaling.plasseringer.map((p) => rad(p.krav.sted, `Innbetaling: ${medDel(p.krav)}`, p.plassertOere, null)),
    ...(innbetaling.uplassertOere > 0 ? [rad(null, 'Innbetaling, ikke plassert', innbetaling.uplassertOere, -innbetaling.uplassertOere)] : []),
  ];
}

/** The row of one movement of money on a claim: no Restbeløp, renter, payer, KID or account of its own. */
function bevegelse(sted: Kravsted | null, beskrivelse: string, dag: LocalDate, oere: number): Celle[] {
  return transaksjonsrad({ ...uten, sted, beskrivelse, dato: dag, debetKreditOere: toOere(oere) });
}

/** A payout as debit rows, one per credit it settled: paying a credit out takes it off the balance. */
function utbetalingsrader(utbetaling: Kontoutbetaling): Celle[][] {
  return utbetaling.kreditt.map(({ krav, utbetaltOere }) => bevegelse(krav.sted, `Utbetaling: ${medDel(krav)}`, utbetaling.dato, utbetaltOere));
}

/** A set-off as two rows that cancel: the debit claim is credited, the credit claim used (debited). */
function motregningsrader({ dekket, mot, plassertOere, plassertDato }: AaretsMotregning): Celle[][] {
  return [
    bevegelse(dekket.sted, `Motregning: ${dekket.beskrivelse} dekket av ${mot.beskrivelse}`, plassertDato, -plassertOere),
    bevegelse(mot.sted, `Motregning: ${mot.beskrivelse} brukt mot ${dekket.beskrivelse}`, plassertDato, plassertOere),
  ];
}
