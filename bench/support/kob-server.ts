import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DemoBankFile, DemoClientFile } from '../../src/auth/index.js';
import { stopChild, waitForOutput } from '../../test/support/child-process.js';
import { temporaryDatabase } from './temporary-database.js';

/**
 * `kob serve` as a user starts it, in a child process on a fresh database (PGlite, or PostgreSQL
 * when one answers; undefined when it does not). The first start seeds the demo dataset; the demo
 * credentials are read from `<data-dir>/demo/`.
 */
export interface KobServer {
  readonly port: number;
  readonly origin: string;
  readonly vendor: DemoClientFile;
  readonly bank: DemoBankFile;
  stop(): Promise<void>;
}

export async function startKobServer(kind: 'pglite' | 'postgres', port: number): Promise<KobServer | undefined> {
  const database = await temporaryDatabase(kind);
  if (!database) return undefined;
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/kob.ts', 'serve', '--port', String(port), '--data-dir', database.dataDir], {
    env: { ...process.env, KOB_PUBLIC_URL: origin, HOST: '127.0.0.1', KOB_LOG_LEVEL: 'warn', ...(database.url ? { DATABASE_URL: database.url } : {}) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await waitForOutput(child, 'kjører på');
  const readDemo = async (file: string) => JSON.parse(await fs.readFile(path.join(database.dataDir, 'demo', file), 'utf8')) as unknown;
  return {
    port,
    origin,
    vendor: (await readDemo('regnskapssystem.json')) as DemoClientFile,
    bank: (await readDemo('finans.json')) as DemoBankFile,
    stop: async () => {
      await stopChild(child);
      await database.drop();
    },
  };
}
