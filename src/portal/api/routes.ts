import type { PortalApiRoutes } from './guarded-api.js';
import { sesjonRoutes } from './sesjon-routes.js';

/**
 * Every guarded route group of /portal/api. Part 2's data pages (krav, innbetalinger, …) add
 * their groups here; each answers for `await requireVirksomhet(request, context)`.
 */
export const portalApiRoutes: readonly PortalApiRoutes[] = [sesjonRoutes];
