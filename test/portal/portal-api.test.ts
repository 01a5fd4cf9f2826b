import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../src/security-headers.js';
import { describeEachDatabase } from '../support/databases.js';
import { buildTestApp, csrfTokenOf, InjectBrowser, loginAs, virksomhetApi } from '../support/portal-app.js';
import { seedPortalFixtures, testBusinesses, testPersons } from '../support/portal-fixtures.js';

describeEachDatabase('Min side API and pages', ({ handle }) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    await seedPortalFixtures(handle().db);
    app = await buildTestApp(handle());
  });
  afterAll(async () => app?.close());

  it('answers "not logged in" without a session, and guards every other API route with 401', async () => {
    const browser = new InjectBrowser(app);
    expect((await browser.get('/portal/api/sesjon')).json()).toEqual({ innlogget: false });
    const read = await browser.get(virksomhetApi(testBusinesses.as.orgnr, '/krav/oversikt'));
    expect(read.statusCode).toBe(401);
    expect(read.json()).toEqual({ kode: 'ikke_innlogget', melding: 'Du er ikke logget inn, eller økten er utløpt.' });
    browser.jar.values.set('__Host-kob-sesjon', 'gjettet-sesjons-id');
    expect((await browser.request({ method: 'POST', url: '/portal/api/logg-ut' })).statusCode).toBe(401);
  });

  it('acts only for a business in the path the person may act for (403 otherwise, the same answer for unknown ones), and keeps none in the session', async () => {
    const browser = new InjectBrowser(app);
    await loginAs(browser, testPersons.kari.fnr);
    const csrf = await csrfTokenOf(browser);
    const write = (orgnr: string) =>
      browser.request({ method: 'POST', url: virksomhetApi(orgnr, '/kalenderabonnementer/00000000-0000-4000-8000-000000000000/tilbakekall'), headers: { 'x-csrf-token': csrf } });

    const foreign = await write(testBusinesses.fremmed.orgnr);
    const unknown = await write('999999999');
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json()).toEqual({ kode: 'ikke_tilgang', melding: 'Du kan ikke representere denne virksomheten.' });
    expect(unknown.json()).toEqual(foreign.json());
    expect((await write('12345')).json()).toEqual(foreign.json());
    // Her own business: past the check, the made-up subscription is not found.
    expect((await write(testBusinesses.enk.orgnr)).json().kode).toBe('finnes_ikke');

    const sesjon = (await browser.get('/portal/api/sesjon')).json();
    expect(Object.keys(sesjon).sort()).toEqual(['csrfToken', 'innlogget', 'person', 'virksomheter']);
    expect(sesjon.virksomheter).toContainEqual({ orgnr: testBusinesses.enk.orgnr, navn: testBusinesses.enk.navn, organisasjonsform: 'ENK', grunnlag: ['innehaver'] });
  });

  it('refuses writes without a valid CSRF token, and a token of another browser', async () => {
    const browser = new InjectBrowser(app);
    await loginAs(browser, testPersons.kari.fnr);
    await csrfTokenOf(browser);
    const without = await browser.request({ method: 'POST', url: virksomhetApi(testBusinesses.as.orgnr, '/kalenderabonnementer') });
    expect(without.statusCode).toBe(403);
    expect(without.json().kode).toBe('csrf');

    const other = new InjectBrowser(app);
    await loginAs(other, testPersons.ola.fnr);
    const foreignToken = await csrfTokenOf(other);
    const mixed = await browser.request({ method: 'POST', url: '/portal/api/logg-ut', headers: { 'x-csrf-token': foreignToken } });
    expect(mixed.statusCode).toBe(403);
  });

  it('ends the session on logout: the row is deleted and the cookie cleared', async () => {
    const browser = new InjectBrowser(app);
    await loginAs(browser, testPersons.per.fnr);
    const csrf = await csrfTokenOf(browser);
    const before = await handle().db.selectFrom('portal_sesjon').where('fnr', '=', testPersons.per.fnr).selectAll().execute();
    expect(before).toHaveLength(1);
    const cookie = browser.jar.values.get('__Host-kob-sesjon')!;
    const out = await browser.request({ method: 'POST', url: '/portal/api/logg-ut', headers: { 'x-csrf-token': csrf } });
    expect(out.statusCode).toBe(204);
    expect(browser.jar.values.has('__Host-kob-sesjon')).toBe(false);
    expect(await handle().db.selectFrom('portal_sesjon').where('fnr', '=', testPersons.per.fnr).selectAll().execute()).toEqual([]);
    // The old cookie value is worth nothing now.
    browser.jar.values.set('__Host-kob-sesjon', cookie);
    expect((await browser.get('/portal/api/sesjon')).json()).toEqual({ innlogget: false });
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, Secure, __Host- and stores only its hash', async () => {
    const browser = new InjectBrowser(app);
    await loginAs(browser, testPersons.ola.fnr);
    expect(browser.jar.attributes.get('__Host-kob-sesjon')).toMatch(/Path=\/; HttpOnly; Secure; SameSite=Lax/);
    const id = browser.jar.values.get('__Host-kob-sesjon')!;
    expect(Buffer.from(id, 'base64url')).toHaveLength(32);
    const stored = await handle().db.selectFrom('portal_sesjon').select('sesjon_hash').execute();
    expect(stored.map((row) => row.sesjon_hash)).not.toContain(id);
  });

  it('serves the SPA: index.html revalidated, hashed assets cached for a year, client routes fall back', async () => {
    const html = await app.inject({ url: '/velg-virksomhet', headers: { accept: 'text/html' } });
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.headers['cache-control']).toBe('no-cache');
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html.body)![1]!;
    const js = await app.inject({ url: asset });
    expect(js.statusCode).toBe(200);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // Unknown API paths stay 404 JSON, never the app.
    const api = await app.inject({ url: '/portal/api/finnes-ikke', headers: { accept: 'text/html' } });
    expect(api.statusCode).toBe(404);
    expect((await app.inject({ url: '/api/innkreving/ukjent', headers: { accept: 'text/html' } })).statusCode).toBe(404);
  });

  it('sends security headers with every response, with a CSP that allows nothing inline or foreign', async () => {
    for (const url of ['/', '/portal/api/sesjon', '/idporten/.well-known/openid-configuration', '/healthz']) {
      const response = await app.inject({ url, headers: { accept: 'text/html', host: 'localhost:8080' } });
      expect(response.headers['content-security-policy'], url).toBe(contentSecurityPolicy);
      expect(response.headers['x-frame-options'], url).toBe('DENY');
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
      expect(response.headers['referrer-policy'], url).toBe('no-referrer');
    }
    expect(contentSecurityPolicy).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(contentSecurityPolicy).toContain("frame-ancestors 'none'");
  });
});
