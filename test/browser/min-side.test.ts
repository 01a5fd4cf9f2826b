/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser.
import { stat } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { testBusinesses, testPersons } from '../support/portal-fixtures.js';
import { chooseBusiness, describeInBrowser, inspectPage, loginAs, startHarness, tabTo, type BrowserHarness } from './harness.js';

describeInBrowser('Min side in Chromium', () => {
  let h: BrowserHarness;
  const runStartedMs = Date.now();
  const shots: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());
  beforeEach(async () => {
    await h.context.clearCookies();
  });

  /** Every page a test visits: screenshot, axe (no serious/critical), no CSP violation, nothing foreign. */
  async function visit(name: string): Promise<void> {
    shots.push(await inspectPage(h, name));
  }

  it('logs in with OpenID Connect, picks a business and shows it in the shell under the environment banner', async () => {
    const { page, origin } = h;
    await page.goto(`${origin}/`);
    await page.getByRole('heading', { name: 'Krav og betalinger for virksomheter' }).waitFor();
    expect(await page.getByRole('note', { name: 'Testmiljø' }).innerText()).toContain('Testmiljø — syntetiske data.');
    await visit('forside');

    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.getByRole('heading', { name: 'Velg testperson' }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/idporten\/interaction\/[A-Za-z0-9_-]+$/);
    await page.getByRole('radio', { name: testPersons.kari.navn }).waitFor();
    await visit('velg-testperson');

    await page.getByLabel('Søk etter navn eller fødselsnummer').fill('Nordmann');
    await page.getByRole('radio', { name: testPersons.ola.navn }).waitFor({ state: 'detached' });
    await page.getByRole('radio', { name: testPersons.kari.navn }).check();
    await page.getByRole('button', { name: 'Logg inn' }).click();
    await page.waitForURL(`${origin}/velg-virksomhet`);
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('link', { name: new RegExp(testBusinesses.as.navn) }).waitFor();
    expect(await dialog.getByRole('link', { name: new RegExp(testBusinesses.enk.navn) }).count()).toBe(1);
    expect(await dialog.getByRole('link', { name: new RegExp(testBusinesses.fremmed.navn) }).count()).toBe(0);
    await visit('velg-virksomhet');

    await chooseBusiness(page, origin, testBusinesses.as.navn);
    const header = page.getByTestId('valgt-virksomhet');
    expect(await header.innerText()).toContain(testBusinesses.as.navn);
    expect(await header.innerText()).toContain('Org.nr. 313 367 002');
    expect(await page.getByRole('note', { name: 'Testmiljø' }).innerText()).toContain('Testmiljø — syntetiske data.');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(testBusinesses.as.navn);
    expect((await page.getByRole('navigation', { name: 'Min side' }).getByRole('link').allInnerTexts())[0]).toBe('Oversikt');
    await visit('oversikt');

    await page.getByRole('button', { name: 'Bytt virksomhet' }).click();
    await chooseBusiness(page, origin, testBusinesses.enk.navn);
    expect(await page.getByTestId('valgt-virksomhet').innerText()).toContain('Org.nr. 311 851 381');
    expect(await page.getByText('Innehaver', { exact: true }).count()).toBe(1);
  });

  it('tells a person with no roles so, and lets them log out', async () => {
    const { page, origin } = h;
    await loginAs(page, origin, testPersons.per.navn);
    await page.getByRole('heading', { name: 'Du kan ikke representere noen virksomhet' }).waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await visit('ingen-virksomheter');
    await page.getByRole('main').getByRole('button', { name: 'Logg ut' }).click();
    await page.getByRole('heading', { name: 'Krav og betalinger for virksomheter' }).waitFor();
  });

  it('refuses a business the person may not act for: the page says so, the API answers 403', async () => {
    const { page, origin } = h;
    await loginAs(page, origin, testPersons.kari.navn);
    await page.goto(`${origin}/virksomhet/${testBusinesses.fremmed.orgnr}/`);
    await page.getByRole('heading', { level: 1, name: 'Du kan ikke representere denne virksomheten' }).waitFor();
    const answer = await page.evaluate(async (orgnr) => {
      const response = await fetch(`/portal/api/virksomhet/${orgnr}/krav/oversikt`);
      return { status: response.status, body: await response.json() };
    }, testBusinesses.fremmed.orgnr);
    expect(answer).toEqual({ status: 403, body: { kode: 'ikke_tilgang', melding: 'Du kan ikke representere denne virksomheten.' } });
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const { page, origin } = h;
    await loginAs(page, origin, testPersons.kari.navn);
    const answer = await page.evaluate(async (orgnr) => {
      const response = await fetch(`/portal/api/virksomhet/${orgnr}/kalenderabonnementer`, { method: 'POST' });
      return { status: response.status, body: await response.json() };
    }, testBusinesses.as.orgnr);
    expect(answer.status).toBe(403);
    expect(answer.body.kode).toBe('csrf');
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, Secure with the __Host- prefix on http://localhost', async () => {
    const { page, origin, context } = h;
    await loginAs(page, origin, testPersons.kari.navn);
    await page.getByRole('dialog').waitFor(); // the page has fetched its session (and CSRF token)
    const cookies = await context.cookies(origin);
    const sesjon = cookies.find((c) => c.name === '__Host-kob-sesjon');
    expect(sesjon).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: true, path: '/' });
    expect(sesjon!.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The CSRF token comes from the session itself (decision 0088): no cookie of its own.
    expect(cookies.map((c) => c.name)).not.toContain('__Host-kob-csrf');
    expect(await page.evaluate(() => document.cookie)).toBe('');
    // Only the hash of the id is stored.
    const rows = await h.db.selectFrom('portal_sesjon').select('sesjon_hash').execute();
    expect(rows.map((r) => r.sesjon_hash)).not.toContain(sesjon!.value);
  });

  it('ends the session on logout: cookie gone, database row gone, API says logged out', async () => {
    const { page, origin, context, db } = h;
    await loginAs(page, origin, testPersons.ola.navn);
    // An accountant: the firm itself and the firm's client.
    await page.getByRole('dialog').getByRole('link', { name: new RegExp(testBusinesses.klient.navn) }).waitFor();
    await chooseBusiness(page, origin, testBusinesses.regnskapsfoerer.navn);
    expect(await db.selectFrom('portal_sesjon').where('fnr', '=', testPersons.ola.fnr).select('fnr').execute()).toHaveLength(1);
    await page.getByRole('banner').getByRole('button', { name: 'Logg ut' }).click();
    await page.getByRole('heading', { name: 'Krav og betalinger for virksomheter' }).waitFor();
    expect((await context.cookies(origin)).map((c) => c.name)).not.toContain('__Host-kob-sesjon');
    expect(await db.selectFrom('portal_sesjon').where('fnr', '=', testPersons.ola.fnr).select('fnr').execute()).toHaveLength(0);
    expect(await page.evaluate(async () => (await fetch('/portal/api/sesjon')).json())).toEqual({ innlogget: false });
  });

  it('hands a new CSRF token to every login: the page works after logging in again, the old token does not', async () => {
    const { page, origin } = h;
    const tokenNow = () => page.evaluate(async () => ((await (await fetch('/portal/api/sesjon')).json()) as { csrfToken: string }).csrfToken);
    await loginAs(page, origin, testPersons.kari.navn);
    await chooseBusiness(page, origin, testBusinesses.enk.navn);
    const first = await tokenNow();
    await page.getByRole('banner').getByRole('button', { name: 'Logg ut' }).click();
    await page.getByRole('heading', { name: 'Krav og betalinger for virksomheter' }).waitFor();
    await loginAs(page, origin, testPersons.kari.navn);
    expect(await tokenNow()).not.toBe(first);
    const oldTokenAnswer = await page.evaluate(
      async ({ token, orgnr }) => {
        const response = await fetch(`/portal/api/virksomhet/${orgnr}/kalenderabonnementer`, { method: 'POST', headers: { 'x-csrf-token': token } });
        return { status: response.status, body: await response.json() };
      },
      { token: first, orgnr: testBusinesses.as.orgnr },
    );
    expect(oldTokenAnswer).toEqual({ status: 403, body: { kode: 'csrf', melding: 'Forespørselen mangler gyldig CSRF-token. Last siden på nytt.' } });
    // The page itself writes with the new session's token.
    await chooseBusiness(page, origin, testBusinesses.as.navn);
    expect(await page.getByTestId('valgt-virksomhet').innerText()).toContain(testBusinesses.as.navn);
  });

  it('can be used with the keyboard alone: login, person picker, role picker, shell actions', async () => {
    const { page, origin } = h;
    await page.goto(`${origin}/`);
    await page.getByRole('heading', { name: 'Krav og betalinger for virksomheter' }).waitFor();
    await tabTo(page, /Hopp til hovedinnhold/);
    await tabTo(page, /^Logg inn$/);
    await page.keyboard.press('Enter');
    await page.getByRole('radio', { name: testPersons.kari.navn }).waitFor();
    await tabTo(page, /Søk etter navn eller fødselsnummer/);
    await page.keyboard.type('Kari');
    await page.getByRole('radio', { name: testPersons.ola.navn }).waitFor({ state: 'detached' });
    await tabTo(page, new RegExp(testPersons.kari.navn));
    await page.keyboard.press('Space');
    await tabTo(page, /^Logg inn$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${origin}/velg-virksomhet`);
    await page.getByRole('dialog').getByRole('link', { name: new RegExp(testBusinesses.as.navn) }).waitFor();
    await tabTo(page, new RegExp(testBusinesses.as.navn));
    await page.keyboard.press('Enter');
    await page.getByTestId('valgt-virksomhet').waitFor();
    await tabTo(page, /Bytt virksomhet/);
    await tabTo(page, /Logg ut/);
    await tabTo(page, /^Oversikt$/);
  });

  it('wrote a screenshot of every main page in this run', async () => {
    expect(shots.map((file) => file.split('/').at(-1))).toEqual(
      expect.arrayContaining(['forside.png', 'velg-testperson.png', 'velg-virksomhet.png', 'oversikt.png', 'ingen-virksomheter.png']),
    );
    for (const file of shots) expect((await stat(file)).mtimeMs).toBeGreaterThanOrEqual(runStartedMs - 1000);
  });
});
