import { Button } from '@skatteetaten/ds-buttons';
import { CheckSVGpath, CopySVGpath } from '@skatteetaten/ds-icons';
import { useState } from 'react';
import styles from './reskontro.module.css';

/**
 * "Kopier KID" next to a KID or account number. The value goes to the clipboard without spaces
 * (what a bank's payment form accepts); the result is announced, since the button does not move.
 */
export function KopierKnapp({ verdi, hva }: { readonly verdi: string; /** "KID", "kontonummer". */ readonly hva: string }) {
  const [kopiert, setKopiert] = useState<boolean | undefined>(undefined);
  const kopier = async () => {
    try {
      await navigator.clipboard.writeText(verdi.replace(/\s/g, ''));
      setKopiert(true);
    } catch {
      setKopiert(false);
    }
  };
  const melding = kopiert === undefined ? '' : kopiert ? `${hva[0]!.toUpperCase()}${hva.slice(1)} er kopiert` : `Kunne ikke kopiere. Marker ${hva} og kopier teksten.`;
  return (
    <span className={styles.kopier}>
      <Button variant="tertiary" svgPath={kopiert ? CheckSVGpath : CopySVGpath} onClick={kopier}>
        {`Kopier ${hva}`}
      </Button>
      <span role="status" className={styles.status}>
        {melding}
      </span>
    </span>
  );
}
