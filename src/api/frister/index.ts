/** What the rest of the program may use of the Frister API: the plugin (server.ts) and its objects. */
export { fristerPlugin, fristerFrameworkErrorRoute, fristerPrefix, fristerScope, type FristerOptions } from './plugin.js';
export { fristerErrors, type FristerErrorCode } from './errors.js';
export { isFristerApiTask, mapFrister } from './map-frister.js';
export * from './schemas.js';
