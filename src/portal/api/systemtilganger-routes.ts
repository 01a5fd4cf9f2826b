import type { FastifyRequest } from 'fastify';
import {
  accessTitle,
  answerConsentRequest,
  AltinnProblem,
  answerRequest,
  createSystemUserForParty,
  deleteSystemUser,
  findPerson,
  mayManageAccess,
  partyAccessOverview,
  revokeConsent,
  type AltinnActor,
  type AltinnContext,
  type PartyConsent,
  type Representasjon,
  type SystemSummary,
} from '../../auth/index.js';
import { forretningsdatoFor } from '../../domain/clock.js';
import { activeSubscriptionsUnder, type SubscriptionAccess, type SubscriptionOfParty } from '../../kalender/index.js';
import { PortalApiError, sesjonOf, virksomhetOf, type PortalApiContext, type PortalApiRoutes } from './guarded-api.js';
import { Feil } from './schemas.js';
import { Endringssvar, IdParams, OpprettetSystemtilgang, OpprettSystemtilgangBody, SystemtilgangerSvar, type Kalenderabonnement, type Samtykke, type System } from './systemtilganger-schemas.js';

/**
 * "Systemtilganger": the business's system users, the vendor requests waiting for it, the
 * systems it may pick itself, and the consents it gave banks, each system user and active consent
 * with the calendar subscriptions its removal ends (decision 0089). Every change calls the
 * function the /altinn HTTP API calls, with the logged-in person as the actor Altinn logs
 * (decision 0070).
 */
export const systemtilgangerRoutes: PortalApiRoutes = (api, context) => {
  const altinn: AltinnContext = { db: context.db, clock: context.clock, publicUrl: context.publicUrl };

  api.get('/systemtilganger', { schema: { response: { 200: SystemtilgangerSvar } } }, async (request, reply) => {
    const virksomhet = virksomhetOf(request);
    const overview = await partyAccessOverview(altinn, virksomhet.orgnr);
    const endedBy = await subscriptionsEndedBy(context, [
      ...overview.systemUsers.map((user) => ({ kind: 'systembruker' as const, id: user.id })),
      ...overview.consents.filter((consent) => consent.active).map((consent) => ({ kind: 'samtykke' as const, id: consent.id })),
    ]);
    reply.header('cache-control', 'no-store');
    return {
      kanEndre: mayManageAccess(virksomhet),
      systembrukere: overview.systemUsers.map((user) => ({
        id: user.id,
        tittel: user.integrationTitle,
        system: system(user.system),
        type: user.userType,
        tilganger: titles(user.rights, user.accessPackages),
        opprettet: user.created.toISOString(),
        gittDato: forretningsdatoFor(context.clock, user.created.getTime()),
        opprettetAv: actorText(user.createdBy),
        klienter: user.clients.map((client) => ({ orgnr: client.orgnr, navn: client.name })),
        kalenderabonnementer: endedBy({ kind: 'systembruker', id: user.id }),
      })),
      forespoersler: overview.pendingRequests.map((pending) => ({
        id: pending.id,
        tittel: pending.integrationTitle,
        system: system(pending.system),
        type: pending.userType,
        tilganger: titles(pending.rights, pending.accessPackages),
        opprettet: pending.created.toISOString(),
      })),
      systemer: overview.selectableSystems.map(system),
      samtykker: overview.consents.map((consent) => ({
        id: consent.id,
        mottaker: { orgnr: consent.consumerOrgnr, navn: consent.consumerName },
        tilganger: consent.resources.map(accessTitle),
        status: samtykkestatus(consent, context.clock.nowEpochMs()),
        samtykket: consent.consented?.toISOString() ?? null,
        gittDato: consent.consented ? forretningsdatoFor(context.clock, consent.consented.getTime()) : null,
        gyldigTil: consent.validTo.toISOString(),
        trukket: consent.revoked?.toISOString() ?? null,
        trukketAv: actorText(consent.revokedBy),
        kalenderabonnementer: endedBy({ kind: 'samtykke', id: consent.id }),
      })),
    };
  });

  const write = { schema: { params: IdParams, response: { 200: Endringssvar, 403: Feil, 404: Feil, 409: Feil } } };
  for (const [path, approve] of [['godkjenn', true], ['avvis', false]] as const) {
    api.post(`/systemtilganger/forespoersler/:id/${path}`, write, async (request) => {
      const { orgnr, actor } = await tilgangsstyrer(request, context);
      const answered = await altinnCall(answerRequest(altinn, orgnr, undefined, request.params.id, approve, actor));
      return { status: answered.status };
    });
  }

  api.post(
    '/systemtilganger',
    { schema: { body: OpprettSystemtilgangBody, response: { 201: OpprettetSystemtilgang, 403: Feil, 404: Feil, 409: Feil } } },
    async (request, reply) => {
      const { orgnr, actor } = await tilgangsstyrer(request, context);
      const created = await altinnCall(createSystemUserForParty(altinn, orgnr, { systemId: request.body.systemId }, actor));
      return reply.code(201).send({ id: created.id });
    },
  );

  api.post('/systemtilganger/:id/slett', write, async (request) => {
    const { orgnr, actor } = await tilgangsstyrer(request, context);
    await altinnCall(deleteSystemUser(altinn, orgnr, request.params.id, undefined, actor));
    return { status: 'Deleted' };
  });

  for (const [path, accept] of [['godkjenn', true], ['avvis', false]] as const) {
    api.post(`/samtykker/:id/${path}`, write, async (request) => {
      const { orgnr, actor } = await tilgangsstyrer(request, context);
      await altinnCall(answerConsentRequest(altinn, orgnr, request.params.id, accept, actor));
      return { status: accept ? 'Accepted' : 'Rejected' };
    });
  }

  api.post('/samtykker/:id/trekk', write, async (request) => {
    const { orgnr, actor } = await tilgangsstyrer(request, context);
    await altinnCall(revokeConsent(altinn, orgnr, request.params.id, actor));
    return { status: 'Revoked' };
  });
};

/** A consent as the page names its state; a request past its end date can no longer be answered. */
function samtykkestatus(consent: PartyConsent, nowMs: number): Samtykke['status'] {
  if (consent.status === 'Revoked') return 'trukket';
  if (consent.active) return 'aktivt';
  return consent.status === 'Created' && consent.validTo.getTime() > nowMs ? 'venter' : 'utloept';
}

/** The active calendar subscriptions made under the accesses, looked up by access: what removing it ends. */
async function subscriptionsEndedBy(context: PortalApiContext, tilganger: readonly SubscriptionAccess[]) {
  const subscriptions = await activeSubscriptionsUnder(context.db, tilganger);
  return (tilgang: SubscriptionAccess): Kalenderabonnement[] =>
    subscriptions.filter((s) => s.tilgang?.kind === tilgang.kind && s.tilgang.id === tilgang.id).map(kalenderabonnement);
}

function kalenderabonnement(subscription: SubscriptionOfParty): Kalenderabonnement {
  return {
    id: subscription.abonnementId,
    part: { orgnr: subscription.partId, navn: subscription.partNavn },
    opprettet: new Date(subscription.opprettetMs).toISOString(),
    opprettetAv: subscription.opprettetAv,
  };
}

/** The business in the path and the person acting, who must be its Tilgangsstyrer (decision 0070). */
async function tilgangsstyrer(request: FastifyRequest, context: PortalApiContext): Promise<{ orgnr: string; actor: AltinnActor }> {
  const virksomhet: Representasjon = virksomhetOf(request);
  if (!mayManageAccess(virksomhet)) {
    throw new PortalApiError(403, 'ikke_tilgangsstyrer', 'Bare innehaver, daglig leder eller styreleder kan endre systemtilganger og samtykker for virksomheten.');
  }
  const { fnr } = sesjonOf(request);
  return { orgnr: virksomhet.orgnr, actor: { kind: 'person', fnr, name: (await findPerson(context.db, fnr))?.navn ?? fnr } };
}

/**
 * Altinn's refusals in Min side's words. Another business's object and an unknown one read the
 * same (404), so an id says nothing about whom it belongs to; other refusals keep Altinn's
 * Norwegian sentence without its English gloss.
 */
async function altinnCall<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (!(error instanceof AltinnProblem)) throw error;
    if (error.status === 403 || error.status === 404) throw new PortalApiError(404, 'finnes_ikke', 'Fant den ikke hos virksomheten. Last siden på nytt.');
    throw new PortalApiError(409, 'kan_ikke_endres', error.detail.replace(/\s*\([^()]*\)(?=\.?$)/, '').replace(/\.?$/, '.'));
  }
}

function system(summary: SystemSummary): System {
  return {
    id: summary.id,
    navn: summary.name,
    beskrivelse: summary.description,
    leverandoer: { orgnr: summary.vendorOrgnr, navn: summary.vendorName },
    tilganger: titles(summary.rights, summary.accessPackages),
  };
}

function titles(rights: readonly string[], packages: readonly string[]): string[] {
  return [...rights.map(accessTitle), ...packages.map((urn) => `Tilgangspakke: ${accessTitle(urn)}`)];
}

/** Who made a change, as the page names them. */
function actorText(actor: AltinnActor | null): string | null {
  if (actor === null) return null;
  if (actor.kind === 'person') return actor.name;
  if (actor.kind === 'client') return `Maskinporten-klient ${actor.clientId} for ${actor.orgnr}`;
  return 'Demodata';
}
