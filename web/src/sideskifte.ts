import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';

/** "Ubetalte krav – Fjellheim Rørleggerservice – Min side": the tab's title, set by each page. */
export function useSidetittel(tittel: string): void {
  useEffect(() => {
    document.title = `${tittel} – Min side`;
  }, [tittel]);
}

let sideLastet = true;

/**
 * After a navigation inside the app (not the first load, where the skip link comes first), focus
 * moves to the new page's h1 and the page's name is announced, as a full page load would do for
 * a screen reader. Returns the announcement for a live region.
 */
export function useSideskifte(): string {
  const { pathname } = useLocation();
  const [kunngjoering, setKunngjoering] = useState('');
  useEffect(() => {
    // Per page load, not per component: the shell is drawn anew when the business changes.
    if (sideLastet) {
      sideLastet = false;
      return;
    }
    const overskrift = document.querySelector<HTMLElement>('main h1');
    if (!overskrift) return;
    overskrift.tabIndex = -1;
    overskrift.focus();
    setKunngjoering(`Viser ${document.title.replace(/ – Min side$/, '')}`);
  }, [pathname]);
  return kunngjoering;
}
