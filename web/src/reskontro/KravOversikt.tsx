import { Link } from '@skatteetaten/ds-buttons';
import { Heading, Paragraph } from '@skatteetaten/ds-typography';
import { useNavigate } from 'react-router';
import { hentKravOversikt } from './api';
import { Innlasting } from './Innlasting';
import { kroner } from './tekst';
import { useHentet } from './useHentet';
import styles from './reskontro.module.css';

/**
 * Oversikt's ledger part: "Forfalte krav (n) … kroner" and "Fremtidige krav (n) … kroner", the
 * API's totalOversikt for the business as of today.
 */
export function KravOversikt() {
  const hentet = useHentet(hentKravOversikt, 'oversikt');
  const navigate = useNavigate();
  return (
    <section aria-labelledby="krav-og-betalinger" className={styles.oversikt}>
      <Heading as="h2" level={2} id="krav-og-betalinger" hasSpacing>
        Krav og betalinger
      </Heading>
      <Innlasting hentet={hentet} tekst="Henter kravene …">
        {(oversikt) => (
          <>
            <div className={styles.summer}>
              <p className={`${styles.sum} ${styles.sum_forfalt}`} data-testid="forfalte-krav">
                <span className={styles.sumTittel}>Forfalte krav ({oversikt.forfalte.antall})</span>
                <span className={styles.sumBeloep}>{kroner(oversikt.forfalte.beloepOere)}</span>
              </p>
              <p className={styles.sum} data-testid="fremtidige-krav">
                <span className={styles.sumTittel}>Fremtidige krav ({oversikt.fremtidige.antall})</span>
                <span className={styles.sumBeloep}>{kroner(oversikt.fremtidige.beloepOere)}</span>
              </p>
            </div>
            {oversikt.stipulerteRenterOere > 0 && (
              <Paragraph hasSpacing>Forsinkelsesrenter hittil: {kroner(oversikt.stipulerteRenterOere)}. De kommer i tillegg og beregnes til kravet er betalt.</Paragraph>
            )}
            {oversikt.uplasserteInnbetalingerOere > 0 && (
              <Paragraph hasSpacing>Innbetalt, men ikke brukt på noe krav ennå: {kroner(oversikt.uplasserteInnbetalingerOere)}.</Paragraph>
            )}
            <Paragraph hasSpacing>Oppdateres fortløpende.</Paragraph>
            <Link
              href="/ubetalte-krav"
              onClick={(event) => {
                event.preventDefault();
                navigate('/ubetalte-krav');
              }}
            >
              Se ubetalte krav
            </Link>
          </>
        )}
      </Innlasting>
    </section>
  );
}
