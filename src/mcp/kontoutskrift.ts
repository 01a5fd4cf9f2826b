import type { Innbetalinger, Krav, Utbetalinger } from '../../packages/klient/src/index.js';
import type { LocalDate } from '../domain/dates.js';
import { formatMaskertKontonummer } from '../domain/kontonummer.js';
import { kronerToOere, toOere } from '../domain/money.js';
import { skrivCsv } from '../portal/kontoutskrift/csv.js';
import { transaksjonsark, type Kontobevegelser, type Kontoinnbetaling, type Kontokrav, type Kontoutbetaling, type Kravreferanse, type Kravsted } from '../portal/kontoutskrift/transaksjoner.js';
import { periodeTekst } from '../portal/reskontro/periode-tekst.js';

type ApiKrav = NonNullable<Krav['krav']>[number];
type ApiInnbetaling = NonNullable<Innbetalinger['innbetaling']>[number];
type ApiUtbetaling = NonNullable<Utbetalinger['utbetaling']>[number];
type Tekst = ApiKrav['kravbeskrivelse'];

/** What the API answers for the statement of one year (an empty body where it answered KB-007). */
export interface Aarssvar {
  readonly aar: number;
  /**
   * `/krav` for the year and for the years before it whose claims a movement in the year can
   * name (a payment on an old claim, a set-off between two old claims), oldest first.
   */
  readonly krav: readonly Partial<Krav>[];
  readonly innbetalinger: Partial<Innbetalinger>;
  readonly utbetalinger: Partial<Utbetalinger>;
}

/**
 * The kontoutskrift of a year as Min side's CSV: the API's answers mapped to the movements
 * Min side's own Transaksjoner sheet is made from, and that sheet written by the same function
 * and the same CSV writer (decision 0182), so the two files agree row by row. A due item the
 * claims read do not hold (a claim more than the years read back) is named by the API's own
 * description, without År, Periode and Kravgruppe.
 */
export function kontoutskriftCsv(svar: Aarssvar, asOf: LocalDate): string {
  const alleKrav = svar.krav.flatMap((aarets) => aarets.krav ?? []);
  const forfallHos = new Map(alleKrav.flatMap((k) => k.kravforfall.map((f, index) => [f.kravforfallsIdentifikator, { krav: k, nummer: index + 1 }] as const)));
  const referanse = (id: string, beskrivelse: Tekst): Kravreferanse => {
    const hos = forfallHos.get(id);
    if (hos) return { sted: kravsted(hos.krav), beskrivelse: norsk(hos.krav.kravbeskrivelse), nummer: hos.nummer, antallForfall: hos.krav.kravforfall.length };
    // Without the claim the API names no kravgruppe, so the row has no place of its own.
    return { sted: null, beskrivelse: norsk(beskrivelse), nummer: 1, antallForfall: 1 };
  };
  const bevegelser: Kontobevegelser = {
    aar: svar.aar,
    asOf,
    krav: alleKrav.map((k) => kontokrav(k, referanse)),
    innbetalinger: (svar.innbetalinger.innbetaling ?? []).map((i) => kontoinnbetaling(i, referanse)),
    utbetalinger: (svar.utbetalinger.utbetaling ?? []).map((u) => kontoutbetaling(u, referanse)),
  };
  return skrivCsv(transaksjonsark(bevegelser));
}

type Referanse = (id: string, beskrivelse: Tekst) => Kravreferanse;

const norsk = (tekst: Tekst) => (tekst.spraakTekst.find((t) => t.spraak === 'nb') ?? tekst.spraakTekst[0])?.tekst ?? '';
const oere = (kroner: number) => kronerToOere(kroner);

function kravsted(krav: ApiKrav): Kravsted {
  const periode = krav.kravperiode;
  const aar = periode.aar === undefined ? undefined : Number(periode.aar);
  return { aar, periode: periodeTekst({ beskrivelse: norsk(periode.periodeBeskrivelse), aar, termin: periode.terminTekniskNavn }), kravgruppe: krav.kravgruppe };
}

function kontokrav(krav: ApiKrav, referanse: Referanse): Kontokrav {
  return {
    sted: kravsted(krav),
    beskrivelse: norsk(krav.kravbeskrivelse),
    opprettetDato: krav.opprettelsesdatoForKrav as LocalDate,
    fastsettingsmaate: krav.fastsettingsmaate ?? null,
    forfall: krav.kravforfall.map((f) => ({
      forfallsdato: f.forfallsdato as LocalDate,
      opprinneligOere: oere(f.opprinneligBeloep),
      gjenstaaendeOere: oere(f.gjenstaaendeBeloep),
      kid: f.betalingsinformasjon.kidnummer ?? null,
      mottakerkonto: f.betalingsinformasjon.konto?.kontonummer ?? null,
      motregninger: (f.plassertMotkrav ?? []).map((m) => ({
        mot: referanse(m.kravforfallsIdentifikator, m.kravbeskrivelse),
        plassertOere: toOere(Math.abs(oere(m.plassertBeloep))),
        plassertDato: m.plassertDato as LocalDate,
      })),
    })),
  };
}

function kontoinnbetaling(innbetaling: ApiInnbetaling, referanse: Referanse): Kontoinnbetaling {
  const fra = innbetaling.innbetaltFra.konto?.kontonummer;
  return {
    dato: innbetaling.innbetalingsdato as LocalDate,
    plasseringer: (innbetaling.plassertKrav ?? []).map((p) => ({ krav: referanse(p.kravforfallIdentifikator, p.kravbeskrivelse), plassertOere: oere(p.plassertBeloep) })),
    // A payment's own amounts are credits, negative in the API (decision 0034); the sheet wants what is left to place.
    uplassertOere: toOere(-oere(innbetaling.uplassertBeloep)),
    innbetaltFra: fra ? formatMaskertKontonummer(fra) : null,
    kid: innbetaling.innbetaltFra.kidnummer ?? null,
    innbetaltTilKonto: innbetaling.mottakersKontonummer?.kontonummer ?? null,
  };
}

function kontoutbetaling(utbetaling: ApiUtbetaling, referanse: Referanse): Kontoutbetaling {
  return {
    dato: utbetaling.utbetaltdato as LocalDate,
    kreditt: utbetaling.grunnlagForUtbetaling.kreditKrav.map((k) => ({ krav: referanse(k.kravforfallidentifikator, k.kravbeskrivelse), utbetaltOere: oere(k.utbetaltBeloep) })),
  };
}
