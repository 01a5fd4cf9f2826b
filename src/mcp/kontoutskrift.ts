import type { Innbetalinger, Krav } from '../../packages/klient/src/index.js';
import type { LocalDate } from '../domain/dates.js';
import { formatMaskertKontonummer } from '../domain/kontonummer.js';
import { kronerToOere, toOere } from '../domain/money.js';
import { skrivCsv } from '../portal/kontoutskrift/csv.js';
import { delAv, sortert, transaksjonskolonner, transaksjonsrad, type Kravsted, type Transaksjon } from '../portal/kontoutskrift/kontoutskrift.js';
import { periodeTekst } from '../portal/reskontro/periode-tekst.js';

type ApiKrav = NonNullable<Krav['krav']>[number];
type ApiInnbetaling = NonNullable<Innbetalinger['innbetaling']>[number];

/**
 * The kontoutskrift of a year as Min side's CSV (decision 0066: its "Transaksjoner" sheet, same
 * columns, same dialect), built only from what the API answers for that year: `/krav` (claims
 * created in the year, each due item a debit row) and `/innbetalinger` (each payment a credit row
 * per due item it covered, plus its unplaced rest). A payment on a claim created in an earlier
 * year has no År, Periode or Kravgruppe here: the API names only the due item it covered. Min
 * side's payout and set-off rows are not built here yet (decision 0180).
 */
export function kontoutskriftCsv(krav: Krav, innbetalinger: Innbetalinger, asOf: LocalDate): string {
  const alleKrav = krav.krav ?? [];
  const forfallHos = new Map(alleKrav.flatMap((k) => k.kravforfall.map((f, index) => [f.kravforfallsIdentifikator, { krav: k, nummer: index + 1 }] as const)));
  const rader = [...alleKrav.flatMap(forfallsrader), ...(innbetalinger.innbetaling ?? []).flatMap((i) => innbetalingsrader(i, forfallHos))];
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
