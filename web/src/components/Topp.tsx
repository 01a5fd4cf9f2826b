import { Button } from '@skatteetaten/ds-buttons';
import { BriefcaseSVGpath, LogOutSVGpath } from '@skatteetaten/ds-icons';
import { formatOrganisasjonsnummer } from '../../../src/domain/format';
import { MiljoeBanner } from '../shared/MiljoeBanner';
import type { Virksomhet } from '../api';
import styles from './Topp.module.css';

/**
 * Min side's header, built from design-system parts (the DS top banners carry Skatteetaten's
 * logo, which this project must not show): skip link, environment banner, product name, the
 * chosen business with "Bytt virksomhet", and "Logg ut".
 */
export function Topp({
  virksomhet,
  onByttVirksomhet,
  onLoggUt,
}: {
  readonly virksomhet?: Virksomhet | undefined;
  readonly onByttVirksomhet?: (() => void) | undefined;
  readonly onLoggUt?: (() => void) | undefined;
}) {
  return (
    <header className={styles.topp}>
      <a className="hopp-til-innhold" href="#hovedinnhold">
        Hopp til hovedinnhold
      </a>
      <MiljoeBanner />
      <div className={styles.rad}>
        <a className={styles.produkt} href="/">
          <span className={styles.produktnavn}>Krav og betalinger</span>
          <span className={styles.undertittel}>Min side for virksomheter · testmiljø</span>
        </a>
        <div className={styles.handlinger}>
          {virksomhet && (
            <div className={styles.virksomhet} data-testid="valgt-virksomhet">
              <span className={styles.virksomhetsnavn}>{virksomhet.navn}</span>
              <span>Org.nr. {formatOrganisasjonsnummer(virksomhet.orgnr)}</span>
            </div>
          )}
          {onByttVirksomhet && (
            <Button variant="secondary" svgPath={BriefcaseSVGpath} onClick={onByttVirksomhet}>
              Bytt virksomhet
            </Button>
          )}
          {onLoggUt && (
            <Button variant="tertiary" svgPath={LogOutSVGpath} onClick={onLoggUt}>
              Logg ut
            </Button>
          )}
        </div>
      </div>
    </header>
  );
}
