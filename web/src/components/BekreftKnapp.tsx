import { Button } from '@skatteetaten/ds-buttons';
import { Modal } from '@skatteetaten/ds-overlays';
import { Alert } from '@skatteetaten/ds-status';
import { useRef, useState, type ReactNode } from 'react';
import { ApiFeil } from '../api';
import styles from './BekreftKnapp.module.css';

/**
 * After a confirmed change the button that opened the dialog is often gone, or about to go (the
 * card it sat on is removed when the page draws again), and the browser would leave focus on
 * <body>. Focus goes to the page's feedback (`Tilbakemelding`, which says what happened), else
 * its h1: elements that stay whatever the page draws next.
 */
export function flyttFokusEtterEndring(): void {
  const maal = document.querySelector<HTMLElement>('main [data-tilbakemelding]') ?? document.querySelector<HTMLElement>('main h1');
  if (!maal) return;
  maal.tabIndex = -1;
  maal.focus();
}

/**
 * A button whose action waits for a "yes" in a dialog (the design system's Modal, a native
 * <dialog>: focus is kept inside and Esc cancels). A refusal from the server is shown in the
 * dialog; on success the dialog closes and `onBekreft`'s caller refreshes the page.
 */
export function BekreftKnapp({
  knapp,
  tittel,
  bekreft,
  farlig = false,
  variant = 'secondary',
  onBekreft,
  children,
}: {
  /** The button's text. */
  readonly knapp: string;
  readonly tittel: string;
  /** The confirming button's text, e.g. "Ja, godkjenn". */
  readonly bekreft: string;
  /** Styles the confirming button as destructive. */
  readonly farlig?: boolean;
  readonly variant?: 'primary' | 'secondary' | 'tertiary' | 'danger';
  readonly onBekreft: () => Promise<void>;
  readonly children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [feil, setFeil] = useState<string | undefined>();
  const [arbeider, setArbeider] = useState(false);

  const utfoer = async () => {
    setArbeider(true);
    try {
      await onBekreft();
      dialog.current?.close();
      flyttFokusEtterEndring();
    } catch (error) {
      setFeil(error instanceof ApiFeil ? error.message : 'Noe gikk galt. Prøv igjen.');
    } finally {
      setArbeider(false);
    }
  };

  return (
    <>
      <Button
        variant={variant}
        onClick={() => {
          setFeil(undefined);
          dialog.current?.showModal();
        }}
      >
        {knapp}
      </Button>
      <Modal ref={dialog} title={tittel} padding="l">
        <div className={styles.innhold}>{children}</div>
        {feil && (
          <Alert variant="danger" showAlert>
            {feil}
          </Alert>
        )}
        <div className={styles.knapper}>
          <Button variant={farlig ? 'danger' : 'primary'} disabled={arbeider} onClick={() => void utfoer()}>
            {bekreft}
          </Button>
          <Button variant="tertiary" onClick={() => dialog.current?.close()}>
            Avbryt
          </Button>
        </div>
      </Modal>
    </>
  );
}
