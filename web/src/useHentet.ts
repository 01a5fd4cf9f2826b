import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiFeil } from './api';

export type Hentet<T> = { readonly status: 'laster' } | { readonly status: 'feil'; readonly melding: string } | { readonly status: 'ok'; readonly data: T };

/**
 * The one way a page fetches its data: again whenever `noekkel` changes (the business, the
 * year), and on `oppdater()` after a change the page made. An answer that arrives after the key
 * changed is dropped, so a slow old year never overwrites a new one; `oppdater` keeps the old
 * data on screen while it fetches, so a list does not flicker after each change.
 */
export function useHentet<T>(hent: () => Promise<T>, noekkel: string): Hentet<T> & { readonly oppdater: () => Promise<void> } {
  const [tilstand, setTilstand] = useState<Hentet<T>>({ status: 'laster' });
  const gjeldende = useRef(noekkel);
  const hentRef = useRef(hent);
  hentRef.current = hent;

  const last = useCallback(async (forNoekkel: string) => {
    try {
      const data = await hentRef.current();
      if (gjeldende.current === forNoekkel) setTilstand({ status: 'ok', data });
    } catch (feil) {
      if (gjeldende.current === forNoekkel) setTilstand({ status: 'feil', melding: feil instanceof ApiFeil ? feil.message : 'Kunne ikke hente opplysningene. Prøv igjen senere.' });
    }
  }, []);

  useEffect(() => {
    gjeldende.current = noekkel;
    setTilstand({ status: 'laster' });
    void last(noekkel);
  }, [noekkel, last]);

  const oppdater = useCallback(() => last(gjeldende.current), [last]);
  return { ...tilstand, oppdater };
}
