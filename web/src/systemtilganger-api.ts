import { hentJson, sendJson } from './api';

/** The Systemtilganger API (src/portal/api/systemtilganger-routes.ts), as the browser sees it. */
export interface Organisasjon {
  readonly orgnr: string;
  readonly navn: string;
}

export interface System {
  readonly id: string;
  readonly navn: string;
  readonly beskrivelse: string;
  readonly leverandoer: Organisasjon;
  readonly tilganger: readonly string[];
}

export type Systembrukertype = 'standard' | 'agent';

/** A calendar subscription made under a system user or consent: removing that access ends it. */
export interface Kalenderabonnement {
  readonly id: string;
  readonly part: Organisasjon;
  readonly opprettet: string;
  readonly opprettetAv: string;
}

export interface Systembruker {
  readonly id: string;
  readonly tittel: string;
  readonly system: System;
  readonly type: Systembrukertype;
  readonly tilganger: readonly string[];
  readonly opprettet: string;
  readonly opprettetAv: string | null;
  readonly klienter: readonly Organisasjon[];
  readonly kalenderabonnementer: readonly Kalenderabonnement[];
}

export interface Forespoersel {
  readonly id: string;
  readonly tittel: string | null;
  readonly system: System;
  readonly type: Systembrukertype;
  readonly tilganger: readonly string[];
  readonly opprettet: string;
}

export interface Samtykke {
  readonly id: string;
  readonly mottaker: Organisasjon;
  readonly tilganger: readonly string[];
  readonly status: 'aktivt' | 'utloept' | 'trukket';
  readonly samtykket: string | null;
  readonly gyldigTil: string;
  readonly trukket: string | null;
  readonly trukketAv: string | null;
  readonly kalenderabonnementer: readonly Kalenderabonnement[];
}

export interface Systemtilganger {
  readonly kanEndre: boolean;
  readonly systembrukere: readonly Systembruker[];
  readonly forespoersler: readonly Forespoersel[];
  readonly systemer: readonly System[];
  readonly samtykker: readonly Samtykke[];
}

const id = (value: string) => encodeURIComponent(value);
export const hentSystemtilganger = () => hentJson<Systemtilganger>('/systemtilganger');
export const svarPaaForespoersel = (csrfToken: string, forespoersel: string, godkjenn: boolean) =>
  sendJson<{ readonly status: string }>(`/systemtilganger/forespoersler/${id(forespoersel)}/${godkjenn ? 'godkjenn' : 'avvis'}`, csrfToken);
export const opprettSystemtilgang = (csrfToken: string, systemId: string) => sendJson<{ readonly id: string }>('/systemtilganger', csrfToken, { systemId });
export const slettSystemtilgang = (csrfToken: string, systembruker: string) => sendJson<{ readonly status: string }>(`/systemtilganger/${id(systembruker)}/slett`, csrfToken);
export const trekkSamtykke = (csrfToken: string, samtykke: string) => sendJson<{ readonly status: string }>(`/samtykker/${id(samtykke)}/trekk`, csrfToken);
