import type { PortalApiGroups } from './guarded-api.js';
import { fristerRoutes } from './frister-routes.js';
import { godkjenningRoutes } from './godkjenning-routes.js';
import { kontoutskriftRoutes } from './kontoutskrift-routes.js';
import { reskontroRoutes } from './reskontro-routes.js';
import { sesjonRoutes } from './sesjon-routes.js';
import { systemtilgangerRoutes } from './systemtilganger-routes.js';

/**
 * Every guarded route group of /portal/api: the session's (logging out, and the approval pages,
 * whose business comes from the request, decision 0156), and a business's under
 * /virksomhet/:orgnr (each answers for `virksomhetOf(request)`, checked before it runs).
 */
export const portalApiRoutes: PortalApiGroups = {
  sesjon: [sesjonRoutes, godkjenningRoutes],
  virksomhet: [reskontroRoutes, kontoutskriftRoutes, fristerRoutes, systemtilgangerRoutes],
};
