import { createContext, useContext, type ReactNode } from 'react';
import type { Virksomhet } from './api';

export interface ValgtVirksomhet {
  /** The business in the address (`/virksomhet/{orgnr}/…`), one of those the session may act for. */
  readonly virksomhet: Virksomhet;
  readonly csrfToken: string;
  readonly personNavn: string;
}

const Kontekst = createContext<ValgtVirksomhet | undefined>(undefined);

/** Gives the pages of one business's shell the business their address names (decision 0101). */
export function ValgtVirksomhetProvider({ verdi, children }: { readonly verdi: ValgtVirksomhet; readonly children: ReactNode }) {
  return <Kontekst value={verdi}>{children}</Kontekst>;
}

/** The business this tab shows, for pages inside the shell (which only renders them for one). */
export function useValgtVirksomhet(): ValgtVirksomhet {
  const verdi = useContext(Kontekst);
  if (!verdi) throw new Error('useValgtVirksomhet outside a business shell');
  return verdi;
}
