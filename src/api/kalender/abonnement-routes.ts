import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import type { AccessGranted, VerifiedAccessToken } from '../../auth/index.js';
import { limits } from '../../domain/limits.js';
import { createSubscription, listSubscriptions, revokeSubscription, subscriptionUrl, type Subscription } from '../../kalender/index.js';
import { negotiateFormat } from '../negotiation.js';
import { authenticateCaller, authorizeParties, callerDescription } from '../party-access.js';
import { jsonWriter, mediaTypes } from '../serialization.js';
import { kalenderScope, type KalenderContext } from './context.js';
import { kalErrors } from './errors.js';
import { tidspunkt } from './map-kalender.js';
import { abonnementDocs } from './openapi-docs.js';
import { AbonnementIdParams, AbonnementParams, Abonnementer, NyttAbonnement } from './schemas.js';

/**
 * The iCalendar subscriptions of a party through the API (decision 0060), protected like the
 * calendar itself (scope `skatteetaten:kalender`, system user or consent for the party):
 *
 *   POST   /abonnementer/{partIdentifikator}                  → 201, the URL (shown this once)
 *   GET    /abonnementer/{partIdentifikator}                  → 200, every subscription, revoked ones too
 *   DELETE /abonnementer/{partIdentifikator}/{abonnementId}   → 204
 *
 * JSON only: these are our own addition, not part of the published XML model.
 */
interface RequestState {
  token: VerifiedAccessToken | undefined;
  access: AccessGranted | undefined;
}

export function registerAbonnementRoutes(api: FastifyInstance, context: KalenderContext): void {
  const states = new WeakMap<FastifyRequest, RequestState>();
  const stateOf = (request: FastifyRequest): RequestState => states.get(request)!;

  const onRequest = async (request: FastifyRequest) => {
    if (negotiateFormat(request.headers.accept) !== 'json') throw kalErrors.notAcceptable(request.headers.accept ?? '', 'application/json');
    const caller = await authenticateCaller(context.checker, request.headers.authorization, kalenderScope);
    if (!caller.ok) throw kalErrors.authentication(caller.reason);
    states.set(request, { token: caller.token, access: undefined });
  };
  const preHandler = async (request: FastifyRequest) => {
    const state = stateOf(request);
    const { partIdentifikator } = request.params as Static<typeof AbonnementParams>;
    const { granted, refused } = await authorizeParties(context.checker, state.token!, [partIdentifikator], request.headers);
    if (refused.length > 0) throw kalErrors.authorization(refused, 1);
    state.access = granted[0];
  };
  const hooks = { onRequest, preHandler };

  api.post('/abonnementer/:partIdentifikator', { schema: { params: AbonnementParams, ...abonnementDocs.create }, ...hooks }, async (request, reply) => {
    const { partIdentifikator } = request.params as Static<typeof AbonnementParams>;
    const opprettetAv = callerDescription(stateOf(request).access!);
    const result = await createSubscription(context.db, context.clock, { partId: partIdentifikator, opprettetAv });
    if (!result.ok && result.reason === 'unknownParty') throw kalErrors.unknownParties([partIdentifikator]);
    if (!result.ok) {
      throw kalErrors.invalidInput(
        `Parten ${partIdentifikator} har allerede ${limits.calendarSubscriptionsPerPartyMax} aktive abonnementer; tilbakekall ett før du lager et nytt.`,
      );
    }
    const body = {
      abonnementId: result.subscription.abonnementId,
      partIdentifikator,
      url: subscriptionUrl(context.publicUrl, result.token),
      opprettet: tidspunkt(result.subscription.opprettetMs),
      opprettetAv,
    };
    return reply.code(201).header('Cache-Control', 'no-store').type(mediaTypes.json).send(jsonWriter(NyttAbonnement)(body));
  });

  api.get('/abonnementer/:partIdentifikator', { schema: { params: AbonnementParams, ...abonnementDocs.list }, ...hooks }, async (request, reply) => {
    const { partIdentifikator } = request.params as Static<typeof AbonnementParams>;
    const subscriptions = await listSubscriptions(context.db, partIdentifikator);
    const body = { partIdentifikator, abonnement: subscriptions.map(mapAbonnement) };
    return reply.header('Cache-Control', 'no-store').type(mediaTypes.json).send(jsonWriter(Abonnementer)(body));
  });

  api.delete('/abonnementer/:partIdentifikator/:abonnementId', { schema: { params: AbonnementIdParams, ...abonnementDocs.revoke }, ...hooks }, async (request, reply) => {
    const { partIdentifikator, abonnementId } = request.params as Static<typeof AbonnementIdParams>;
    const tilbakekaltAv = callerDescription(stateOf(request).access!);
    const result = await revokeSubscription(context.db, context.clock, { partId: partIdentifikator, abonnementId, tilbakekaltAv });
    if (result === 'notFound') throw kalErrors.unknownSubscription(abonnementId, partIdentifikator);
    // Revoking twice is the same as revoking once: the subscription is revoked either way.
    return reply.code(204).header('Cache-Control', 'no-store').send();
  });
}

function mapAbonnement(subscription: Subscription) {
  return {
    abonnementId: subscription.abonnementId,
    opprettet: tidspunkt(subscription.opprettetMs),
    opprettetAv: subscription.opprettetAv,
    ...(subscription.tilbakekaltMs === null ? {} : { tilbakekalt: tidspunkt(subscription.tilbakekaltMs), tilbakekaltAv: subscription.tilbakekaltAv ?? undefined }),
  };
}
