import { CancelSVGpath, Icon, MenuSVGpath } from '@skatteetaten/ds-icons';
import { useState } from 'react';
import { NavLink } from 'react-router';
import { virksomhetSti } from '../../../src/portal/virksomhet-sti';
import { useSandkasse } from '../miljoe';
import { seksjoner } from '../navigation';
import { hentKravOversikt } from '../reskontro/api';
import { useHentet } from '../useHentet';
import { useValgtVirksomhet } from '../valgt-virksomhet';
import styles from './Meny.module.css';

/**
 * The section menu, drawn from the navigation data, with the count of unpaid claims as the real
 * Min side shows it ("Ubetalte krav (4)"). On a small screen it folds behind a "Meny" button, as
 * the design system's top banner does.
 */
export function Meny() {
  const sandkasse = useSandkasse();
  const { virksomhet } = useValgtVirksomhet();
  const oversikt = useHentet(() => hentKravOversikt(virksomhet.orgnr), virksomhet.orgnr);
  const [aapen, setAapen] = useState(false);
  const antall: Partial<Record<string, number>> = oversikt.status === 'ok' ? { 'ubetalte-krav': oversikt.data.antallUbetalteKrav } : {};
  return (
    <nav className={styles.meny} aria-label="Min side">
      <div className={styles.knapp}>
        {/* A plain button: the design system's Button takes no aria-expanded, and its top-banner menu button is not exported. */}
        <button type="button" className={styles.menyknapp} aria-expanded={aapen} aria-controls="seksjonsmeny" onClick={() => setAapen(!aapen)}>
          <Icon svgPath={aapen ? CancelSVGpath : MenuSVGpath} />
          Meny
        </button>
      </div>
      <ul id="seksjonsmeny" className={`${styles.liste} ${aapen ? styles.aapen : ''}`}>
        {seksjoner.filter((seksjon) => sandkasse || !seksjon.kunISandkasse).map((seksjon) => (
          <li key={seksjon.id}>
            <NavLink className={styles.lenke} to={virksomhetSti(virksomhet.orgnr, seksjon.sti)} end data-testid={`meny-${seksjon.id}`} onClick={() => setAapen(false)}>
              {antall[seksjon.id] === undefined ? seksjon.tittel : `${seksjon.tittel} (${antall[seksjon.id]})`}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
