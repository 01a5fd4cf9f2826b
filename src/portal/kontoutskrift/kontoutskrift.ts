import { isWithin } from '../../domain/dates.js';
import { formatOrganisasjonsnummer } from '../../domain/format.js';
import { toOere } from '../../domain/money.js';
import type { KravforfallRef, KravView, PartView, UtbetalingView } from '../../ledger/index.js';
import { aarsperiode } from '../reskontro/aar.js';
import { utbetalingStatusTekst } from '../reskontro/betalinger-side.js';
import { periodeTekst } from '../reskontro/periode-tekst.js';
import type { Personvern } from '../reskontro/personvern.js';
import { beloep, dato, tekst, type Ark, type Celle, type Kolonne } from './ark.js';
import {
  aaretsMotregninger,
  sortert,
  transaksjonsark,
  transaksjonsarknavn,
  transaksjonskolonner,
  transaksjonsrad,
  type AaretsMotregning,
  type Kontobevegelser,
  type Kontokrav,
  type Kravreferanse,
  type Kravsted,
} from './transaksjoner.js';

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

export const arknavn = ['Kontoutskrift gjelder', 'Krav', 'Utbetalinger', transaksjonsarknavn, 'Motregning'] as const;

export function kontoutskrift(grunnlag: KontoutskriftGrunnlag): Ark[] {
  const { view, aar } = grunnlag;
  const periode = aarsperiode(aar);
  const alleKrav = view.kravOpprettet ?? [];
  const aaretsKrav = alleKrav.filter((k) => isWithin(k.opprettetDato, periode));
  const aaretsUtbetalinger = (view.utbetalinger ?? []).filter((u) => isWithin(u.utbetaltdato, periode));
  const bevegelser = kontobevegelser(grunnlag);
  return [
    { navn: arknavn[0], kolonner: [kolonne('Opplysning', 34), kolonne('Verdi', 60)], rader: gjelder(grunnlag) },
    { navn: arknavn[1], kolonner: transaksjonskolonner(view.asOf), rader: sortert(aaretsKrav.map(kravrad)) },
    { navn: arknavn[2], kolonner: utbetalingskolonner, rader: aaretsUtbetalinger.flatMap((u) => utbetalingsrader(u, grunnlag.personvern)) },
    transaksjonsark(bevegelser),
    { navn: arknavn[4], kolonner: motregningskolonner, rader: sortert(aaretsMotregninger(bevegelser.krav, aar).map(motregningsrad), 0) },
  ];
}

/** The party view's movements for the shared Transaksjoner sheet: every claim of the view, the year's payments and payouts. */
function kontobevegelser({ view, aar, personvern }: KontoutskriftGrunnlag): Kontobevegelser {
  const periode = aarsperiode(aar);
  return {
    aar,
    asOf: view.asOf,
    krav: (view.kravOpprettet ?? []).map(kontokrav),
    innbetalinger: (view.innbetalinger ?? [])
      .filter((i) => isWithin(i.innbetalingsdato, periode))
      .map((i) => ({
        dato: i.innbetalingsdato,
        plasseringer: i.plasseringer.map((p) => ({ krav: referanse(p.krav), plassertOere: p.plassertOere })),
        uplassertOere: i.uplassertOere,
        innbetaltFra: personvern.konto(i.betalerKonto),
        kid: i.kid,
        innbetaltTilKonto: i.mottakerkonto,
      })),
    utbetalinger: (view.utbetalinger ?? [])
      .filter((u) => isWithin(u.utbetaltdato, periode))
      .map((u) => ({ dato: u.utbetaltdato, kreditt: u.kreditKrav.map((k) => ({ krav: referanse(k.krav), utbetaltOere: k.utbetaltOere })) })),
  };
}

const kravsted = (krav: { periode: KravView['periode']; kravgruppe: string }): Kravsted => ({ aar: krav.periode.aar, periode: periodeTekst(krav.periode), kravgruppe: krav.kravgruppe });

const referanse = (ref: KravforfallRef): Kravreferanse => ({ sted: kravsted(ref), beskrivelse: ref.beskrivelse, nummer: ref.nummer, antallForfall: ref.antallForfall });

function kontokrav(krav: KravView): Kontokrav {
  return {
    sted: kravsted(krav),
    beskrivelse: krav.beskrivelse,
    opprettetDato: krav.opprettetDato,
    fastsettingsmaate: krav.fastsettingsmaate,
    forfall: krav.forfall.map((f) => ({
      forfallsdato: f.forfallsdato,
      opprinneligOere: f.opprinneligOere,
      gjenstaaendeOere: f.gjenstaaendeOere,
      kid: f.kid,
      mottakerkonto: f.mottakerkonto?.kontonummer ?? null,
      motregninger: f.plassertMotkrav.map((m) => ({ mot: referanse(m.motkrav), plassertOere: m.plassertOere, plassertDato: m.plassertDato })),
    })),
  };
}

const kolonne = (overskrift: string, bredde: number): Kolonne => ({ overskrift, bredde });

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

function motregningsrad({ dekket, forfallsdato, mot, plassertOere, plassertDato }: AaretsMotregning): Celle[] {
  return [
    dato(plassertDato),
    beloep(toOere(plassertOere)),
    tekst(mot.beskrivelse),
    tekst(mot.sted?.periode ?? null),
    tekst(dekket.beskrivelse),
    tekst(dekket.sted.periode),
    dato(forfallsdato),
  ];
}
