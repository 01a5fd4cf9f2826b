import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import { limits } from '../../domain/limits.js';
import { createSubscription, listSubscriptions, revokeSubscription, subscriptionUrl, type Subscription } from '../../kalender/index.js';
import { negotiateFormat } from '../negotiation.js';
import { accessHooks, callerDescription, grantedAccess } from '../access-hooks.js';
import { jsonWriter, mediaTypes } from '../serialization.js';
import { kalenderScope, type KalenderContext } from './context.js';
import { kalErrors } from './errors.js';
import { tidspunkt } from './map-kalender.js';
import { abonnementDocs } from './openapi-docs.js';
import { AbonnementIdParams, AbonnementParams, Abonnementer, NyttAbonnement } from './schemas.js';

/**
 * The iCalendar subscriptions of a party through the API (decisions 0060, 0089), protected like
 * the calendar itself (scope `skatteetaten:kalender`, system user or consent for the party); each
 * records the access it is made under and ends with it:
 *
 *   POST   /abonnementer/{partIdentifikator}                  → 201, the URL (shown this once)
 *   GET    /abonnementer/{partIdentifikator}                  → 200, every subscription, revoked and ended ones too
 *   DELETE /abonnementer/{partIdentifikator}/{abonnementId}   → 204
 *
 * JSON only: these are our own addition, not part of the published XML model.
 */
export function registerAbonnementRoutes(api: FastifyInstance, context: KalenderContext): void {
  const access = accessHooks({
    checker: context.checker,
    scope: kalenderScope,
    parties: (request) => [(request.params as Static<typeof AbonnementParams>).partIdentifikator],
    authenticationError: kalErrors.authentication,
    authorizationError: kalErrors.authorization,
  });
  const acceptJson = async (request: FastifyRequest) => {
    if (negotiateFormat(request.headers.accept) !== 'json') throw kalErrors.notAcceptable(request.headers.accept ?? '', 'application/json');
  };
  const hooks = { onRequest: [acceptJson, access.authenticate], preHandler: access.authorize };
  const grantOf = (request: FastifyRequest) => access.granted(request)[0]!;

  api.post('/abonnementer/:partIdentifikator', { schema: { params: AbonnementParams, ...abonnementDocs.create }, ...hooks }, async (request, reply) => {
    const { partIdentifikator } = request.params as Static<typeof AbonnementParams>;
    const grant = grantOf(request);
    const tilgang = grantedAccess(grant);
    // The subscription outlives this request and ends with the access it is made under, so that
    // access must be one the feed can check again (decision 0089): a consent an external
    // Maskinporten vouches for, which our store does not hold, cannot be.
    const checkable = await context.checker.stillGranted(tilgang, partIdentifikator);
    if (!checkable.granted) {
      const reason = `et kalenderabonnement lages bare med en tilgang som kan sjekkes igjen senere, og denne kan ikke: ${checkable.reason}`;
      throw kalErrors.authorization([{ partIdentifikator, reason, mechanism: grant.mechanism === 'systembruker' ? 'regnskapssystem' : 'finans' }], 1);
    }
    const opprettetAv = callerDescription(grant);
    const result = await createSubscription(context.db, context.clock, { partId: partIdentifikator, opprettetAv, tilgang });
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
    const tilbakekaltAv = callerDescription(grantOf(request));
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
