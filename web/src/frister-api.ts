import { hentJson, sendJson } from './api';

/** The Frister og oppgaver API (src/portal/api/frister-routes.ts), as the browser sees it. */
export type Oppgavestatus = 'ikkeStartet' | 'pågående' | 'fullført' | 'forfalt';

export interface Betalingspost {
  readonly kravbeskrivelse: string;
  readonly forfallsdato: string;
  readonly gjenstaaendeOere: number;
  readonly kid: string | null;
  readonly kontonummer: string | null;
}

export interface Oppgave {
  readonly id: string;
  readonly beskrivelse: string;
  readonly oppgaveType: string;
  readonly produktomraade: string;
  readonly frist: string;
  readonly nominellFrist: string;
  readonly oppgavestatus: Oppgavestatus;
  readonly statustekst: string;
  readonly levertDato: string | null;
  readonly betaling: { readonly opprinneligOere: number; readonly gjenstaaendeOere: number; readonly poster: readonly Betalingspost[] } | null;
}

export interface Frister {
  readonly forretningsdato: string;
  readonly aar: number;
  readonly oppgaver: readonly Oppgave[];
}

export interface Abonnement {
  readonly id: string;
  readonly opprettet: string;
  readonly opprettetAv: string;
}

export const hentFrister = (aar: number | undefined) => hentJson<Frister>(aar === undefined ? '/frister' : `/frister?aar=${aar}`);
export const hentAbonnementer = () => hentJson<{ readonly abonnementer: readonly Abonnement[] }>('/kalenderabonnementer');
/** The URL comes only in this answer: show it now, it cannot be fetched again. */
export const lagAbonnement = (csrfToken: string) => sendJson<Abonnement & { readonly url: string }>('/kalenderabonnementer', csrfToken);
export const trekkAbonnement = (csrfToken: string, id: string) => sendJson<void>(`/kalenderabonnementer/${encodeURIComponent(id)}/tilbakekall`, csrfToken);
