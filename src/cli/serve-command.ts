import type { Command } from 'commander';
import { compareDates } from '../domain/dates.js';
import { sistePubliserteRentedag } from '../ledger/index.js';
import { buildApp } from '../server.js';
import { seedDemoOnFirstStart, withSeedLock } from '../testdata/index.js';
import { openRuntime, type GlobalOptions, type Runtime } from './runtime.js';
import { progressReporting } from './seed-command.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Start the server (API, token server, Altinn, calendar, portal) on one port')
    .option('--port <port>', 'port to listen on (env PORT, default 8080)')
    .action(async (options: { port?: string }, command: Command) => {
      const runtime = await openRuntime({ ...(command.optsWithGlobals() as GlobalOptions), port: options.port });
      const { config, clock, database } = runtime;
      await seedDemoIfEmpty(runtime);
      const app = await buildApp({ db: database.db, databaseKind: database.kind, clock, config, connectNotifications: database.connectNotifications, poolStats: database.poolStats });
      const shutdown = async (signal: string) => {
        app.log.info({ signal }, 'stopper');
        await app.close();
        await database.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
      await app.listen({ port: config.port, host: config.host });
      const where = database.kind === 'pglite' ? `PGlite i ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
      console.log(`krav-og-betalinger kjører på ${config.publicUrl} — database: ${where}, forretningsdato: ${clock.today()}`);
      const sisteRentedag = sistePubliserteRentedag();
      if (compareDates(clock.today(), sisteRentedag) > 0) {
        console.log(`Merk: forsinkelsesrenten er bare lagt inn til ${sisteRentedag}; senere dager bruker den siste satsen til data/forsinkelsesrente.json er oppdatert (beslutning 0041).`);
      }
    });
}

/** `npm start` on an empty database: the demo dataset first, announced on one line. */
export async function seedDemoIfEmpty({ config, clock, database }: Runtime): Promise<boolean> {
  const seed = () =>
    seedDemoOnFirstStart(
      database.db,
      { today: clock.today(), dataDir: config.dataDir, publicUrl: config.publicUrl, clock, reporting: { elapsedMs: progressReporting().elapsedMs } },
      () => console.log('Tom database: legger inn demodata (første start tar litt tid) …'),
    );
  // PGlite belongs to this one process (its data directory is locked); PostgreSQL may have several.
  const seeded = database.kind === 'postgres' ? await withSeedLock(database.db, seed) : await seed();
  return seeded !== undefined;
}
