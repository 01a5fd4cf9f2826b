import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exitCodeWithin } from '../support/child-process.js';
import { describeEachDatabase } from '../support/databases.js';
import { freePort } from '../support/free-port.js';

/**
 * Outside a sandbox the built-in ID-porten (anyone may be any synthetic person) must not exist,
 * so `kob serve` without a real identity provider refuses to start, saying why (decision 0086).
 */
describeEachDatabase('kob serve with KOB_SANDBOX=false and no KOB_IDPORTEN_ISSUER', ({ handle }) => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kob-sandbox-'));
  });
  afterAll(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('exits non-zero with one line in Norwegian and English on stderr, no stack trace', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', KOB_LOG_LEVEL: 'warn', KOB_SANDBOX: 'false', DATABASE_URL: handle().url ?? '', KOB_PUBLIC_URL: `http://127.0.0.1:${port}` };
    for (const name of Object.keys(env)) if (name.startsWith('KOB_IDPORTEN_')) delete env[name];
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/kob.ts', 'serve', '--port', String(port), '--data-dir', dataDir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    child.stdout!.resume();

    const code = await exitCodeWithin(child, 30_000);
    expect(code, 'the server started').toBeDefined();
    expect(code).not.toBe(0);
    expect(stderr.trim()).toBe(
      'kob: KOB_SANDBOX=false krever KOB_IDPORTEN_ISSUER: den innebygde ID-porten finnes bare i en sandkasse ' +
        '(KOB_SANDBOX=false requires KOB_IDPORTEN_ISSUER: the built-in ID-porten exists only in a sandbox)',
    );
  });
});
