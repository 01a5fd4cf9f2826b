/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { localDate } from '../../src/domain/dates.js';
import { toOere } from '../../src/domain/money.js';
import { bokfoerInnbetaling } from '../../src/ledger/index.js';
import { testBusinesses, testPersons } from '../support/portal-fixtures.js';
import { portalLedgerToday, seedPortalLedger, type PortalLedger } from '../support/portal-ledger-fixtures.js';
import { chooseBusiness, cspViolations, describeInBrowser, loginAs, overflowPx, pageLoaded, screenshot, screenshotDir, seriousA11yViolations, startHarness, tabTo, type BrowserHarness } from './harness.js';

/**
 * Issue 13 in Chromium: two tabs act for two businesses (items 1, 7), and every page of Min side at
 * 1280 and 390 px (item 2): no page or opened panel scrolls sideways on a phone, the menu folds,
 * axe finds nothing serious; a screenshot of each at both widths on every run, and a report of
 * the axe counts and overflow widths (test-output/min-side-skjermbredder.json). Runs in CI: no
 * skip under CI=true (`describeInBrowser`).
 */
const enk = testBusinesses.enk;
const as = testBusinesses.as;

interface Side {
  readonly navn: string;
  readonly sti: string;
  /** Opens the page's first panel (a claim, a row's details), when it has one. */
  readonly aapne?: (page: Page) => Promise<void>;
}

const aapneFoersteDetaljer = async (page: Page) => page.locator('main').getByRole('button', { name: 'Detaljer' }).first().click();

const sider: readonly Side[] = [
  { navn: 'oversikt', sti: '' },
  { navn: 'ubetalte-krav', sti: 'ubetalte-krav', aapne: async (page) => page.locator('main button[data-testid^="krav-"]').first().click() },
  { navn: 'betalte-krav', sti: 'betalte-krav?aar=2024', aapne: aapneFoersteDetaljer },
  { navn: 'innbetalinger', sti: 'innbetalinger?aar=2024', aapne: aapneFoersteDetaljer },
  { navn: 'utbetalinger', sti: 'utbetalinger?aar=2024', aapne: aapneFoersteDetaljer },
  { navn: 'kontoutskrift', sti: 'kontoutskrift' },
  { navn: 'frister-og-oppgaver', sti: 'frister-og-oppgaver' },
  { navn: 'systemtilganger', sti: 'systemtilganger' },
];

const bredder = [1280, 390] as const;

interface Maaling {
  readonly side: string;
  readonly breddePx: number;
  readonly axeAlvorlige: number;
  readonly overflytPx: number;
  readonly overflytAapnetPx: number | null;
}

describeInBrowser('Min side: two tabs, two businesses; every page at 1280 and 390 px', () => {
  let h: BrowserHarness;
  let booked: PortalLedger;
  const maalinger: Maaling[] = [];

  beforeAll(async () => {
    h = await startHarness({
      today: portalLedgerToday,
      seed: async (db) => {
        booked = await seedPortalLedger(db);
        // A payment without KID to an account no claim uses: it waits, unplaced.
        await bokfoerInnbetaling(db, { idempotencyKey: 'uplassert-as', bokfoertDato: localDate('2024-08-20'), partId: as.orgnr, beloepOere: toOere(275_000), melding: 'Innbetaling uten KID', mottakerkonto: '76940523121' });
      },
    });
    await loginAs(h.page, h.origin, testPersons.kari.navn);
  });
  afterAll(async () => {
    await writeFile(path.join(screenshotDir, '..', 'min-side-skjermbredder.json'), `${JSON.stringify(maalinger, null, 2)}\n`);
    await h?.close();
  });

  const url = (orgnr: string, sti: string) => `${h.origin}/virksomhet/${orgnr}/${sti}`;

  it('two tabs act for two businesses: each keeps its own name, figures, download and writes (item 1)', async () => {
    const tabA = h.page;
    await chooseBusiness(tabA, h.origin, enk.navn);
    expect(new URL(tabA.url()).pathname).toBe(`/virksomhet/${enk.orgnr}/`);
    const tabB = await h.context.newPage();
    await tabB.goto(`${h.origin}/velg-virksomhet`);
    await chooseBusiness(tabB, h.origin, as.navn);
    expect(new URL(tabB.url()).pathname).toBe(`/virksomhet/${as.orgnr}/`);

    // Tab A, after B chose another business: still the ENK's name, claims and files.
    await tabA.getByRole('navigation', { name: 'Min side' }).getByRole('link', { name: /^Ubetalte krav/ }).click();
    await pageLoaded(tabA);
    expect(await tabA.getByTestId('valgt-virksomhet').innerText()).toContain(enk.navn);
    expect(await tabA.getByTestId(`krav-${booked.forskuddsskatt.kravId}`).count()).toBe(1);
    expect(await tabA.getByTestId(`krav-${booked.asKrav.kravId}`).count()).toBe(0);
    await tabB.goto(url(as.orgnr, 'ubetalte-krav'));
    await pageLoaded(tabB);
    expect(await tabB.getByTestId(`krav-${booked.asKrav.kravId}`).count()).toBe(1);
    expect(await tabB.getByTestId(`krav-${booked.forskuddsskatt.kravId}`).count()).toBe(0);

    await tabA.goto(url(enk.orgnr, 'kontoutskrift?aar=2024'));
    await pageLoaded(tabA);
    const [csvA] = await Promise.all([tabA.waitForEvent('download'), tabA.getByRole('button', { name: 'Last ned for 2024 som CSV' }).click()]);
    expect(csvA.suggestedFilename()).toBe(`kontoutskrift-${enk.orgnr}-2024.csv`);
    await tabB.goto(url(as.orgnr, 'kontoutskrift?aar=2024'));
    await pageLoaded(tabB);
    const [csvB] = await Promise.all([tabB.waitForEvent('download'), tabB.getByRole('button', { name: 'Last ned for 2024 som CSV' }).click()]);
    expect(csvB.suggestedFilename()).toBe(`kontoutskrift-${as.orgnr}-2024.csv`);

    // A write in tab A (a calendar address) is the ENK's, made while tab B shows the AS.
    await tabA.goto(url(enk.orgnr, 'frister-og-oppgaver'));
    await pageLoaded(tabA);
    await tabA.getByRole('button', { name: 'Legg til i kalender' }).click();
    await tabA.getByLabel('Din kalenderadresse').waitFor();
    const made = await h.db.selectFrom('kalender_abonnement').select('part_id').where('tilbakekalt_ms', 'is', null).execute();
    expect(made.map((row) => row.part_id)).toEqual([enk.orgnr]);
    await tabB.goto(url(as.orgnr, 'frister-og-oppgaver'));
    await pageLoaded(tabB);
    await tabB.getByText('Virksomheten har ingen aktive kalenderadresser.').waitFor();

    // An address naming a business Kari may not act for shows no data, and the API refuses it.
    await tabB.goto(url(testBusinesses.fremmed.orgnr, ''));
    await tabB.getByRole('heading', { level: 1, name: 'Du kan ikke representere denne virksomheten' }).waitFor();
    const refused = await tabB.evaluate(async (orgnr) => (await fetch(`/portal/api/virksomhet/${orgnr}/krav/oversikt`)).status, testBusinesses.fremmed.orgnr);
    expect(refused).toBe(403);
    await tabB.close();
  });

  it('titles each page, moves focus to its h1 and announces it, with the keyboard alone (item 7)', async () => {
    const { page } = h;
    await page.goto(url(enk.orgnr, ''));
    await pageLoaded(page);
    expect(await page.title()).toBe(`Oversikt – ${enk.navn} – Min side`);
    await tabTo(page, /^Ubetalte krav/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Ubetalte krav' }).waitFor();
    expect(await page.title()).toBe(`Ubetalte krav – ${enk.navn} – Min side`);
    expect(await page.evaluate(() => document.activeElement?.tagName + ' ' + document.activeElement?.textContent)).toBe('H1 Ubetalte krav');
    expect(await page.getByTestId('sideskifte').innerText()).toBe(`Viser Ubetalte krav – ${enk.navn}`);

    // Choosing a business with the keyboard lands on its h1, not on <body>.
    await tabTo(page, /Bytt virksomhet/, 40, true);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').getByRole('link', { name: new RegExp(as.navn) }).waitFor();
    await tabTo(page, new RegExp(as.navn));
    await page.keyboard.press('Enter');
    await page.waitForURL(url(as.orgnr, ''));
    await page.getByRole('heading', { level: 1, name: as.navn }).waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    expect(await page.title()).toBe(`Oversikt – ${as.navn} – Min side`);

    // After a dialog: focus on what happened, not on <body> (the button that opened it is gone).
    await page.goto(url(enk.orgnr, 'frister-og-oppgaver'));
    await pageLoaded(page);
    await page.getByRole('button', { name: 'Trekk tilbake' }).first().focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Trekke tilbake kalenderadressen?' }).waitFor();
    await tabTo(page, /^Ja, trekk tilbake$/);
    await page.keyboard.press('Enter');
    await page.getByText('Virksomheten har ingen aktive kalenderadresser.').waitFor();
    await page.waitForFunction(() => document.activeElement !== document.body);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Kalenderadressen er trukket tilbake.');
  });

  it('bad years never show raw JSON: outside the year rule the page says so and offers the rule\'s years, and no download (item 6)', async () => {
    const { page } = h;
    await page.setViewportSize({ width: 1280, height: 900 });
    for (const aar of ['1800', 'abc']) {
      await page.goto(url(enk.orgnr, `kontoutskrift?aar=${aar}`));
      await page.getByText('Vi viser krav og betalinger for årene 2020–2024. Velg et av dem.').waitFor();
      expect(await page.getByRole('button', { name: /Last ned/ }).count()).toBe(0);
      expect(await page.getByLabel('År').locator('option').allInnerTexts()).toEqual(['Velg år', '2024', '2023', '2022', '2021', '2020']);
    }
    await page.getByLabel('År').selectOption('2023');
    await page.getByRole('button', { name: 'Last ned kontoutskrift for 2023 (Excel)' }).waitFor();
    expect(new URL(page.url()).search).toBe('?aar=2023');

    await page.goto(url(enk.orgnr, 'betalte-krav?aar=1800'));
    await page.getByText('Vi viser krav og betalinger for årene 2020–2024. Velg et av dem.').waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    await page.goto(url(enk.orgnr, 'frister-og-oppgaver?aar=1800'));
    await page.getByText('Velg et år fra 2020 til 2024.').waitFor();
    expect(await page.getByLabel('År').locator('option').allInnerTexts()).not.toContain('1800');
    expect(await page.locator('main').innerText()).not.toContain('{"kode"');
  });

  it('an empty year points to the latest year with content; an unplaced payment gets a box on Oversikt and an explanation (items 4, 5)', async () => {
    const { page } = h;
    await page.goto(url(enk.orgnr, 'betalte-krav?aar=2023'));
    const link = page.getByRole('link', { name: 'se 2024' });
    await link.waitFor();
    expect(await page.getByText('Ingen krav ble betalt i 2023 – se 2024').count()).toBe(1);
    await link.click();
    await page.getByRole('table', { name: 'Betalte krav 2024' }).waitFor();
    expect(new URL(page.url()).search).toBe('?aar=2024');

    await page.goto(url(as.orgnr, ''));
    const boks = page.getByTestId('uplassert-innbetaling');
    await boks.waitFor();
    expect(await boks.innerText()).toContain('Virksomheten har betalt inn 2\u00a0750,00 kroner som ikke er brukt på noe krav ennå.');
    await screenshot(page, 'oversikt-uplassert');
    await boks.getByRole('link', { name: 'Se innbetalingene' }).click();
    await pageLoaded(page);
    await page.locator('main').getByRole('button', { name: 'Detaljer' }).first().click();
    expect(await page.getByTestId('uplassert-forklaring').innerText()).toContain('Innbetalingen har ingen KID');
  });

  for (const bredde of bredder) {
    it(`every page at ${bredde} px: screenshot, axe, ${bredde < 640 ? 'no sideways scroll of the page or an opened panel, the menu folded' : 'the menu open'} (item 2)`, async () => {
      const { page } = h;
      await page.setViewportSize({ width: bredde, height: 900 });
      await page.goto(`${h.origin}/velg-virksomhet`);
      await page.getByRole('dialog').waitFor();
      await maal(page, { navn: 'velg-virksomhet' }, bredde);
      for (const side of sider) {
        await page.goto(url(enk.orgnr, side.sti));
        await pageLoaded(page);
        const menu = page.getByRole('navigation', { name: 'Min side' });
        expect(await menu.getByRole('button', { name: 'Meny' }).isVisible(), side.navn).toBe(bredde < 640);
        expect(await menu.getByRole('link', { name: 'Oversikt' }).isVisible(), side.navn).toBe(bredde >= 640);
        await maal(page, side, bredde);
      }
      if (bredde < 640) {
        const menu = page.getByRole('navigation', { name: 'Min side' });
        await menu.getByRole('button', { name: 'Meny' }).click();
        expect(await menu.getByRole('button', { name: 'Meny' }).getAttribute('aria-expanded')).toBe('true');
        await menu.getByRole('link', { name: /^Ubetalte krav/ }).click();
        await page.getByRole('heading', { level: 1, name: 'Ubetalte krav' }).waitFor();
        expect(await menu.getByRole('link', { name: 'Oversikt' }).isVisible()).toBe(false);
      }
      for (const maaling of maalinger.filter((m) => m.breddePx === bredde)) {
        expect(maaling.axeAlvorlige, `axe on ${maaling.side} at ${bredde}`).toBe(0);
        if (bredde < 640) {
          expect(maaling.overflytPx, `${maaling.side} at ${bredde} px scrolls sideways`).toBeLessThanOrEqual(0);
          expect(maaling.overflytAapnetPx ?? 0, `${maaling.side}'s opened panel at ${bredde} px scrolls sideways`).toBeLessThanOrEqual(0);
        }
      }
    });
  }

  /** Screenshot, axe and overflow of the page, then of its opened panel, recorded for the report. */
  async function maal(page: Page, side: Pick<Side, 'navn' | 'aapne'>, bredde: number): Promise<void> {
    await screenshot(page, `${side.navn}-${bredde}`);
    const axe = await seriousA11yViolations(page);
    const overflytPx = await overflowPx(page);
    let overflytAapnetPx: number | null = null;
    if (side.aapne) {
      await side.aapne(page);
      await page.waitForTimeout(200);
      await screenshot(page, `${side.navn}-aapnet-${bredde}`);
      overflytAapnetPx = await overflowPx(page);
    }
    expect(await cspViolations(page), side.navn).toEqual([]);
    maalinger.push({ side: side.navn, breddePx: bredde, axeAlvorlige: axe.length, overflytPx, overflytAapnetPx });
  }
});
