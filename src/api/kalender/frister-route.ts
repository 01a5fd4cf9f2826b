import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { daysBetween, type LocalDate } from '../../domain/dates.js';
import { kalenderperiode, type Periode } from '../../domain/deadlines/index.js';
import { limits } from '../../domain/limits.js';
import type { PartyCalendar } from '../../kalender/index.js';
import { negotiateFormat } from '../negotiation.js';
import { accessHooks } from '../access-hooks.js';
import { jsonWriter, mediaTypes, type MediaFormat } from '../serialization.js';
import { xmlWriter } from '../xml.js';
import { bodyFormat, kalenderScope, type KalenderContext } from './context.js';
import { kalErrors } from './errors.js';
import { mapPart, tidspunkt } from './map-kalender.js';
import { fristerDocs } from './openapi-docs.js';
import { normalizeKalenderRequest } from './request.js';
import { Kalender, KalenderDokument, KalenderRequestDokument, type NorskIdentifikator } from './schemas.js';

/**
 * `POST /frister`: a `kalenderRequest` → a `kalender`, JSON in → JSON out, XML in → XML out
 * (the published rule; decision 0056), one lifecycle stage per check:
 *
 *   onRequest      Content-Type (KAL-011) → Accept (KAL-008) → token (KAL-004)
 *   parsing        body size (KAL-010), JSON syntax / XML well-formedness and namespace (KAL-006)
 *   preValidation  the lenient shapes of the published examples → the canonical request
 *   validation     the schema: parties, identifiers with check digits, dates (KAL-006)
 *   preHandler     period rules (KAL-006) → every party's system user or consent (KAL-005)
 *   handler        the calendars: unknown party (KAL-009), ledger failure (KAL-002)
 */
interface RequestState {
  readonly format: MediaFormat;
  readonly idag: LocalDate;
  periode: Periode | undefined;
  /** The parties asked for, each once, in the order first named. */
  identifikatorer: readonly NorskIdentifikator[];
}

export function registerFristerRoute(api: FastifyInstance, context: KalenderContext): void {
  const states = new WeakMap<FastifyRequest, RequestState>();
  const stateOf = (request: FastifyRequest): RequestState => states.get(request)!;

  const checkFormats = async (request: FastifyRequest) => {
    const sent = bodyFormat(request.headers['content-type']);
    if (sent === undefined) throw kalErrors.unsupportedMediaType(request.headers['content-type'] ?? '(ingen)');
    const format = negotiateFormat(request.headers.accept, sent);
    if (format === undefined) throw kalErrors.notAcceptable(request.headers.accept ?? '', 'application/json eller application/xml');
    states.set(request, { format, idag: context.clockOf(request).today(), periode: undefined, identifikatorer: [] });
  };

  const checkPeriod = async (request: FastifyRequest) => {
    const state = stateOf(request);
    const { kalenderRequest } = request.body as KalenderRequestDokument;
    state.periode = resolvePeriode(kalenderRequest.periode, state.idag);
    state.identifikatorer = distinctBy(kalenderRequest.part, identifikatorOf);
  };

  const access = accessHooks({
    checker: context.checker,
    scope: kalenderScope,
    parties: (request) => stateOf(request).identifikatorer.map(identifikatorOf),
    authenticationError: kalErrors.authentication,
    authorizationError: kalErrors.authorization,
  });

  api.post(
    '/frister',
    {
      schema: { body: KalenderRequestDokument, ...fristerDocs },
      onRequest: [checkFormats, access.authenticate],
      preValidation: async (request) => {
        request.body = normalizeKalenderRequest(request.body);
      },
      preHandler: [checkPeriod, access.authorize],
    },
    async (request, reply) => {
      const state = stateOf(request);
      const identifikatorer = state.identifikatorer;
      const calendars = await readCalendars(request, context, identifikatorer.map(identifikatorOf), state);
      const unknown = identifikatorer.map(identifikatorOf).filter((_, index) => calendars[index] === undefined);
      if (unknown.length > 0) throw kalErrors.unknownParties(unknown);
      const kalender: Kalender = {
        hentetDato: tidspunkt(context.clock.nowEpochMs()),
        part: identifikatorer.map((identifikator, index) => mapPart(identifikator, calendars[index]!)),
      };
      return send(reply, state.format, kalender);
    },
  );
}

async function readCalendars(request: FastifyRequest, context: KalenderContext, parties: readonly string[], state: RequestState): Promise<(PartyCalendar | undefined)[]> {
  try {
    return await Promise.all(parties.map((partId) => context.calendar({ partId, idag: state.idag, periode: state.periode! })));
  } catch (error) {
    request.log.error({ err: error }, 'calendar failed');
    throw kalErrors.backend();
  }
}

function send(reply: FastifyReply, format: MediaFormat, kalender: Kalender): FastifyReply {
  const body = format === 'json' ? jsonWriter(KalenderDokument)({ kalender }) : xmlWriter(Kalender)(kalender);
  return reply.header('Cache-Control', 'no-store').header('Vary', 'Accept, Content-Type').type(mediaTypes[format]).send(body);
}

/**
 * Decision 0010 for the defaults; the limit counts `daysBetween` (at most 366), so the default
 * year and a request for 1 January–31 December both pass, also in leap years.
 */
function resolvePeriode(requested: { fraOgMed: string; tilOgMed?: string | undefined } | undefined, idag: LocalDate): Periode {
  const fraOgMed = requested?.fraOgMed as LocalDate | undefined;
  const tilOgMed = requested?.tilOgMed as LocalDate | undefined;
  if (fraOgMed !== undefined && tilOgMed !== undefined && tilOgMed < fraOgMed) {
    throw kalErrors.invalidInput(`periode.tilOgMed (${tilOgMed}) er før periode.fraOgMed (${fraOgMed}).`);
  }
  const periode = kalenderperiode({ idag, fraOgMed, tilOgMed });
  const days = daysBetween(periode.fraOgMed, periode.tilOgMed);
  if (days > limits.periodDaysMax) {
    const defaulted = tilOgMed === undefined ? ' (tilOgMed ble satt til dagens dato)' : '';
    throw kalErrors.invalidInput(
      `Perioden ${periode.fraOgMed} til ${periode.tilOgMed}${defaulted} er ${days} dager; den kan være høyst ${limits.periodDaysMax} dager (ett år).`,
    );
  }
  return periode;
}

export function identifikatorOf(identifikator: NorskIdentifikator): string {
  return identifikator.organisasjonsnummer ?? identifikator.foedselsnummer!;
}

/** A party named twice is answered once, where it was first named. */
function distinctBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(key(item)) && seen.add(key(item)) !== undefined);
}
