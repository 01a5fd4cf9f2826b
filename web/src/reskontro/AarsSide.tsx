import { Alert } from '@skatteetaten/ds-status';
import { Heading, Paragraph } from '@skatteetaten/ds-typography';
import type { ReactNode } from 'react';
import { Innlasting } from './Innlasting';
import { MedAar, type Aarsvalg } from './MedAar';
import { SkjermingVarsel } from './SkjermingVarsel';
import { useHentet } from './useHentet';
import styles from './reskontro.module.css';

export interface Aarsinnhold<T> {
  readonly hent: (aar: number) => Promise<T>;
  /** "betalte krav": in "Henter betalte krav for 2024 …". */
  readonly hva: string;
  /** The sentence when the year has nothing, or undefined when it has. */
  readonly tom: (data: T, aar: number) => string | undefined;
  /** A sentence above the table. */
  readonly ingress: (aar: number) => string;
  readonly children: (data: T, aar: number) => ReactNode;
}

/**
 * A page that shows one year: its heading, the year picker (or another filter holding it), and
 * the year's data with the shielding notice, an "empty" sentence or the content.
 */
export function AarsSide<T extends { readonly personopplysningerSkjult: boolean }>({ tittel, filter, ...innhold }: { readonly tittel: string; readonly filter: (valg: Aarsvalg) => ReactNode } & Aarsinnhold<T>) {
  return (
    <>
      <Heading as="h1" level={1} hasSpacing>
        {tittel}
      </Heading>
      <MedAar>
        {(valg) => (
          <>
            <div className={styles.filter}>{filter(valg)}</div>
            <ForAar key={valg.aar} aar={valg.aar} {...innhold} />
          </>
        )}
      </MedAar>
    </>
  );
}

function ForAar<T extends { readonly personopplysningerSkjult: boolean }>({ aar, hent, hva, tom, ingress, children }: { readonly aar: number } & Aarsinnhold<T>) {
  const hentet = useHentet(() => hent(aar), String(aar));
  return (
    <Innlasting hentet={hentet} tekst={`Henter ${hva} for ${aar} …`}>
      {(data) => {
        const ingenting = tom(data, aar);
        return (
          <>
            <SkjermingVarsel skjult={data.personopplysningerSkjult} />
            {ingenting !== undefined ? (
              <Alert variant="info" showAlert>
                {ingenting}
              </Alert>
            ) : (
              <>
                <Paragraph hasSpacing>{ingress(aar)}</Paragraph>
                {children(data, aar)}
              </>
            )}
          </>
        );
      }}
    </Innlasting>
  );
}
