import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { generateClientKey, registerClient } from '../../src/auth/index.js';
import { tokenFor } from '../support/auth.js';
import {
  acceptedConsent,
  callCalendarApi,
  registerTestVendor,
  sendVendorRequest,
  systemUserTokenResponse,
  type TestVendor,
  type VendorServer,
} from '../support/access-fixtures.js';
import { testBusinesses, testPersons } from '../support/portal-fixtures.js';
import { inspectPage, chooseBusiness, describeInBrowser, loginAs, startHarness, tabTo, type BrowserHarness } from './harness.js';

describeInBrowser('Min side: Systemtilganger in Chromium', () => {
  let h: BrowserHarness;
  let server: VendorServer;
  let smart: TestVendor;
  let rask: TestVendor;
  let kassa: TestVendor;
  const business = testBusinesses.as;
  const bank = { orgnr: '315600022', name: 'Demo Bank ASA' };
  let consentId: string;

  beforeAll(async () => {
    h = await startHarness();
    server = { app: h.app, db: h.db, clock: systemClock(), publicUrl: h.origin };
    smart = await registerTestVendor(server, { orgnr: '315600057', name: 'Smart Regnskap AS', system: 'smartregnskap', systemName: 'Smart Regnskap', isVisible: false });
    rask = await registerTestVendor(server, { orgnr: '315600014', name: 'Rask Faktura AS', system: 'raskfaktura', systemName: 'Rask Faktura', isVisible: false });
    kassa = await registerTestVendor(server, { orgnr: '315600073', name: 'Kassaskyen AS', system: 'kassaskyen', systemName: 'Kassaskyen', isVisible: true });
    await sendVendorRequest(server, smart, business.orgnr);
    await sendVendorRequest(server, rask, business.orgnr);
    consentId = await acceptedConsent(h.db, server.clock, bank, business.orgnr);
  });
  afterAll(async () => h?.close());

  const card = (testIdPrefix: string, text: string) => h.page.locator(`[data-testid^="${testIdPrefix}-"]`).filter({ hasText: text });

  /** A calendar subscription for the business made through the API with `token`; returns its feed URL. */
  async function subscribe(token: string): Promise<string> {
    const made = await h.app.inject({ method: 'POST', url: `/api/innkreving/kalendertjeneste/v1/abonnementer/${business.orgnr}`, headers: { authorization: `Bearer ${token}` } });
    expect(made.statusCode, made.body).toBe(201);
    return made.json<{ url: string }>().url;
  }
  const feedStatus = async (url: string) => {
    const response = await fetch(url);
    await response.text();
    return response.status;
  };
  /** Shows the page again after a change made outside it. */
  async function reloadPage(): Promise<void> {
    await h.page.reload();
    await h.page.getByRole('heading', { name: 'Systemer med tilgang' }).waitFor();
  }

  it('approves a pending vendor request: the vendor\'s token request then succeeds and the API answers 200', async () => {
    const { page, origin } = h;
    await loginAs(page, origin, testPersons.kari.navn);
    await chooseBusiness(page, origin, business.navn);
    await page.getByRole('navigation', { name: 'Min side' }).getByRole('link', { name: 'Systemtilganger' }).click();
    await page.getByRole('heading', { name: 'Forespørsler som venter på svar' }).waitFor();
    expect(await page.getByTestId('forespoersler').getByRole('listitem').count()).toBe(2);
    expect(await card('forespoersel', 'Smart Regnskap').innerText()).toMatch(/Smart Regnskap AS \(org\.nr\. 315 600 057\)[\s\S]*Krav og betalinger: se krav, innbetalinger og utbetalinger/);
    expect(await page.getByText('Ingen systemer har tilgang.').count()).toBe(1);
    await inspectPage(h, 'systemtilganger');

    expect((await systemUserTokenResponse(server, smart, business.orgnr)).json().error).toBe('invalid_altinn_customer_configuration');
    await card('forespoersel', 'Smart Regnskap').getByRole('button', { name: 'Godkjenn' }).click();
    const dialog = page.getByRole('dialog', { name: 'Godkjenne forespørselen?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(`for ${business.navn}`);
    await inspectPage(h, 'systemtilganger-godkjenn');
    await dialog.getByRole('button', { name: 'Ja, godkjenn' }).click();
    await page.getByRole('status').filter({ hasText: 'Smart Regnskap har fått systemtilgang.' }).waitFor();
    expect(await card('systembruker', 'Smart Regnskap').innerText()).toMatch(/Gitt \d\d\.\d\d\.\d{4} av Kari Nordmann/);

    const token = await systemUserTokenResponse(server, smart, business.orgnr);
    expect(token.statusCode).toBe(200);
    expect((await callCalendarApi(h.app, token.json().access_token, business.orgnr)).statusCode).toBe(200);
  });

  it('rejects a request with the keyboard alone: the vendor is refused a token', async () => {
    const { page } = h;
    await card('forespoersel', 'Rask Faktura').getByRole('button', { name: 'Avvis' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Avvise forespørselen?' }).waitFor();
    await tabTo(page, /^Ja, avvis$/);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Forespørselen fra Rask Faktura AS er avvist.' }).waitFor();
    // The list is read again after the answer; wait for it rather than look once.
    await page.getByText('Ingen forespørsler venter på svar.').waitFor();
    const refused = await systemUserTokenResponse(server, rask, business.orgnr);
    expect(refused.json()).toMatchObject({ error: 'invalid_altinn_customer_configuration', error_description: expect.stringContaining('status Rejected') });
  });

  it('creates a system user for a system picked from the register', async () => {
    const { page } = h;
    await page.getByRole('combobox', { name: 'System', exact: true }).selectOption({ label: 'Kassaskyen – Kassaskyen AS' });
    await page.getByRole('button', { name: 'Opprett systemtilgang' }).click();
    await page.getByRole('status').filter({ hasText: 'Kassaskyen har fått systemtilgang.' }).waitFor();
    expect(await card('systembruker', 'Kassaskyen').innerText()).toContain('av Kari Nordmann');
    expect((await systemUserTokenResponse(server, kassa, business.orgnr)).statusCode).toBe(200);
  });

  it('revokes the approved system user in the page, after naming the calendar subscription that ends with it: the next token request fails with Maskinporten\'s error', async () => {
    const { page } = h;
    const feed = await subscribe((await systemUserTokenResponse(server, smart, business.orgnr)).json<{ access_token: string }>().access_token);
    expect(await feedStatus(feed)).toBe(200);
    await reloadPage();
    expect(await card('systembruker', 'Smart Regnskap').innerText()).toMatch(/Kalenderabonnementer\s+1 aktivt/);
    expect(await card('systembruker', 'Kassaskyen').innerText()).toMatch(/Kalenderabonnementer\s+Ingen/);
    await card('systembruker', 'Smart Regnskap').getByRole('button', { name: 'Slett tilgangen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Slette systemtilgangen?' });
    await dialog.waitFor();
    expect(await dialog.getByTestId('abonnementer-som-avsluttes').innerText()).toMatch(
      new RegExp(`Dette kalenderabonnementet ble laget med tilgangen og slutter å virke med en gang:\\s+Frister for ${business.navn}, laget \\d\\d\\.\\d\\d\\.\\d{4} av API: 315600057 med systembruker`),
    );
    await inspectPage(h, 'systemtilganger-slett-med-abonnement');
    expect(await feedStatus(feed)).toBe(200);
    await dialog.getByRole('button', { name: 'Ja, slett' }).click();
    await page.getByRole('status').filter({ hasText: 'Tilgangen for Smart Regnskap er slettet.' }).waitFor();
    // The list is read again after the answer: wait for the card to go rather than look once.
    await card('systembruker', 'Smart Regnskap').waitFor({ state: 'detached' });
    expect(await feedStatus(feed)).toBe(410);
    const refused = await systemUserTokenResponse(server, smart, business.orgnr);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: 'invalid_altinn_customer_configuration' });
  });

  it('revokes a bank\'s consent, after naming the calendar subscription that ends with it, and shows it as withdrawn', async () => {
    const { page } = h;
    const { privateJwk, publicJwk } = await generateClientKey();
    const bankClient = await registerClient(h.db, server.clock, { org: bank.orgnr, name: 'Demo Bank kalender', scopes: ['skatteetaten:kalender'], publicJwk });
    const bankToken = await tokenFor(h.app, { client_id: bankClient.clientId, jwk: privateJwk }, server.clock, {
      audience: `${h.origin}/maskinporten/`,
      scope: 'skatteetaten:kalender',
      consent: { id: consentId, from: `urn:altinn:organization:identifier-no:${business.orgnr}` },
    });
    const feed = await subscribe(bankToken);
    await reloadPage();
    const consent = card('samtykke', bank.name);
    expect(await consent.innerText()).toMatch(/Gyldig til \d\d\.\d\d\.\d{4}/);
    expect(await consent.innerText()).toMatch(/Kalenderabonnementer\s+1 aktivt/);
    await consent.getByRole('button', { name: 'Trekk samtykket' }).click();
    const dialog = page.getByRole('dialog', { name: 'Trekke samtykket?' });
    expect(await dialog.getByTestId('abonnementer-som-avsluttes').innerText()).toMatch(/laget \d\d\.\d\d\.\d{4} av API: 315600022 med samtykke /);
    expect(await feedStatus(feed)).toBe(200);
    await dialog.getByRole('button', { name: 'Ja, trekk samtykket' }).click();
    await page.getByRole('status').filter({ hasText: `Samtykket til ${bank.name} er trukket.` }).waitFor();
    expect(await feedStatus(feed)).toBe(410);
    await card('samtykke', bank.name).getByText(/Trukket av/).waitFor();
    const withdrawn = await card('samtykke', bank.name).innerText();
    expect(withdrawn).toMatch(/Trukket av\s+Kari Nordmann/);
    expect(withdrawn).toMatch(/Trukket \d\d\.\d\d\.\d{4}/);
    expect(await card('samtykke', bank.name).getByRole('button').count()).toBe(0);
    await inspectPage(h, 'systemtilganger-etter-endringer');
  });

  it('shows an accountant a client\'s access without the buttons to change it', async () => {
    const { page, origin } = h;
    await sendVendorRequest(server, smart, testBusinesses.klient.orgnr);
    await h.context.clearCookies();
    await loginAs(page, origin, testPersons.ola.navn);
    await chooseBusiness(page, origin, testBusinesses.klient.navn);
    await page.goto(`${origin}/virksomhet/${testBusinesses.klient.orgnr}/systemtilganger`);
    await page.getByText('Du kan se tilgangene, men bare innehaver, daglig leder eller styreleder kan').waitFor();
    expect(await page.getByTestId('forespoersler').getByRole('listitem').count()).toBe(1);
    expect(await page.getByRole('main').getByRole('button').count()).toBe(0);
    await inspectPage(h, 'systemtilganger-regnskapsfoerer');
  });
});
