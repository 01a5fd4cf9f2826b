import { compareDates, isWithin, type LocalDate } from '../../domain/dates.js';
import { formatDato, formatKontonummer, formatOrganisasjonsnummer } from '../../domain/format.js';
import type { Kontonummer } from '../../domain/kontonummer.js';
import { toOere } from '../../domain/money.js';
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
  const kolonner = kravkolonner(view.asOf);
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
function kravkolonner(asOf: LocalDate): Kolonne[] {
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
function plassering(krav: { periode: KravView['periode']; kravgruppe: string }): Celle[] {
  return [heltall(krav.periode.aar), tekst(periodeTekst(krav.periode)), tekst(kravgruppeTekst(krav.kravgruppe))];
}

const konto = (kontonummer: string | null | undefined) => tekst(kontonummer ? formatKontonummer(kontonummer as Kontonummer) : null);

function kravrad(krav: KravView): Celle[] {
  const foerste = krav.forfall[0]!;
  return [
    ...plassering(krav),
    tekst(krav.beskrivelse),
    dato(foerste.forfallsdato),
    beloep(krav.opprinneligOere),
    beloep(krav.gjenstaaendeOere),
    beloep(krav.stipulerteRenterOere),
    tekst(fastsettingsmaate(krav.fastsettingsmaate)),
    null,
    tekst(foerste.kid),
    konto(foerste.mottakerkonto?.kontonummer),
  ];
}

const delAv = (nummer: number, antall: number) => (antall > 1 ? ` (${nummer} av ${antall})` : '');

function forfallsrader(krav: KravView): Celle[][] {
  return krav.forfall.map((f) => [
    ...plassering(krav),
    tekst(krav.beskrivelse + delAv(f.nummer, krav.antallForfall)),
    dato(f.forfallsdato),
    beloep(f.opprinneligOere),
    beloep(f.gjenstaaendeOere),
    null,
    tekst(fastsettingsmaate(krav.fastsettingsmaate)),
    null,
    tekst(f.kid),
    konto(f.mottakerkonto?.kontonummer),
  ]);
}

/** A payment as credit rows: one per due item it covered, and one for what is still unplaced. */
function innbetalingsrader(innbetaling: InnbetalingView, personvern: Personvern): Celle[][] {
  const betaler = [tekst(personvern.konto(innbetaling.betalerKonto)), tekst(innbetaling.kid), konto(innbetaling.mottakerkonto)];
  const rad = (sted: Celle[], beskrivelse: string, kreditOere: number, restOere: number | null): Celle[] => [
    ...sted,
    tekst(beskrivelse),
    dato(innbetaling.innbetalingsdato),
    beloep(toOere(-kreditOere)),
    restOere === null ? null : beloep(toOere(restOere)),
    null,
    null,
    ...betaler,
  ];
  return [
    ...innbetaling.plasseringer.map((p) => rad(plassering(p.krav), `Innbetaling: ${p.krav.beskrivelse}${delAv(p.krav.nummer, p.krav.antallForfall)}`, p.plassertOere, null)),
    ...(innbetaling.uplassertOere > 0 ? [rad([null, null, null], 'Innbetaling, ikke plassert', innbetaling.uplassertOere, -innbetaling.uplassertOere)] : []),
  ];
}

/** Oldest first by the date in column `datoIndeks`; rows of one date keep their order (claims before payments). */
function sortert(rader: Celle[][], datoIndeks = 4): Celle[][] {
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
  return [...plassering(krav), tekst(beskrivelse), dato(dag), beloep(toOere(oere)), null, null, null, null, null, null];
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
