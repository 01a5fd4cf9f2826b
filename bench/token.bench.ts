import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';
import { signGrant, tokenRequestBody } from '../src/auth/index.js';
import { systemClock } from '../src/clock.js';
import { stopChild, waitForOutput } from '../test/support/child-process.js';
import { startKobServer } from './support/kob-server.js';
import { processCpuMicroseconds } from './support/process-cpu.js';
import { median } from './support/statistics.js';

/**
 * Token issuances per second, all in one run:
 *  - our `POST /maskinporten/token` (a `kob serve` child process with the demo dataset, PGlite;
 *    and PostgreSQL with one and two workers when one answers on 127.0.0.1:5432), plain client
 *    token and system-user token;
 *  - the physical limit: a loop that only signs the same RS256 access token with jose;
 *  - oidc-provider (client_credentials + private_key_jwt, RS256 JWT access tokens), a child process.
 * Load: a fetch loop (Node's undici, keep-alive) with `concurrency` requests in flight; grants are
 * signed before each round so the client's signing is not timed. Medians of `rounds` rounds, and
 * the server's CPU time per token (all its processes and threads; the jose loop: its own), which
 * background load disturbs less than the rate.
 */
const rounds = 5;
const concurrency = 16;
const roundSeconds = 2;
const ports = { pglite: 18150, postgres: 18151, oidcProvider: 18152 };

export async function run(): Promise<void> {
  const results: ({ name: string } & Rate)[] = [];
  results.push({ name: 'jose: sign RS256 only (limit)', ...(await joseSigningRate()) });
  for (const [kind, workers] of [['pglite', 1], ['postgres', 1], ['postgres', 2]] as const) {
    const server = await startKobServer(kind, ports[kind], workers);
    if (!server) continue;
    try {
      const endpoint = `${server.origin}/maskinporten/token`;
      const label = workers === 1 ? kind : `${kind} ×${workers}`;
      const grant = (options: { systemUserOrg?: string }) => () =>
        signGrant({ clientId: server.vendor.client_id, jwk: server.vendor.jwk, audience: `${server.origin}/maskinporten/`, scope: 'skatteetaten:kravogbetalinger', nowSeconds: nowSeconds(), ...options });
      results.push({ name: `ours ${label}: plain token`, ...(await httpRate(endpoint, grant({}), tokenRequestBody, server.pids())) });
      results.push({ name: `ours ${label}: system-user token`, ...(await httpRate(endpoint, grant({ systemUserOrg: '313367002' }), tokenRequestBody, server.pids())) });
    } finally {
      await server.stop();
    }
  }
  const oidc = await startOidcProvider();
  try {
    results.push({ name: 'oidc-provider: client_credentials', ...(await httpRate(`${oidc.issuer}/token`, oidc.assertion, oidc.body, [oidc.pid])) });
  } finally {
    await oidc.stop();
  }
  const limit = results[0]!.perSecond;
  console.log(`${'token issuance'.padEnd(38)} ${'per s'.padStart(8)}  of jose limit  ${'CPU µs/token'.padStart(12)}   (median of ${rounds} rounds, ${concurrency} in flight, ${os.cpus().length} cores)`);
  for (const result of results) {
    const cpu = result.cpuMicroseconds === undefined ? '' : result.cpuMicroseconds.toFixed(0);
    console.log(`${result.name.padEnd(38)} ${result.perSecond.toFixed(0).padStart(8)}  ${((result.perSecond / limit) * 100).toFixed(1).padStart(6)} %  ${cpu.padStart(14)}`);
  }
}

const nowSeconds = () => Math.floor(systemClock().nowEpochMs() / 1000);

interface Rate {
  readonly perSecond: number;
  /** CPU time per token of the process that issues them; undefined without /proc. */
  readonly cpuMicroseconds: number | undefined;
}

async function joseSigningRate(): Promise<Rate> {
  const { privateKey } = await generateKeyPair('RS256');
  const payload = { scope: 'skatteetaten:kravogbetalinger', iss: 'http://127.0.0.1/maskinporten/', client_amr: 'private_key_jwt', token_type: 'Bearer', client_id: randomUUID(), consumer: { authority: 'iso6523-actorid-upis', ID: '0192:315600014' } };
  const rates: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < rounds; round++) {
    let count = 0;
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    while (performance.now() - start < roundSeconds * 1000) {
      await new SignJWT({ ...payload, iat: nowSeconds(), exp: nowSeconds() + 120, jti: randomUUID() }).setProtectedHeader({ alg: 'RS256', kid: 'k' }).sign(privateKey);
      count++;
    }
    rates.push(count / ((performance.now() - start) / 1000));
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / count);
  }
  return { perSecond: median(rates), cpuMicroseconds: median(cpu) };
}

/** Sends pre-signed grants with `concurrency` in flight; the first round only sizes the others. */
async function httpRate(endpoint: string, makeAssertion: () => Promise<string>, body: (assertion: string) => string, serverPids: readonly number[]): Promise<Rate> {
  let perRound = 200;
  const rates: number[] = [];
  const cpu: number[] = [];
  for (let round = -1; round < rounds; round++) {
    const assertions = await Promise.all(Array.from({ length: perRound }, makeAssertion));
    let next = 0;
    let failures = 0;
    const start = performance.now();
    const cpuStart = processCpuMicroseconds(serverPids);
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < assertions.length) {
          const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body(assertions[next++]!) });
          if (response.status !== 200) failures++;
          await response.arrayBuffer();
        }
      }),
    );
    const rate = perRound / ((performance.now() - start) / 1000);
    const cpuEnd = processCpuMicroseconds(serverPids);
    if (failures > 0) throw new Error(`${endpoint}: ${failures} of ${perRound} requests failed`);
    if (round >= 0) {
      rates.push(rate);
      if (cpuStart !== undefined && cpuEnd !== undefined) cpu.push((cpuEnd - cpuStart) / perRound);
    }
    // Grants must be used within 10 s of signing (Maskinporten's iat rule): keep rounds short.
    perRound = Math.max(100, Math.min(4000, Math.round(rate * roundSeconds)));
  }
  return { perSecond: median(rates), cpuMicroseconds: cpu.length === rounds ? median(cpu) : undefined };
}

async function startOidcProvider() {
  const client = await generateKeyPair('RS256', { extractable: true });
  const signing = await generateKeyPair('RS256', { extractable: true });
  const clientJwk: JWK = { ...(await exportJWK(client.publicKey)), kid: 'bench-client', alg: 'RS256', use: 'sig' };
  const signingJwk: JWK = { ...(await exportJWK(signing.privateKey)), kid: 'bench-signing', alg: 'RS256', use: 'sig' };
  const clientKey = (await importJWK({ ...(await exportJWK(client.privateKey)), alg: 'RS256' }, 'RS256')) as CryptoKey;
  const issuer = `http://127.0.0.1:${ports.oidcProvider}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/oidc-provider-server.ts', String(ports.oidcProvider)], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin!.end(JSON.stringify({ clientJwk, signingJwk }));
  await waitForOutput(child, 'ready');
  return {
    issuer,
    pid: child.pid!,
    assertion: () =>
      new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'bench-client' }).setIssuer('bench').setSubject('bench').setAudience(issuer).setJti(randomUUID()).setIssuedAt().setExpirationTime('100s').sign(clientKey),
    body: (assertion: string) =>
      new URLSearchParams({ grant_type: 'client_credentials', scope: 'skatteetaten:kravogbetalinger', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion }).toString(),
    stop: () => stopChild(child),
  };
}
