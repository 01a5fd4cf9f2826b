import { useSesjon } from './sesjon';
import type { Virksomhet } from './api';

/** The logged-in person and chosen business, for pages inside the shell (which only renders then). */
export function useValgtVirksomhet(): { readonly virksomhet: Virksomhet; readonly csrfToken: string; readonly personNavn: string } {
  const { sesjon } = useSesjon();
  if (!sesjon?.innlogget || !sesjon.valgtVirksomhet) throw new Error('useValgtVirksomhet outside the shell');
  return { virksomhet: sesjon.valgtVirksomhet, csrfToken: sesjon.csrfToken, personNavn: sesjon.person.navn };
}
