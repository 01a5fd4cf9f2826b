import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import {
  answerApprovalRequest,
  approvalRequest,
  findPerson,
  mayManageAccess,
  redirectAfterAnswer,
  representasjonFor,
  type AltinnContext,
  type ApprovalRequest,
  type ApprovalStatus,
} from '../../auth/index.js';
import type { Database } from '../../db/database.js';
import { formatOrganisasjonsnummer } from '../../domain/format.js';
import { altinnCall, personAsActor, systemSvar, tilgangstitler } from './altinn-kall.js';
import { GodkjenningParams, Godkjenningsresultat, Godkjenningssvar } from './godkjenning-schemas.js';
import { PortalApiError, sesjonOf, type PortalApiContext, type PortalApiRoutes } from './guarded-api.js';
import { Feil } from './schemas.js';

/**
 * The data behind the approval pages at `confirmUrl` and `viewUri` (decisions 0156, 0157): one
 * request, found by its kind and id, for whoever may act for the party it names, chosen from the
 * request and not picked by the person (Altinn's `DONTCHOOSEREPORTEE`). The answer goes through
 * the function the `/altinn` API calls, with the logged-in person logged as the actor.
 */
export const godkjenningRoutes: PortalApiRoutes = (api, context) => {
  const altinn: AltinnContext = { db: context.db, clock: context.clock, publicUrl: context.publicUrl };

  api.get('/godkjenning/:side/:id', { schema: { params: GodkjenningParams, response: { 200: Godkjenningssvar, 403: Feil, 404: Feil } } }, async (request, reply) => {
    const { forespoersel, svarer } = await forespoerselForPersonen(request, context, altinn);
    reply.header('cache-control', 'no-store');
    return godkjenningssvar(forespoersel, svarer);
  });

  const svar = { schema: { params: GodkjenningParams, response: { 200: Godkjenningsresultat, 403: Feil, 404: Feil, 409: Feil } } };
  for (const [path, approve] of [['godkjenn', true], ['avvis', false]] as const) {
    api.post(`/godkjenning/:side/:id/${path}`, svar, async (request, reply) => {
      const { forespoersel, svarer } = await forespoerselForPersonen(request, context, altinn);
      if (!svarer.kanSvare) throw new PortalApiError(403, 'ikke_tilgangsstyrer', 'Bare innehaver, daglig leder eller styreleder kan svare på forespørselen for virksomheten.');
      if (forespoersel.status !== 'New') {
        throw new PortalApiError(409, 'allerede_besvart', `Forespørselen er ${statusTekst[godkjenningsstatus[forespoersel.status]]} og kan ikke besvares på nytt.`);
      }
      const status = await altinnCall(answerApprovalRequest(altinn, forespoersel, approve, await personAsActor(request, context)));
      const videre = redirectAfterAnswer(forespoersel.kind, forespoersel.redirectUrl, approve) ?? null;
      // Altinn logs the person out before it sends the browser on to the vendor or bank (decision 0157).
      if (videre !== null) {
        await context.sessions.delete(sesjonOf(request).sesjonHash);
        reply.clearCookie(context.cookies.sesjon, context.cookies.laxOptions);
      }
      return { status: godkjenningsstatus[status], videre };
    });
  }
};

/** Who answers for the party: its name, and whether this person may answer (decision 0070). */
interface Svarer {
  readonly navn: string;
  readonly erPerson: boolean;
  readonly kanSvare: boolean;
}

/**
 * The request in the path and what the logged-in person may do with it. Unknown is 404; a party
 * the person cannot act for is 403, naming the organisation so they know whom to ask.
 */
async function forespoerselForPersonen(request: FastifyRequest, context: PortalApiContext, altinn: AltinnContext): Promise<{ forespoersel: ApprovalRequest; svarer: Svarer }> {
  const { side, id } = request.params as { side: ApprovalRequest['kind']; id: string };
  const forespoersel = await approvalRequest(altinn, side, id);
  if (!forespoersel) throw new PortalApiError(404, 'finnes_ikke', 'Fant ingen forespørsel med denne lenken. Avsenderen kan ha trukket den tilbake; be om en ny lenke.');
  const svarer = await svarerFor(context.db, sesjonOf(request).fnr, forespoersel.party);
  if (!svarer) {
    const gjelder = /^[0-9]{9}$/.test(forespoersel.party) ? `virksomheten med org.nr. ${formatOrganisasjonsnummer(forespoersel.party)}` : 'en annen person';
    throw new PortalApiError(403, 'ikke_tilgang', `Forespørselen gjelder ${gjelder}, som du ikke kan representere. Logg ut, og logg inn som innehaver, daglig leder eller styreleder i virksomheten.`);
  }
  return { forespoersel, svarer };
}

/** A consent asked of a person is answered by that person; an organisation's by whoever may act for it. */
async function svarerFor(db: Kysely<Database>, fnr: string, party: string): Promise<Svarer | undefined> {
  if (party === fnr) return { navn: (await findPerson(db, fnr))?.navn ?? fnr, erPerson: true, kanSvare: true };
  const representasjon = /^[0-9]{9}$/.test(party) ? await representasjonFor(db, fnr, party) : undefined;
  return representasjon && { navn: representasjon.navn, erPerson: false, kanSvare: mayManageAccess(representasjon) };
}

function godkjenningssvar(forespoersel: ApprovalRequest, svarer: Svarer): Godkjenningssvar {
  return {
    side: forespoersel.kind,
    id: forespoersel.id,
    status: godkjenningsstatus[forespoersel.status],
    part: { id: forespoersel.party, navn: svarer.navn, erPerson: svarer.erPerson },
    kanSvare: svarer.kanSvare,
    system: forespoersel.system ? systemSvar(forespoersel.system) : null,
    mottaker: forespoersel.consumer ? { orgnr: forespoersel.consumer.orgnr, navn: forespoersel.consumer.name } : null,
    gir: tilgangstitler(forespoersel.rights, forespoersel.accessPackages),
    fjerner: tilgangstitler(forespoersel.removedRights, forespoersel.removedAccessPackages),
    gyldigTil: forespoersel.validTo?.toISOString() ?? null,
    sendesTil: forespoersel.redirectUrl && URL.canParse(forespoersel.redirectUrl) ? new URL(forespoersel.redirectUrl).host : null,
  };
}

const godkjenningsstatus: Record<ApprovalStatus, Godkjenningssvar['status']> = {
  New: 'venter',
  Accepted: 'godkjent',
  Rejected: 'avvist',
  Timedout: 'utloept',
  Revoked: 'trukket',
};

const statusTekst: Record<Godkjenningssvar['status'], string> = { venter: 'ubesvart', godkjent: 'godkjent', avvist: 'avvist', utloept: 'utløpt', trukket: 'trukket' };
