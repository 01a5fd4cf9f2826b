import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { hentSesjon, type Sesjon } from './api';

interface SesjonTilstand {
  /** undefined while the first answer is on its way. */
  readonly sesjon: Sesjon | undefined;
  readonly oppdater: () => Promise<void>;
}

const SesjonKontekst = createContext<SesjonTilstand | undefined>(undefined);

/** Who is logged in and which business is chosen, fetched once and refreshed after changes. */
export function SesjonProvider({ children }: { children: ReactNode }) {
  const [sesjon, setSesjon] = useState<Sesjon | undefined>(undefined);
  const oppdater = useCallback(async () => {
    setSesjon(await hentSesjon().catch((): Sesjon => ({ innlogget: false })));
  }, []);
  useEffect(() => {
    void oppdater();
  }, [oppdater]);
  return <SesjonKontekst value={{ sesjon, oppdater }}>{children}</SesjonKontekst>;
}

export function useSesjon(): SesjonTilstand {
  const tilstand = useContext(SesjonKontekst);
  if (!tilstand) throw new Error('useSesjon outside SesjonProvider');
  return tilstand;
}
