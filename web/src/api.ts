import type { Static } from '@fastify/type-provider-typebox';
import type { SesjonSvar, Virksomhet as VirksomhetSchema } from '../../src/portal/api/schemas';

/**
 * The portal API (/portal/api) as the browser sees it. The types are the server's own schemas
 * (src/portal/api/*schemas.ts), imported as types only, so the two cannot drift. A business's
 * routes carry its orgnr in the path (`virksomhetApi`); every write sends the session's CSRF
 * token in `x-csrf-token`.
 */
export type Sesjon = SesjonSvar;
export type Virksomhet = Static<typeof VirksomhetSchema>;
export type Representasjonsgrunnlag = Virksomhet['grunnlag'][number];

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

/** A business's route: `/virksomhet/{orgnr}{sti}` under /portal/api (decision 0101). */
export const virksomhetApi = (orgnr: string, sti: string) => `/virksomhet/${encodeURIComponent(orgnr)}${sti}`;

/** `sti?aar=2024`, or `sti` when no year is asked for (the server picks the latest with content). */
export const medAar = (sti: string, aar: number | undefined) => (aar === undefined ? sti : `${sti}?aar=${aar}`);

/** GET a JSON resource of the portal API. */
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
export const loggUt = (csrfToken: string) => sendJson<void>('/logg-ut', csrfToken);

/**
 * Starts the login: a full page load, since the identity provider is another site. A real button
 * (not a link dressed as one) so Enter and Space both work. `tilbake`: the page (path and query)
 * to show again once logged in.
 */
export function loggInn(tilbake?: string): void {
  window.location.assign(`/portal/innlogging/start${tilbake === undefined ? '' : `?tilbake=${encodeURIComponent(tilbake)}`}`);
}
