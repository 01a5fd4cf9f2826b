import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.js';
import { describeEachDatabase } from '../support/databases.js';
import { freePort } from '../support/free-port.js';
import { buildTestApp, InjectBrowser, location, pickPerson } from '../support/portal-app.js';
import { seedPortalFixtures, testPersons } from '../support/portal-fixtures.js';

describe('KOB_IDPORTEN_* configuration', () => {
  const issuer = { KOB_IDPORTEN_ISSUER: 'https://idporten.example/' };
  it('needs a client id and exactly one client authentication', () => {
    expect(() => parseConfig(issuer)).toThrow(ConfigError);
    expect(() => parseConfig({ ...issuer, KOB_IDPORTEN_CLIENT_ID: 'c' })).toThrow(/exactly one/);
    expect(() => parseConfig({ ...issuer, KOB_IDPORTEN_CLIENT_ID: 'c', KOB_IDPORTEN_CLIENT_SECRET: 's', KOB_IDPORTEN_CLIENT_JWK_FILE: 'k.json' })).toThrow(/exactly one/);
    expect(() => parseConfig({ KOB_IDPORTEN_ISSUER: 'ikke en url', KOB_IDPORTEN_CLIENT_ID: 'c', KOB_IDPORTEN_CLIENT_SECRET: 's' })).toThrow(/gyldig URL/);
  });

  it('defaults the redirect URI, scope and level, and is off (built-in provider) without an issuer', () => {
    expect(parseConfig({}).idporten).toBeUndefined();
    expect(parseConfig({ ...issuer, KOB_IDPORTEN_CLIENT_ID: 'c', KOB_IDPORTEN_CLIENT_JWK_FILE: '/etc/kob/klient.json', KOB_PUBLIC_URL: 'https://kob.example' }).idporten).toEqual({
      issuer: 'https://idporten.example',
      clientId: 'c',
      clientAuth: { method: 'private_key_jwt', jwkFile: '/etc/kob/klient.json' },
      redirectUri: 'https://kob.example/portal/innlogging/callback',
      scope: 'openid profile',
      acrValues: 'idporten-loa-substantial',
    });
  });
});

describeEachDatabase('Min side against an external OpenID Provider (configuration only)', ({ handle }) => {
  let provider: FastifyInstance;
  let portal: FastifyInstance;
  let origin: string;

  beforeAll(async () => {
    await seedPortalFixtures(handle().db);
    const port = await freePort();
    origin = `http://localhost:${port}`;
    // The "external" provider: another server's built-in one, reached over real HTTP.
    provider = await buildTestApp(handle(), { KOB_PUBLIC_URL: origin });
    await provider.listen({ port, host: 'localhost' });
    const secret = (await handle().db.selectFrom('idporten_noekkel').where('navn', '=', 'portal-client-secret').select('verdi').executeTakeFirstOrThrow()).verdi as string;
    portal = await buildTestApp(handle(), {
      KOB_PUBLIC_URL: origin,
      KOB_IDPORTEN_ISSUER: `${origin}/idporten`,
      KOB_IDPORTEN_CLIENT_ID: 'kob-minside',
      KOB_IDPORTEN_CLIENT_SECRET: secret,
    });
  });
  afterAll(async () => {
    await portal?.close();
    await provider?.close();
  });

  it('mounts no provider of its own, discovers the configured one and logs in through it', async () => {
    const browser = new InjectBrowser(portal);
    expect((await browser.get('/idporten/.well-known/openid-configuration')).statusCode).toBe(404);
    const authorize = new URL(location(await browser.get('/portal/innlogging/start')));
    expect(authorize.origin + authorize.pathname).toBe(`${origin}/idporten/authorize`);
    browser.app = provider; // the browser is at the provider now
    const interaction = location(await browser.get(authorize.href));
    const callback = await pickPerson(browser, interaction, testPersons.ola.fnr);
    browser.app = portal; // back at the portal, which redeems the code over HTTP
    expect(location(await browser.get(callback))).toBe('/velg-virksomhet');
    expect((await browser.get('/portal/api/sesjon')).json()).toMatchObject({ innlogget: true, person: { navn: testPersons.ola.navn } });
  });

  it('brings a person who opened an approval page back to it after logging in at the configured provider', async () => {
    const browser = new InjectBrowser(portal);
    const page = '/altinn/accessmanagement/ui/systemuser/request?id=0b5e8f3e-7a4c-4d2e-9b1a-3c6d5e4f7a8b&DONTCHOOSEREPORTEE=true';
    const start = location(await browser.get(page));
    expect(start).toBe(`/portal/innlogging/start?tilbake=${encodeURIComponent(page)}`);
    const authorize = new URL(location(await browser.get(start)));
    expect(authorize.origin + authorize.pathname).toBe(`${origin}/idporten/authorize`);
    browser.app = provider;
    const callback = await pickPerson(browser, location(await browser.get(authorize.href)), testPersons.kari.fnr);
    browser.app = portal;
    expect(location(await browser.get(callback))).toBe(page);
  });
});
