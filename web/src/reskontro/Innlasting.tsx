import { Spinner } from '@skatteetaten/ds-progress';
import { Alert } from '@skatteetaten/ds-status';
import type { ReactNode } from 'react';
import type { Hentet } from '../useHentet';

/** A spinner while the data is on its way, the API's sentence if it failed, else the page. */
export function Innlasting<T>({ hentet, tekst, children }: { readonly hentet: Hentet<T>; readonly tekst: string; readonly children: (data: T) => ReactNode }) {
  if (hentet.status === 'laster') return <Spinner>{tekst}</Spinner>;
  if (hentet.status === 'feil') {
    return (
      <Alert variant="error" showAlert>
        {hentet.melding}
      </Alert>
    );
  }
  return <>{children(hentet.data)}</>;
}
