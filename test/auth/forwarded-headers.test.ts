import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateClientKey, maskinportenIssuer, registerClient, signGrant, tokenRequestBody } from '../../src/auth/index.js';
import { systemClock } from '../../src/clock.js';
import { ConfigError, parseConfig } from '../../src/config.js';
import { buildApp } from '../../src/server.js';
import { describeEachDatabase } from '../support/databases.js';
import { InjectBrowser, location } from '../support/portal-app.js';
import { seedPortalFixtures, testPersons } from '../support/portal-fixtures.js';

/** The address users reach; the servers listen on loopback behind it, as behind a TLS proxy. */
const publicUrl = 'https://kob.example';
const forged = { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http', 'x-forwarded-for': '203.0.113.9' };
const discoveryPaths = ['/idporten/.well-known/openid-configuration', '/maskinporten/.well-known/oauth-authorization-server'];

describe('KOB_TRUST_PROXY', () => {
  it('is off by default; true, false or the proxies\' addresses and ranges; anything else stops the start', () => {
    expect(parseConfig({}).trustProxy).toBe(false);
    expect(parseConfig({ KOB_TRUST_PROXY: 'FALSE' }).trustProxy).toBe(false);
    expect(parseConfig({ KOB_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(parseConfig({ KOB_TRUST_PROXY: '10.0.0.7, 10.1.0.0/16,fd00::/8, loopback' }).trustProxy).toEqual(['10.0.0.7', '10.1.0.0/16', 'fd00::/8', 'loopback']);
    for (const bad of ['1', '0', '10.0.0.0/33', '::1/129', 'proxy.example', '10.0.0.1/8/8', '10.0.0.1,']) {
      expect(() => parseConfig({ KOB_TRUST_PROXY: bad }), bad).toThrow(ConfigError);
    }
    expect(() => parseConfig({ KOB_TRUST_PROXY: '1' })).toThrow(/KOB_TRUST_PROXY må være true, false eller en kommaliste/);
  });
});

interface LoggedServer {
  readonly app: FastifyInstance;
  /** Where it listens (loopback); users know it as `publicUrl`. */
  readonly base: string;
  /** The `req` of the "incoming request" log line for a URL. */
  loggedRequest(url: string): { remoteAddress?: string; host?: string } | undefined;
}

async function loggedServer(env: NodeJS.ProcessEnv, db: Parameters<typeof buildApp>[0]['db'], kind: Parameters<typeof buildApp>[0]['databaseKind']): Promise<LoggedServer> {
  const lines: string[] = [];
  const config = parseConfig({ KOB_PUBLIC_URL: publicUrl, KOB_LOG_LEVEL: 'info', ...env });
  const app = await buildApp({ db, databaseKind: kind, clock: systemClock(), config, logger: { stream: { write: (line: string) => lines.push(line) } } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    base: `http://127.0.0.1:${port}`,
    loggedRequest: (url) =>
      lines
        .map((line) => JSON.parse(line) as { msg?: string; req?: { url?: string; remoteAddress?: string; host?: string } })
        .find((entry) => entry.msg === 'incoming request' && entry.req?.url === url)?.req,
  };
}

describeEachDatabase('forwarded headers: never in a URL, the client only from a trusted proxy', ({ handle }) => {
  let direct: LoggedServer;
  let proxied: LoggedServer;
  let expected: Map<string, unknown>;

  beforeAll(async () => {
    const { db, kind } = handle();
    await seedPortalFixtures(db);
    direct = await loggedServer({}, db, kind);
    proxied = await loggedServer({ KOB_TRUST_PROXY: 'true' }, db, kind);
    expected = new Map();
    for (const path of discoveryPaths) expected.set(path, (await direct.app.inject({ url: path })).json());
  });
  afterAll(async () => {
    await direct?.app.close();
    await proxied?.app.close();
  });

  it('the discovery documents name KOB_PUBLIC_URL, also behind a TLS proxy that sends no headers', () => {
    const idporten = expected.get(discoveryPaths[0]!) as Record<string, unknown>;
    expect(idporten.issuer).toBe(`${publicUrl}/idporten`);
    for (const name of ['authorization_endpoint', 'token_endpoint', 'jwks_uri', 'userinfo_endpoint']) {
      expect(String(idporten[name]), name).toMatch(new RegExp(`^${publicUrl}/idporten/`));
    }
    expect(expected.get(discoveryPaths[1]!)).toMatchObject({ issuer: maskinportenIssuer(publicUrl), token_endpoint: `${maskinportenIssuer(publicUrl)}token` });
  });

  for (const [name, server] of [['by default', () => direct], ['with KOB_TRUST_PROXY=true', () => proxied]] as const) {
    it(`forged Host and X-Forwarded-Host/-Proto change no discovery document ${name} (inject and fetch)`, async () => {
      for (const path of discoveryPaths) {
        const injected = await server().app.inject({ url: path, headers: { ...forged, host: 'evil.example' } });
        expect(injected.json(), path).toEqual(expected.get(path));
        const fetched = await fetch(`${server().base}${path}`, { headers: forged });
        expect(await fetched.json(), path).toEqual(expected.get(path));
      }
    });
  }

  for (const [name, server] of [['by default', () => direct], ['with KOB_TRUST_PROXY=true', () => proxied]] as const) {
    it(`tokens asked for with forged headers are issued by KOB_PUBLIC_URL ${name}: Maskinporten (fetch) and the ID-porten login (inject)`, async () => {
      const { privateJwk, publicJwk } = await generateClientKey();
      const clock = systemClock();
      const client = await registerClient(handle().db, clock, { org: '311654306', name: 'Forwarded', scopes: ['altinn:portal/enduser'], publicJwk });
      const assertion = await signGrant({ clientId: client.clientId, jwk: privateJwk, audience: maskinportenIssuer(publicUrl), scope: 'altinn:portal/enduser', nowSeconds: Math.floor(clock.nowEpochMs() / 1000) });
      const token = await fetch(`${server().base}/maskinporten/token`, {
        method: 'POST',
        headers: { ...forged, 'content-type': 'application/x-www-form-urlencoded' },
        body: tokenRequestBody(assertion),
      });
      expect(token.status).toBe(200);
      expect(decodeJwt(((await token.json()) as { access_token: string }).access_token).iss).toBe(maskinportenIssuer(publicUrl));

      // The built-in ID-porten sends the browser back to KOB_PUBLIC_URL whatever host is forwarded,
      // and the login completes there: the portal checks the ID token's issuer.
      const browser = new InjectBrowser(server().app);
      const interaction = location(await browser.get(location(await browser.get('/portal/innlogging/start')), forged));
      const picker = await browser.get(`${interaction}/testpersoner`, forged);
      const resume = location(
        await browser.request({
          method: 'POST',
          url: `${interaction}/login`,
          headers: { ...forged, 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ _csrf: (picker.json() as { csrfToken: string }).csrfToken, fnr: testPersons.kari.fnr }).toString(),
        }),
      );
      expect(new URL(resume).origin).toBe(publicUrl);
      const callback = location(await browser.get(resume, forged));
      expect(new URL(callback).origin).toBe(publicUrl);
      expect(location(await browser.get(callback))).toBe('/velg-virksomhet');
    });
  }

  it('logs the socket address by default, and X-Forwarded-For only from a trusted proxy (fetch and inject)', async () => {
    for (const [server, client] of [[direct, '127.0.0.1'], [proxied, forged['x-forwarded-for']]] as const) {
      const fetchedUrl = `/healthz?probe=${randomUUID()}`;
      await fetch(`${server.base}${fetchedUrl}`, { headers: forged });
      expect(server.loggedRequest(fetchedUrl)?.remoteAddress).toBe(client);
      const injectedUrl = `/healthz?probe=${randomUUID()}`;
      await server.app.inject({ url: injectedUrl, headers: forged, remoteAddress: '127.0.0.1' });
      expect(server.loggedRequest(injectedUrl)?.remoteAddress).toBe(client);
    }
  });
});
