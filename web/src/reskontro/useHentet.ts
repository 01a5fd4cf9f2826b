import { useEffect, useState } from 'react';
import { ApiFeil } from '../api';

export type Hentet<T> = { readonly status: 'laster' } | { readonly status: 'feil'; readonly melding: string } | { readonly status: 'ok'; readonly data: T };

/**
 * Fetches a page's data, again whenever `noekkel` changes (e.g. the chosen year). An answer that
 * arrives after the key changed is dropped, so a slow old year never overwrites a new one.
 */
export function useHentet<T>(hent: () => Promise<T>, noekkel: string): Hentet<T> {
  const [tilstand, setTilstand] = useState<Hentet<T>>({ status: 'laster' });
  useEffect(() => {
    let gjeldende = true;
    setTilstand({ status: 'laster' });
    hent().then(
      (data) => gjeldende && setTilstand({ status: 'ok', data }),
      (feil: unknown) => gjeldende && setTilstand({ status: 'feil', melding: feil instanceof ApiFeil ? feil.message : 'Kunne ikke hente opplysningene. Prøv igjen senere.' }),
    );
    return () => {
      gjeldende = false;
    };
    // `hent` is a new function every render; the key says when to fetch again.
  }, [noekkel]);
  return tilstand;
}
