import type { AapneKrav, Frister, Innbetalinger, Krav, Utbetalinger } from '../../packages/klient/src/index.js';

type ApiKrav = NonNullable<Krav['krav']>[number];

/** What a tool's answer holds that the summary can speak of; each tool fills in its part. */
export interface Oppsummeringsgrunnlag {
  readonly krav?: readonly ApiKrav[];
  readonly totalOversikt?: AapneKrav['totalOversikt'];
  readonly innbetalinger?: NonNullable<Innbetalinger['innbetaling']>;
  readonly utbetalinger?: NonNullable<Utbetalinger['utbetaling']>;
  readonly frister?: Frister;
}

const antallFrister = 3;
const kroner = (beloep: number) => `${beloep.toLocaleString('nb-NO', { minimumFractionDigits: 0, maximumFractionDigits: 2 })} kr`;
const sum = (beloep: readonly number[]) => beloep.reduce((a, b) => a + b, 0);

/**
 * The short Norwegian summary every tool's result carries, for the agent to quote: what is
 * overdue, what to pay next (amount, KID, account, due date), money not yet placed on a claim,
 * payouts, the next deadlines and the balance — each only when the tool's answer holds it.
 */
export function oppsummer(grunnlag: Oppsummeringsgrunnlag, idag: string): string {
  const linjer = [
    ...(grunnlag.krav ? kravlinjer(grunnlag.krav, grunnlag.totalOversikt, idag) : []),
    ...uplassertLinje(grunnlag),
    ...(grunnlag.utbetalinger ? [`Utbetalt: ${grunnlag.utbetalinger.length} utbetalinger, ${kroner(sum(grunnlag.utbetalinger.map((u) => u.utbetaltBeloep)))}.`] : []),
    ...(grunnlag.frister ? [fristlinje(grunnlag.frister, idag)] : []),
    ...(grunnlag.totalOversikt ? [`Saldo i alt: ${kroner(grunnlag.totalOversikt.saldo)}.`] : []),
  ];
  return linjer.join('\n');
}

function kravlinjer(krav: readonly ApiKrav[], total: AapneKrav['totalOversikt'] | undefined, idag: string): string[] {
  const forfall = krav
    .flatMap((k) => k.kravforfall.filter((f) => f.gjenstaaendeBeloep > 0).map((f) => ({ krav: k, forfall: f })))
    .sort((a, b) => a.forfall.forfallsdato.localeCompare(b.forfall.forfallsdato));
  const forfalt = forfall.filter(({ forfall: f }) => f.forfallsdato < idag);
  const renter = total ? `, pluss ${kroner(total.sumStipulerteRenter)} i beregnede renter` : '';
  const linjer = [forfalt.length === 0 ? 'Ingen forfalte krav.' : `Forfalt: ${forfalt.length} forfall, ${kroner(sum(forfalt.map((f) => f.forfall.gjenstaaendeBeloep)))}${renter}.`];
  const neste = forfall[0];
  if (neste) {
    const { kidnummer, konto } = neste.forfall.betalingsinformasjon;
    linjer.push(
      `Betal først: ${kroner(neste.forfall.gjenstaaendeBeloep)} for «${neste.krav.kravbeskrivelse.spraakTekst[0]?.tekst ?? neste.krav.kravtype}», forfall ${neste.forfall.forfallsdato}` +
        `${kidnummer ? `, KID ${kidnummer}` : ''}${konto?.kontonummer ? `, konto ${konto.kontonummer}` : ''}.`,
    );
  }
  return linjer;
}

function uplassertLinje({ totalOversikt, innbetalinger }: Oppsummeringsgrunnlag): string[] {
  if (!totalOversikt && !innbetalinger) return [];
  const innbetalt = innbetalinger ? `Innbetalt: ${innbetalinger.length} innbetalinger, ${kroner(sum(innbetalinger.map((i) => i.innbetaltBeloep)))}. ` : '';
  const uplassert = totalOversikt?.sumUplasserteInnbetalinger ?? sum((innbetalinger ?? []).map((i) => i.uplassertBeloep));
  if (uplassert > 0) return [`${innbetalt}Uplassert innbetalt: ${kroner(uplassert)} som ennå ikke er plassert på et krav.`];
  return innbetalt ? [innbetalt.trim()] : [];
}

function fristlinje(frister: Frister, idag: string): string {
  const neste = frister.kilder
    .flatMap((kilde) => kilde.frister)
    .filter((f) => f.frist.slice(0, 10) >= idag)
    .sort((a, b) => a.frist.localeCompare(b.frist))
    .slice(0, antallFrister);
  return neste.length === 0 ? 'Ingen kommende frister.' : `Neste frister: ${neste.map((f) => `${f.frist.slice(0, 10)} ${withoutFinalStop(f.tittel)}`).join('; ')}.`;
}

/** A deadline's title is a sentence of its own; in a list of them its full stop would double the list's. */
function withoutFinalStop(text: string): string {
  return text.endsWith('.') ? text.slice(0, -1) : text;
}
