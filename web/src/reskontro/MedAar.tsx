import type { ReactNode } from 'react';
import { useValgtAar } from './AarVelger';
import { hentAarValg } from './api';
import { Innlasting } from './Innlasting';
import { useHentet } from './useHentet';

export interface Aarsvalg {
  readonly aar: number;
  readonly aarValg: readonly number[];
  readonly velgAar: (aar: number) => void;
}

/**
 * The year of a year-based page: from the address, else the business year; the choices come
 * once from the server, so the picker stays in place (and keeps focus) while a year loads.
 */
export function MedAar({ children }: { readonly children: (valg: Aarsvalg) => ReactNode }) {
  const hentet = useHentet(hentAarValg, 'aar');
  const [valgtAar, velgAar] = useValgtAar();
  return (
    <Innlasting hentet={hentet} tekst="Henter …">
      {({ aar, aarValg }) => {
        const gjeldende = valgtAar ?? aar;
        const valg = aarValg.includes(gjeldende) ? aarValg : [...aarValg, gjeldende].sort((a, b) => b - a);
        return children({ aar: gjeldende, aarValg: valg, velgAar });
      }}
    </Innlasting>
  );
}
