import { parseConfig, type Config, type ConfigOverrides } from '../config.js';
import { systemClock } from '../clock.js';
import { migrateToLatest } from '../db/migrate.js';
import { databaseLocation, openDatabase, type DatabaseHandle } from '../db/open-database.js';
import type { Clock } from '../domain/clock.js';

/** Options every `kob` command accepts. */
export interface GlobalOptions {
  dataDir?: string;
  databaseUrl?: string;
  today?: string;
}

export interface Runtime {
  readonly config: Config;
  readonly clock: Clock;
  readonly database: DatabaseHandle;
}

export function configFrom(options: GlobalOptions & Pick<ConfigOverrides, 'port'>): Config {
  return parseConfig(process.env, {
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl,
    today: options.today,
    port: options.port,
  });
}

/** Opens the configured database (migrated to the newest schema), runs `work`, closes it. */
export async function withRuntime<T>(
  options: GlobalOptions & Pick<ConfigOverrides, 'port'>,
  work: (runtime: Runtime) => Promise<T>,
): Promise<T> {
  const runtime = await openRuntime(options);
  try {
    return await work(runtime);
  } finally {
    await runtime.database.close();
  }
}

export async function openRuntime(options: GlobalOptions & Pick<ConfigOverrides, 'port'>): Promise<Runtime> {
  const config = configFrom(options);
  const database = await openDatabase(databaseLocation(config));
  try {
    await migrateToLatest(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  return { config, clock: systemClock(config.today), database };
}
