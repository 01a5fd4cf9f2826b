import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { aarValgFor, betalteKrav, innbetalinger, kravOversikt, ubetalteKrav, utbetalinger, type SideKontekst } from '../reskontro/sider.js';
import { virksomhetOf, type PortalApiContext, type PortalApiRoutes } from './guarded-api.js';
import { AarQuery, AarValgSvar, BetalteKravSvar, InnbetalingerSvar, KravOversiktSvar, UbetalteKravSvar, UtbetalingerSvar } from './reskontro-schemas.js';
import { Feil } from './schemas.js';

const refusals = { 400: Feil, 401: Feil, 403: Feil };

/**
 * Min side's ledger pages: each reads the business's party view as of the business date
 * and maps it (src/portal/reskontro). The answers are the business's own finances: never cached.
 */
export const reskontroRoutes: PortalApiRoutes = async (api, context) => {
  await api.register(async (instance) => {
    const pages = instance.withTypeProvider<TypeBoxTypeProvider>();
    pages.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });

    pages.get('/krav/oversikt', { schema: { response: { 200: KravOversiktSvar, ...refusals } } }, async (request) => kravOversikt(kontekst(request, context)));

    pages.get('/krav/aar', { schema: { response: { 200: AarValgSvar, ...refusals } } }, async (request) => aarValgFor(kontekst(request, context)));

    pages.get('/krav/ubetalte', { schema: { response: { 200: UbetalteKravSvar, ...refusals } } }, async (request) => ubetalteKrav(kontekst(request, context)));

    pages.get('/krav/betalte', { schema: { querystring: AarQuery, response: { 200: BetalteKravSvar, ...refusals } } }, async (request) =>
      betalteKrav(kontekst(request, context), request.query.aar),
    );

    pages.get('/innbetalinger', { schema: { querystring: AarQuery, response: { 200: InnbetalingerSvar, ...refusals } } }, async (request) =>
      innbetalinger(kontekst(request, context), request.query.aar),
    );

    pages.get('/utbetalinger', { schema: { querystring: AarQuery, response: { 200: UtbetalingerSvar, ...refusals } } }, async (request) =>
      utbetalinger(kontekst(request, context), request.query.aar),
    );
  });
};

/** The business in the path (checked by the business routes' hook), the database and the business date. */
export function kontekst(request: FastifyRequest, context: PortalApiContext): SideKontekst {
  return { db: context.db, idag: context.clock.today(), representasjon: virksomhetOf(request) };
}
