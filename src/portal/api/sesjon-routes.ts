import { sesjonOf, type PortalApiRoutes } from './guarded-api.js';

/** Logging out. Which business a page acts for is in its address, not in the session (decision 0101). */
export const sesjonRoutes: PortalApiRoutes = (api, { sessions, cookies }) => {
  api.post('/logg-ut', async (request, reply) => {
    await sessions.delete(sesjonOf(request).sesjonHash);
    return reply.clearCookie(cookies.sesjon, cookies.laxOptions).code(204).send();
  });
};
