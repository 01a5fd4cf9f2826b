import { representasjonFor } from '../../auth/index.js';
import { Feil, VelgVirksomhetBody, Virksomhet } from './schemas.js';
import { PortalApiError, sesjonOf, type PortalApiRoutes } from './guarded-api.js';

/** Choosing the business to act for, and logging out. */
export const sesjonRoutes: PortalApiRoutes = (api, { db, sessions, cookies }) => {
  api.post(
    '/virksomhet',
    { schema: { body: VelgVirksomhetBody, response: { 200: Virksomhet, 403: Feil } } },
    async (request) => {
      const sesjon = sesjonOf(request);
      const representasjon = await representasjonFor(db, sesjon.fnr, request.body.orgnr);
      // "Not yours" and "no such business" read the same from outside.
      if (!representasjon) throw new PortalApiError(403, 'ikke_tilgang', 'Du kan ikke representere denne virksomheten.');
      await sessions.chooseBusiness(sesjon.sesjonHash, representasjon.orgnr);
      return representasjon;
    },
  );

  api.post('/logg-ut', async (request, reply) => {
    await sessions.delete(sesjonOf(request).sesjonHash);
    return reply.clearCookie(cookies.sesjon, cookies.laxOptions).code(204).send();
  });
};
