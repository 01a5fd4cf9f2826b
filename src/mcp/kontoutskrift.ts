import type { Innbetalinger, Krav, Utbetalinger } from '../../packages/klient/src/index.js';
import type { LocalDate } from '../domain/dates.js';
import { formatMaskertKontonummer } from '../domain/kontonummer.js';
import { kronerToOere, toOere } from '../domain/money.js';
import { skrivCsv } from '../portal/kontoutskrift/csv.js';
import { delAv, sortert, transaksjonskolonner, transaksjonsrad, type Kravsted, type Transaksjon } from '../portal/kontoutskrift/kontoutskrift.js';
import { periodeTekst } from '../portal/reskontro/periode-tekst.js';

type ApiKrav = NonNullable<Krav['krav']>[number];
type ApiInnbetaling = NonNullable<Innbetalinger['innbetaling']>[number];
type ApiUtbetaling = NonNullable<Utbetalinger['utbetaling']>[number];
type ApiMotkrav = NonNullable<ApiKrav['kravforfall'][number]['plassertMotkrav']>[number];
/** Where a due item of the year's claims sits: its claim and its number among the claim's items. */
type ForfallHos = ReadonlyMap<string, { krav: ApiKrav; nummer: number }>;

/** What the API answers for one year (an empty body where it answered KB-007). */
export interface Aarssvar {
  readonly aar: number;
  readonly krav: Partial<Krav>;
  readonly innbetalinger: Partial<Innbetalinger>;
  readonly utbetalinger: Partial<Utbetalinger>;
}

/**
 * The kontoutskrift of a year as Min side's CSV (decision 0066: its "Transaksjoner" sheet, same
 * columns, same dialect, same rows as decision 0102 gives them), built only from what the API
 * answers for that year: `/krav` (claims created in the year, each due item a debit row, and the
 * set-offs placed in the year on either side's `plassertMotkrav`, as two rows that cancel),
 * `/innbetalinger` (each payment a credit row per due item it covered, plus its unplaced rest) and
 * `/utbetalinger` (each payout a debit row per credit it paid out). A movement on a claim created
 * in another year has no År, Periode or Kravgruppe here: the API names only the due item; and a
 * set-off placed in the year between two claims of earlier years is not seen (decision 0180).
 */
export function kontoutskriftCsv(svar: Aarssvar, asOf: LocalDate): string {
  const alleKrav = svar.krav.krav ?? [];
  const forfallHos: ForfallHos = new Map(alleKrav.flatMap((k) => k.kravforfall.map((f, index) => [f.kravforfallsIdentifikator, { krav: k, nummer: index + 1 }] as const)));
  const rader = [
    ...alleKrav.flatMap(forfallsrader),
    ...(svar.innbetalinger.innbetaling ?? []).flatMap((i) => innbetalingsrader(i, forfallHos)),
    ...(svar.utbetalinger.utbetaling ?? []).flatMap((u) => utbetalingsrader(u, forfallHos)),
    ...motregninger(alleKrav, forfallHos, svar.aar).flatMap(motregningsrader),
  ];
  return skrivCsv({ navn: 'Transaksjoner', kolonner: transaksjonskolonner(asOf), rader: sortert(rader) });
}

const norsk = (tekst: { spraakTekst: { tekst: string; spraak: string }[] }) => (tekst.spraakTekst.find((t) => t.spraak === 'nb') ?? tekst.spraakTekst[0])?.tekst ?? '';
const oere = (kroner: number) => kronerToOere(kroner);

function kravsted(krav: ApiKrav): Kravsted {
  const periode = krav.kravperiode;
  return {
    aar: periode.aar === undefined ? undefined : Number(periode.aar),
    periode: periodeTekst({ beskrivelse: norsk(periode.periodeBeskrivelse), aar: periode.aar === undefined ? undefined : Number(periode.aar), termin: periode.terminTekniskNavn }),
    kravgruppe: krav.kravgruppe,
  };
}

function forfallsrader(krav: ApiKrav) {
  return krav.kravforfall.map((f, index) =>
    transaksjonsrad({
      sted: kravsted(krav),
      beskrivelse: norsk(krav.kravbeskrivelse) + delAv(index + 1, krav.kravforfall.length),
      dato: f.forfallsdato as LocalDate,
      debetKreditOere: oere(f.opprinneligBeloep),
      restOere: oere(f.gjenstaaendeBeloep),
      paaloepteRenterOere: null,
      fastsettingsmaate: krav.fastsettingsmaate ?? null,
      innbetaltFra: null,
      kid: f.betalingsinformasjon.kidnummer ?? null,
      innbetaltTilKonto: f.betalingsinformasjon.konto?.kontonummer ?? null,
    }),
  );
}

function innbetalingsrader(innbetaling: ApiInnbetaling, forfallHos: ReadonlyMap<string, { krav: ApiKrav; nummer: number }>) {
  const fra = innbetaling.innbetaltFra.konto?.kontonummer;
  const rad = (sted: Kravsted | null, beskrivelse: string, kreditKroner: number, restKroner: number | null) => {
    const transaksjon: Transaksjon = {
      sted,
      beskrivelse,
      dato: innbetaling.innbetalingsdato as LocalDate,
      debetKreditOere: toOere(-oere(kreditKroner)),
      restOere: restKroner === null ? null : oere(restKroner),
      paaloepteRenterOere: null,
      fastsettingsmaate: null,
      innbetaltFra: fra ? formatMaskertKontonummer(fra) : null,
      kid: innbetaling.innbetaltFra.kidnummer ?? null,
      innbetaltTilKonto: innbetaling.mottakersKontonummer?.kontonummer ?? null,
    };
    return transaksjonsrad(transaksjon);
  };
  return [
    ...(innbetaling.plassertKrav ?? []).map((p) => {
      const hos = forfallHos.get(p.kravforfallIdentifikator);
      const del = hos ? delAv(hos.nummer, hos.krav.kravforfall.length) : '';
      return rad(hos ? kravsted(hos.krav) : null, `Innbetaling: ${norsk(p.kravbeskrivelse)}${del}`, p.plassertBeloep, null);
    }),
    ...(innbetaling.uplassertBeloep > 0 ? [rad(null, 'Innbetaling, ikke plassert', innbetaling.uplassertBeloep, -innbetaling.uplassertBeloep)] : []),
  ];
}

/** The row of one movement of money on a claim: no Restbeløp, renter, payer, KID or account of its own. */
function bevegelse(sted: Kravsted | null, beskrivelse: string, dato: string, oereBeloep: number) {
  return transaksjonsrad({
    sted,
    beskrivelse,
    dato: dato as LocalDate,
    debetKreditOere: toOere(oereBeloep),
    restOere: null,
    paaloepteRenterOere: null,
    fastsettingsmaate: null,
    innbetaltFra: null,
    kid: null,
    innbetaltTilKonto: null,
  });
}

/** A payout as debit rows, one per credit it paid out: paying a credit out takes it off the balance. */
function utbetalingsrader(utbetaling: ApiUtbetaling, forfallHos: ForfallHos) {
  return utbetaling.grunnlagForUtbetaling.kreditKrav.map((kreditt) => {
    const hos = forfallHos.get(kreditt.kravforfallidentifikator);
    const del = hos ? delAv(hos.nummer, hos.krav.kravforfall.length) : '';
    return bevegelse(hos ? kravsted(hos.krav) : null, `Utbetaling: ${norsk(kreditt.kravbeskrivelse)}${del}`, utbetaling.utbetaltdato, oere(kreditt.utbetaltBeloep));
  });
}

/** One side of a set-off: where the claim sits (when it is among the year's claims) and what it is called. */
interface Motregningsside {
  readonly sted: Kravsted | null;
  readonly beskrivelse: string;
}

interface Motregning {
  readonly dekket: Motregningsside;
  readonly motkrav: Motregningsside;
  readonly plassertDato: string;
  readonly plassertOere: number;
}

/**
 * The set-offs placed in the year, each once. `plassertMotkrav` shows a set-off on both items; it
 * is taken from the debit item, or from the credit item when the debit claim is not among the
 * year's claims (created in an earlier year).
 */
function motregninger(alleKrav: readonly ApiKrav[], forfallHos: ForfallHos, aar: number): Motregning[] {
  const side = (krav: ApiKrav): Motregningsside => ({ sted: kravsted(krav), beskrivelse: norsk(krav.kravbeskrivelse) });
  const annen = (m: ApiMotkrav): Motregningsside => {
    const hos = forfallHos.get(m.kravforfallsIdentifikator);
    return hos ? side(hos.krav) : { sted: null, beskrivelse: norsk(m.kravbeskrivelse) };
  };
  return alleKrav.flatMap((krav) =>
    krav.kravforfall.flatMap((f) =>
      (f.plassertMotkrav ?? [])
        .filter((m) => m.plassertDato.startsWith(`${aar}-`))
        .filter((m) => f.opprinneligBeloep > 0 || !forfallHos.has(m.kravforfallsIdentifikator))
        .map((m) => {
          const plassert = { plassertDato: m.plassertDato, plassertOere: Math.abs(oere(m.plassertBeloep)) };
          return f.opprinneligBeloep > 0 ? { dekket: side(krav), motkrav: annen(m), ...plassert } : { dekket: annen(m), motkrav: side(krav), ...plassert };
        }),
    ),
  );
}

/** A set-off as two rows that cancel: the debit claim is credited, the credit claim used (debited). */
function motregningsrader({ dekket, motkrav, plassertDato, plassertOere }: Motregning) {
  return [
    bevegelse(dekket.sted, `Motregning: ${dekket.beskrivelse} dekket av ${motkrav.beskrivelse}`, plassertDato, -plassertOere),
    bevegelse(motkrav.sted, `Motregning: ${motkrav.beskrivelse} brukt mot ${dekket.beskrivelse}`, plassertDato, plassertOere),
  ];
}
