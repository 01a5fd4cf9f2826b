import { Alert } from '@skatteetaten/ds-status';
import type { ReactNode } from 'react';
import { useHentet } from '../useHentet';
import { useValgtVirksomhet } from '../valgt-virksomhet';
import { AarVelger, useValgtAar } from './AarVelger';
import { hentAarValg } from './api';
import { Innlasting } from './Innlasting';
import styles from './reskontro.module.css';

export interface Aarsvalg {
  /** The year in the address, undefined when it names none. */
  readonly aar: number | undefined;
  /** The years of the rule, newest first: what the picker offers and the server accepts. */
  readonly aarValg: readonly number[];
  readonly velgAar: (aar: number) => void;
}

/**
 * The year of a year-based page: from the address; the choices come once from the server (the
 * one year rule, decision 0100), so the picker stays in place (and keeps focus) while a year
 * loads. A year outside the rule is never fetched nor added to the picker: the page says so and
 * offers the picker instead.
 */
export function MedAar({ children }: { readonly children: (valg: Aarsvalg) => ReactNode }) {
  const { virksomhet } = useValgtVirksomhet();
  const hentet = useHentet(() => hentAarValg(virksomhet.orgnr), virksomhet.orgnr);
  const [valgtAar, velgAar] = useValgtAar();
  return (
    <Innlasting hentet={hentet} tekst="Henter …">
      {({ aarValg }) => {
        if (valgtAar === undefined || (valgtAar !== null && aarValg.includes(valgtAar))) return children({ aar: valgtAar, aarValg, velgAar });
        return (
          <>
            <Alert variant="warning" showAlert>
              {`Vi viser krav og betalinger for årene ${aarValg.at(-1)}–${aarValg[0]}. Velg et av dem.`}
            </Alert>
            <div className={styles.filter}>
              <AarVelger aar={undefined} aarValg={aarValg} onVelg={velgAar} />
            </div>
          </>
        );
      }}
    </Innlasting>
  );
}
