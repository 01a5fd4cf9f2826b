import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { decodeJwt } from 'jose';
import type { Kysely } from 'kysely';
import { kravOgBetalingerPrefix } from '../../src/api/kravogbetalinger/index.js';
import { generateClientKey, registerClient, maskinportenIssuer, pendingTestBusiness, publishedTestBusinesses, seedDemoAccess, signGrant, tokenRequestBody, type AuthServices, type DemoAccess } from '../../src/auth/index.js';
import { parseConfig, type Config } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import type { DatabaseKind } from '../../src/db/open-database.js';
import type { Clock } from '../../src/domain/clock.js';
import { localDate, type LocalDate } from '../../src/domain/dates.js';
import { registrerParter } from '../../src/ledger/index.js';
import { buildApp } from '../../src/server.js';

/** A clock the test moves by hand. */
export interface TestClock extends Clock {
  advanceSeconds(seconds: number): void;
}

export function testClock(startMs = Date.UTC(2026, 0, 15, 9, 0, 0)): TestClock {
  let nowMs = startMs;
  return {
    today: () => new Date(nowMs).toISOString().slice(0, 10) as LocalDate,
    nowEpochMs: () => nowMs,
    advanceSeconds: (seconds) => {
      nowMs += seconds * 1000;
    },
  };
}

export const testPublicUrl = 'http://kob.test';
export const testIssuer = maskinportenIssuer(testPublicUrl);

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...parseConfig({}, { publicUrl: testPublicUrl }), ...overrides };
}

export interface AuthTestApp {
  readonly app: FastifyInstance;
  readonly auth: AuthServices;
  readonly clock: TestClock;
}

/** The real Krav og betalinger route users call, for a party the test ledger knows (no claims). */
export const protectedPath = (rettighetspakke: string, part: string) => `${kravOgBetalingerPrefix}/${rettighetspakke}/${part}/aapnekrav`;

/**
 * The real server on a test database, with the published test businesses registered in the
 * ledger (without claims), so an API call that passes the provider check answers 200.
 */
export async function authTestApp(db: Kysely<Database>, kind: DatabaseKind, options: { clock?: TestClock; config?: Config } = {}): Promise<AuthTestApp> {
  const clock = options.clock ?? testClock();
  const config = options.config ?? testConfig();
  const app = await buildApp({ db, databaseKind: kind, clock, config, logger: false });
  const auth = app.kobAuth;
  await registrerParter(
    db,
    [...publishedTestBusinesses, pendingTestBusiness].map((partId) => ({ partId, navn: `Testvirksomhet ${partId}`, organisasjonsform: 'AS', registrertDato: localDate('2015-01-01') })),
  );
  await app.ready();
  return { app, auth, clock };
}

export async function seedDemo(db: Kysely<Database>, clock: Clock): Promise<DemoAccess> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kob-auth-'));
  return seedDemoAccess(db, { dataDir, publicUrl: testPublicUrl, clock });
}

export interface GrantOptions {
  scope?: string;
  /** Defaults to the test issuer. */
  audience?: string;
  systemUserOrg?: string;
  externalRef?: string;
  consent?: { id: string; from: string };
}

/** Signs a grant for a demo client the way `kob token` does. */
export async function grantFor(client: { client_id: string; jwk: object }, clock: Clock, options: GrantOptions = {}): Promise<string> {
  return signGrant({
    clientId: client.client_id,
    jwk: client.jwk,
    audience: options.audience ?? testIssuer,
    scope: options.scope ?? 'skatteetaten:kravogbetalinger',
    nowSeconds: Math.floor(clock.nowEpochMs() / 1000),
    systemUserOrg: options.systemUserOrg,
    externalRef: options.externalRef,
    consent: options.consent,
  });
}

export async function postToken(app: FastifyInstance, assertion: string) {
  return app.inject({ method: 'POST', url: '/maskinporten/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: tokenRequestBody(assertion) });
}

/** Gets an access token through the real endpoint, failing the test with the server's reason. */
export async function tokenFor(app: FastifyInstance, client: { client_id: string; jwk: object }, clock: Clock, options: GrantOptions = {}): Promise<string> {
  const response = await postToken(app, await grantFor(client, clock, options));
  if (response.statusCode !== 200) throw new Error(`token refused: ${response.body}`);
  return response.json<{ access_token: string }>().access_token;
}

export function claimsOf(token: string) {
  return decodeJwt(token);
}

export async function callProtected(app: FastifyInstance, rettighetspakke: string, part: string, token: string | undefined, headers: Record<string, string> = {}) {
  return app.inject({ method: 'GET', url: protectedPath(rettighetspakke, part), headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
}

/** A client of `orgnr` with `scopes`, and a token for it from the real endpoint. */
export async function clientToken(t: AuthTestApp, db: Kysely<Database>, orgnr: string, scopes: string[], grant: GrantOptions = {}) {
  const { privateJwk, publicJwk } = await generateClientKey();
  const client = await registerClient(db, t.clock, { org: orgnr, name: `Test ${orgnr}`, scopes, publicJwk });
  const credentials = { client_id: client.clientId, jwk: privateJwk };
  return { credentials, token: await tokenFor(t.app, credentials, t.clock, { scope: scopes.join(' '), ...grant }) };
}

/** A sandbox end-user token: a client of the business itself with altinn:portal/enduser (decision 0015). */
export async function endUserToken(t: AuthTestApp, db: Kysely<Database>, orgnr: string): Promise<string> {
  return (await clientToken(t, db, orgnr, ['altinn:portal/enduser'])).token;
}
