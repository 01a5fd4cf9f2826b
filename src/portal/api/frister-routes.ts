import { Type } from '@fastify/type-provider-typebox';
import { findPerson } from '../../auth/index.js';
import { forretningsdatoFor } from '../../domain/clock.js';
import { compareDates } from '../../domain/dates.js';
import { limits } from '../../domain/limits.js';
import { calendarForParty, createSubscription, listSubscriptions, revokeSubscription, subscriptionUrl, type CalendarTask } from '../../kalender/index.js';
import { aarForSide, aarsperiode, aarsvalgForPart, aarsvalgPeriode } from '../reskontro/aar.js';
import { lesPart } from '../reskontro/sider.js';
import { AbonnementerSvar, AbonnementParams, FristerSvar, NyttAbonnementSvar, type Oppgave } from './frister-schemas.js';
import { PortalApiError, sesjonOf, virksomhetOf, type PortalApiContext, type PortalApiRoutes } from './guarded-api.js';
import { kontekst } from './reskontro-routes.js';
import { AarQuery } from './reskontro-schemas.js';
import { Feil } from './schemas.js';

/**
 * "Frister og oppgaver": the business's deadlines for a year from the calendar service
 * (the same `calendarForParty` as the Kalendertjeneste and the feed), and its private calendar
 * subscriptions — the same `/kalender/{token}.ics` the API makes (decision 0074).
 */
export const fristerRoutes: PortalApiRoutes = (api, context) => {
  const { db, clock } = context;

  api.get('/frister', { schema: { querystring: AarQuery, response: { 200: FristerSvar, 400: Feil, 403: Feil } } }, async (request, reply) => {
    const sideKontekst = kontekst(request, context);
    const { view } = await lesPart(sideKontekst, {});
    const valg = aarsvalgForPart(view);
    const kalender = (periode: ReturnType<typeof aarsperiode>) => calendarForParty(db, { partId: view.partId, idag: sideKontekst.idag, periode });
    // Every year of the rule at once: which years have tasks, and what is still to do.
    const alle = await kalender(aarsvalgPeriode(valg));
    if (!alle) throw new PortalApiError(404, 'finnes_ikke', 'Fant ikke virksomheten i reskontroen.');
    const aar = aarForSide(valg, alle.oppgaver.map((task) => task.obligation.frist), request.query.aar);
    const aaret = aar.aarMedInnhold.includes(aar.aar) ? await kalender(aarsperiode(aar.aar)) : undefined;
    const aapne = alle.oppgaver.filter((task) => task.status.oppgavestatus !== 'fullført').sort(forfalteFoerst);
    reply.header('cache-control', 'no-store');
    return { forretningsdato: sideKontekst.idag, ...aar, oppgaver: (aaret?.oppgaver ?? []).map(oppgave), aapne: aapne.map(oppgave) };
  });

  api.get('/kalenderabonnementer', { schema: { response: { 200: AbonnementerSvar } } }, async (request, reply) => {
    const virksomhet = virksomhetOf(request);
    reply.header('cache-control', 'no-store');
    const active = (await listSubscriptions(db, virksomhet.orgnr)).filter((subscription) => subscription.tilbakekaltMs === null);
    return { abonnementer: active.map((s) => ({ id: s.abonnementId, opprettet: new Date(s.opprettetMs).toISOString(), lagetDato: forretningsdatoFor(clock, s.opprettetMs), opprettetAv: s.opprettetAv })) };
  });

  api.post('/kalenderabonnementer', { schema: { response: { 201: NyttAbonnementSvar, 409: Feil } } }, async (request, reply) => {
    const virksomhet = virksomhetOf(request);
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
      .send({ id: subscription.abonnementId, opprettet: new Date(subscription.opprettetMs).toISOString(), lagetDato: forretningsdatoFor(clock, subscription.opprettetMs), opprettetAv: subscription.opprettetAv, url: subscriptionUrl(context.publicUrl, token) });
  });

  api.post('/kalenderabonnementer/:id/tilbakekall', { schema: { params: AbonnementParams, response: { 204: Type.Null(), 404: Feil } } }, async (request, reply) => {
    const virksomhet = virksomhetOf(request);
    const result = await revokeSubscription(db, clock, { partId: virksomhet.orgnr, abonnementId: request.params.id, tilbakekaltAv: await minSideAktoer(context, request) });
    // Revoking twice ends where revoking once does; another business's id is as unknown as a made-up one.
    if (result === 'notFound') throw new PortalApiError(404, 'finnes_ikke', 'Fant ikke kalenderabonnementet.');
    return reply.code(204).send(null);
  });
};

/** Overdue tasks first, then by deadline. */
function forfalteFoerst(a: CalendarTask, b: CalendarTask): number {
  const forfalt = (task: CalendarTask) => (task.status.oppgavestatus === 'forfalt' ? 0 : 1);
  return forfalt(a) - forfalt(b) || compareDates(a.obligation.frist, b.obligation.frist);
}

function oppgave(task: CalendarTask): Oppgave {
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
