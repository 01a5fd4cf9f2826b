import { Alert } from '@skatteetaten/ds-status';
import styles from './Kortliste.module.css';

/** A page's feedback: what just happened (a live region screen readers announce), and what went wrong. */
export function Tilbakemelding({ melding = '', feil }: { readonly melding?: string; readonly feil: string | undefined }) {
  return (
    <>
      <div className={styles.status} role="status" data-tilbakemelding tabIndex={-1}>
        {melding}
      </div>
      {feil && (
        <Alert variant="danger" showAlert>
          {feil}
        </Alert>
      )}
    </>
  );
}
