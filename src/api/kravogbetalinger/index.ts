/**
 * What the rest of the program may use of the Krav og betalinger API: the plugin and its
 * options (server.ts), the hooks and their implementations over src/auth and src/ledger, and
 * the published object types.
 */
export { kravOgBetalingerFrameworkErrorRoute, kravOgBetalingerFrameworkErrors, kravOgBetalingerPlugin, kravOgBetalingerPrefix, type KravOgBetalingerOptions } from './plugin.js';
export type { AccessDecision, AccessRequest, Authorize } from './access.js';
export { ledgerData } from './ledger-data.js';
export { authorizeWithChecker } from './provider-access.js';
export type { KravOgBetalingerData, Lookup, PartQuery, PeriodQuery } from './data.js';
export type { Rettighetspakke } from './parameters.js';
export type { ResolvedPeriode } from './period.js';
export * from './schemas/felles.js';
export * from './schemas/krav.js';
export * from './schemas/innbetaling.js';
export * from './schemas/utbetaling.js';
export * from './schemas/svar.js';
