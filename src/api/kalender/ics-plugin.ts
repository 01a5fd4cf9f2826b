import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccessChecker } from '../../auth/index.js';
import { icsCalendar, icsPeriode, revokeSubscription, subscriptionForToken, type Subscription } from '../../kalender/index.js';
import { calendarSourceOf, type CalendarSurfaceOptions } from '../calendar-options.js';
import { bodyEtag, cacheControl, errorCacheControl, isNotModified } from '../etag.js';
import type { FrameworkErrorRoute } from '../framework-errors.js';
import { registerSurface } from '../surface.js';

/**
 * `GET /kalender/{token}.ics`: the iCalendar feed a calendar app polls (decision 0060). The
 * unguessable token is the only credential, so an unknown or malformed one gets a bare 404, and
 * the token never reaches a log line (`redactCalendarTokens`). A subscription ends with the
 * access it was made under (decision 0089): every request checks that access again with the
 * provider check's own logic, and an ended subscription — revoked, or its access gone — answers
 * 410 Gone, which tells the calendar app to stop polling. The body is `text/calendar` with a
 * strong ETag, so a polling app gets 304 until something changes.
 */
export const icsPrefix = '/kalender';

export interface IcsFeedOptions extends CalendarSurfaceOptions {
  /** The UIDs' host: the public URL's host name. */
  readonly publicUrl: string;
  /** src/auth's provider check, asked whether each subscription's access still holds. */
  readonly checker: Pick<AccessChecker, 'stillGranted'>;
}

const feedFile = /^([A-Za-z0-9_-]+)\.ics$/;
export const icsMediaType = 'text/calendar; charset=utf-8';
const textMediaType = 'text/plain; charset=utf-8';

export async function icsFeedPlugin(app: FastifyInstance, options: IcsFeedOptions): Promise<void> {
  const calendar = calendarSourceOf(options);
  const uidHost = new URL(options.publicUrl).hostname;
  await registerSurface(app, icsPrefix, (feed) => {
    feed.setNotFoundHandler((_request, reply) => notFound(reply));
    feed.setErrorHandler((error, request, reply) => {
      request.log.error({ err: error }, 'calendar feed failed');
      return reply.code(500).header('Cache-Control', errorCacheControl).type(textMediaType).send('Kalenderen kan ikke vises akkurat nå. Prøv igjen senere.');
    });
    feed.get('/:fil', { schema: { hide: true } }, async (request, reply) => {
      const match = feedFile.exec((request.params as { fil: string }).fil);
      const subscription = match === null ? undefined : await subscriptionForToken(options.db, match[1]!);
      if (subscription === undefined) return notFound(reply);
      if (!(await stillActive(request, options, subscription))) return gone(reply);
      const idag = options.clock.today();
      const found = await calendar({ partId: subscription.partId, idag, periode: icsPeriode(idag) });
      if (found === undefined) return notFound(reply);
      return sendCalendar(request, reply, icsCalendar(found, { uidHost }));
    });
    // Anything else under the prefix (an over-long name, a deeper path) is the same 404; without
    // this route Min side's `GET /*` would answer it.
    feed.get('/*', { schema: { hide: true } }, async (_request, reply) => notFound(reply));
  });
}

function sendCalendar(request: FastifyRequest, reply: FastifyReply, body: string): FastifyReply {
  const etag = bodyEtag(body);
  reply.header('ETag', etag).header('Cache-Control', cacheControl);
  if (isNotModified(request.headers, etag)) return reply.code(304).send();
  return reply.type(icsMediaType).send(body);
}

/**
 * Whether the subscription still answers: not revoked, and the access it was made under still
 * holds. One whose access is gone is recorded as ended, so it stays ended even if that access
 * comes back (a client delegated again, a role regained) and the business's lists show it.
 */
async function stillActive(request: FastifyRequest, options: IcsFeedOptions, subscription: Subscription): Promise<boolean> {
  if (subscription.tilbakekaltMs !== null) return false;
  const access = await options.checker.stillGranted(subscription.tilgang, subscription.partId);
  if (access.granted) return true;
  request.log.info({ abonnementId: subscription.abonnementId, reason: access.reason }, 'kalenderabonnement avsluttet: tilgangen er borte');
  await revokeSubscription(options.db, options.clock, {
    partId: subscription.partId,
    abonnementId: subscription.abonnementId,
    tilbakekaltAv: `Avsluttet fordi tilgangen det ble laget med, er borte: ${access.reason}`,
  });
  return false;
}

function gone(reply: FastifyReply): FastifyReply {
  return reply
    .code(410)
    .header('Cache-Control', errorCacheControl)
    .type(textMediaType)
    .send('Kalenderabonnementet er avsluttet: det ble trukket tilbake, eller tilgangen det ble laget med, finnes ikke lenger. Lag et nytt abonnement.');
}

function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).header('Cache-Control', errorCacheControl).type(textMediaType).send('Fant ikke kalenderen.');
}

/** A malformed feed URL is a 404 like any other unknown feed (see ../framework-errors.ts). */
export const icsFrameworkErrorRoute: FrameworkErrorRoute = {
  prefix: icsPrefix,
  render: (_melding, _request, reply) => {
    notFound(reply);
  },
};

/** `/kalender/<token>.ics` → `/kalender/[skjult].ics`: the path of a feed is its secret. */
export function redactCalendarTokens(url: string): string {
  return url.startsWith(`${icsPrefix}/`) ? `${icsPrefix}/[skjult]` : url;
}
