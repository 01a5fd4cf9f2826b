import { hentJson, medAar, sendJson, virksomhetApi } from './api';
import type { AbonnementerSvar, FristerSvar, NyttAbonnementSvar } from '../../src/portal/api/frister-schemas';

/** The Frister og oppgaver API (src/portal/api/frister-routes.ts); types from its schemas. */
export type { Abonnement, FristerSvar, Oppgave } from '../../src/portal/api/frister-schemas';
export type Oppgavestatus = FristerSvar['oppgaver'][number]['oppgavestatus'];

export const hentFrister = (orgnr: string, aar: number | undefined) => hentJson<FristerSvar>(virksomhetApi(orgnr, medAar('/frister', aar)));
export const hentAbonnementer = (orgnr: string) => hentJson<AbonnementerSvar>(virksomhetApi(orgnr, '/kalenderabonnementer'));
/** The URL comes only in this answer: show it now, it cannot be fetched again. */
export const lagAbonnement = (orgnr: string, csrfToken: string) => sendJson<NyttAbonnementSvar>(virksomhetApi(orgnr, '/kalenderabonnementer'), csrfToken);
export const trekkAbonnement = (orgnr: string, csrfToken: string, id: string) =>
  sendJson<void>(virksomhetApi(orgnr, `/kalenderabonnementer/${encodeURIComponent(id)}/tilbakekall`), csrfToken);
