/**
 * Synthetic Norway and the demo dataset: what the CLI (`kob seed`, `kob serve`) and the tests may
 * import. Everything else under src/testdata is internal.
 */
export {
  seedDefaults,
  seedSynthetic,
  SeedConflictError,
  type SeedOptions,
  type SeedProgress,
  type SeedReporting,
  type SeedSummary,
} from './seed.js';
export { historyWindow } from './synthetic-history.js';
export {
  demoBusinesses,
  demoPersons,
  demoSyntheticParties,
  seedDemo,
  seedDemoOnFirstStart,
  withSeedLock,
  type DemoBusiness,
  type DemoOptions,
  type DemoPerson,
  type DemoSummary,
} from './demo.js';
export { syntheticBusiness, type SyntheticBusiness } from './population.js';
export { planHistory, type Overstyring, type PlanOptions, type Virksomhet } from './history.js';
export { Prng } from './prng.js';
export { nyTestvirksomhet, type Testrolle, type Testvirksomhet, type TestvirksomhetInput } from './testvirksomhet.js';
