/**
 * What the rest of the program may use of the Krav og betalinger API: the plugin and its
 * options (server.ts), its data provider over src/ledger, and the published object types.
 */
export {
  kravOgBetalingerFrameworkErrorRoutes,
  kravOgBetalingerFrameworkErrors,
  kravOgBetalingerGatewayPrefix,
  kravOgBetalingerPlugin,
  kravOgBetalingerPrefix,
  type KravOgBetalingerOptions,
} from './plugin.js';
export { ledgerData } from './ledger-data.js';
export type { KravOgBetalingerData, Lookup, PartQuery, PeriodQuery } from './data.js';
export type { Rettighetspakke } from './parameters.js';
export type { ResolvedPeriode } from './period.js';
export * from './schemas/felles.js';
export * from './schemas/krav.js';
export * from './schemas/innbetaling.js';
export * from './schemas/utbetaling.js';
export * from './schemas/svar.js';
