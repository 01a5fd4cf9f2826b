/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { nyttFnr, nyttOrgnr } from '../ledger/fixtures.js';
import { bookCalendarScenario, scenarioToday, type CalendarScenario } from '../support/calendar-scenario.js';
import { inspectPage, chooseBusiness, describeInBrowser, loginAs, startHarness, tabTo, type BrowserHarness } from './harness.js';

describeInBrowser('Min side: Frister og oppgaver in Chromium', () => {
  let h: BrowserHarness;
  let scenario: CalendarScenario;

  beforeAll(async () => {
    h = await startHarness({ today: scenarioToday });
    scenario = await bookCalendarScenario(h.db, nyttOrgnr(), nyttFnr());
    await h.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.origin });
  });
  afterAll(async () => h?.close());

  it('shows the year\'s deadlines with their dates and status texts, amounts and KIDs, and another year on request', async () => {
    const { page, origin } = h;
    await loginAs(page, origin, 'Kari Kalender');
    await chooseBusiness(page, origin, 'Kalender Rørlegger');
    await page.getByRole('navigation', { name: 'Min side' }).getByRole('link', { name: 'Frister og oppgaver' }).click();
    await page.getByRole('heading', { name: 'Oppgaver i 2026' }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/virksomhet\/[0-9]{9}\/frister-og-oppgaver$/);
    const aaret = page.getByTestId('oppgaver');
    // Åpne oppgaver: everything not done, the overdue first.
    const aapne = page.getByTestId('aapne-oppgaver').getByRole('listitem');
    expect(await aapne.first().innerText()).toMatch(/Forfalt|Ikke levert/);
    expect(await page.getByTestId('aapne-oppgaver').getByTestId('oppgave-mva-betaling-2026-01').count()).toBe(0);

    const mvaMelding = aaret.getByTestId('oppgave-mva-melding-2025-06');
    expect(await mvaMelding.innerText()).toMatch(/Frist 10\.02\.2026[\s\S]*Ikke levert/);
    const restskatt = aaret.getByTestId(`oppgave-kravforfall-${scenario.kravforfallId.restskatt1}`);
    const restskattText = await restskatt.innerText();
    expect(restskattText).toContain('Frist 14.07.2026');
    expect(restskattText).toContain('24 dager igjen');
    expect(restskattText).toMatch(/Å betale\s+3\u00a0000,00 kroner/);
    expect(restskattText).toContain(scenario.kid.restskatt);
    expect(await aaret.getByTestId('oppgave-mva-betaling-2026-01').innerText()).toContain('Betalt');
    expect(await aaret.getByTestId('oppgave-aga-forskuddstrekk-2026-03').innerText()).toMatch(/Delvis betalt/);
    expect(await aaret.getByTestId('oppgave-aga-forskuddstrekk-2026-03').innerText()).toMatch(/Beløp\s+12\u00a0000,00 kroner\s+Å betale\s+10\u00a0000,00 kroner/);
    expect(await aaret.getByTestId('oppgave-skattemelding-2025').innerText()).toContain('Frist 01.06.2026 (flyttet fra 31.05.2026, som ikke er en virkedag)');
    await inspectPage(h, 'frister-og-oppgaver');

    // The year rule's years only, and the year in the address.
    expect(await page.getByLabel('År').locator('option').allInnerTexts()).not.toContain('2027');
    await page.getByLabel('År').selectOption('2025');
    await page.getByRole('heading', { name: 'Oppgaver i 2025' }).waitFor();
    expect(new URL(page.url()).search).toBe('?aar=2025');
    await page.getByLabel('År').selectOption('2026');
    await page.getByRole('heading', { name: 'Oppgaver i 2026' }).waitFor();
  });

  it('"Legg til i kalender" shows a private URL once, with a copy button; the URL is an iCalendar feed until revoked, then 410 Gone', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Legg til i kalender' }).click();
    const field = page.getByLabel('Din kalenderadresse');
    await field.waitFor();
    const url = await field.inputValue();
    expect(url).toMatch(new RegExp(`^${h.origin}/kalender/[A-Za-z0-9_-]{43}\\.ics$`));
    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    const body = await feed.text();
    expect(body).toMatch(/^BEGIN:VCALENDAR/);
    expect(body).toContain(scenario.kid.restskatt);

    await page.getByRole('button', { name: 'Kopier adressen' }).click();
    await page.getByRole('status').filter({ hasText: 'Adressen er kopiert.' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    expect(await page.getByTestId('ny-kalenderadresse').innerText()).toMatch(/Google Kalender[\s\S]*Outlook[\s\S]*Apple Kalender/);
    expect(await page.getByTestId('kalenderadresser').getByRole('listitem').count()).toBe(1);
    expect(await page.getByTestId('kalenderadresser').innerText()).toContain('av Kari Kalender');
    await inspectPage(h, 'frister-kalenderadresse');

    // Revoked with the keyboard, after confirming in the dialog.
    await page.getByRole('button', { name: 'Trekk tilbake' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Trekke tilbake kalenderadressen?' });
    await dialog.waitFor();
    await inspectPage(h, 'frister-trekk-tilbake');
    await tabTo(page, /^Ja, trekk tilbake$/);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Kalenderadressen er trukket tilbake.' }).waitFor();
    // The list is read again after the answer: wait for it rather than look once.
    await page.getByText('Virksomheten har ingen aktive kalenderadresser.').waitFor();
    await page.getByLabel('Din kalenderadresse').waitFor({ state: 'detached' });
    expect((await fetch(url)).status).toBe(410);
  });
});
