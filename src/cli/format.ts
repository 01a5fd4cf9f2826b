import type { Oere } from '../domain/money.js';
import type { DekketPost, RenteKrav } from '../ledger/index.js';

/** Kroner the Norwegian way: "1 234,50 kr", with plain spaces and a plain minus so the text greps and pastes well. */
const kronerFormat = new Intl.NumberFormat('nb-NO', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatKroner(oere: Oere): string {
  return `${kronerFormat.format(oere / 100).replace(/[\u00a0\u202f]/g, ' ').replace('\u2212', '-')} kr`;
}

/** "krav 250000001 Arbeidsgiveravgift (1 av 4), forfall 2024-03-15" */
export function formatPost(post: DekketPost): string {
  const avAntall = post.antallForfall > 1 ? ` (${post.nummer} av ${post.antallForfall})` : '';
  return `krav ${post.kravId} ${post.beskrivelse}${avAntall}, forfall ${post.forfallsdato}`;
}

export function formatRenteKrav(rente: RenteKrav): string {
  return `krav ${rente.kravId} ${rente.beskrivelse}: ${formatKroner(rente.beloepOere)}, forfall ${rente.forfallsdato} (hovedstol krav ${rente.hovedstolKravId})`;
}

const antallFormat = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 0 });
const sekunderFormat = new Intl.NumberFormat('nb-NO', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** "12 400": a count the Norwegian way, with plain spaces. */
export function formatAntall(n: number): string {
  return antallFormat.format(n).replace(/[\u00a0\u202f]/g, ' ');
}

/** A time left, in whole units: "40 s", "3 min 20 s", "2 t 5 min". */
export function formatVarighet(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const [t, min, s] = [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60];
  if (t > 0) return `${t} t ${min} min`;
  if (min > 0) return `${min} min ${s} s`;
  return `${s} s`;
}

/** "21,3 s" */
export function formatSekunder(ms: number): string {
  return `${sekunderFormat.format(ms / 1000)} s`;
}
