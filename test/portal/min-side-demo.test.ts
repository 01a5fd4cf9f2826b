import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Innbetalinger, Utbetalinger } from '../../src/api/kravogbetalinger/index.js';
import { maskinportenIssuer, type DemoAccess } from '../../src/auth/index.js';
import { systemClock } from '../../src/clock.js';
import { localDate } from '../../src/domain/dates.js';
import type { AarValgSvar, BetalteKravSvar, KravOversiktSvar, UtbetalingerSvar } from '../../src/portal/api/reskontro-schemas.js';
import type { SystemtilgangerSvar } from '../../src/portal/api/systemtilganger-schemas.js';
import { demoBusinesses, seedDemo } from '../../src/testdata/index.js';
import { tokenFor } from '../support/auth.js';
import { describeEachDatabase } from '../support/databases.js';
import { parseCsv } from '../support/kontoutskrift-reader.js';
import { buildTestApp, csrfTokenOf, injectPublicUrl, InjectBrowser, loginAs, virksomhetApi } from '../support/portal-app.js';

/**
 * Min side on the demo dataset (`kob seed --demo`), as of 04.03.2026.
 *
 * Issue 13, item 3 (decision 0102): the kontoutskrift adds up. For every demo business and every
 * year the year rule offers, the CSV's Debet/Kredit summed over all the years is the balance
 * (Oversikt's saldo without the interest not yet charged), and each year's rows are the claims,
 * payments and payouts the Krav og betalinger API gives for that year, read with a real token;
 * the set-offs' two rows cancel.
 */
const today = localDate('2026-03-04');
const kravOgBetalinger = '/api/innkreving/kravogbetalinger/v1/regnskapssystem';

/** "-1234,56" → -123456 øre. */
const csvOere = (tekst: string) => Math.round(Number(tekst.replace(',', '.')) * 100);
const kronerOere = (kroner: number) => Math.round(kroner * 100);
/** "15.03.2024" → "2024-03-15". */
const isoDato = (tekst: string) => `${tekst.slice(6, 10)}-${tekst.slice(3, 5)}-${tekst.slice(0, 2)}`;

/** Amounts summed per date: rows of one kind in the CSV against the API's items of that kind. */
function perDato(poster: readonly (readonly [string, number])[]): Record<string, number> {
  const summer: Record<string, number> = {};
  for (const [dato, oere] of poster) summer[dato] = (summer[dato] ?? 0) + oere;
  return Object.fromEntries(Object.entries(summer).filter(([, oere]) => oere !== 0).sort(([a], [b]) => a.localeCompare(b)));
}

describeEachDatabase('Min side on the demo dataset', ({ handle }) => {
  let app: FastifyInstance;
  let demo: DemoAccess;
  const clock = systemClock(today);
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kob-kontoutskrift-'));
    demo = (await seedDemo(handle().db, { today, dataDir, publicUrl: injectPublicUrl, clock, reporting: { elapsedMs: () => 0 } })).access;
    app = await buildTestApp(handle(), {}, clock);
  });
  afterAll(async () => {
    await app?.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  /** The API's answer for the business, with the demo accounting system's token; undefined without a system user. */
  async function api<T>(orgnr: string, endepunkt: string, aar: number): Promise<T | undefined> {
    const token = await tokenFor(app, demo.regnskapssystem, clock, { systemUserOrg: orgnr, audience: maskinportenIssuer(injectPublicUrl) }).catch(() => undefined);
    if (token === undefined) return undefined;
    const response = await app.inject({ url: `${kravOgBetalinger}/${orgnr}/${endepunkt}?fraOgMed=${aar}-01-01&tilOgMed=${aar}-12-31`, headers: { authorization: `Bearer ${token}` } });
    const kode = response.json<{ kode?: string }>().kode;
    // KB-007: nothing in the period; KB-005: the token's system user has no access to this party (the accounting firm's agent).
    if (kode === 'KB-007') return { krav: [], innbetaling: [], utbetaling: [] } as T;
    if (kode === 'KB-005') return undefined;
    expect(response.statusCode, `${orgnr} ${endepunkt} ${aar}: ${response.body}`).toBe(200);
    return response.json<T>();
  }

  it('has a system user for every demo business: the one waiting is approved in Min side by its owner', async () => {
    const waiting = demoBusinesses.find((b) => b.orgnr === '310478717')!;
    const browser = new InjectBrowser(app);
    await loginAs(browser, waiting.personer[0]!.fnr);
    const csrf = await csrfTokenOf(browser);
    const tilganger = (await browser.get(virksomhetApi(waiting.orgnr, '/systemtilganger'))).json<SystemtilgangerSvar>();
    for (const request of tilganger.forespoersler) {
      const approved = await browser.request({ method: 'POST', url: virksomhetApi(waiting.orgnr, `/systemtilganger/forespoersler/${request.id}/godkjenn`), headers: { 'x-csrf-token': csrf } });
      expect(approved.statusCode, approved.body).toBe(200);
    }
  });

  it('names the accounting firm\'s clients by the names the ledger has for them, in its Systemtilganger (one source of names)', async () => {
    const firm = demoBusinesses.find((b) => b.orgnr === '315600030')!;
    const browser = new InjectBrowser(app);
    await loginAs(browser, firm.personer[0]!.fnr);
    const tilganger = (await browser.get(virksomhetApi(firm.orgnr, '/systemtilganger'))).json<SystemtilgangerSvar>();
    const klienter = tilganger.systembrukere.flatMap((s) => s.klienter);
    expect(klienter).toEqual([
      { orgnr: '313367002', navn: 'Fjellheim Rørleggerservice' },
      { orgnr: '314961900', navn: 'Solberg Bygg AS' },
    ]);
  });

  it('opens Utbetalinger and Betalte krav on the latest year with content: Nils\'s and Ingrid\'s payouts are not in 2026 (item 4)', async () => {
    for (const business of demoBusinesses.filter((b) => ['311851381', '314961900'].includes(b.orgnr))) {
      const browser = new InjectBrowser(app);
      await loginAs(browser, business.personer[0]!.fnr);
      const utbetalinger = (await browser.get(virksomhetApi(business.orgnr, '/utbetalinger'))).json<UtbetalingerSvar>();
      expect(utbetalinger.aar, business.navn).toBe(utbetalinger.aarMedInnhold[0]);
      expect(utbetalinger.aar, business.navn).toBeLessThan(2026);
      expect(utbetalinger.utbetalinger.length, business.navn).toBeGreaterThan(0);
      // The business year asked for: empty, with the year that has content named for the page's link.
      const iAar = (await browser.get(virksomhetApi(business.orgnr, '/utbetalinger?aar=2026'))).json<UtbetalingerSvar>();
      expect([iAar.aar, iAar.utbetalinger, iAar.aarMedInnhold[0]]).toEqual([2026, [], utbetalinger.aar]);
      const betalte = (await browser.get(virksomhetApi(business.orgnr, '/krav/betalte'))).json<BetalteKravSvar>();
      expect(betalte.aar).toBe(betalte.aarMedInnhold[0]);
      expect(betalte.krav.length).toBeGreaterThan(0);
    }
  });

  for (const business of demoBusinesses) {
    it(`${business.orgnr} ${business.navn}: Debet/Kredit over all years is the balance, and each year is the API's`, async () => {
      const browser = new InjectBrowser(app);
      await loginAs(browser, business.personer[0]!.fnr);
      const get = (sti: string) => browser.get(virksomhetApi(business.orgnr, sti));
      const { aarValg } = (await get('/krav/aar')).json<AarValgSvar>();
      let totalOere = 0;
      let medApi = 0;
      for (const aar of aarValg) {
        const response = await get(`/kontoutskrift?aar=${aar}&format=csv`);
        expect(response.statusCode, `${aar}`).toBe(200);
        const rader = parseCsv(response.body.slice(1)).slice(1);
        const beloep = (rad: readonly string[]) => csvOere(rad[5]!);
        totalOere += rader.reduce((sum, rad) => sum + beloep(rad), 0);

        const art = (rad: readonly string[]) => /^(Innbetaling|Utbetaling|Motregning)[:,]/.exec(rad[3]!)?.[1] ?? 'Forfall';
        const av = (navn: string) => rader.filter((rad) => art(rad) === navn).map((rad) => [isoDato(rad[4]!), beloep(rad)] as const);
        const motregninger = av('Motregning');
        expect(motregninger.reduce((sum, [, oere]) => sum + oere, 0), `set-offs ${aar}`).toBe(0);

        const krav = await api<{ krav?: { kravforfall: { forfallsdato: string; opprinneligBeloep: number }[] }[] }>(business.orgnr, 'krav', aar);
        const innbetalinger = await api<Innbetalinger>(business.orgnr, 'innbetalinger', aar);
        const utbetalinger = await api<Utbetalinger>(business.orgnr, 'utbetalinger', aar);
        if (krav === undefined || innbetalinger === undefined || utbetalinger === undefined) continue;
        medApi++;
        const apiForfall = (krav.krav ?? []).flatMap((k) => k.kravforfall.map((f) => [f.forfallsdato, kronerOere(f.opprinneligBeloep)] as const));
        expect(av('Forfall').map(([dato, oere]) => `${dato} ${oere}`).sort(), `claims ${aar}`).toEqual(apiForfall.map(([dato, oere]) => `${dato} ${oere}`).sort());
        const apiInn = (innbetalinger.innbetaling ?? []).map((i) => [i.innbetalingsdato, kronerOere(i.innbetaltBeloep)] as const); // published negative (kredit)
        expect(perDato(av('Innbetaling')), `payments ${aar}`).toEqual(perDato(apiInn));
        const apiUt = (utbetalinger.utbetaling ?? []).map((u) => [u.utbetaltdato, kronerOere(u.utbetaltBeloep)] as const);
        expect(perDato(av('Utbetaling')), `payouts ${aar}`).toEqual(perDato(apiUt));
      }
      // Every year compared with the API, except for the accounting firm itself (its system user is the agent's, for its clients).
      if (business.orgnr !== '315600030') expect(medApi).toBe(aarValg.length);
      const oversikt = (await get('/krav/oversikt')).json<KravOversiktSvar>();
      expect(totalOere).toBe(oversikt.saldoOere - oversikt.stipulerteRenterOere);
    });
  }
});
