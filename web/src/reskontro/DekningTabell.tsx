import type { Dekning } from './api';
import { Tabell } from './Tabell';
import { beloep, dato } from './tekst';

/**
 * What covered a claim: Beskrivelse, Dato, Innbetalt beløp, Benyttet beløp, Betalt fra konto
 * (masked by the server), one row per payment, set-off or payout, with the instalment it was on.
 */
export function DekningTabell({ caption, dekninger }: { readonly caption: string; readonly dekninger: readonly (Dekning & { readonly forfall?: string })[] }) {
  const medForfall = dekninger.some((d) => d.forfall !== undefined);
  return (
    <Tabell
      caption={caption}
      kolonner={[
        ...(medForfall ? [{ overskrift: 'Forfall' }] : []),
        { overskrift: 'Beskrivelse' },
        { overskrift: 'Dato' },
        { overskrift: 'Innbetalt (kroner)', hoeyre: true },
        { overskrift: 'Benyttet (kroner)', hoeyre: true },
        { overskrift: 'Betalt fra konto' },
      ]}
      rader={dekninger.map((d) => [
        ...(medForfall ? [d.forfall] : []),
        d.beskrivelse,
        dato(d.dato),
        d.innbetaltOere === null ? '–' : beloep(d.innbetaltOere),
        beloep(d.benyttetOere),
        d.konto ?? '–',
      ])}
    />
  );
}
