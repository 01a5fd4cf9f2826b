import { spawn } from 'node:child_process';
import os from 'node:os';
import autocannon from 'autocannon';
import { publishedTestBusinesses, signGrant, tokenRequestBody, type DemoClientFile } from '../src/auth/index.js';
import { systemClock } from '../src/clock.js';
import { stopChild, waitForOutput } from '../test/support/child-process.js';
import { residentMb, startKobServer, type KobServer } from './support/kob-server.js';
import { median } from './support/statistics.js';

/**
 * Krav og betalinger over HTTP with autocannon, for the published test businesses of the demo
 * dataset (each with a system-user token from our token endpoint): `aapnekrav`, `/krav` for one
 * year (the default period) and a 304 with `If-None-Match`, on PGlite and on PostgreSQL (one and
 * two worker processes), next to baselines in their own process: a bare Fastify route sending
 * the same bytes from memory, and (PostgreSQL) the same bytes read by primary key through `pg`.
 * Medians of `rounds` rounds; ours ÷ bare route in the last column. Then the resident memory of
 * each server process.
 */
const rounds = 3;
const roundSeconds = 5;
const connections = 8;
const ports = { pglite: 18160, postgres: 18161, baseline: 18162 };
const apiPath = (party: string, endpoint: string) => `/api/innkreving/kravogbetalinger/v1/regnskapssystem/${party}/${endpoint}`;

interface Measurement {
  readonly name: string;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

interface Row {
  readonly ours: Measurement;
  readonly bare: Measurement;
}

export async function run(): Promise<void> {
  const rows: Row[] = [];
  const memory: string[] = [];
  for (const [kind, workers] of [['pglite', 1], ['postgres', 1], ['postgres', 2]] as const) {
    const server = await startKobServer(kind, ports[kind], workers);
    if (!server) continue;
    try {
      const label = kind === 'pglite' ? 'pglite' : `postgres ×${workers}`;
      const tokens = () => systemUserTokens(server);
      const aapne = (t: Map<string, string>) => requests(t, 'aapnekrav');
      const krav = (t: Map<string, string>) => requests(t, 'krav');
      const first = await tokens();
      const aapneBodies = await answers(server, aapne(first));
      const kravBodies = await answers(server, krav(first));
      const baseline = await startBaseline({ ...Object.fromEntries([...aapneBodies].map(([p, a]) => [p, a.body])), ...Object.fromEntries([...kravBodies].map(([p, a]) => [p, a.body])) }, server.databaseUrl);
      try {
        type Make = (t: Map<string, string>) => autocannon.Request[];
        // Ours and its baseline take turns, round by round, so both meet the same load from the
        // rest of the machine; tokens live 120 s, so each round gets fresh ones.
        const pair = async (name: string, make: Make, bareName: string, bareMake: Make, origin = server.origin): Promise<Row> => {
          const ours: Measurement[] = [];
          const bare: Measurement[] = [];
          for (let round = 0; round < rounds; round++) {
            const t = await tokens();
            bare.push(await load(bareName, baseline.origin, bareMake(t)));
            ours.push(await load(name, origin, make(t)));
          }
          return { ours: medianOf(ours), bare: medianOf(bare) };
        };
        // Once unmeasured, so the first figure is not the one that warms the caches and the JIT.
        await load('warm-up', server.origin, aapne(await tokens()));
        rows.push(await pair(`aapnekrav ${label}`, aapne, 'bare route', aapne));
        if (workers === 1) {
          const notModified = (t: Map<string, string>) => aapne(t).map((r) => ({ ...r, headers: { ...r.headers, 'if-none-match': aapneBodies.get(r.path!)!.etag } }));
          rows.push(await pair(`304 ${label}`, notModified, 'bare route', aapne));
          rows.push(await pair(`krav 1 år ${label}`, krav, 'bare route krav', krav));
          if (server.databaseUrl) {
            const pk = (t: Map<string, string>) => aapne(t).map((r) => ({ ...r, path: `/pk${r.path}` }));
            rows.push(await pair('pg primary-key read', pk, 'bare route', aapne, baseline.origin));
          }
        }
        memory.push(`${label}: ${server.pids().map((pid) => `${residentMb(pid).toFixed(0)} MB`).join(', ')}`);
      } finally {
        await baseline.stop();
      }
    } finally {
      await server.stop();
    }
  }
  // autocannon measures latency in whole milliseconds, so only the rates are divided.
  console.log(
    `${''.padEnd(26)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)}  ${'÷ bare route'.padStart(12)}  (median of ${rounds} × ${roundSeconds} s, ${connections} connections, ${os.cpus().length} cores)`,
  );
  for (const { ours, bare } of rows) {
    for (const m of [ours, bare]) {
      const ratio = m === ours ? (ours.perSecond / bare.perSecond).toFixed(3).padStart(12) : '';
      console.log(`${m.name.padEnd(26)} ${m.perSecond.toFixed(0).padStart(8)} ${m.p50Ms.toFixed(0).padStart(7)} ${m.p99Ms.toFixed(0).padStart(7)}  ${ratio}`);
    }
  }
  console.log(`resident memory after the load (primary first): ${memory.join('; ')}`);
}

function requests(tokens: Map<string, string>, endpoint: string): autocannon.Request[] {
  return publishedTestBusinesses.map((party) => ({ method: 'GET' as const, path: apiPath(party, endpoint), headers: { authorization: `Bearer ${tokens.get(party)}` } }));
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

/** Our answer and its ETag per path, checked to be a 200, to serve from the baselines. */
async function answers(server: KobServer, list: readonly autocannon.Request[]): Promise<Map<string, { body: string; etag: string }>> {
  const found = new Map<string, { body: string; etag: string }>();
  for (const request of list) {
    const response = await fetch(`${server.origin}${request.path}`, { headers: request.headers as Record<string, string> });
    if (response.status !== 200) throw new Error(`${request.path}: ${response.status} ${await response.text()}`);
    found.set(request.path!, { body: await response.text(), etag: response.headers.get('etag')! });
  }
  return found;
}

async function startBaseline(bodies: Record<string, string>, databaseUrl: string | undefined) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/baseline-server.ts', String(ports.baseline), ...(databaseUrl ? [databaseUrl] : [])], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin!.end(JSON.stringify(bodies));
  await waitForOutput(child, 'ready');
  return { origin: `http://127.0.0.1:${ports.baseline}`, stop: () => stopChild(child) };
}

async function load(name: string, origin: string, list: autocannon.Request[]): Promise<Measurement> {
  const result = await autocannon({ url: origin, connections, duration: roundSeconds, requests: list });
  if (result.errors > 0 || result.non2xx - result['3xx'] > 0) throw new Error(`${name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
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
