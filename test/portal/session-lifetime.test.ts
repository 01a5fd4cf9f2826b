import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { limits } from '../../src/domain/limits.js';
import { describeEachDatabase } from '../support/databases.js';
import { buildTestApp, InjectBrowser, location, loginAs, movableClock, pickPerson, startLogin } from '../support/portal-app.js';
import { seedPortalFixtures, testPersons } from '../support/portal-fixtures.js';

describeEachDatabase('Min side session lifetime and shared state', ({ handle }) => {
  const clock = movableClock();
  let app: FastifyInstance;
  let second: FastifyInstance;
  beforeAll(async () => {
    await seedPortalFixtures(handle().db);
    app = await buildTestApp(handle(), {}, clock);
    second = await buildTestApp(handle(), {}, clock);
  });
  afterAll(async () => {
    await app?.close();
    await second?.close();
  });

  const loggedIn = async (browser: InjectBrowser) => (await browser.get('/portal/api/sesjon')).json().innlogget as boolean;

  it('ends a session after the idle timeout, and deletes its row', async () => {
    const browser = new InjectBrowser(app);
    await loginAs(browser, testPersons.kari.fnr);
    clock.advanceSeconds(limits.portalSessionIdleSeconds - 120);
    expect(await loggedIn(browser)).toBe(true); // use resets the idle timer
    clock.advanceSeconds(limits.portalSessionIdleSeconds - 120);
    expect(await loggedIn(browser)).toBe(true);
    clock.advanceSeconds(limits.portalSessionIdleSeconds);
    expect(await loggedIn(browser)).toBe(false);
    expect(await handle().db.selectFrom('portal_sesjon').where('fnr', '=', testPersons.kari.fnr).selectAll().execute()).toEqual([]);
  });

  it('ends a session at its absolute lifetime even while in use', async () => {
    const browser = new InjectBrowser(app);
    await loginAs(browser, testPersons.ola.fnr);
    const step = limits.portalSessionIdleSeconds - 60;
    let usedSeconds = 0;
    while (usedSeconds + step < limits.portalSessionLifetimeSeconds) {
      clock.advanceSeconds(step);
      usedSeconds += step;
      expect(await loggedIn(browser)).toBe(true);
    }
    clock.advanceSeconds(limits.portalSessionLifetimeSeconds - usedSeconds);
    expect(await loggedIn(browser)).toBe(false);
  });

  it('refuses a login that comes back after the login lifetime', async () => {
    const browser = new InjectBrowser(app);
    const { interaction } = await startLogin(browser);
    const callback = await pickPerson(browser, interaction, testPersons.kari.fnr);
    clock.advanceSeconds(limits.portalLoginLifetimeSeconds + 1);
    expect(location(await browser.get(callback))).toBe('/innlogging-feilet?grunn=utloept');
  });

  it('keeps no state in one process: a login can hop between two servers on one database at every step', async () => {
    const browser = new InjectBrowser(app);
    const { interaction } = await startLogin(browser); // portal + authorize on the first
    browser.app = second; // person picker on the second
    const callback = await pickPerson(browser, interaction, testPersons.per.fnr);
    browser.app = app; // callback and token exchange on the first
    expect(location(await browser.get(callback))).toBe('/velg-virksomhet');
    browser.app = second; // the session is seen by the second
    expect(await loggedIn(browser)).toBe(true);
  });
});
