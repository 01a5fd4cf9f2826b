import { afterAll, beforeAll, it } from 'vitest';
import { testBusinesses, testPersons } from '../support/portal-fixtures.js';
import { portalLedgerToday, seedPortalLedger } from '../support/portal-ledger-fixtures.js';
import { chooseBusiness, describeInBrowser, loginAs, pageLoaded, screenshot, startHarness, tabTo, type BrowserHarness } from '../browser/harness.js';
describeInBrowser('dbg', () => {
  let h: BrowserHarness;
  beforeAll(async () => { h = await startHarness({ today: portalLedgerToday, seed: async (db) => { await seedPortalLedger(db); } }); await loginAs(h.page, h.origin, testPersons.kari.navn); });
  afterAll(async () => h?.close());
  it('x', async () => {
    const { page } = h;
    await chooseBusiness(page, h.origin, testBusinesses.enk.navn);
    await pageLoaded(page);
    await tabTo(page, /Bytt virksomhet/);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1500);
    console.log('URL', page.url(), await page.locator('body').innerText());
    await screenshot(page, 'dbg');
  });
});
