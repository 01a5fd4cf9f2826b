import { hentJson, sendJson, virksomhetApi } from './api';
import type { Endringssvar, OpprettetSystemtilgang, SystemtilgangerSvar } from '../../src/portal/api/systemtilganger-schemas';

/** The Systemtilganger API (src/portal/api/systemtilganger-routes.ts); types from its schemas. */
export type { Forespoersel, Kalenderabonnement, Organisasjon, Samtykke, System, Systembruker, SystemtilgangerSvar } from '../../src/portal/api/systemtilganger-schemas';

const id = (value: string) => encodeURIComponent(value);
export const hentSystemtilganger = (orgnr: string) => hentJson<SystemtilgangerSvar>(virksomhetApi(orgnr, '/systemtilganger'));
export const svarPaaForespoersel = (orgnr: string, csrfToken: string, forespoersel: string, godkjenn: boolean) =>
  sendJson<Endringssvar>(virksomhetApi(orgnr, `/systemtilganger/forespoersler/${id(forespoersel)}/${godkjenn ? 'godkjenn' : 'avvis'}`), csrfToken);
export const opprettSystemtilgang = (orgnr: string, csrfToken: string, systemId: string) =>
  sendJson<OpprettetSystemtilgang>(virksomhetApi(orgnr, '/systemtilganger'), csrfToken, { systemId });
export const slettSystemtilgang = (orgnr: string, csrfToken: string, systembruker: string) => sendJson<Endringssvar>(virksomhetApi(orgnr, `/systemtilganger/${id(systembruker)}/slett`), csrfToken);
export const svarPaaSamtykke = (orgnr: string, csrfToken: string, samtykke: string, godkjenn: boolean) =>
  sendJson<Endringssvar>(virksomhetApi(orgnr, `/samtykker/${id(samtykke)}/${godkjenn ? 'godkjenn' : 'avvis'}`), csrfToken);
export const trekkSamtykke = (orgnr: string, csrfToken: string, samtykke: string) => sendJson<Endringssvar>(virksomhetApi(orgnr, `/samtykker/${id(samtykke)}/trekk`), csrfToken);
