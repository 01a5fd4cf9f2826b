/**
 * What the rest of the program may use of the Kalendertjeneste: the plugin and its options
 * (server.ts), the framework-error route, and the published object schemas.
 */
export { kalendertjenestePrefix, kalenderScope, type KalendertjenesteOptions } from './context.js';
export { kalendertjenestePlugin, kalendertjenesteFrameworkErrorRoute } from './plugin.js';
export { kalenderErrors, type KalenderErrorCode } from './errors.js';
export * from './schemas.js';
export { icsFeedPlugin, icsFrameworkErrorRoute, icsPrefix, redactCalendarTokens, type IcsFeedOptions } from './ics-plugin.js';
