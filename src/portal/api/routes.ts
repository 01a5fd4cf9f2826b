import type { PortalApiRoutes } from './guarded-api.js';
import { kontoutskriftRoutes } from './kontoutskrift-routes.js';
import { reskontroRoutes } from './reskontro-routes.js';
import { fristerRoutes } from './frister-routes.js';
import { sesjonRoutes } from './sesjon-routes.js';
import { systemtilgangerRoutes } from './systemtilganger-routes.js';

/**
 * Every guarded route group of /portal/api. Part 2's data pages (krav, innbetalinger, …) add
 * their groups here; each answers for `await requireVirksomhet(request, context)`.
 */
export const portalApiRoutes: readonly PortalApiRoutes[] = [sesjonRoutes, reskontroRoutes, kontoutskriftRoutes, fristerRoutes, systemtilgangerRoutes];
