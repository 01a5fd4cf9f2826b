import type { MiljoeSvar } from '../../src/portal/testdata-schemas';
import { hentJson } from './api';
import { useHentet } from './useHentet';

/** Whether the server is a sandbox (it then serves Testdata); asked once per page load. */
let svar: Promise<boolean> | undefined;

function erSandkasse(): Promise<boolean> {
  svar ??= hentJson<MiljoeSvar>('/miljoe').then(
    (miljoe) => miljoe.sandkasse,
    () => false,
  );
  return svar;
}

/** false until the server has answered. */
export function useSandkasse(): boolean {
  const hentet = useHentet(erSandkasse, 'miljoe');
  return hentet.status === 'ok' && hentet.data;
}
