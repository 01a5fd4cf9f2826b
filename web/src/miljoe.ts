import { useEffect, useState } from 'react';

/** Whether the server is a sandbox (it then serves Testdata); asked once per page load. */
let svar: Promise<boolean> | undefined;

function erSandkasse(): Promise<boolean> {
  svar ??= fetch('/portal/api/miljoe', { headers: { accept: 'application/json' } })
    .then(async (response) => (response.ok ? ((await response.json()) as { sandkasse: boolean }).sandkasse : false))
    .catch(() => false);
  return svar;
}

/** false until the server has answered. */
export function useSandkasse(): boolean {
  const [sandkasse, setSandkasse] = useState(false);
  useEffect(() => {
    let aktiv = true;
    void erSandkasse().then((verdi) => aktiv && setSandkasse(verdi));
    return () => {
      aktiv = false;
    };
  }, []);
  return sandkasse;
}
