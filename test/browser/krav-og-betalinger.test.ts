/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AapneKrav, TotalOversikt } from '../../src/api/kravogbetalinger/index.js';
import { maskinportenIssuer, seedDemoAccess } from '../../src/auth/index.js';
import { systemClock } from '../../src/clock.js';
import { localDate } from '../../src/domain/dates.js';
import { formatKroner } from '../../src/domain/format.js';
import { toOere } from '../../src/domain/money.js';
import { buildPartView } from '../../src/ledger/index.js';
import { tokenFor } from '../support/auth.js';
import { kravkolonner, parseCsv, sheetRows } from '../support/kontoutskrift-reader.js';
import { testBusinesses, testPersons } from '../support/portal-fixtures.js';
import { portalLedgerToday, seedPortalLedger, type PortalLedger } from '../support/portal-ledger-fixtures.js';
import { chooseBusiness, describeInBrowser, inspectPage, loginAs, startHarness, tabTo, type BrowserHarness } from './harness.js';

/**
 * Min side's ledger pages in Chromium, on a year of the ledger booked through its commands
 * (test/support/portal-ledger-fixtures.ts) and the business date 02.09.2024: Kari Nordmann acts
 * for her ENK, whose view includes her personal forskuddsskatt.
 */
describeInBrowser('Min side: krav og betalinger in Chromium', () => {
  let h: BrowserHarness;
  let booked: PortalLedger;
  const runStartedMs = Date.now();
  const shots: string[] = [];

  beforeAll(async () => {
    h = await startHarness({
      today: portalLedgerToday,
      seed: async (db) => {
        booked = await seedPortalLedger(db);
      },
    });
    await h.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.origin });
    await loginAs(h.page, h.origin, testPersons.kari.navn);
    await chooseBusiness(h.page, h.origin, testBusinesses.enk.navn);
  });
  afterAll(async () => h?.close());

  const enkView = (query: Omit<Parameters<typeof buildPartView>[1], 'partId' | 'asOf'>) =>
    buildPartView(h.db, { partId: testBusinesses.enk.orgnr, asOf: portalLedgerToday, ...query });

  /** Every page: screenshot, axe (no serious/critical), no CSP violation, nothing foreign. */
  async function visit(name: string): Promise<void> {
    shots.push(await inspectPage(h, name));
  }

  async function openMenu(title: string): Promise<void> {
    await h.page.getByRole('navigation', { name: 'Min side' }).getByRole('link', { name: new RegExp(`^${title}( \\(\\d+\\))?$`) }).click();
    await h.page.getByRole('heading', { level: 1 }).filter({ hasText: title === 'Kontoutskrift' ? 'Last ned kontoutskrift' : title }).waitFor();
  }

  /** `totalOversikt` from the Krav og betalinger API on the same server, with a real token of the demo accounting system. */
  async function apiTotalOversikt(orgnr: string): Promise<TotalOversikt> {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'kob-demo-'));
    try {
      const clock = systemClock(portalLedgerToday);
      const demo = await seedDemoAccess(h.db, { dataDir, publicUrl: h.origin, clock });
      const token = await tokenFor(h.app, demo.regnskapssystem, clock, { systemUserOrg: orgnr, audience: maskinportenIssuer(h.origin) });
      const response = await fetch(`${h.origin}/api/innkreving/kravogbetalinger/v1/regnskapssystem/${orgnr}/aapnekrav`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
      expect(response.status).toBe(200);
      return ((await response.json()) as AapneKrav).totalOversikt;
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }

  it("Oversikt: the overdue and future sums are the API's totalOversikt for the ENK, read with a real token", async () => {
    const { page } = h;
    await page.getByTestId('meny-ubetalte-krav').filter({ hasText: 'Ubetalte krav (5)' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Min side' }).getByRole('link').allInnerTexts()).toEqual(
      expect.arrayContaining(['Oversikt', 'Ubetalte krav (5)', 'Betalte krav', 'Innbetalinger', 'Utbetalinger', 'Kontoutskrift']),
    );
    const forfalte = page.getByTestId('forfalte-krav');
    await forfalte.waitFor();
    const api = await apiTotalOversikt(testBusinesses.enk.orgnr);
    const kronerText = (kroner: number) => formatKroner(toOere(Math.round(kroner * 100)));
    const total = (await enkView({ aapne: true })).aapne!.oversikt.total;
    expect(await forfalte.innerText()).toBe(`Forfalte krav (${total.antallKravForfalt})\n${kronerText(api.sumForfalteKrav)}`);
    expect(await forfalte.innerText()).toBe('Forfalte krav (3)\n17\u00a0949,00 kroner');
    expect(await page.getByTestId('fremtidige-krav').innerText()).toBe(`Fremtidige krav (${total.antallKravIkkeForfalt})\n${kronerText(api.sumIkkeForfalteKrav)}`);
    await page.getByText('Oppdateres fortløpende.').waitFor();
    await visit('krav-oversikt');
  });

  it('Ubetalte krav: the forskuddsskatt is overdue "(1 av 4)"; opened, it gives its KID with a copy button and the interest so far', async () => {
    const { page } = h;
    await openMenu('Ubetalte krav');
    const title = page.getByTestId(`krav-${booked.forskuddsskatt.kravId}`);
    expect((await title.innerText()).replace(/\n+/g, '\n')).toBe('Utskrevet forskuddsskatt, person 2024\nFristen er forfalt – forfallsdato 15.03.2024 (1 av 4) – Å betale 41\u00a0800,00 kroner');
    await title.click();
    expect(await title.getAttribute('aria-expanded')).toBe('true');
    const item = page.getByTestId(`krav-detaljer-${booked.forskuddsskatt.kravId}`);
    const kid = booked.forskuddsskatt.forfall[0]!.kid!;
    expect(await item.getByTestId('kid').innerText()).toBe(kid);
    expect(await item.getByTestId('kontonummer').innerText()).toBe('7694 05 24802');
    const skatt = (await enkView({ aapne: true })).aapne!.krav.find((k) => k.kravId === booked.forskuddsskatt.kravId)!;
    expect(await item.innerText()).toContain(`Forsinkelsesrenter hittil\n${formatKroner(skatt.stipulerteRenterOere)}`);
    expect(await item.getByRole('table', { name: /Innbetalt og motregnet/ }).innerText()).toContain('Motregnet mot Merverdiavgift til gode (januar - februar 2024)');
    await item.getByRole('button', { name: 'Kopier KID' }).click();
    await item.getByRole('status').filter({ hasText: 'KID er kopiert' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(kid);
    await visit('ubetalte-krav');
  });

  it('Betalte krav: choose the year, sort the table, open a claim and see the payment used with the account masked', async () => {
    const { page, origin } = h;
    await openMenu('Betalte krav');
    const table = page.getByRole('table', { name: 'Betalte krav 2024' });
    await table.waitFor();
    await page.getByLabel('År').selectOption('2023');
    await page.getByText('Ingen krav ble betalt i 2023 – se 2024').waitFor();
    expect(new URL(page.url()).search).toBe('?aar=2023');
    await page.getByLabel('År').selectOption('2024');
    await table.waitFor();
    const rowHeaders = () => table.locator('tbody th[scope="row"]').allInnerTexts();
    expect(await rowHeaders()).toEqual(['Arbeidsgiveravgift', 'Merverdiavgift', 'Arbeidsgiveravgift', 'Forskuddstrekk']);
    await table.getByRole('button', { name: /Beløp/ }).click();
    const amounts = await table.locator('tbody tr td:nth-child(3)').allInnerTexts();
    expect(amounts).toEqual(['9\u00a0600,00', '15\u00a0353,00', '18\u00a0400,00', '31\u00a0250,00']);

    const mva = page.getByTestId(`betalt-${booked.mva23_6.kravId}`);
    await mva.getByRole('button', { name: 'Detaljer' }).click();
    const used = page.getByRole('table', { name: /Innbetalinger brukt på Merverdiavgift/ });
    expect(await used.locator('tbody tr').allInnerTexts()).toEqual([
      ['Innbetalt OCR', '12.02.2024', '31\u00a0250,00', '31\u00a0250,00', '**** ** 78903'].join('\t'),
    ]);
    expect(await page.locator('main').innerText()).not.toContain('12345678903');
    await visit('betalte-krav');

    // The choice is the page itself: clicking navigates, and the radio is checked on the page it leads to
    // (a state check right after the click would race the navigation).
    await page.getByRole('radio', { name: 'Innbetalinger' }).click();
    await page.waitForURL(`${origin}/virksomhet/${testBusinesses.enk.orgnr}/innbetalinger?aar=2024`);
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Innbetalinger' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Innbetalinger' }).isChecked()).toBe(true);
  });

  it('Innbetalinger: the year\'s payments, each opening what it covered', async () => {
    const { page } = h;
    await openMenu('Innbetalinger');
    const table = page.getByRole('table', { name: 'Innbetalinger 2024' });
    await table.waitFor();
    expect(await table.locator('tbody th[scope="row"]').allInnerTexts()).toEqual(['02.04.2024', '12.02.2024', '15.01.2024', '15.01.2024']);
    await page.getByTestId(`innbetaling-${booked.senBetaling.innbetalingId}`).getByRole('button', { name: 'Detaljer' }).click();
    expect(await page.getByRole('table', { name: 'Dette dekket innbetalingen 02.04.2024' }).locator('tbody').innerText()).toBe(
      ['Arbeidsgiveravgift', '1. termin 2024', '15.03.2024', '15\u00a0353,00'].join('\t'),
    );
    await visit('innbetalinger');
  });

  it("Utbetalinger: the VAT credit paid out to the ENK's own account, opening the credit it settled", async () => {
    const { page } = h;
    await openMenu('Utbetalinger');
    const table = page.getByRole('table', { name: 'Utbetalinger 2024' });
    await table.waitFor();
    const row = page.getByTestId(`utbetaling-${booked.utbetaling.utbetalingId}`);
    expect(await row.innerText()).toContain('22.01.2024\t**** ** 78903\tUtbetalt\t3\u00a0750,00');
    await row.getByRole('button', { name: 'Detaljer' }).click();
    expect(await page.getByRole('table', { name: 'Dette gjorde utbetalingen 22.01.2024 opp' }).locator('tbody').innerText()).toContain('Merverdiavgift til gode\tseptember - oktober 2023');
    await visit('utbetalinger');
  });

  it('Kontoutskrift: downloads the xlsx for the chosen year, whose sheets and cells match the ledger view; and the CSV', async () => {
    const { page } = h;
    await openMenu('Kontoutskrift');
    await page.getByLabel('År').selectOption('2024');
    await visit('kontoutskrift');
    const folder = await mkdtemp(path.join(tmpdir(), 'kob-kontoutskrift-'));
    try {
      const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Last ned kontoutskrift for 2024 (Excel)' }).click()]);
      expect(xlsx.suggestedFilename()).toBe('kontoutskrift-311851381-2024.xlsx');
      const file = path.join(folder, xlsx.suggestedFilename());
      await xlsx.saveAs(file);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
      expect(book.worksheets.map((s) => s.name)).toEqual(['Kontoutskrift gjelder', 'Krav', 'Utbetalinger', 'Transaksjoner', 'Motregning']);
      const view = await enkView({ kravOpprettet: { fraOgMed: localDate('2024-01-01'), tilOgMed: localDate('2024-12-31') } });
      const krav = sheetRows(book.getWorksheet('Krav')!);
      expect(krav[0]).toEqual(kravkolonner);
      expect(krav).toHaveLength(view.kravOpprettet!.length + 1);
      const skatt = view.kravOpprettet!.find((k) => k.kravId === booked.forskuddsskatt.kravId)!;
      const skattRow = krav.find((r) => r[3] === skatt.beskrivelse)!;
      expect(skattRow.slice(4, 8)).toEqual([new Date(Date.UTC(2024, 2, 15)), skatt.opprinneligOere / 100, skatt.gjenstaaendeOere / 100, skatt.stipulerteRenterOere / 100]);
      expect(sheetRows(book.getWorksheet('Motregning')!)[1]!.slice(0, 2)).toEqual([new Date(Date.UTC(2024, 3, 10)), 6_200]);

      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Last ned for 2024 som CSV' }).click()]);
      expect(csv.suggestedFilename()).toBe('kontoutskrift-311851381-2024.csv');
      const csvFile = path.join(folder, csv.suggestedFilename());
      await csv.saveAs(csvFile);
      const text = await readFile(csvFile, 'utf8');
      expect(text.startsWith('\ufeff')).toBe(true);
      const rows = parseCsv(text.slice(1));
      expect(rows[0]).toEqual(kravkolonner);
      expect(rows).toHaveLength(sheetRows(book.getWorksheet('Transaksjoner')!).length);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('can be used with the keyboard alone: menu, opening a claim, copying its KID, sorting and opening a row', async () => {
    const { page, origin } = h;
    await page.goto(`${origin}/virksomhet/${testBusinesses.enk.orgnr}/`);
    await page.getByTestId('forfalte-krav').waitFor();
    await tabTo(page, /^Ubetalte krav \(5\)$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Ubetalte krav' }).waitFor();
    await tabTo(page, /Utskrevet forskuddsskatt, person 2024/);
    await page.keyboard.press('Enter');
    await page.getByTestId(`krav-detaljer-${booked.forskuddsskatt.kravId}`).getByTestId('kid').waitFor();
    await tabTo(page, /Kopier KID/);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'KID er kopiert' }).waitFor();

    await page.goto(`${origin}/virksomhet/${testBusinesses.enk.orgnr}/betalte-krav?aar=2024`);
    await page.getByRole('table', { name: 'Betalte krav 2024' }).waitFor();
    await tabTo(page, /^År/);
    await tabTo(page, /Beløp/);
    await page.keyboard.press('Enter');
    expect(await page.locator('tbody tr td:nth-child(3)').first().innerText()).toBe('9\u00a0600,00');
    await tabTo(page, /Detaljer/);
    await page.keyboard.press('Enter');
    await page.getByRole('table', { name: /Innbetalinger brukt på/ }).waitFor();
  });

  it('wrote a screenshot of every ledger page in this run', async () => {
    expect(shots.map((file) => file.split('/').at(-1))).toEqual(
      expect.arrayContaining(['krav-oversikt.png', 'ubetalte-krav.png', 'betalte-krav.png', 'innbetalinger.png', 'utbetalinger.png', 'kontoutskrift.png']),
    );
    for (const file of shots) expect((await stat(file)).mtimeMs).toBeGreaterThanOrEqual(runStartedMs - 1000);
  });
});
