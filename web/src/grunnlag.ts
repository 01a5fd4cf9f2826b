import type { Representasjonsgrunnlag } from './api';

const tekst: Record<Representasjonsgrunnlag, string> = {
  innehaver: 'Innehaver',
  daglig_leder: 'Daglig leder',
  styreleder: 'Styreleder',
  regnskapsforer: 'Regnskapsfører',
};

/** "Daglig leder og styreleder": why the person may act for the business, in words. */
export function grunnlagTekst(grunnlag: readonly Representasjonsgrunnlag[]): string {
  const ord = grunnlag.map((g, i) => (i === 0 ? tekst[g] : tekst[g].toLowerCase()));
  return ord.length <= 1 ? (ord[0] ?? '') : `${ord.slice(0, -1).join(', ')} og ${ord.at(-1)}`;
}
