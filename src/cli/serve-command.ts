import cluster from 'node:cluster';
import os from 'node:os';
import type { Command } from 'commander';
import { compareDates } from '../domain/dates.js';
import { databaseLocation } from '../db/open-database.js';
import { sistePubliserteRentedag } from '../ledger/index.js';
import { buildApp } from '../server.js';
import { seedDemoOnFirstStart, withSeedLock } from '../testdata/index.js';
import { formatAntall } from './format.js';
import { CliInputError } from './input-error.js';
import { configFrom, openRuntime, withRuntime, type GlobalOptions, type Runtime } from './runtime.js';
import { progressReporting } from './seed-command.js';

interface ServeOptions {
  port?: string;
  workers?: string;
}

/** A sane bound: more processes than this on one machine only add connections. */
const workersMax = 64;

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Start the server (API, token server, Altinn, calendar, portal) on one port')
    .option('--port <port>', 'port to listen on (env PORT, default 8080)')
    .option('--workers <n>', 'processes sharing the port (PostgreSQL; default one per core). PGlite always runs in one process')
    .action(async (options: ServeOptions, command: Command) => {
      const global = { ...(command.optsWithGlobals() as GlobalOptions), port: options.port };
      if (cluster.isWorker) return serveWorker(global);
      const config = configFrom(global);
      const postgres = databaseLocation(config).kind === 'postgres';
      const asked = options.workers === undefined ? undefined : workerCount(options.workers);
      if (!postgres && asked !== undefined && asked > 1) {
        console.log(`PGlite tilhører én prosess (datakatalogen er låst), så serveren kjører i én prosess; --workers ${asked} gjelder bare med PostgreSQL (DATABASE_URL).`);
      }
      const workers = postgres ? (asked ?? os.availableParallelism()) : 1;
      if (workers === 1) return serveAlone(global);
      return servePrimary(global, workers);
    });
}

function workerCount(value: string): number {
  const n = /^\d{1,3}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > workersMax) throw new CliInputError(`--workers: "${value}" er ikke et helt tall fra 1 til ${workersMax}`);
  return n;
}

/** One process: open, seed the demo on an empty database, listen. */
async function serveAlone(options: GlobalOptions & { port?: string | undefined }): Promise<void> {
  const runtime = await openRuntime(options);
  await seedDemoIfEmpty(runtime);
  await listen(runtime);
  announce(runtime, 1);
}

/**
 * Several processes on one port (node:cluster): the primary migrates and seeds once, then forks
 * the workers, which each open their own pool and listen; the primary restarts a worker that dies.
 */
async function servePrimary(options: GlobalOptions & { port?: string | undefined }, workers: number): Promise<void> {
  const runtime = await withRuntime(options, async (opened) => {
    await seedDemoIfEmpty(opened);
    return opened;
  });
  let stopping = false;
  const fork = () => cluster.fork();
  let listening = 0;
  cluster.on('listening', () => {
    listening += 1;
    if (listening === workers) announce(runtime, workers);
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(`Arbeidsprosess ${worker.process.pid} stoppet (${signal ?? code}); starter en ny.`);
    fork();
  });
  const shutdown = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    cluster.disconnect(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  for (let i = 0; i < workers; i++) fork();
}

async function serveWorker(options: GlobalOptions & { port?: string | undefined }): Promise<void> {
  await listen(await openRuntime(options));
}

async function listen({ config, clock, database }: Runtime): Promise<void> {
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
}

function announce({ config, clock, database }: Runtime, workers: number): void {
  const where = database.kind === 'pglite' ? `PGlite i ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  const processes = workers === 1 ? '' : `, ${formatAntall(workers)} prosesser`;
  console.log(`krav-og-betalinger kjører på ${config.publicUrl} — database: ${where}, forretningsdato: ${clock.today()}${processes}`);
  const sisteRentedag = sistePubliserteRentedag();
  if (compareDates(clock.today(), sisteRentedag) > 0) {
    console.log(`Merk: forsinkelsesrenten er bare lagt inn til ${sisteRentedag}; senere dager bruker den siste satsen til data/forsinkelsesrente.json er oppdatert (beslutning 0041).`);
  }
}

/** `npm start` on an empty database: the demo dataset first, announced on one line. */
export async function seedDemoIfEmpty({ config, clock, database }: Runtime): Promise<boolean> {
  const seed = () =>
    seedDemoOnFirstStart(
      database.db,
      { today: clock.today(), dataDir: config.dataDir, publicUrl: config.publicUrl, clock, reporting: { elapsedMs: progressReporting().elapsedMs }, bulkCopy: database.bulkCopy },
      () => console.log('Tom database: legger inn demodata (første start tar litt tid) …'),
    );
  // PGlite belongs to this one process (its data directory is locked); PostgreSQL may have several.
  const seeded = database.kind === 'postgres' ? await withSeedLock(database.db, seed) : await seed();
  return seeded !== undefined;
}
