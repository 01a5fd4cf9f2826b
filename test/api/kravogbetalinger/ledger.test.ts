import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuthServices, DemoAccess } from '../../../src/auth/index.js';
import { AapneKrav, AlleKrav, Innbetalinger, Utbetalinger, type Krav } from '../../../src/api/kravogbetalinger/index.js';
import { bokfoerInnbetaling, registrerParter, registrerUtbetalingReturnert } from '../../../src/ledger/index.js';
import { buildApp } from '../../../src/server.js';
import { acceptDemoConsent, approveDemoSystemUser } from '../../support/api-access.js';
import { closed, readJson, schemaErrors } from '../../support/api-schemas.js';
import { seedDemo, testClock, testConfig, tokenFor, type TestClock } from '../../support/auth.js';
import { describeEachDatabase } from '../../support/databases.js';
import { bookHistory, eier, enk } from '../../ledger/august-2023-history.js';
import { d, kr, nyNoekkel } from '../../ledger/fixtures.js';

/**
 * The API over the ledger, end to end: the published August 2023 history booked through the
 * ledger's commands, read through the real server with tokens from the real token endpoint, for
 * both rights packages, as of 2023-08-28.
 */
const published = {
  aapneKrav: readJson('test/fixtures/examples/history/2023-08-28/aapnekrav.json') as AapneKrav,
  krav: readJson('test/fixtures/examples/history/2023-08-28/krav.json') as AlleKrav,
  innbetalinger: readJson('test/fixtures/examples/history/2023-08-28/innbetalinger.json') as Innbetalinger,
};
const prefix = '/api/innkreving/kravogbetalinger/v1';
const year2022 = 'fraOgMed=2022-01-01&tilOgMed=2022-12-31';
/** Known to Altinn with a system user and a consent, unknown to the ledger. */
const notInLedger = '311851381';
/** A published test business without a consent to the demo bank. */
const withoutConsent = '314961900';

describeEachDatabase('Krav og betalinger over the ledger', ({ handle, kind }) => {
  let app: FastifyInstance;
  let auth: AuthServices;
  let clock: TestClock;
  let demo: DemoAccess;
  let consent: { id: string; from: string };
  const vendorToken = (party: string, scope?: string) => tokenFor(app, demo.regnskapssystem, clock, { systemUserOrg: party, ...(scope ? { scope } : {}) });
  const bankToken = (grant = consent) => tokenFor(app, demo.finans, clock, { consent: grant });
  const get = (path: string, token: string | undefined, headers: Record<string, string> = {}) =>
    app.inject({ url: `${prefix}/${path}`, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });

  beforeAll(async () => {
    const { db } = handle();
    clock = testClock(Date.UTC(2023, 7, 28, 10, 0, 0));
    const config = testConfig();
    app = await buildApp({ db, databaseKind: kind, clock, config, logger: false });
    auth = app.kobAuth;
    await app.ready();
    demo = await seedDemo(db, clock);
    await approveDemoSystemUser(auth.altinn, enk);
    consent = await acceptDemoConsent(auth.altinn, enk);
    await bookHistory(db);
  });

  describe('/aapnekrav reproduces the published August 2023 example', () => {
    let body: AapneKrav;
    beforeAll(async () => {
      const response = await get(`regnskapssystem/${enk}/aapnekrav`, await vendorToken(enk));
      expect(response.statusCode, response.body).toBe(200);
      body = response.json();
    });

    it('validates against the closed schema', () => {
      expect(schemaErrors(closed(AapneKrav), body)).toBe('');
    });

    it('gives the published sums of every group; stipulerte renter by our rule (decision 0005)', () => {
      const sums = (g: { kravgruppe: string; sumForfalteKrav: number; sumIkkeForfalteKrav: number }) => [g.kravgruppe, g.sumForfalteKrav, g.sumIkkeForfalteKrav];
      expect(body.oversiktPerKravgruppe!.map(sums)).toEqual(published.aapneKrav.oversiktPerKravgruppe!.map(sums));
      // Published: 8 424, 800, 2 839, 7 061. The last three fit no single rule with the first (decision 0005).
      expect(body.oversiktPerKravgruppe!.map((g) => g.sumStipulerteRenter)).toEqual([8_424, 824, 2_924, 7_082]);
      const interestDifference = 824 - 800 + (2_924 - 2_839) + (7_082 - 7_061);
      expect(body.totalOversikt).toEqual({
        ...published.aapneKrav.totalOversikt,
        sumStipulerteRenter: published.aapneKrav.totalOversikt.sumStipulerteRenter + interestDifference,
        saldo: published.aapneKrav.totalOversikt.saldo + interestDifference,
      });
      expect(body.totalOversikt.saldo).toBe(243_221);
    });

    it('lists the published open claims, the owner’s forskuddsskatt included, with their due items, KIDs and accounts', () => {
      const claim = (k: Krav) => ({
        partIdentifikator: k.partIdentifikator,
        kravtype: k.kravtype,
        kravgruppe: k.kravgruppe,
        opprinneligBeloep: k.opprinneligBeloep,
        gjenstaaendeBeloep: k.gjenstaaendeBeloep,
        kravperiode: k.kravperiode,
        opprettelsesdatoForKrav: k.opprettelsesdatoForKrav,
        fastsettingsmaate: k.fastsettingsmaate,
        forfall: k.kravforfall.map((f) => {
          const { bankinformasjon: _bank, ...konto } = f.betalingsinformasjon.konto ?? {};
          return [f.forfallsdato, f.opprinneligBeloep, f.gjenstaaendeBeloep, f.betalingsinformasjon.kidnummer, konto];
        }),
      });
      const byType = (a: Krav, b: Krav) => a.kravtype.localeCompare(b.kravtype);
      expect([...body.aapentKravMedGjenstaaendeBeloep!].sort(byType).map(claim)).toEqual([...published.aapneKrav.aapentKravMedGjenstaaendeBeloep!].sort(byType).map(claim));
      expect(body.aapentKravMedGjenstaaendeBeloep!.find((k) => k.partIdentifikator === eier)?.kravtype).toBe('UTSKR_FORSKSKATT');
    });

    it('shows the paid instalment with the payment placed on it: a movement on the item, the payment itself a credit (decision 0034)', () => {
      const forskudd = body.aapentKravMedGjenstaaendeBeloep!.find((k) => k.kravtype === 'UTSKR_FORSKSKATT')!;
      const paid = forskudd.kravforfall[0]!;
      expect(paid.plassertInnbetaling).toHaveLength(1);
      expect(paid.plassertInnbetaling![0]).toMatchObject({ plassertBeloep: -23_750, innbetaltBeloep: -23_750, innbetalingsdato: '2022-03-15', innbetalingstype: 'Innbetalt OCR' });
      expect(paid.gjenstaaendeBeloep).toBe(paid.opprinneligBeloep + paid.plassertInnbetaling![0]!.plassertBeloep);
    });
  });

  it('/krav shows a set-off on both sides and a payout on the credit it paid', async () => {
    const response = await get(`regnskapssystem/${enk}/krav?${year2022}`, await vendorToken(enk));
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<AlleKrav>();
    expect(schemaErrors(closed(AlleKrav), body)).toBe('');
    const credit = body.krav!.find((k) => k.kravtype === 'Fors.rente kredit')!;
    // As published: +10.0 on the credit item, -10.0 on the interest item it was set off against.
    expect(credit.kravforfall[0]!.plassertMotkrav).toEqual([expect.objectContaining({ plassertBeloep: 10, kravtype: 'Forsinkelsesrente', forfallsdato: '2022-01-17' })]);
    const interest = body.krav!.find((k) => k.kravforfall[0]!.plassertMotkrav?.length)!;
    expect(interest.kravtype).toBe('Forsinkelsesrente');
    expect(interest.kravforfall[0]!.plassertMotkrav).toEqual([expect.objectContaining({ plassertBeloep: -10, kravtype: 'Fors.rente kredit' })]);
    const refund = body.krav!.find((k) => k.kravtype === 'KRAV_UTBET_KRED')!;
    expect(refund).toMatchObject({ partIdentifikator: eier, opprinneligBeloep: -18_335, gjenstaaendeBeloep: 0 });
    expect(refund.kravforfall[0]!.plassertUtbetaling).toEqual([expect.objectContaining({ utbetaltBeloep: 18_335, plassertBeloep: 18_335, utbetaltDato: '2022-01-19' })]);
  });

  /**
   * The objects Skatteetaten's OpenAPI 1.1.1 adds (TheTechArch/altinn-systemuser,
   * `…/Models/KravOgBetalinger/Krav.cs`, `MotregningAvKreditkrav.cs`, `DekketKrav.cs`, `HovedKrav.cs`,
   * `Innbetaling.cs`, `GrunnlagForUtbetaling.cs`) over the published August 2023 history, with the
   * example's figures where it has them (decisions 0164, 0165).
   */
  it('/krav: the interest the ledger posted on the late VAT payment says blank, as published; the −10 kr credit tells its set-off', async () => {
    const body = (await get(`regnskapssystem/${enk}/krav?${year2022}`, await vendorToken(enk))).json<AlleKrav>();
    // Published: KRAV-33243589, Forsinkelsesrente 439.0 on KRAV-33158653, "fastsettingsmaate": "blank".
    const publishedInterest = published.krav.krav!.find((k) => k.kravtype === 'Forsinkelsesrente')!;
    const interest = body.krav!.find((k) => k.kravtype === 'Forsinkelsesrente' && k.opprinneligBeloep === publishedInterest.opprinneligBeloep)!;
    expect(interest.fastsettingsmaate).toBe(publishedInterest.fastsettingsmaate);
    expect(interest.fastsettingsmaate).toBe('blank');
    // The tax ledger's claims carry none, as published.
    const agas = body.krav!.filter((k) => k.kravtype === 'ARBGAVG');
    expect(agas.length).toBeGreaterThan(0);
    expect(agas.every((k) => k.fastsettingsmaate === undefined)).toBe(true);
    const credit = body.krav!.find((k) => k.kravtype === 'Fors.rente kredit')!;
    expect(credit.motregningAvKreditkrav).toEqual({
      motregningsidentifikator: expect.stringMatching(/^[0-9]+$/),
      innkrevingsmyndighet: { spraakTekst: [{ tekst: 'Skatteetaten', spraak: 'nb' }] },
      hovedkrav: { kreditkravBruktIMotregning: [{ kravforfallsIdentifikator: credit.kravforfall[0]!.kravforfallsIdentifikator, gjenstaaendeBeloep: 0, kravbeskrivelse: credit.kravbeskrivelse, kravperiode: credit.kravperiode }] },
      // As the published plassertMotkrav: 10.0 set off 2022-02-01 against the interest item due 2022-01-17, which accrues no interest itself.
      dekketkrav: [{ motregnetBeloep: 10, dekketKravBeskrivelse: interest.kravbeskrivelse, innkrevingsmyndighet: { spraakTekst: [{ tekst: 'Skatteetaten', spraak: 'nb' }] }, forfallsdato: '2022-01-17', kreditorsnavn: { spraakTekst: [{ tekst: 'Skatteetaten', spraak: 'nb' }] } }],
      motregnetdato: '2022-02-01',
    });
    expect(body.krav!.filter((k) => k.motregningAvKreditkrav !== undefined)).toEqual([credit]);
  });

  it('/innbetalinger: the receiving account as a full Bankkonto; the payment refunded in part shows the payout that paid it back', async () => {
    const body = (await get(`regnskapssystem/${enk}/innbetalinger?${year2022}`, await vendorToken(enk))).json<Innbetalinger>();
    expect(schemaErrors(closed(Innbetalinger), body)).toBe('');
    const owner = body.innbetaling!.find((i) => i.innbetaltBeloep === -35_000)!;
    const publishedOwner = published.innbetalinger.innbetaling!.find((i) => i.innbetaltBeloep === -35_000)!;
    // Published: {"kontonummer":"76940524802"}; the same account with what else is known of it.
    expect(owner.mottakersKontonummer).toEqual({ ...publishedOwner.mottakersKontonummer, kontoeiersNavn: 'SKATTEETATEN - SKATTEINNKREVING', bankinformasjon: 'DNB Bank ASA', iban: 'NO42 7694 0524 802', swiftBIC: 'DNBANOKKXXX' });
    // Published: the 18 335 kr rest went back by payout 74423415 on 2022-01-19 (KRAV_UTBET_KRED).
    expect(owner.plassertUtbetaling).toEqual([
      { utbetalingsidentifikator: expect.any(String), utbetaltdato: '2022-01-19', utbetaltBeloep: 18_335, betaltTil: expect.objectContaining({ konto: expect.objectContaining({ kontonummer: '54221361434' }) }) },
    ]);
    expect(owner.motregningAvInnbetaling).toBeUndefined();
    expect(body.innbetaling!.filter((i) => i.plassertUtbetaling !== undefined)).toEqual([owner]);
  });

  it('/innbetalinger: payments as credits, their placements positive, payer accounts masked as published', async () => {
    const response = await get(`finans/${enk}/innbetalinger?${year2022}`, await bankToken());
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<Innbetalinger>();
    expect(schemaErrors(closed(Innbetalinger), body)).toBe('');
    const vat = body.innbetaling!.find((i) => i.innbetaltBeloep === -51_433)!;
    const publishedVat = published.innbetalinger.innbetaling!.find((i) => i.innbetaltBeloep === -51_433)!;
    expect(vat.innbetaltFra.konto).toEqual(publishedVat.innbetaltFra.konto);
    expect(vat.plassertKrav!.map((p) => [p.plassertBeloep, p.kravforfallsdato, p.opprinneligKravforfallsbeloep, p.gjenstaaendeKravforfallsbeloep])).toEqual([
      [51_321, '2021-12-10', 51_321, 0],
      [112, '2022-01-17', 439, 0],
    ]);
    for (const payment of body.innbetaling!) {
      const placed = kr(payment.plassertKrav?.reduce((sum, p) => sum + p.plassertBeloep, 0) ?? 0);
      expect(kr(-payment.innbetaltBeloep)).toBe(placed + kr(-payment.uplassertBeloep));
    }
  });

  it('/utbetalinger: the ENK’s view holds its owner’s payout, with the credit it paid', async () => {
    const response = await get(`regnskapssystem/${enk}/utbetalinger?${year2022}`, await vendorToken(enk));
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<Utbetalinger>();
    expect(schemaErrors(closed(Utbetalinger), body)).toBe('');
    expect(body.utbetaling).toEqual([
      expect.objectContaining({
        partIdentifikator: eier,
        utbetaltdato: '2022-01-19',
        utbetaltBeloep: 18_335,
        utbetalingstatus: 'bekreftet',
        betaltTil: expect.objectContaining({ konto: expect.objectContaining({ kontonummer: '54221361434' }), valutakode: 'NOK' }),
        grunnlagForUtbetaling: {
          kreditKrav: [expect.objectContaining({ kravtype: 'KRAV_UTBET_KRED', opprinneligBeloep: -18_335, gjenstaaendeBeloep: 0, utbetaltBeloep: 18_335 })],
          // OpenAPI 1.1.1's GrunnlagForUtbetaling.tilbakebetalingAv: the refund names the payment it paid back (decision 0165).
          tilbakebetalingAv: [expect.objectContaining({ innbetalingsdato: '2022-01-17', innbetaltBeloep: -35_000, utbetaltBeloep: 18_335, innbetalingstype: 'Bankoverføring' })],
        },
      }),
    ]);
  });

  describe('access through both rights packages', () => {
    it('finans with the party’s consent gets the same body as regnskapssystem with its system user', async () => {
      const viaBank = await get(`finans/${enk}/aapnekrav`, await bankToken());
      const viaVendor = await get(`regnskapssystem/${enk}/aapnekrav`, await vendorToken(enk));
      expect(viaBank.statusCode).toBe(200);
      expect(viaBank.body).toBe(viaVendor.body);
    });

    it('refuses another party’s data: KB-005 for the system user and the consent of someone else', async () => {
      const foreignSystemUser = await get(`regnskapssystem/${withoutConsent}/aapnekrav`, await vendorToken(enk));
      expect(foreignSystemUser.statusCode).toBe(403);
      expect(foreignSystemUser.json()).toMatchObject({ kode: 'KB-005' });
      const foreignConsent = await get(`finans/${withoutConsent}/aapnekrav`, await bankToken());
      expect(foreignConsent.statusCode).toBe(403);
      expect(foreignConsent.json().melding).toContain(`ikke fra parten urn:altinn:organization:identifier-no:${withoutConsent}`);
    });

    it('refuses the wrong mechanism for the package: KB-005', async () => {
      expect((await get(`finans/${enk}/aapnekrav`, await vendorToken(enk))).statusCode).toBe(403);
      expect((await get(`regnskapssystem/${enk}/aapnekrav`, await bankToken())).statusCode).toBe(403);
    });

    it('refuses a missing token and a token without the API scope: KB-004', async () => {
      const missing = await get(`regnskapssystem/${enk}/aapnekrav`, undefined);
      expect(missing.statusCode).toBe(401);
      expect(missing.json()).toMatchObject({ kode: 'KB-004' });
      const wrongScope = await get(`regnskapssystem/${enk}/aapnekrav`, await vendorToken(enk, 'skatteetaten:kalender'));
      expect(wrongScope.statusCode).toBe(401);
      expect(wrongScope.json().melding).toContain('skatteetaten:kravogbetalinger');
    });

    it('KB-009 for a party the ledger does not know, once access is granted', async () => {
      const response = await get(`regnskapssystem/${notInLedger}/aapnekrav`, await vendorToken(notInLedger));
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ kode: 'KB-009' });
    });

    it('KB-007 for a period with nothing in it', async () => {
      const response = await get(`regnskapssystem/${enk}/utbetalinger?fraOgMed=2023-01-01&tilOgMed=2023-08-28`, await vendorToken(enk));
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ kode: 'KB-007' });
    });
  });

  it('answers 304 while nothing changed for the party, and a new body after a payment', async () => {
    const token = await vendorToken(enk);
    const first = await get(`regnskapssystem/${enk}/aapnekrav`, token);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\//);
    expect((await get(`regnskapssystem/${enk}/aapnekrav`, token, { 'if-none-match': etag })).statusCode).toBe(304);
    // Another party's booking leaves this one's tag alone.
    await registrerParter(handle().db, [{ partId: notInLedger, navn: 'Annen AS', organisasjonsform: 'AS', registrertDato: d('2020-01-01') }]);
    await bokfoerInnbetaling(handle().db, { idempotencyKey: nyNoekkel('etag'), bokfoertDato: d('2023-08-28'), partId: notInLedger, beloepOere: kr(100) });
    expect((await get(`regnskapssystem/${enk}/aapnekrav`, token, { 'if-none-match': etag })).statusCode).toBe(304);
    await bokfoerInnbetaling(handle().db, { idempotencyKey: nyNoekkel('etag'), bokfoertDato: d('2023-08-28'), partId: enk, beloepOere: kr(1_000) });
    const changed = await get(`regnskapssystem/${enk}/aapnekrav`, token, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  describe('shielding decides by rights package (decision 0040)', () => {
    beforeAll(async () => {
      await registrerParter(handle().db, [{ partId: eier, navn: 'Gurcharan Singh', registrertDato: d('2015-01-01'), forskuddspliktig: true, utbetalingskonto: '54221361434', skjermet: true }]);
    });

    it('regnskapssystem keeps every amount but no payer or payee account, name or message', async () => {
      const response = await get(`regnskapssystem/${enk}/innbetalinger?${year2022}`, await vendorToken(enk));
      const body = response.json<Innbetalinger>();
      expect(body.skjermet).toBe(true);
      expect(schemaErrors(closed(Innbetalinger), body)).toBe('');
      expect(body.innbetaling!.length).toBeGreaterThan(0);
      for (const payment of body.innbetaling!) {
        expect(payment.innbetaltFra).not.toHaveProperty('konto');
        expect(payment.innbetaltFra).not.toHaveProperty('meldingSendtTilMottaker');
      }
      const payouts = await get(`regnskapssystem/${enk}/utbetalinger?${year2022}`, await vendorToken(enk));
      expect(payouts.json<Utbetalinger>().utbetaling![0]!.betaltTil).toEqual({ valutakode: 'NOK' });
    });

    it('finans gets the sums but no claim or payment, and the period endpoints only the request', async () => {
      const open = await get(`finans/${enk}/aapnekrav`, await bankToken());
      const body = open.json<AapneKrav>();
      expect(body).toMatchObject({ partIdentifikator: enk, skjermet: true });
      expect(body).not.toHaveProperty('aapentKravMedGjenstaaendeBeloep');
      const full = await get(`regnskapssystem/${enk}/aapnekrav`, await vendorToken(enk));
      expect(body.totalOversikt).toEqual(full.json<AapneKrav>().totalOversikt);
      expect(body.oversiktPerKravgruppe).toEqual(full.json<AapneKrav>().oversiktPerKravgruppe);
      const claims = await get(`finans/${enk}/krav?${year2022}`, await bankToken());
      expect(claims.statusCode).toBe(200);
      expect(claims.json()).toEqual({ partIdentifikator: enk, periode: { fraOgMed: '2022-01-01', tilOgMed: '2022-12-31' }, skjermet: true });
    });

    it('the new shielding changed the ETag', async () => {
      const unshieldedTag = (await get(`finans/${enk}/aapnekrav`, await bankToken())).headers.etag;
      await registrerParter(handle().db, [{ partId: eier, navn: 'Gurcharan Singh', registrertDato: d('2015-01-01'), forskuddspliktig: true, utbetalingskonto: '54221361434', skjermet: false }]);
      const response = await get(`finans/${enk}/aapnekrav`, await bankToken(), { 'if-none-match': String(unshieldedTag) });
      expect(response.statusCode).toBe(200);
      expect(response.json<AapneKrav>().skjermet).toBe(false);
    });
  });

  it('a returned payout keeps a status of the published enum, bekreftet; the money back is a new credit (decision 0152)', async () => {
    const before = (await get(`regnskapssystem/${enk}/utbetalinger?${year2022}`, await vendorToken(enk))).json<Utbetalinger>();
    const utbetalingId = before.utbetaling![0]!.utbetalingsidentifikator;
    await registrerUtbetalingReturnert(handle().db, { idempotencyKey: nyNoekkel('retur'), bokfoertDato: d('2023-08-28'), utbetalingId });
    const after = await get(`regnskapssystem/${enk}/utbetalinger?${year2022}`, await vendorToken(enk));
    expect(schemaErrors(closed(Utbetalinger), after.json())).toBe('');
    expect(after.json<Utbetalinger>().utbetaling![0]).toMatchObject({ utbetalingsidentifikator: utbetalingId, utbetalingstatus: 'bekreftet' });
  });
});
