import { afterAll, beforeAll, expect, it } from 'vitest';
import { localDate } from '../../src/domain/dates.js';
import { toOere } from '../../src/domain/money.js';
import { bokfoerInnbetaling, bokfoerKrav, registrerParter } from '../../src/ledger/index.js';
import { krav, nyNoekkel, nyttFnr, nyttOrgnr } from '../ledger/fixtures.js';
import { inspectPage, describeInBrowser, startHarness, type BrowserHarness } from './harness.js';

describeInBrowser('Min side: Testdata in Chromium', () => {
  let h: BrowserHarness;
  const owner = { fnr: nyttFnr(), navn: 'Tora Testdata' };
  const leder = { fnr: nyttFnr(), navn: 'Leif Leder' };
  const enk = { orgnr: nyttOrgnr(), navn: 'Testdata Snekkeri' };
  const as = { orgnr: nyttOrgnr(), navn: 'Uplassert Handel AS' };

  beforeAll(async () => {
    h = await startHarness({ today: localDate('2026-06-20') });
    const { db } = h;
    await registrerParter(db, [
      { partId: owner.fnr, navn: owner.navn, registrertDato: localDate('2020-01-01') },
      { partId: leder.fnr, navn: leder.navn, registrertDato: localDate('2020-01-01') },
      { partId: enk.orgnr, navn: enk.navn, organisasjonsform: 'ENK', eierPartId: owner.fnr, registrertDato: localDate('2020-01-01'), mvaTermintype: 'tomaaneders' },
      { partId: as.orgnr, navn: as.navn, organisasjonsform: 'AS', registrertDato: localDate('2020-01-01') },
    ]);
    await db.insertInto('er_person_rolle').values({ orgnr: as.orgnr, fnr: leder.fnr, rolle: 'daglig_leder' }).execute();
    await bokfoerKrav(db, krav(enk.orgnr, localDate('2026-03-01'), [['2026-03-15', 4200]]));
    await bokfoerInnbetaling(db, { idempotencyKey: nyNoekkel(), bokfoertDato: localDate('2026-05-02'), partId: as.orgnr, beloepOere: toOere(50_000), melding: 'forskudd' });
  });
  afterAll(async () => h?.close());

  /** Ticks or unticks a situation with the keyboard (Space on the focused checkbox). */
  async function tick(name: string, checked: boolean): Promise<void> {
    const box = h.page.getByRole('checkbox', { name });
    if ((await box.isChecked()) === checked) return;
    await box.focus();
    await h.page.keyboard.press('Space');
    expect(await box.isChecked()).toBe(checked);
  }

  it('finds a business by situation from the front page, without logging in', async () => {
    const { page, origin } = h;
    await page.goto(`${origin}/`);
    await page.getByRole('link', { name: 'Søk i testdata og logg inn som den som representerer den' }).click();
    await page.getByRole('heading', { name: 'Testdata', level: 1 }).waitFor();
    expect(page.url()).toBe(`${origin}/testdata`);
    await page.getByRole('status').filter({ hasText: 'virksomheter passer' }).waitFor();
    await inspectPage(h, 'testdata');

    await tick('Har forfalte krav', true);
    await page.getByRole('combobox', { name: 'Organisasjonsform' }).selectOption('ENK');
    await page.getByRole('button', { name: 'Søk' }).click();
    await page.getByRole('status').filter({ hasText: '1 virksomhet passer' }).waitFor();
    const hit = page.getByTestId(`treff-${enk.orgnr}`);
    expect(await hit.innerText()).toMatch(new RegExp(`${enk.navn}[\\s\\S]*ENK[\\s\\S]*Forfalte krav[\\s\\S]*Mva: tomånedlig`));
    await inspectPage(h, 'testdata-treff');

    await tick('Har forfalte krav', false);
    await tick('Har innbetaling som ikke er plassert', true);
    await page.getByRole('combobox', { name: 'Organisasjonsform' }).selectOption('');
    await page.getByRole('button', { name: 'Søk' }).click();
    await page.getByTestId(`treff-${as.orgnr}`).getByRole('link', { name: `Logg inn som ${leder.navn} (daglig leder)` }).waitFor();
    expect(await page.getByTestId(`treff-${enk.orgnr}`).count()).toBe(0);
  });

  it('"Logg inn som" goes through the login with the person pre-selected, and lands on the business', async () => {
    const { page, origin } = h;
    await tick('Har innbetaling som ikke er plassert', false);
    await tick('Har forfalte krav', true);
    await page.getByRole('button', { name: 'Søk' }).click();
    await page.getByTestId(`treff-${enk.orgnr}`).getByRole('link', { name: `Logg inn som ${owner.navn} (innehaver)` }).click();

    await page.getByRole('heading', { name: 'Velg testperson' }).waitFor();
    const radio = page.getByRole('radio', { name: owner.navn });
    await radio.waitFor();
    expect(await radio.isChecked()).toBe(true);
    await inspectPage(h, 'velg-testperson-forhaandsvalgt');
    await page.getByRole('button', { name: 'Logg inn' }).click();

    await page.waitForURL(`${origin}/virksomhet/${enk.orgnr}/`);
    expect(await page.getByTestId('valgt-virksomhet').innerText()).toContain(enk.navn);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(enk.navn);
    expect(await page.getByRole('navigation', { name: 'Min side' }).getByRole('link').allInnerTexts()).toContain('Testdata');
    await inspectPage(h, 'oversikt-etter-logg-inn-som');
  });
});
