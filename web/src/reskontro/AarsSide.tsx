import { Heading, Paragraph } from '@skatteetaten/ds-typography';
import type { ReactNode } from 'react';
import { useHentet } from '../useHentet';
import { useValgtVirksomhet } from '../valgt-virksomhet';
import { Innlasting } from './Innlasting';
import { MedAar, type Aarsvalg } from './MedAar';
import { SkjermingVarsel } from './SkjermingVarsel';
import { TomtAar } from './TomtAar';
import styles from './reskontro.module.css';

/** What a year page's data has: the year shown and the years with content (decision 0100). */
interface AarsData {
  readonly personopplysningerSkjult: boolean;
  readonly aar: number;
  readonly aarMedInnhold: readonly number[];
}

export interface Aarsinnhold<T> {
  readonly hent: (orgnr: string, aar: number | undefined) => Promise<T>;
  /** "betalte krav": in "Henter betalte krav for 2024 …". */
  readonly hva: string;
  /** Whether the year has nothing to show. */
  readonly tom: (data: T) => boolean;
  /** "Ingen utbetalinger": the start of the sentence for an empty year. */
  readonly ingen: string;
  /** A sentence above the table. */
  readonly ingress: (aar: number) => string;
  readonly children: (data: T, aar: number) => ReactNode;
}

/**
 * A page that shows one year: its heading, the year picker (or another filter holding it), and
 * the year's data with the shielding notice, an "empty" sentence pointing to the latest year
 * that has content, or the content. Without a year in the address the server picks the latest
 * year with content.
 */
export function AarsSide<T extends AarsData>({ tittel, filter, ...innhold }: { readonly tittel: string; readonly filter: (valg: Aarsvalg) => ReactNode } & Aarsinnhold<T>) {
  return (
    <>
      <Heading as="h1" level={1} hasSpacing>
        {tittel}
      </Heading>
      <MedAar>{(valg) => <ForAar valg={valg} filter={filter} {...innhold} />}</MedAar>
    </>
  );
}

function ForAar<T extends AarsData>({ valg, filter, hent, hva, tom, ingen, ingress, children }: { readonly valg: Aarsvalg; readonly filter: (valg: Aarsvalg) => ReactNode } & Aarsinnhold<T>) {
  const { virksomhet } = useValgtVirksomhet();
  const hentet = useHentet(() => hent(virksomhet.orgnr, valg.aar), `${virksomhet.orgnr}-${valg.aar}`);
  const aar = valg.aar ?? (hentet.status === 'ok' ? hentet.data.aar : undefined);
  return (
    <>
      <div className={styles.filter}>{filter({ ...valg, aar })}</div>
      <Innlasting hentet={hentet} tekst={valg.aar === undefined ? `Henter ${hva} …` : `Henter ${hva} for ${valg.aar} …`}>
        {(data) => (
          <>
            <SkjermingVarsel skjult={data.personopplysningerSkjult} />
            {tom(data) ? (
              <TomtAar ingen={ingen} aar={data.aar} aarMedInnhold={data.aarMedInnhold} velgAar={valg.velgAar} />
            ) : (
              <>
                <Paragraph hasSpacing>{ingress(data.aar)}</Paragraph>
                {children(data, data.aar)}
              </>
            )}
          </>
        )}
      </Innlasting>
    </>
  );
}
