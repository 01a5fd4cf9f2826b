import type { FastifyRequest } from 'fastify';
import { accessTitle, AltinnProblem, findPerson, type AltinnActor, type SystemSummary } from '../../auth/index.js';
import { PortalApiError, sesjonOf, type PortalApiContext } from './guarded-api.js';
import type { System } from './systemtilganger-schemas.js';

/**
 * What Min side's pages that change access share when they call the functions behind the
 * `/altinn` API (decision 0070): the logged-in person as the actor Altinn logs, Altinn's refusals
 * in Min side's words, and systems and rights named as the page shows them.
 */

/** The logged-in person, as the actor of an access change. */
export async function personAsActor(request: FastifyRequest, context: PortalApiContext): Promise<AltinnActor> {
  const { fnr } = sesjonOf(request);
  return { kind: 'person', fnr, name: (await findPerson(context.db, fnr))?.navn ?? fnr };
}

/**
 * Altinn's refusals in Min side's words. Another business's object and an unknown one read the
 * same (404), so an id says nothing about whom it belongs to; other refusals keep Altinn's
 * Norwegian sentence without its English gloss.
 */
export async function altinnCall<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (!(error instanceof AltinnProblem)) throw error;
    if (error.status === 403 || error.status === 404) throw new PortalApiError(404, 'finnes_ikke', 'Fant den ikke hos virksomheten. Last siden på nytt.');
    throw new PortalApiError(409, 'kan_ikke_endres', error.detail.replace(/\s*\([^()]*\)(?=\.?$)/, '').replace(/\.?$/, '.'));
  }
}

export function systemSvar(summary: SystemSummary): System {
  return {
    id: summary.id,
    navn: summary.name,
    beskrivelse: summary.description,
    leverandoer: { orgnr: summary.vendorOrgnr, navn: summary.vendorName },
    tilganger: tilgangstitler(summary.rights, summary.accessPackages),
  };
}

/** Single rights and access packages in words, the packages marked as such. */
export function tilgangstitler(rights: readonly string[], packages: readonly string[]): string[] {
  return [...rights.map(accessTitle), ...packages.map((urn) => `Tilgangspakke: ${accessTitle(urn)}`)];
}
