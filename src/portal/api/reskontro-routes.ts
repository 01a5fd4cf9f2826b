import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { aarValgFor, betalteKrav, innbetalinger, kravOversikt, ubetalteKrav, utbetalinger, type SideKontekst } from '../reskontro/sider.js';
import { valgtAar } from '../reskontro/aar.js';
import { requireVirksomhet, type PortalApiContext, type PortalApiRoutes } from './guarded-api.js';
import { AarQuery, AarValgSvar, BetalteKravSvar, InnbetalingerSvar, KravOversiktSvar, UbetalteKravSvar, UtbetalingerSvar } from './reskontro-schemas.js';
import { Feil } from './schemas.js';

const refusals = { 400: Feil, 401: Feil, 403: Feil, 409: Feil };

/**
 * Min side's ledger pages: each reads the chosen business's party view as of the business date
 * and maps it (src/portal/reskontro). The answers are the business's own finances: never cached.
 */
export const reskontroRoutes: PortalApiRoutes = async (api, context) => {
  await api.register(async (instance) => {
    const pages = instance.withTypeProvider<TypeBoxTypeProvider>();
    pages.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });

    pages.get('/krav/oversikt', { schema: { response: { 200: KravOversiktSvar, ...refusals } } }, async (request) => kravOversikt(await kontekst(request, context)));

    pages.get('/krav/aar', { schema: { response: { 200: AarValgSvar, ...refusals } } }, async (request) => aarValgFor(await kontekst(request, context)));

    pages.get('/krav/ubetalte', { schema: { response: { 200: UbetalteKravSvar, ...refusals } } }, async (request) => ubetalteKrav(await kontekst(request, context)));

    pages.get('/krav/betalte', { schema: { querystring: AarQuery, response: { 200: BetalteKravSvar, ...refusals } } }, async (request) => {
      const sideKontekst = await kontekst(request, context);
      return betalteKrav(sideKontekst, valgtAar(request.query.aar, sideKontekst.idag));
    });

    pages.get('/innbetalinger', { schema: { querystring: AarQuery, response: { 200: InnbetalingerSvar, ...refusals } } }, async (request) => {
      const sideKontekst = await kontekst(request, context);
      return innbetalinger(sideKontekst, valgtAar(request.query.aar, sideKontekst.idag));
    });

    pages.get('/utbetalinger', { schema: { querystring: AarQuery, response: { 200: UtbetalingerSvar, ...refusals } } }, async (request) => {
      const sideKontekst = await kontekst(request, context);
      return utbetalinger(sideKontekst, valgtAar(request.query.aar, sideKontekst.idag));
    });
  });
};

/** The chosen business (role re-checked), the database and the business date. */
export async function kontekst(request: FastifyRequest, context: PortalApiContext): Promise<SideKontekst> {
  const representasjon = await requireVirksomhet(request, context);
  return { db: context.db, idag: context.clock.today(), representasjon };
}
