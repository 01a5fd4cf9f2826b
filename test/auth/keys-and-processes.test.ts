import { spawn, type ChildProcess } from 'node:child_process';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthServices, rotateSigningKey, tokenRequestBody, type DemoAccess } from '../../src/auth/index.js';
import { retiredKeyPublishedSeconds } from '../../src/auth/maskinporten/signing-keys.js';
import { ChangeNotifications } from '../../src/db/change-notifications.js';
import { stopChild, waitForOutput } from '../support/child-process.js';
import { databaseKinds, describeEachDatabase } from '../support/databases.js';
import { authTestApp, callProtected, grantFor, seedDemo, testConfig, testPublicUrl, tokenFor, type AuthTestApp } from '../support/auth.js';

describeEachDatabase('signing keys: persistent, shared and rotated', ({ handle, kind }) => {
  let t: AuthTestApp;
  let demo: DemoAccess;
  beforeAll(async () => {
    t = await authTestApp(handle().db, kind);
    demo = await seedDemo(handle().db, t.clock);
  });

  it('keeps the key across a restart: a new process signs and publishes the same key', async () => {
    const first = await t.auth.tokenKeys.activeKey();
    const restarted = createAuthServices(handle().db, t.clock, testConfig(), await ChangeNotifications.start(handle().db));
    expect((await restarted.tokenKeys.activeKey()).kid).toBe(first.kid);
    const jwks = await restarted.tokenKeys.publishedJwks();
    expect(jwks.keys).toEqual([{ kty: 'RSA', use: 'sig', kid: first.kid, alg: 'RS256', n: expect.any(String), e: 'AQAB' }]);
  });

  it('rotates: old tokens keep verifying until they expire, the old key leaves the JWKS after that', async () => {
    const other = createAuthServices(handle().db, t.clock, testConfig(), await ChangeNotifications.start(handle().db));
    const oldToken = await tokenFor(t.app, demo.regnskapssystem, t.clock, { systemUserOrg: '313367002' });
    expect((await callProtected(t.app, 'regnskapssystem', '313367002', oldToken)).statusCode).toBe(200);
    const { kid, retiredKid } = await rotateSigningKey(handle().db, t.clock, 'maskinporten');
    expect(retiredKid).toBe(decodeProtectedHeader(oldToken).kid);

    t.clock.advanceSeconds(6);
    const newToken = await tokenFor(t.app, demo.regnskapssystem, t.clock, { systemUserOrg: '313367002' });
    expect(decodeProtectedHeader(newToken).kid).toBe(kid);
    const jwks = (await t.app.inject({ method: 'GET', url: '/maskinporten/jwk' })).json<{ keys: { kid: string }[] }>();
    expect(jwks.keys.map((key) => key.kid).sort()).toEqual([kid, retiredKid].sort());
    expect((await callProtected(t.app, 'regnskapssystem', '313367002', oldToken)).statusCode).toBe(200);
    // A process that cached only the old key sees the new one on its first unknown kid.
    expect((await other.accessChecker.authenticate(`Bearer ${newToken}`, 'skatteetaten:kravogbetalinger')).granted).toBe(true);

    t.clock.advanceSeconds(retiredKeyPublishedSeconds);
    const later = (await t.app.inject({ method: 'GET', url: '/maskinporten/jwk' })).json<{ keys: { kid: string }[] }>();
    expect(later.keys.map((key) => key.kid)).toEqual([kid]);
    expect((await callProtected(t.app, 'regnskapssystem', '313367002', oldToken)).statusCode).toBe(401);
  });

  it('publishes metadata with the issuer and endpoints at Maskinporten’s paths', async () => {
    const metadata = (await t.app.inject({ method: 'GET', url: '/maskinporten/.well-known/oauth-authorization-server' })).json();
    expect(metadata).toEqual({
      issuer: `${testPublicUrl}/maskinporten/`,
      token_endpoint: `${testPublicUrl}/maskinporten/token`,
      jwks_uri: `${testPublicUrl}/maskinporten/jwk`,
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      grant_types_supported: ['urn:ietf:params:oauth:grant-type:jwt-bearer'],
      token_endpoint_auth_signing_alg_values_supported: ['RS256', 'RS384', 'RS512', 'ES256'],
      authorization_details_types_supported: ['urn:altinn:systemuser', 'urn:altinn:consent'],
    });
  });
});

/** Two real server processes on one PostgreSQL database: a grant is single-use across both. */
describe.runIf(databaseKinds.includes('postgres'))('two processes on one PostgreSQL', () => {
  const ports = [18110, 18111];
  let servers: ChildProcess[] = [];
  let database: Awaited<ReturnType<typeof import('../support/databases.js').createTestDatabase>>;
  let demo: DemoAccess;

  beforeAll(async () => {
    const { createTestDatabase } = await import('../support/databases.js');
    const { systemClock } = await import('../../src/clock.js');
    database = await createTestDatabase('postgres');
    demo = await seedDemo(database.db, systemClock());
    servers = ports.map((port) =>
      spawn(process.execPath, ['--import', 'tsx', 'src/kob.ts', 'serve', '--port', String(port), '--workers', '1'], {
        env: { ...process.env, DATABASE_URL: database.url, KOB_PUBLIC_URL: testPublicUrl, HOST: '127.0.0.1', KOB_LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    );
    await Promise.all(servers.map((server) => waitForOutput(server, 'kjører på')));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(servers.map(stopChild));
    await database?.close();
  });

  it('refuses in process B a grant already used in process A', async () => {
    const { systemClock } = await import('../../src/clock.js');
    const grant = await grantFor(demo.regnskapssystem, systemClock(), { systemUserOrg: '313367002' });
    const post = (port: number) => fetch(`http://127.0.0.1:${port}/maskinporten/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: tokenRequestBody(grant) });
    const first = await post(ports[0]!);
    expect(first.status).toBe(200);
    const replay = await post(ports[1]!);
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { error_description: string }).error_description).toContain('(MP-012)');
    // Both processes sign with the one key in the database.
    const jwks = await Promise.all(ports.map(async (port) => (await fetch(`http://127.0.0.1:${port}/maskinporten/jwk`)).json()));
    expect(jwks[0]).toEqual(jwks[1]);
  });
});
