import { Type, type Static } from '@fastify/type-provider-typebox';
import { findPerson } from '../../auth/index.js';
import { dateParts } from '../../domain/dates.js';
import { limits } from '../../domain/limits.js';
import { calendarForParty, createSubscription, listSubscriptions, revokeSubscription, subscriptionUrl, type CalendarTask } from '../../kalender/index.js';
import { aarsperiode } from '../reskontro/aar.js';
import { PortalApiError, requireVirksomhet, sesjonOf, type PortalApiContext, type PortalApiRoutes } from './guarded-api.js';
import { Aar } from './reskontro-schemas.js';
import { Feil } from './schemas.js';

const Beloep = Type.Integer({ description: 'øre' });

const Oppgave = Type.Object({
  id: Type.String(),
  beskrivelse: Type.String(),
  oppgaveType: Type.String(),
  produktomraade: Type.String(),
  /** The effective deadline (moved to a working day); `nominellFrist` when it differs. */
  frist: Type.String(),
  nominellFrist: Type.String(),
  oppgavestatus: Type.Union([Type.Literal('ikkeStartet'), Type.Literal('pågående'), Type.Literal('fullført'), Type.Literal('forfalt')]),
  /** As Min side says it: "Ikke levert", "Levert", "Betalt", "Delvis betalt", "Forfalt", "30 dager igjen", … */
  statustekst: Type.String(),
  levertDato: Type.Union([Type.String(), Type.Null()]),
  betaling: Type.Union([
    Type.Object({
      opprinneligOere: Beloep,
      gjenstaaendeOere: Beloep,
      poster: Type.Array(
        Type.Object({
          kravbeskrivelse: Type.String(),
          forfallsdato: Type.String(),
          gjenstaaendeOere: Beloep,
          kid: Type.Union([Type.String(), Type.Null()]),
          kontonummer: Type.Union([Type.String(), Type.Null()]),
        }),
      ),
    }),
    Type.Null(),
  ]),
});

export const FristerSvar = Type.Object({ forretningsdato: Type.String(), aar: Type.Integer(), oppgaver: Type.Array(Oppgave) });
export type FristerSvar = Static<typeof FristerSvar>;

const Abonnement = Type.Object({ id: Type.String(), opprettet: Type.String({ format: 'date-time' }), opprettetAv: Type.String() });
export const AbonnementerSvar = Type.Object({ abonnementer: Type.Array(Abonnement) });
/** The URL is in this answer only: the server keeps just its hash. */
export const NyttAbonnementSvar = Type.Object({ ...Abonnement.properties, url: Type.String() });
const AbonnementParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-f-]{36}$' }) });

/**
 * "Frister og oppgaver": the chosen business's deadlines for a year from the calendar service
 * (the same `calendarForParty` as the Kalendertjeneste and the feed), and its private calendar
 * subscriptions — the same `/kalender/{token}.ics` the API makes (decision 0074).
 */
export const fristerRoutes: PortalApiRoutes = (api, context) => {
  const { db, clock } = context;

  api.get(
    '/frister',
    { schema: { querystring: Type.Object({ aar: Type.Optional(Aar) }), response: { 200: FristerSvar, 403: Feil } } },
    async (request, reply) => {
      const virksomhet = await requireVirksomhet(request, context);
      const idag = clock.today();
      const aar = request.query.aar ?? dateParts(idag).year;
      const calendar = await calendarForParty(db, { partId: virksomhet.orgnr, idag, periode: aarsperiode(aar) });
      if (!calendar) throw new PortalApiError(404, 'finnes_ikke', 'Fant ikke virksomheten i reskontroen.');
      reply.header('cache-control', 'no-store');
      return { forretningsdato: idag, aar, oppgaver: calendar.oppgaver.map(oppgave) };
    },
  );

  api.get('/kalenderabonnementer', { schema: { response: { 200: AbonnementerSvar } } }, async (request, reply) => {
    const virksomhet = await requireVirksomhet(request, context);
    reply.header('cache-control', 'no-store');
    const active = (await listSubscriptions(db, virksomhet.orgnr)).filter((subscription) => subscription.tilbakekaltMs === null);
    return { abonnementer: active.map((s) => ({ id: s.abonnementId, opprettet: new Date(s.opprettetMs).toISOString(), opprettetAv: s.opprettetAv })) };
  });

  api.post('/kalenderabonnementer', { schema: { response: { 201: NyttAbonnementSvar, 409: Feil } } }, async (request, reply) => {
    const virksomhet = await requireVirksomhet(request, context);
    // Made under the person's right to act for the business: it ends when that right does (decision 0089).
    const tilgang = { kind: 'person', id: sesjonOf(request).fnr } as const;
    const created = await createSubscription(db, clock, { partId: virksomhet.orgnr, opprettetAv: await minSideAktoer(context, request), tilgang });
    if (!created.ok) {
      throw created.reason === 'tooMany'
        ? new PortalApiError(409, 'for_mange', `Virksomheten har allerede ${limits.calendarSubscriptionsPerPartyMax} aktive kalenderabonnementer. Trekk tilbake ett du ikke bruker.`)
        : new PortalApiError(404, 'finnes_ikke', 'Fant ikke virksomheten i reskontroen.');
    }
    const { subscription, token } = created;
    return reply
      .code(201)
      .header('cache-control', 'no-store')
      .send({ id: subscription.abonnementId, opprettet: new Date(subscription.opprettetMs).toISOString(), opprettetAv: subscription.opprettetAv, url: subscriptionUrl(context.publicUrl, token) });
  });

  api.post('/kalenderabonnementer/:id/tilbakekall', { schema: { params: AbonnementParams, response: { 204: Type.Null(), 404: Feil } } }, async (request, reply) => {
    const virksomhet = await requireVirksomhet(request, context);
    const result = await revokeSubscription(db, clock, { partId: virksomhet.orgnr, abonnementId: request.params.id, tilbakekaltAv: await minSideAktoer(context, request) });
    // Revoking twice ends where revoking once does; another business's id is as unknown as a made-up one.
    if (result === 'notFound') throw new PortalApiError(404, 'finnes_ikke', 'Fant ikke kalenderabonnementet.');
    return reply.code(204).send(null);
  });
};

function oppgave(task: CalendarTask): Static<typeof Oppgave> {
  const { obligation, status, betaling } = task;
  return {
    id: obligation.id,
    beskrivelse: obligation.oppgaveBeskrivelse,
    oppgaveType: obligation.oppgaveType,
    produktomraade: obligation.produktomraade,
    frist: obligation.frist,
    nominellFrist: obligation.nominellFrist,
    oppgavestatus: status.oppgavestatus,
    statustekst: status.visningsstatus,
    levertDato: task.levertDato,
    betaling:
      betaling === null
        ? null
        : {
            opprinneligOere: betaling.opprinneligOere,
            gjenstaaendeOere: betaling.gjenstaaendeOere,
            poster: betaling.poster.map((post) => ({
              kravbeskrivelse: post.kravbeskrivelse,
              forfallsdato: post.forfallsdato,
              gjenstaaendeOere: post.gjenstaaendeOere,
              kid: post.kid,
              kontonummer: post.kontonummer,
            })),
          },
  };
}

/** "Min side: Kari Nordmann": who made or revoked a subscription, in the list the business sees. */
async function minSideAktoer(context: PortalApiContext, request: Parameters<typeof sesjonOf>[0]): Promise<string> {
  const fnr = sesjonOf(request).fnr;
  return `Min side: ${(await findPerson(context.db, fnr))?.navn ?? fnr}`;
}
