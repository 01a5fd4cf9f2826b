import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { icsCalendar, icsPeriode, subscriptionForToken } from '../../kalender/index.js';
import { calendarSourceOf, type CalendarSurfaceOptions } from '../calendar-options.js';
import { bodyEtag, cacheControl, errorCacheControl, isNotModified } from '../etag.js';
import type { FrameworkErrorRoute } from '../framework-errors.js';
import { registerSurface } from '../surface.js';

/**
 * `GET /kalender/{token}.ics`: the iCalendar feed a calendar app polls (decision 0060). The
 * unguessable token is the only credential, so an unknown, malformed or revoked one gets the
 * same bare 404, and the token never reaches a log line (`redactCalendarTokens`). The body is
 * `text/calendar` with a strong ETag, so a polling app gets 304 until something changes.
 */
export const icsPrefix = '/kalender';

export interface IcsFeedOptions extends CalendarSurfaceOptions {
  /** The UIDs' host: the public URL's host name. */
  readonly publicUrl: string;
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
