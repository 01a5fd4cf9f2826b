/**
 * The portal API (/portal/api) as the browser sees it. Types mirror src/portal/api/schemas.ts.
 * Every write sends the session's CSRF token in `x-csrf-token`.
 */
export type Representasjonsgrunnlag = 'innehaver' | 'daglig_leder' | 'styreleder' | 'regnskapsforer';

export interface Virksomhet {
  readonly orgnr: string;
  readonly navn: string;
  readonly organisasjonsform: string | null;
  readonly grunnlag: readonly Representasjonsgrunnlag[];
}

export type Sesjon =
  | { readonly innlogget: false }
  | {
      readonly innlogget: true;
      readonly person: { readonly navn: string };
      readonly virksomheter: readonly Virksomhet[];
      readonly valgtVirksomhet: Virksomhet | null;
      readonly csrfToken: string;
    };

/** A refusal from the API: `kode` is stable, `melding` is written for people. */
export class ApiFeil extends Error {
  constructor(
    readonly status: number,
    readonly kode: string,
    melding: string,
  ) {
    super(melding);
  }
}

async function svar<T>(response: Response): Promise<T> {
  if (response.ok) return (response.status === 204 ? undefined : await response.json()) as T;
  const body = (await response.json().catch(() => ({}))) as { kode?: string; melding?: string };
  throw new ApiFeil(response.status, body.kode ?? 'ukjent', body.melding ?? 'Noe gikk galt. Prøv igjen.');
}

/** GET a JSON resource of the portal API (part 2's data pages use this). */
export async function hentJson<T>(sti: string): Promise<T> {
  return svar<T>(await fetch(`/portal/api${sti}`, { headers: { accept: 'application/json' }, credentials: 'same-origin' }));
}

/** POST to the portal API with the CSRF token. */
export async function sendJson<T>(sti: string, csrfToken: string, body?: unknown): Promise<T> {
  return svar<T>(
    await fetch(`/portal/api${sti}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
}

export const hentSesjon = () => hentJson<Sesjon>('/sesjon');
export const velgVirksomhet = (csrfToken: string, orgnr: string) => sendJson<Virksomhet>('/virksomhet', csrfToken, { orgnr });
export const loggUt = (csrfToken: string) => sendJson<void>('/logg-ut', csrfToken);

/**
 * Starts the login: a full page load, since the identity provider is another site. A real button
 * (not a link dressed as one) so Enter and Space both work.
 */
export function loggInn(): void {
  window.location.assign('/portal/innlogging/start');
}
