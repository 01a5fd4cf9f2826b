import { spawn } from 'node:child_process';
import os from 'node:os';
import autocannon from 'autocannon';
import { publishedTestBusinesses, signGrant, tokenRequestBody, type DemoClientFile } from '../src/auth/index.js';
import { systemClock } from '../src/clock.js';
import { stopChild, waitForOutput } from '../test/support/child-process.js';
import { startKobServer, type KobServer } from './support/kob-server.js';
import { median } from './support/statistics.js';

/**
 * `GET …/regnskapssystem/{part}/aapnekrav` over HTTP with autocannon, for the published test
 * businesses of the demo dataset (each with a system-user token from our token endpoint), on
 * PGlite and on PostgreSQL; next to a bare Fastify route in its own process that sends the same
 * bytes from memory. Medians of `rounds` rounds; ours ÷ baseline in the last column.
 */
const rounds = 3;
const roundSeconds = 5;
const connections = 8;
const ports = { pglite: 18160, postgres: 18161, baseline: 18162 };
const apiPath = (party: string) => `/api/innkreving/kravogbetalinger/v1/regnskapssystem/${party}/aapnekrav`;

interface Measurement {
  readonly name: string;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export async function run(): Promise<void> {
  const measurements: { ours: Measurement; baseline: Measurement }[] = [];
  for (const kind of ['pglite', 'postgres'] as const) {
    const server = await startKobServer(kind, ports[kind]);
    if (!server) continue;
    try {
      const tokens = await systemUserTokens(server);
      const requests = publishedTestBusinesses.map((party) => ({ method: 'GET' as const, path: apiPath(party), headers: { authorization: `Bearer ${tokens.get(party)}` } }));
      const bodies = await bodiesOf(server, requests);
      const baseline = await startBaseline(bodies);
      try {
        // Tokens live 120 s: fresh ones for each configuration, alternating rounds so drift hits both.
        const ours: Measurement[] = [];
        const bare: Measurement[] = [];
        for (let round = 0; round < rounds; round++) {
          ours.push(await load(`ours ${kind}`, server.origin, requests));
          bare.push(await load('baseline', baseline.origin, requests));
        }
        measurements.push({ ours: medianOf(ours), baseline: medianOf(bare) });
      } finally {
        await baseline.stop();
      }
    } finally {
      await server.stop();
    }
  }
  // autocannon measures latency in whole milliseconds, so only the rates are divided.
  console.log(
    `${'aapnekrav, 5 parties'.padEnd(22)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)}  ${'ours ÷ baseline'.padStart(15)}  (median of ${rounds} × ${roundSeconds} s, ${connections} connections, ${os.cpus().length} cores)`,
  );
  for (const { ours, baseline } of measurements) {
    for (const m of [ours, baseline]) {
      const ratio = m === ours ? (ours.perSecond / baseline.perSecond).toFixed(4).padStart(15) : '';
      console.log(`${m.name.padEnd(22)} ${m.perSecond.toFixed(0).padStart(8)} ${m.p50Ms.toFixed(0).padStart(7)} ${m.p99Ms.toFixed(0).padStart(7)}  ${ratio}`);
    }
  }
}

async function systemUserTokens(server: KobServer): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  for (const party of publishedTestBusinesses) tokens.set(party, await token(server, server.vendor, party));
  return tokens;
}

async function token(server: KobServer, client: DemoClientFile, systemUserOrg: string): Promise<string> {
  const assertion = await signGrant({
    clientId: client.client_id,
    jwk: client.jwk,
    audience: `${server.origin}/maskinporten/`,
    scope: 'skatteetaten:kravogbetalinger',
    nowSeconds: Math.floor(systemClock().nowEpochMs() / 1000),
    systemUserOrg,
  });
  const response = await fetch(`${server.origin}/maskinporten/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: tokenRequestBody(assertion) });
  if (response.status !== 200) throw new Error(`token for ${systemUserOrg} refused: ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Our answer per path, checked to be a 200, to serve from the baseline. */
async function bodiesOf(server: KobServer, requests: readonly { path: string; headers: Record<string, string> }[]): Promise<Record<string, string>> {
  const bodies: Record<string, string> = {};
  for (const request of requests) {
    const response = await fetch(`${server.origin}${request.path}`, { headers: request.headers });
    if (response.status !== 200) throw new Error(`${request.path}: ${response.status} ${await response.text()}`);
    bodies[request.path] = await response.text();
  }
  return bodies;
}

async function startBaseline(bodies: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/baseline-server.ts', String(ports.baseline)], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin!.end(JSON.stringify(bodies));
  await waitForOutput(child, 'ready');
  return { origin: `http://127.0.0.1:${ports.baseline}`, stop: () => stopChild(child) };
}

async function load(name: string, origin: string, requests: autocannon.Request[]): Promise<Measurement> {
  const result = await autocannon({ url: origin, connections, duration: roundSeconds, requests });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { name, perSecond: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99 };
}

function medianOf(measurements: readonly Measurement[]): Measurement {
  return {
    name: measurements[0]!.name,
    perSecond: median(measurements.map((m) => m.perSecond)),
    p50Ms: median(measurements.map((m) => m.p50Ms)),
    p99Ms: median(measurements.map((m) => m.p99Ms)),
  };
}
