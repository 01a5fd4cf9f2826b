import type { DekketKrav } from './api';
import { Tabell } from './Tabell';
import { beloep, dato, delAv } from './tekst';

/** The due items a payment covered or a payout settled: Krav, Periode, Forfallsdato, Beløp. */
export function DekketTabell({ caption, dekket }: { readonly caption: string; readonly dekket: readonly DekketKrav[] }) {
  return (
    <Tabell
      caption={caption}
      kolonner={[{ overskrift: 'Krav' }, { overskrift: 'Periode' }, { overskrift: 'Forfallsdato' }, { overskrift: 'Beløp (kroner)', hoeyre: true }]}
      rader={dekket.map((d) => [`${d.beskrivelse}${delAv(d.nummer, d.antallForfall)}`, d.periode, dato(d.forfallsdato), beloep(d.beloepOere)])}
    />
  );
}
