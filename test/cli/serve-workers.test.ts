import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { localDate } from '../../src/domain/dates.js';
import { registrerParter } from '../../src/ledger/index.js';
import { nyttOrgnr } from '../ledger/fixtures.js';
import { stopChild, waitForOutput } from '../support/child-process.js';
import { describeEachDatabase } from '../support/databases.js';
import { freePort } from '../support/free-port.js';

/**
 * `kob serve --workers N` as a user starts it: on PostgreSQL N processes share the port; with
 * PGlite (whose data directory belongs to one process) it runs in one and says so.
 */
function serve(args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/kob.ts', 'serve', ...args], { env: { ...process.env, HOST: '127.0.0.1', KOB_LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += String(chunk)));
  return { child, output: () => text };
}

describeEachDatabase(
  'kob serve --workers on PostgreSQL',
  ({ handle }) => {
    let server: ReturnType<typeof serve>;
    let origin: string;
    let dataDir: string;

    beforeAll(async () => {
      dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kob-workers-'));
      const port = await freePort();
      origin = `http://127.0.0.1:${port}`;
      // A party already registered: the primary does not seed the demo.
      await registrerParter(handle().db, [{ partId: nyttOrgnr(), navn: 'Tom AS', organisasjonsform: 'AS', registrertDato: localDate('2020-01-01') }]);
      server = serve(['--port', String(port), '--workers', '2', '--data-dir', dataDir], { DATABASE_URL: handle().url!, KOB_PUBLIC_URL: origin });
      await waitForOutput(server.child, 'kjører på');
    });
    afterAll(async () => {
      await stopChild(server.child);
      await fs.rm(dataDir, { recursive: true, force: true });
    });

    it('starts two processes on one port and says so', async () => {
      expect(server.output()).toMatch(/kjører på .* database: PostgreSQL \(DATABASE_URL\), forretningsdato: \d{4}-\d{2}-\d{2}, 2 prosesser/);
      // Each process reports its own pid in its metrics; a few connections reach both.
      const pids = new Set<string>();
      for (let i = 0; i < 20 && pids.size < 2; i++) {
        const metrics = await (await fetch(`${origin}/metrics`, { headers: { connection: 'close' } })).text();
        pids.add(metrics.match(/^kob_process_pid (\d+)/m)?.[1] ?? '');
      }
      expect(pids.size).toBe(2);
      expect((await fetch(`${origin}/readyz`)).status).toBe(200);
    });
  },
  { only: 'postgres' },
);

it('kob serve --workers 2 with PGlite runs in one process and says why, before it starts', async () => {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kob-workers-'));
  const port = await freePort();
  const server = serve(['--port', String(port), '--workers', '2', '--data-dir', dataDir, '--today', '2026-03-02'], { DATABASE_URL: '', KOB_PUBLIC_URL: `http://127.0.0.1:${port}` });
  try {
    await waitForOutput(server.child, 'gjelder bare med PostgreSQL');
    expect(server.output()).toContain('PGlite tilhører én prosess (datakatalogen er låst), så serveren kjører i én prosess; --workers 2 gjelder bare med PostgreSQL (DATABASE_URL).');
  } finally {
    await stopChild(server.child);
    await fs.rm(dataDir, { recursive: true, force: true });
  }
});
