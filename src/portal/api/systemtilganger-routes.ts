import type { FastifyRequest } from 'fastify';
import {
  accessTitle,
  answerConsentRequest,
  answerRequest,
  createSystemUserForParty,
  deleteSystemUser,
  mayManageAccess,
  partyAccessOverview,
  revokeConsent,
  type AltinnActor,
  type AltinnContext,
  type PartyConsent,
  type Representasjon,
} from '../../auth/index.js';
import { forretningsdatoFor } from '../../domain/clock.js';
import { activeSubscriptionsUnder, type SubscriptionAccess, type SubscriptionOfParty } from '../../kalender/index.js';
import { altinnCall, personAsActor, systemSvar, tilgangstitler } from './altinn-kall.js';
import { PortalApiError, virksomhetOf, type PortalApiContext, type PortalApiRoutes } from './guarded-api.js';
import { Feil } from './schemas.js';
import { Endringssvar, IdParams, OpprettetSystemtilgang, OpprettSystemtilgangBody, SystemtilgangerSvar, type Kalenderabonnement, type Samtykke } from './systemtilganger-schemas.js';

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
        system: systemSvar(user.system),
        type: user.userType,
        tilganger: tilgangstitler(user.rights, user.accessPackages),
        opprettet: user.created.toISOString(),
        gittDato: forretningsdatoFor(context.clock, user.created.getTime()),
        opprettetAv: actorText(user.createdBy),
        klienter: user.clients.map((client) => ({ orgnr: client.orgnr, navn: client.name })),
        kalenderabonnementer: endedBy({ kind: 'systembruker', id: user.id }),
      })),
      forespoersler: overview.pendingRequests.map((pending) => ({
        id: pending.id,
        tittel: pending.integrationTitle,
        system: systemSvar(pending.system),
        type: pending.userType,
        tilganger: tilgangstitler(pending.rights, pending.accessPackages),
        opprettet: pending.created.toISOString(),
      })),
      systemer: overview.selectableSystems.map(systemSvar),
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
  return { orgnr: virksomhet.orgnr, actor: await personAsActor(request, context) };
}

/** Who made a change, as the page names them. */
function actorText(actor: AltinnActor | null): string | null {
  if (actor === null) return null;
  if (actor.kind === 'person') return actor.name;
  if (actor.kind === 'client') return `Maskinporten-klient ${actor.clientId} for ${actor.orgnr}`;
  return 'Demodata';
}
