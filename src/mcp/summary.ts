import type { AapneKrav } from '../../packages/klient/src/index.js';

const kroner = (beloep: number) => `${beloep.toLocaleString('nb-NO', { minimumFractionDigits: 0, maximumFractionDigits: 2 })} kr`;

/**
 * A short Norwegian summary of the open claims for the agent to quote: what is overdue, what to
 * pay next (amount, KID, account, due date) and money not yet placed on a claim.
 */
export function oppsummerAapneKrav(aapne: AapneKrav, idag: string): string {
  const forfall = (aapne.aapentKravMedGjenstaaendeBeloep ?? []).flatMap((krav) =>
    krav.kravforfall.filter((f) => f.gjenstaaendeBeloep > 0).map((f) => ({ krav, forfall: f })),
  );
  const forfalt = forfall.filter(({ forfall: f }) => f.forfallsdato < idag);
  const kommende = forfall.filter(({ forfall: f }) => f.forfallsdato >= idag).sort((a, b) => a.forfall.forfallsdato.localeCompare(b.forfall.forfallsdato));
  const linjer: string[] = [];
  const total = aapne.totalOversikt;
  linjer.push(forfalt.length === 0 ? 'Ingen forfalte krav.' : `Forfalt: ${forfalt.length} forfall, ${kroner(total.sumForfalteKrav)}, pluss ${kroner(total.sumStipulerteRenter)} i beregnede renter.`);
  const neste = forfalt[0] ?? kommende[0];
  if (neste) {
    const { kidnummer, konto } = neste.forfall.betalingsinformasjon;
    linjer.push(
      `Betal først: ${kroner(neste.forfall.gjenstaaendeBeloep)} for «${neste.krav.kravbeskrivelse.spraakTekst[0]?.tekst ?? neste.krav.kravtype}», forfall ${neste.forfall.forfallsdato}` +
        `${kidnummer ? `, KID ${kidnummer}` : ''}${konto?.kontonummer ? `, konto ${konto.kontonummer}` : ''}.`,
    );
  }
  const uplassert = total.sumUplasserteInnbetalinger;
  if (uplassert > 0) linjer.push(`Uplassert innbetalt: ${kroner(uplassert)} som ennå ikke er plassert på et krav.`);
  linjer.push(`Saldo i alt: ${kroner(total.saldo)}.`);
  return linjer.join('\n');
}
