import { Link } from '@skatteetaten/ds-buttons';
import { Heading, Paragraph } from '@skatteetaten/ds-typography';
import { useNavigate } from 'react-router';
import { hentKravOversikt } from './api';
import { Innlasting } from './Innlasting';
import { kroner } from './tekst';
import { virksomhetSti } from '../../../src/portal/virksomhet-sti';
import { useHentet } from '../useHentet';
import { useValgtVirksomhet } from '../valgt-virksomhet';
import styles from './reskontro.module.css';

/**
 * Oversikt's ledger part: "Forfalte krav (n) … kroner" and "Fremtidige krav (n) … kroner", the
 * API's totalOversikt for the business as of today.
 */
export function KravOversikt() {
  const { virksomhet } = useValgtVirksomhet();
  const hentet = useHentet(() => hentKravOversikt(virksomhet.orgnr), virksomhet.orgnr);
  const navigate = useNavigate();
  const lenke = (sti: string, tekst: string) => (
    <Link
      href={virksomhetSti(virksomhet.orgnr, sti)}
      onClick={(event) => {
        event.preventDefault();
        navigate(virksomhetSti(virksomhet.orgnr, sti));
      }}
    >
      {tekst}
    </Link>
  );
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
              <div className={styles.boks} data-testid="uplassert-innbetaling">
                <Heading as="h3" level={3} hasSpacing>
                  Innbetaling som ikke er brukt
                </Heading>
                <Paragraph hasSpacing>
                  {`Virksomheten har betalt inn ${kroner(oversikt.uplasserteInnbetalingerOere)} som ikke er brukt på noe krav ennå. `}
                  Det skjer når en innbetaling mangler KID eller gikk til en konto ingen av kravene bruker. Beløpet blir brukt på neste krav som
                  forfaller, eller betalt tilbake.
                </Paragraph>
                {lenke('innbetalinger', 'Se innbetalingene')}
              </div>
            )}
            <Paragraph hasSpacing>Oppdateres fortløpende.</Paragraph>
            {lenke('ubetalte-krav', 'Se ubetalte krav')}
          </>
        )}
      </Innlasting>
    </section>
  );
}
