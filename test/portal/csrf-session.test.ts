import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.js';
import { buildTestApp, csrfTokenOf, InjectBrowser, loginAs, virksomhetApi } from '../support/portal-app.js';
import { seedPortalFixtures, testBusinesses, testPersons } from '../support/portal-fixtures.js';

/**
 * Issue 10, item 6 (decision 0088): Min side's CSRF token belongs to one session. A new login
 * gives a new token, the token of a session that ended is refused, and no other session takes
 * it, not even the same person's. Every write is tried through `inject` and a real `fetch`.
 */
type Via = 'inject' | 'fetch';
const vias: readonly Via[] = ['inject', 'fetch'];
const sessionCookie = '__Host-kob-sesjon';

describeEachDatabase('Min side CSRF token bound to the session', ({ handle }) => {
  let app: FastifyInstance;
  let baseUrl: string;

  beforeAll(async () => {
    await seedPortalFixtures(handle().db);
    app = await buildTestApp(handle());
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => app?.close());

  /** A write for the ENK (Kari may act for it): revoking a calendar subscription, with `token`, as `browser`, through inject or a real HTTP request. */
  const writeUrl = virksomhetApi(testBusinesses.enk.orgnr, '/kalenderabonnementer/00000000-0000-4000-8000-000000000000/tilbakekall');
  async function write(browser: InjectBrowser, token: string, via: Via): Promise<{ status: number; kode?: string }> {
    const headers = { 'x-csrf-token': token };
    if (via === 'inject') {
      const response = await browser.request({ method: 'POST', url: writeUrl, headers });
      return { status: response.statusCode, kode: response.json().kode };
    }
    const response = await fetch(`${baseUrl}${writeUrl}`, { method: 'POST', headers: { ...headers, cookie: browser.jar.header() } });
    return { status: response.status, kode: ((await response.json()) as { kode?: string }).kode };
  }

  const refusedAsCsrf = { status: 403, kode: 'csrf' };
  /** Past the CSRF check, the route answers: the made-up subscription is not the ENK's. */
  const accepted = { status: 404, kode: 'finnes_ikke' };

  it('a new login in the same browser gets a new token, and the token of the session before is refused', async () => {
    const browser = new InjectBrowser(app);
    await loginAs(browser, testPersons.kari.fnr);
    const first = await csrfTokenOf(browser);
    expect(await csrfTokenOf(browser)).toBe(first); // one token for the whole session
    await loginAs(browser, testPersons.kari.fnr);
    const second = await csrfTokenOf(browser);
    expect(second).not.toBe(first);
    for (const via of vias) {
      expect(await write(browser, first, via), via).toEqual(refusedAsCsrf);
      expect(await write(browser, second, via), via).toEqual(accepted);
    }
  });

  it('after logout the old token is refused: unauthenticated at once, and by the next session after a new login', async () => {
    const browser = new InjectBrowser(app);
    await loginAs(browser, testPersons.kari.fnr);
    const before = await csrfTokenOf(browser);
    const cookieBefore = browser.jar.values.get(sessionCookie)!;
    const out = await browser.request({ method: 'POST', url: '/portal/api/logg-ut', headers: { 'x-csrf-token': before } });
    expect(out.statusCode).toBe(204);
    // The ended session's cookie and token together are worth nothing.
    browser.jar.values.set(sessionCookie, cookieBefore);
    for (const via of vias) expect(await write(browser, before, via), via).toEqual({ status: 401, kode: 'ikke_innlogget' });
    browser.jar.values.delete(sessionCookie);
    await loginAs(browser, testPersons.kari.fnr);
    for (const via of vias) expect(await write(browser, before, via), via).toEqual(refusedAsCsrf);
    for (const via of vias) expect(await write(browser, await csrfTokenOf(browser), via), via).toEqual(accepted);
  });

  it('a token from one session is refused in another, also between two logins of the same person', async () => {
    const kariAtHome = new InjectBrowser(app);
    const kariAtWork = new InjectBrowser(app);
    const ola = new InjectBrowser(app);
    await loginAs(kariAtHome, testPersons.kari.fnr);
    await loginAs(kariAtWork, testPersons.kari.fnr);
    await loginAs(ola, testPersons.ola.fnr);
    const homeToken = await csrfTokenOf(kariAtHome);
    const workToken = await csrfTokenOf(kariAtWork);
    expect(homeToken).not.toBe(workToken);
    for (const via of vias) {
      expect(await write(kariAtWork, homeToken, via), via).toEqual(refusedAsCsrf);
      expect(await write(kariAtHome, workToken, via), via).toEqual(refusedAsCsrf);
      expect(await write(kariAtHome, await csrfTokenOf(ola), via), via).toEqual(refusedAsCsrf);
      expect(await write(kariAtHome, homeToken, via), via).toEqual(accepted);
    }
  });

  it('refuses a missing, empty or altered token, and keeps no CSRF cookie or stored token', async () => {
    const browser = new InjectBrowser(app);
    await loginAs(browser, testPersons.kari.fnr);
    const token = await csrfTokenOf(browser);
    const altered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const via of vias) {
      for (const wrong of ['', altered, `${token}A`]) expect(await write(browser, wrong, via), via).toEqual(refusedAsCsrf);
    }
    const unsent = await browser.request({ method: 'POST', url: writeUrl });
    expect([unsent.statusCode, unsent.json().kode]).toEqual([403, 'csrf']);
    expect(browser.jar.values.has('__Host-kob-csrf')).toBe(false);
    const stored = JSON.stringify(await handle().db.selectFrom('portal_sesjon').selectAll().execute());
    expect(stored).not.toContain(token);
    expect(token).not.toBe(browser.jar.values.get(sessionCookie));
  });
});
