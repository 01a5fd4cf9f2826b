/** What other layers may import from the portal (server.ts wires it). */
export { portalPlugin, type PortalPluginOptions } from './plugin.js';
export { createOidcLogin, isLoopback, type OidcLogin, type OidcLoginSettings } from './oidc-login.js';
export { guardedPortalApi, requireVirksomhet, sesjonOf, PortalApiError, type PortalApi, type PortalApiContext, type PortalApiRoutes } from './api/guarded-api.js';
