import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { maskinportenIssuer, signGrant, tokenRequestBody, type DemoClientFile } from '../../../src/auth/index.js';
import { systemClock } from '../../../src/clock.js';
import { localDate } from '../../../src/domain/dates.js';
import { buildApp } from '../../../src/server.js';
import { ocrGiroFil } from '../../support/bankfil-builders.js';
import { seedDemo, testConfig } from '../../support/auth.js';
import { describeEachDatabase } from '../../support/databases.js';
import { freePort } from '../../support/free-port.js';

/**
 * An accounting-system vendor's own test, written only with HTTP against a listening server (what
 * the README's curl lines do): make a business, give it a claim, move the business date past the
 * due date and see interest, pay principal and interest with an OCR giro file, and see the claim
 * settled through the real Krav og betalinger API. The only thing it has beforehand is what a
 * vendor has: its Maskinporten client (the demo vendor's credentials file).
 */
describeEachDatabase('a vendor’s test over HTTP: business, claim, interest, OCR file, settled', ({ handle, kind }) => {
  let app: FastifyInstance;
  let base: string;
  let vendor: DemoClientFile;
  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // A sandbox's clock: real time for tokens, the business date fixed (KOB_TODAY).
    const clock = systemClock(localDate('2026-01-15'));
    app = await buildApp({ db: handle().db, databaseKind: kind, clock, config: testConfig({ publicUrl: base }), logger: false });
    await app.listen({ port, host: '127.0.0.1' });
    vendor = (await seedDemo(handle().db, clock)).regnskapssystem;
  });
  afterAll(() => app.close());

  /** POST /maskinporten/token with a grant signed by the vendor's key, as any Maskinporten client does. */
  async function token(scope: string, systemUserOrg?: string): Promise<string> {
    const grant = await signGrant({ clientId: vendor.client_id, jwk: vendor.jwk, audience: maskinportenIssuer(base), scope, nowSeconds: Math.floor(Date.now() / 1000), systemUserOrg });
    const response = await fetch(`${base}/maskinporten/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: tokenRequestBody(grant) });
    expect(response.status, await response.clone().text()).toBe(200);
    return ((await response.json()) as { access_token: string }).access_token;
  }

  it('walks through it, and the re-delivered file books nothing twice', async () => {
    const testdata = await token('kob:testdata');
    const call = async (path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) => {
      const response = await fetch(`${base}${path}`, { method: init.method ?? 'GET', body: init.body, headers: { authorization: `Bearer ${testdata}`, ...init.headers } });
      return { status: response.status, body: await response.json() };
    };
    const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) => call(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

    // 1. A business, with a system user for this vendor's system.
    const virksomhet = await postJson('/api/testdata/v1/virksomheter', { organisasjonsform: 'AS', systembruker: true });
    expect(virksomhet.status).toBe(201);
    const orgnr: string = virksomhet.body.organisasjonsnummer;

    // 2. A claim of 10 000 kr due 15 February.
    const krav = await postJson('/api/testdata/v1/krav', { partIdentifikator: orgnr, kravtype: 'ARBGAVG', beloep: 10000, forfallsdato: '2026-02-15' });
    expect(krav.status).toBe(201);
    const { kravidentifikator, kidnummer, kontonummer } = krav.body;

    // 3. A month past the due date, the real API shows interest accruing.
    const api = await token('skatteetaten:kravogbetalinger', orgnr);
    const aapneKrav = async (dato: string) => {
      const response = await fetch(`${base}/api/innkreving/kravogbetalinger/v1/regnskapssystem/${orgnr}/aapnekrav`, { headers: { authorization: `Bearer ${api}`, 'kob-forretningsdato': dato } });
      expect(response.status).toBe(200);
      return (await response.json()) as { aapentKravMedGjenstaaendeBeloep?: { kravidentifikator: string; gjenstaaendeBeloep: number; stipulerteRenter?: number }[]; totalOversikt: { saldo: number } };
    };
    const beforeDue = await aapneKrav('2026-02-10');
    expect(beforeDue.aapentKravMedGjenstaaendeBeloep).toEqual([expect.objectContaining({ kravidentifikator, gjenstaaendeBeloep: 10000 })]);
    expect(beforeDue.aapentKravMedGjenstaaendeBeloep![0]!.stipulerteRenter ?? 0).toBe(0);
    const late = await aapneKrav('2026-03-17');
    const renter = late.aapentKravMedGjenstaaendeBeloep![0]!.stipulerteRenter!;
    expect(renter).toBeGreaterThan(0);

    // 4. The business pays principal and interest; the bank's OCR giro file arrives on 17 March.
    const ocr = ocrGiroFil({ forsendelsesnummer: '5001', oppdragskonto: kontonummer, oppgjoersdato: '2026-03-17', betalinger: [{ beloepOere: Math.round((10000 + renter) * 100), kid: kidnummer, oppdragsdato: '2026-03-17' }] });
    const fil = { method: 'POST', body: ocr, headers: { 'content-type': 'text/plain', 'kob-forretningsdato': '2026-03-17' } };
    const booked = await call('/api/testdata/v1/innbetalingsfiler', fil);
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({ antallTransaksjoner: 1, bokfoertBeloep: 10000 + renter, plassertBeloep: 10000 + renter, uplassertBeloep: 0, uidentifisertBeloep: 0, antallAvvist: 0 });
    const again = await call('/api/testdata/v1/innbetalingsfiler', fil);
    expect(again).toEqual({ status: 200, body: booked.body });

    // 5. Settled: nothing open, the claim and the interest it caused paid, seen through the real API.
    const settled = await aapneKrav('2026-03-17');
    expect(settled.aapentKravMedGjenstaaendeBeloep ?? []).toEqual([]);
    expect(settled.totalOversikt.saldo).toBe(0);
    const alle = await fetch(`${base}/api/innkreving/kravogbetalinger/v1/regnskapssystem/${orgnr}/krav?fraOgMed=2026-01-01&tilOgMed=2026-03-17`, { headers: { authorization: `Bearer ${api}`, 'kob-forretningsdato': '2026-03-17' } });
    const kravene = ((await alle.json()) as { krav: { kravidentifikator: string; kravtype: string; opprinneligBeloep: number; gjenstaaendeBeloep: number }[] }).krav;
    expect(kravene.map((k) => [k.kravtype, k.opprinneligBeloep, k.gjenstaaendeBeloep])).toEqual([
      ['ARBGAVG', 10000, 0],
      ['Forsinkelsesrente', renter, 0],
    ]);
  });
});
