import type { PortalApiGroups } from './guarded-api.js';
import { fristerRoutes } from './frister-routes.js';
import { kontoutskriftRoutes } from './kontoutskrift-routes.js';
import { reskontroRoutes } from './reskontro-routes.js';
import { sesjonRoutes } from './sesjon-routes.js';
import { systemtilgangerRoutes } from './systemtilganger-routes.js';

/**
 * Every guarded route group of /portal/api: the session's, and a business's under
 * /virksomhet/:orgnr (each answers for `virksomhetOf(request)`, checked before it runs).
 */
export const portalApiRoutes: PortalApiGroups = {
  sesjon: [sesjonRoutes],
  virksomhet: [reskontroRoutes, kontoutskriftRoutes, fristerRoutes, systemtilgangerRoutes],
};
