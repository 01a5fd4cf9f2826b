import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DemoBankFile, DemoClientFile } from '../../src/auth/index.js';
import { stopChild, waitForOutput } from '../../test/support/child-process.js';
import { temporaryDatabase } from './temporary-database.js';

/** A process and its children (the cluster's workers). */
function processTree(pid: number): number[] {
  let listed = '';
  try {
    listed = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  } catch {
    // ps exits 1 when there is no child.
  }
  return [pid, ...listed.split('\n').map((line) => Number(line.trim())).filter((n) => n > 0)];
}

/** Resident memory of a process in MB, from /proc. */
export function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

/**
 * `kob serve` as a user starts it (`npm start`: the compiled program, which `npm run bench` builds first), in a child process on a fresh database (PGlite, or PostgreSQL
 * when one answers; undefined when it does not). The first start seeds the demo dataset; the demo
 * credentials are read from `<data-dir>/demo/`.
 */
export interface KobServer {
  readonly port: number;
  /** PostgreSQL: the database's URL. */
  readonly databaseUrl: string | undefined;
  /** The server processes' ids (the primary first with --workers), for their resident memory. */
  readonly pids: () => number[];
  readonly origin: string;
  readonly vendor: DemoClientFile;
  readonly bank: DemoBankFile;
  stop(): Promise<void>;
}

export async function startKobServer(kind: 'pglite' | 'postgres', port: number, workers = 1): Promise<KobServer | undefined> {
  const database = await temporaryDatabase(kind);
  if (!database) return undefined;
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['bin/kob.js', 'serve', '--port', String(port), '--workers', String(workers), '--data-dir', database.dataDir], {
    env: { ...process.env, KOB_PUBLIC_URL: origin, HOST: '127.0.0.1', KOB_LOG_LEVEL: 'warn', ...(database.url ? { DATABASE_URL: database.url } : {}) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await waitForOutput(child, 'kjører på');
  const readDemo = async (file: string) => JSON.parse(await fs.readFile(path.join(database.dataDir, 'demo', file), 'utf8')) as unknown;
  return {
    port,
    databaseUrl: database.url,
    pids: () => processTree(child.pid!),
    origin,
    vendor: (await readDemo('regnskapssystem.json')) as DemoClientFile,
    bank: (await readDemo('finans.json')) as DemoBankFile,
    stop: async () => {
      await stopChild(child);
      await database.drop();
    },
  };
}
