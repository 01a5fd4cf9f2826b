import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DemoBankFile, DemoClientFile } from '../../src/auth/index.js';
import { stopChild, waitForOutput } from './child-process.js';
import { freePort } from './free-port.js';

export interface Sandbox {
  readonly url: string;
  readonly dataDir: string;
  readonly vendorFile: string;
  readonly vendor: DemoClientFile;
  readonly bankFile: string;
  readonly bank: DemoBankFile;
  stop(): Promise<void>;
}

/** A fresh `kob serve` on an empty data directory, as `npm start` runs it: the demo dataset and its keys. */
export async function startSandbox(): Promise<Sandbox> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kob-sandbox-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', KOB_LOG_LEVEL: 'warn', KOB_PUBLIC_URL: url };
  delete env.DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/kob.ts', 'serve', '--port', String(port), '--data-dir', dataDir], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  await waitForOutput(child, 'krav-og-betalinger kjører på');
  const vendorFile = path.join(dataDir, 'demo', 'regnskapssystem.json');
  const bankFile = path.join(dataDir, 'demo', 'finans.json');
  return {
    url,
    dataDir,
    vendorFile,
    vendor: JSON.parse(await fs.readFile(vendorFile, 'utf8')) as DemoClientFile,
    bankFile,
    bank: JSON.parse(await fs.readFile(bankFile, 'utf8')) as DemoBankFile,
    stop: async () => {
      await stopChild(child);
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
