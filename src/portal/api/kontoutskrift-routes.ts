import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { findPerson } from '../../auth/index.js';
import { skrivCsv } from '../kontoutskrift/csv.js';
import { arknavn, kontoutskrift } from '../kontoutskrift/kontoutskrift.js';
import { skrivXlsx } from '../kontoutskrift/xlsx.js';
import { aarsvalgForPart, alleAar, sjekketAar } from '../reskontro/aar.js';
import { lesPart } from '../reskontro/sider.js';
import { sesjonOf, type PortalApiRoutes } from './guarded-api.js';
import { kontekst } from './reskontro-routes.js';
import { KontoutskriftQuery } from './reskontro-schemas.js';

export const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const csvContentType = 'text/csv; charset=utf-8';

/**
 * "Last ned kontoutskrift": GET /portal/api/virksomhet/{orgnr}/kontoutskrift?aar=2024&format=xlsx|csv, the
 * business's account statement for a year as an Excel workbook (every sheet) or CSV (the
 * Transaksjoner sheet), as of the business date. A download, so never cached.
 */
export const kontoutskriftRoutes: PortalApiRoutes = async (api, context) => {
  await api.register(async (instance) => {
    const routes = instance.withTypeProvider<TypeBoxTypeProvider>();
    routes.get(
      '/kontoutskrift',
      // No response schema: the body is a file; refusals get the portal's `{ kode, melding }` from its error handler.
      { schema: { querystring: KontoutskriftQuery } },
      async (request, reply) => {
        const sideKontekst = kontekst(request, context);
        const { view, leser } = await lesPart(sideKontekst, { kravOpprettet: alleAar(sideKontekst.idag), innbetalt: alleAar(sideKontekst.idag), utbetalt: alleAar(sideKontekst.idag) });
        const aar = sjekketAar(request.query.aar ?? aarsvalgForPart(view).sisteAar, aarsvalgForPart(view));
        const person = await findPerson(context.db, sesjonOf(request).fnr);
        const ark = kontoutskrift({ view, aar, personvern: leser.personvern, lagetAv: person?.navn ?? '' });
        const filnavn = `kontoutskrift-${view.partId}-${aar}`;
        reply.header('cache-control', 'no-store');
        if (request.query.format === 'csv') {
          const transaksjoner = ark.find((a) => a.navn === arknavn[3])!;
          return reply.type(csvContentType).header('content-disposition', `attachment; filename="${filnavn}.csv"`).send(skrivCsv(transaksjoner));
        }
        return reply.type(xlsxContentType).header('content-disposition', `attachment; filename="${filnavn}.xlsx"`).send(await skrivXlsx(ark, view.asOf));
      },
    );
  });
};
