import { compareDates, isWithin, type LocalDate } from '../../domain/dates.js';
import { formatDato, formatKontonummer, formatOrganisasjonsnummer } from '../../domain/format.js';
import type { Kontonummer } from '../../domain/kontonummer.js';
import { toOere, type Oere } from '../../domain/money.js';
import { kravgruppeTekst, type InnbetalingView, type KravforfallRef, type KravView, type PartView, type UtbetalingView } from '../../ledger/index.js';
import { aarsperiode } from '../reskontro/aar.js';
import { utbetalingStatusTekst } from '../reskontro/betalinger-side.js';
import { fastsettingsmaate } from '../reskontro/krav-side.js';
import { periodeTekst } from '../reskontro/periode-tekst.js';
import type { Personvern } from '../reskontro/personvern.js';
import { beloep, dato, heltall, tekst, type Ark, type Celle, type Kolonne } from './ark.js';

/**
 * The account statement of one party for one year (domain-rules §6, decisions 0066 and 0102),
 * read from the party view as of the export date: claims created in the year, the year's
 * transactions (claims' due items, payments, payouts and both sides of each set-off), payouts
 * and set-offs. Transaksjoner adds up: over the years of the rule, its Debet/Kredit column sums
 * to the balance. Restbeløp and påløpte renter are the view's, as of that date.
 */
export interface KontoutskriftGrunnlag {
  /** Built with `kravOpprettet`, `innbetalt` and `utbetalt` covering at least the year (`alleAar`); the year is picked here. */
  readonly view: PartView;
  readonly aar: number;
  readonly personvern: Personvern;
  /** The person who made it. */
  readonly lagetAv: string;
}

export const arknavn = ['Kontoutskrift gjelder', 'Krav', 'Utbetalinger', 'Transaksjoner', 'Motregning'] as const;

export function kontoutskrift(grunnlag: KontoutskriftGrunnlag): Ark[] {
  const { view, aar } = grunnlag;
  const periode = aarsperiode(aar);
  const alleKrav = view.kravOpprettet ?? [];
  const aaretsKrav = alleKrav.filter((k) => isWithin(k.opprettetDato, periode));
  const aaretsInnbetalinger = (view.innbetalinger ?? []).filter((i) => isWithin(i.innbetalingsdato, periode));
  const aaretsUtbetalinger = (view.utbetalinger ?? []).filter((u) => isWithin(u.utbetaltdato, periode));
  const aaretsMotregninger = motregninger(alleKrav, aar);
  const kolonner = transaksjonskolonner(view.asOf);
  const transaksjoner = [
    ...aaretsKrav.flatMap(forfallsrader),
    ...aaretsInnbetalinger.flatMap((i) => innbetalingsrader(i, grunnlag.personvern)),
    ...aaretsUtbetalinger.flatMap(utbetalingstransaksjoner),
    ...aaretsMotregninger.flatMap(motregningstransaksjoner),
  ];
  return [
    { navn: arknavn[0], kolonner: [kolonne('Opplysning', 34), kolonne('Verdi', 60)], rader: gjelder(grunnlag) },
    { navn: arknavn[1], kolonner, rader: sortert(aaretsKrav.map(kravrad)) },
    { navn: arknavn[2], kolonner: utbetalingskolonner, rader: aaretsUtbetalinger.flatMap((u) => utbetalingsrader(u, grunnlag.personvern)) },
    { navn: arknavn[3], kolonner, rader: sortert(transaksjoner) },
    { navn: arknavn[4], kolonner: motregningskolonner, rader: sortert(aaretsMotregninger.map(motregningsrad), 0) },
  ];
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

function gjelder({ view, aar, lagetAv, personvern }: KontoutskriftGrunnlag): Celle[][] {
  const periode = aarsperiode(aar);
  const rad = (opplysning: string, verdi: Celle): Celle[] => [tekst(opplysning), verdi];
  return [
    rad('Virksomhet', tekst(view.part.navn)),
    rad('Organisasjonsnummer', tekst(formatOrganisasjonsnummer(view.partId))),
    rad('Organisasjonsform', tekst(view.part.organisasjonsform)),
    ...(view.eier ? [rad('Omfatter også krav til innehaver', tekst(personvern.tekst(view.eier.navn) ?? 'Skjermet'))] : []),
    rad('Periode fra og med', dato(periode.fraOgMed)),
    rad('Periode til og med', dato(periode.tilOgMed)),
    rad('Restbeløp og påløpte renter per', dato(view.asOf)),
    rad('Laget', dato(view.asOf)),
    rad('Laget av', tekst(lagetAv)),
    rad('Merknad', tekst('Testmiljø med syntetiske data. Dette er ikke en kontoutskrift fra Skatteetaten.')),
  ];
}

/** Where a row's claim sits: År, Periode, Kravgruppe. */
export interface Kravsted {
  readonly aar: number | undefined;
  readonly periode: string;
  readonly kravgruppe: string;
}

/**
 * One row of "Transaksjoner" (and "Krav") by name; `transaksjonsrad` puts the fields in the
 * columns of `transaksjonskolonner`. Min side fills it from the ledger view, `kob mcp` from the API.
 */
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

const kravsted = (krav: { periode: KravView['periode']; kravgruppe: string }): Kravsted => ({ aar: krav.periode.aar, periode: periodeTekst(krav.periode), kravgruppe: krav.kravgruppe });

/** A row with no Restbeløp, renter, payer, KID or account of its own. */
const uten = { restOere: null, paaloepteRenterOere: null, fastsettingsmaate: null, innbetaltFra: null, kid: null, innbetaltTilKonto: null } as const;

function kravrad(krav: KravView): Celle[] {
  const foerste = krav.forfall[0]!;
  return transaksjonsrad({
    sted: kravsted(krav),
    beskrivelse: krav.beskrivelse,
    dato: foerste.forfallsdato,
    debetKreditOere: krav.opprinneligOere,
    restOere: krav.gjenstaaendeOere,
    paaloepteRenterOere: krav.stipulerteRenterOere,
    fastsettingsmaate: krav.fastsettingsmaate,
    innbetaltFra: null,
    kid: foerste.kid,
    innbetaltTilKonto: foerste.mottakerkonto?.kontonummer ?? null,
  });
}

/** " (2 av 4)" after an instalment's description. */
export const delAv = (nummer: number, antall: number) => (antall > 1 ? ` (${nummer} av ${antall})` : '');

function forfallsrader(krav: KravView): Celle[][] {
  return krav.forfall.map((f) =>
    transaksjonsrad({
      ...uten,
      sted: kravsted(krav),
      beskrivelse: krav.beskrivelse + delAv(f.nummer, krav.antallForfall),
      dato: f.forfallsdato,
      debetKreditOere: f.opprinneligOere,
      restOere: f.gjenstaaendeOere,
      fastsettingsmaate: krav.fastsettingsmaate,
      kid: f.kid,
      innbetaltTilKonto: f.mottakerkonto?.kontonummer ?? null,
    }),
  );
}

/** A payment as credit rows: one per due item it covered, and one for what is still unplaced. */
function innbetalingsrader(innbetaling: InnbetalingView, personvern: Personvern): Celle[][] {
  const rad = (sted: Kravsted | null, beskrivelse: string, kreditOere: number, restOere: number | null): Celle[] =>
    transaksjonsrad({
      ...uten,
      sted,
      beskrivelse,
      dato: innbetaling.innbetalingsdato,
      debetKreditOere: toOere(-kreditOere),
      restOere: restOere === null ? null : toOere(restOere),
      innbetaltFra: personvern.konto(innbetaling.betalerKonto),
      kid: innbetaling.kid,
      innbetaltTilKonto: innbetaling.mottakerkonto,
    });
  return [
    ...innbetaling.plasseringer.map((p) => rad(kravsted(p.krav), `Innbetaling: ${p.krav.beskrivelse}${delAv(p.krav.nummer, p.krav.antallForfall)}`, p.plassertOere, null)),
    ...(innbetaling.uplassertOere > 0 ? [rad(null, 'Innbetaling, ikke plassert', innbetaling.uplassertOere, -innbetaling.uplassertOere)] : []),
  ];
}

/** Oldest first by the date in column `datoIndeks`; rows of one date keep their order (claims before payments). */
export function sortert(rader: Celle[][], datoIndeks = 4): Celle[][] {
  const datoAv = (rad: Celle[]) => {
    const celle = rad[datoIndeks];
    return celle?.kind === 'dato' ? celle.dato : ('1900-01-01' as LocalDate);
  };
  return rader.sort((a, b) => compareDates(datoAv(a), datoAv(b)));
}

const utbetalingskolonner = [
  kolonne('Utbetalingsdato', 15),
  kolonne('Beløp', 16),
  kolonne('Utbetalt til konto', 18),
  kolonne('Status', 12),
  kolonne('Melding', 30),
  kolonne('Gjelder krav', 44),
  kolonne('Periode', 22),
];

/** One row per credit a payout settled (the amounts add up to the payout). */
function utbetalingsrader(utbetaling: UtbetalingView, personvern: Personvern): Celle[][] {
  return utbetaling.kreditKrav.map(({ krav, utbetaltOere }) => [
    dato(utbetaling.utbetaltdato),
    beloep(utbetaltOere),
    tekst(personvern.konto(utbetaling.konto)),
    tekst(utbetalingStatusTekst[utbetaling.status]),
    tekst(personvern.tekst(utbetaling.melding)),
    tekst(krav.beskrivelse),
    tekst(periodeTekst(krav.periode)),
  ]);
}

const motregningskolonner = [
  kolonne('Dato', 12),
  kolonne('Beløp', 16),
  kolonne('Kreditkrav', 44),
  kolonne('Kreditkravets periode', 22),
  kolonne('Dekket krav', 44),
  kolonne('Dekket kravs periode', 22),
  kolonne('Dekket kravs forfallsdato', 22),
];

/** One set-off: a credit item used to cover a debit item, on a day. */
interface Motregning {
  readonly dekket: KravView;
  readonly forfallsdato: LocalDate;
  readonly motkrav: KravforfallRef;
  readonly plassertOere: number;
  readonly plassertDato: LocalDate;
}

/** Set-offs placed in the year, each once: seen from the debit item it covered. */
function motregninger(krav: readonly KravView[], aar: number): Motregning[] {
  const periode = aarsperiode(aar);
  return krav.flatMap((dekket) =>
    dekket.forfall
      .filter((f) => f.opprinneligOere > 0)
      .flatMap((f) => f.plassertMotkrav.filter((m) => isWithin(m.plassertDato, periode)).map((m) => ({ dekket, forfallsdato: f.forfallsdato, ...m }))),
  );
}

function motregningsrad({ dekket, forfallsdato, motkrav, plassertOere, plassertDato }: Motregning): Celle[] {
  return [
    dato(plassertDato),
    beloep(toOere(plassertOere)),
    tekst(motkrav.beskrivelse),
    tekst(periodeTekst(motkrav.periode)),
    tekst(dekket.beskrivelse),
    tekst(periodeTekst(dekket.periode)),
    dato(forfallsdato),
  ];
}

/** The row of Transaksjoner for one movement of money on a claim: no Restbeløp, renter or KID of its own. */
function bevegelse(krav: { periode: KravView['periode']; kravgruppe: string }, beskrivelse: string, dag: LocalDate, oere: number): Celle[] {
  return transaksjonsrad({ ...uten, sted: kravsted(krav), beskrivelse, dato: dag, debetKreditOere: toOere(oere) });
}

/** A payout as debit rows: paying out a credit takes it off the balance, one row per credit it settled. */
function utbetalingstransaksjoner(utbetaling: UtbetalingView): Celle[][] {
  return utbetaling.kreditKrav.map(({ krav, utbetaltOere }) => bevegelse(krav, `Utbetaling: ${krav.beskrivelse}${delAv(krav.nummer, krav.antallForfall)}`, utbetaling.utbetaltdato, utbetaltOere));
}

/** A set-off as two rows that cancel: the debit claim is credited, the credit claim used (debited). */
function motregningstransaksjoner({ dekket, motkrav, plassertOere, plassertDato }: Motregning): Celle[][] {
  return [
    bevegelse(dekket, `Motregning: ${dekket.beskrivelse} dekket av ${motkrav.beskrivelse}`, plassertDato, -plassertOere),
    bevegelse(motkrav, `Motregning: ${motkrav.beskrivelse} brukt mot ${dekket.beskrivelse}`, plassertDato, plassertOere),
  ];
}
