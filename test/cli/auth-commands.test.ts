import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import { systemClock } from '../../src/clock.js';
import { parseConfig } from '../../src/config.js';
import { openDatabase, type DatabaseHandle } from '../../src/db/open-database.js';
import { buildApp } from '../../src/server.js';

/** `kob clients create`, then `kob token` against a listening server: the README's path. */
describe('kob clients create and kob token', () => {
  const port = 18130;
  const url = `http://127.0.0.1:${port}`;
  let dataDir: string;
  let database: DatabaseHandle;
  let app: Awaited<ReturnType<typeof buildApp>>;

  async function run(...args: string[]): Promise<{ out: string; err: string; exitCode: number | undefined }> {
    const out: string[] = [];
    const err: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void out.push(String(line)));
    const error = vi.spyOn(console, 'error').mockImplementation((line: unknown) => void err.push(String(line)));
    process.exitCode = undefined;
    try {
      await main(['node', 'kob', ...args, '--data-dir', dataDir]);
      return { out: out.join('\n'), err: err.join('\n'), exitCode: process.exitCode as number | undefined };
    } finally {
      log.mockRestore();
      error.mockRestore();
      process.exitCode = undefined;
    }
  }

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kob-cli-'));
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('registers a client and writes its private key, then gets a token over HTTP', async () => {
    const jwkFile = path.join(dataDir, 'klient.json');
    const created = await run('clients', 'create', '--org', '315600057', '--name', 'Min integrasjon', '--scope', 'skatteetaten:kravogbetalinger', 'skatteetaten:kalender', '--jwk-out', jwkFile);
    expect(created.exitCode).toBeUndefined();
    const { client_id: clientId, kid } = JSON.parse(created.out) as { client_id: string; kid: string };
    expect(Object.keys(JSON.parse(created.out))).toEqual(['client_id', 'kid']);
    expect(JSON.parse(await fs.readFile(jwkFile, 'utf8'))).toMatchObject({ kty: 'RSA', kid, d: expect.any(String) });
    expect((await fs.stat(jwkFile)).mode & 0o777).toBe(0o600);

    const refused = await run('clients', 'create', '--org', '123', '--name', 'x', '--scope', 'skatteetaten:kravogbetalinger', '--jwk-out', path.join(dataDir, 'x.json'));
    expect(refused.exitCode).toBe(2);
    expect(refused.err).toContain('ikke et gyldig organisasjonsnummer');

    database = await openDatabase({ kind: 'pglite', dataDir });
    app = await buildApp({ db: database.db, databaseKind: 'pglite', clock: systemClock(), config: parseConfig({}, { publicUrl: url, port }), logger: false });
    await app.listen({ port, host: '127.0.0.1' });

    const token = await run('token', '--client-id', clientId, '--jwk', jwkFile, '--scope', 'skatteetaten:kalender', '--url', url);
    expect(token.exitCode).toBeUndefined();
    expect(decodeJwt(token.out)).toMatchObject({ iss: `${url}/maskinporten/`, client_id: clientId, scope: 'skatteetaten:kalender', consumer: { ID: '0192:315600057' } });

    const wrongScope = await run('token', '--client-id', clientId, '--jwk', jwkFile, '--scope', 'skatteetaten:frister', '--url', url);
    expect(wrongScope.exitCode).toBe(2);
    expect(wrongScope.err).toContain('invalid_scope');
    const noSystemUser = await run('token', '--client-id', clientId, '--jwk', jwkFile, '--scope', 'skatteetaten:kravogbetalinger', '--systemuser-org', '313367002', '--url', url);
    expect(noSystemUser.err).toContain('client is on no system in the system register');
  });

  it('registers a public key the vendor already has (--public-jwk), and refuses a weak one with the reason', async () => {
    // Its own database: the one of the test before is still open in this process.
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kob-cli-'));
    const write = async (name: string, jwk: object) => {
      const file = path.join(dataDir, name);
      await fs.writeFile(file, JSON.stringify(jwk));
      return file;
    };
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
    const created = await run('clients', 'create', '--org', '315600057', '--name', 'EC-klient', '--scope', 'skatteetaten:kalender', '--public-jwk', await write('ec.json', { ...ec, kid: 'ec-cli' }));
    expect(created.err).toBe('');
    expect(JSON.parse(created.out)).toMatchObject({ kid: 'ec-cli' });

    const e3 = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 3 }).publicKey.export({ format: 'jwk' });
    const weak = await run('clients', 'create', '--org', '315600057', '--name', 'Svak', '--scope', 'skatteetaten:kalender', '--public-jwk', await write('e3.json', e3));
    expect(weak.exitCode).toBe(2);
    expect(weak.err).toContain('eksponent må være 65537');
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' });
    expect((await run('clients', 'create', '--org', '315600057', '--name', 'Liten', '--scope', 'skatteetaten:kalender', '--public-jwk', await write('small.json', small))).err).toContain('1024 bit');
    const both = await run('clients', 'create', '--org', '315600057', '--name', 'x', '--scope', 'skatteetaten:kalender', '--public-jwk', 'a', '--jwk-out', 'b');
    expect(both.exitCode).toBe(2);
    expect(both.err).toContain('enten --jwk-out');
  });
});
