import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { localDate } from '../../src/domain/dates.js';
import { toOere } from '../../src/domain/money.js';
import { bokfoerInnbetaling, bokfoerKrav, buildPartView, registrerPart, registrerUtsettelse } from '../../src/ledger/index.js';
import type { BetalteKravSvar, InnbetalingerSvar, KravOversiktSvar, UbetalteKravSvar, UtbetalingerSvar } from '../../src/portal/api/reskontro-schemas.js';
import { describeEachDatabase } from '../support/databases.js';
import { buildTestApp, InjectBrowser, loginAs, virksomhetApi } from '../support/portal-app.js';
import { seedPortalFixtures, testBusinesses, testPersons } from '../support/portal-fixtures.js';
import { enkKonto, kariKonto, portalLedgerToday, seedPortalLedger, type PortalLedger } from '../support/portal-ledger-fixtures.js';

const dataPaths = ['/krav/oversikt', '/krav/aar', '/krav/ubetalte', '/krav/betalte', '/innbetalinger', '/utbetalinger', '/kontoutskrift', '/frister'];

describeEachDatabase("Min side's ledger pages (page data)", ({ handle }) => {
  let app: FastifyInstance;
  let booked: PortalLedger;
  beforeAll(async () => {
    await seedPortalFixtures(handle().db);
    booked = await seedPortalLedger(handle().db);
    app = await buildTestApp(handle(), {}, systemClock(portalLedgerToday));
  });
  afterAll(async () => app?.close());

  /** Logged in as `fnr`, reading `orgnr`'s routes: `get('/krav/oversikt')` is GET /portal/api/virksomhet/{orgnr}/krav/oversikt. */
  async function actingFor(fnr: string, orgnr: string) {
    const browser = new InjectBrowser(app);
    await loginAs(browser, fnr);
    return { browser, get: (sti: string) => browser.get(virksomhetApi(orgnr, sti)) };
  }
  const view = (partId: string, query: Omit<Parameters<typeof buildPartView>[1], 'partId' | 'asOf'>) => buildPartView(handle().db, { partId, asOf: portalLedgerToday, ...query });

  it('answers 401 without a session, and 403 for a business in the path the person may not act for, on every ledger route', async () => {
    const anonymous = new InjectBrowser(app);
    const kari = await actingFor(testPersons.kari.fnr, testBusinesses.fremmed.orgnr);
    for (const path of dataPaths) {
      const refused = await anonymous.get(virksomhetApi(testBusinesses.enk.orgnr, path));
      expect(refused.statusCode, path).toBe(401);
      expect(refused.json(), path).toEqual({ kode: 'ikke_innlogget', melding: 'Du er ikke logget inn, eller økten er utløpt.' });
      for (const orgnr of [testBusinesses.fremmed.orgnr, '000000000', 'abc']) {
        const notHers = await kari.browser.get(virksomhetApi(orgnr, path));
        expect(notHers.statusCode, `${orgnr}${path}`).toBe(403);
        expect(notHers.json(), path).toEqual({ kode: 'ikke_tilgang', melding: 'Du kan ikke representere denne virksomheten.' });
      }
      // The same session reads its own businesses, each by its own path: nothing is chosen in the session.
      expect((await kari.browser.get(virksomhetApi(testBusinesses.enk.orgnr, path))).statusCode, path).toBe(200);
      expect((await kari.browser.get(virksomhetApi(testBusinesses.as.orgnr, path))).statusCode, path).toBe(200);
    }
  });

  it('answers 403 on every ledger route once the person may no longer act for the chosen business', async () => {
    const db = handle().db;
    const browser = await actingFor(testPersons.kari.fnr, testBusinesses.as.orgnr);
    expect((await browser.get('/krav/oversikt')).statusCode).toBe(200);
    await db.deleteFrom('er_person_rolle').where('orgnr', '=', testBusinesses.as.orgnr).where('fnr', '=', testPersons.kari.fnr).execute();
    try {
      for (const path of dataPaths) {
        const refused = await browser.get(path);
        expect(refused.statusCode, path).toBe(403);
        expect(refused.json(), path).toEqual({ kode: 'ikke_tilgang', melding: 'Du kan ikke representere denne virksomheten.' });
      }
    } finally {
      await db.insertInto('er_person_rolle').values({ orgnr: testBusinesses.as.orgnr, fnr: testPersons.kari.fnr, rolle: 'daglig_leder' }).execute();
    }
  });

  it("Oversikt gives the view's totalOversikt sums (the API's figures) with their claim counts, never cached", async () => {
    const browser = await actingFor(testPersons.kari.fnr, testBusinesses.enk.orgnr);
    const response = await browser.get('/krav/oversikt');
    expect(response.headers['cache-control']).toBe('no-store');
    const total = (await view(testBusinesses.enk.orgnr, { aapne: true })).aapne!.oversikt.total;
    expect(response.json<KravOversiktSvar>()).toEqual({
      dato: '2024-09-02',
      personopplysningerSkjult: false,
      antallUbetalteKrav: 5,
      forfalte: { antall: total.antallKravForfalt, beloepOere: total.sumForfalteKravOere },
      fremtidige: { antall: total.antallKravIkkeForfalt, beloepOere: total.sumIkkeForfalteKravOere },
      stipulerteRenterOere: total.sumStipulerteRenterOere,
      uplasserteInnbetalingerOere: total.sumUplasserteInnbetalingerOere,
      saldoOere: total.saldoOere,
    });
    // Forskuddsskatt instalments 1 (5 800 left after the set-off) and 2, and two interest claims (94 + 55);
    // VAT due today counts as not yet due, with forskuddsskatt 3–4 and employer term 2024/4.
    expect(response.json<KravOversiktSvar>()).toMatchObject({ forfalte: { antall: 3, beloepOere: 1_794_900 }, fremtidige: { antall: 3, beloepOere: 6_550_000 } });
  });

  it('Ubetalte krav: the ENK shows its owner\'s forskuddsskatt with "(1 av 4)", KID, account and interest so far', async () => {
    const browser = await actingFor(testPersons.kari.fnr, testBusinesses.enk.orgnr);
    const body = (await browser.get('/krav/ubetalte')).json<UbetalteKravSvar>();
    expect(body.krav.map((k) => [k.beskrivelse, k.forfalt, k.nesteForfall?.forfallsdato])).toEqual([
      ['Utskrevet forskuddsskatt, person 2024', true, '2024-03-15'],
      ['Forsinkelsesrente Arbeidsgiveravgift', true, '2024-04-02'],
      ['Forsinkelsesrente Utskrevet forskuddsskatt, person 2024', true, '2024-04-10'],
      ['Merverdiavgift', false, '2024-09-02'],
      ['Arbeidsgiveravgift', false, '2024-09-16'],
    ]);
    expect(body.tilGode).toEqual([]);
    const skatt = body.krav[0]!;
    const ledgerKrav = (await view(testBusinesses.enk.orgnr, { aapne: true })).aapne!.krav.find((k) => k.kravId === booked.forskuddsskatt.kravId)!;
    expect(skatt).toMatchObject({
      gjelderInnehaver: true,
      periode: 'Inntektsår 2024',
      kravgruppe: 'Skatt',
      fastsettingsmaate: 'Myndighetsfastsatt',
      nesteForfall: { forfallsdato: '2024-03-15', nummer: 1, antallForfall: 4 },
      stipulerteRenterOere: ledgerKrav.stipulerteRenterOere,
      gjenstaaendeOere: 4_180_000,
      betaling: {
        beloepOere: 4_180_000,
        kid: booked.forskuddsskatt.forfall[0]!.kid,
        kontonummer: '7694 05 24802',
        iban: 'NO42 7694 0524 802',
        swiftBic: 'DNBANOKKXXX',
        kontoeiersNavn: 'Skatteetaten',
      },
    });
    expect(skatt.stipulerteRenterOere).toBeGreaterThan(0);
    expect(skatt.forfall.map((f) => [f.nummer, f.forfalt, f.gjenstaaendeOere])).toEqual([
      [1, true, 580_000],
      [2, true, 1_200_000],
      [3, false, 1_200_000],
      [4, false, 1_200_000],
    ]);
    expect(skatt.forfall[0]!.dekninger).toEqual([
      {
        kilde: 'motregning',
        beskrivelse: 'Motregnet mot Merverdiavgift til gode (januar - februar 2024)',
        dato: '2024-04-10',
        innbetaltOere: null,
        benyttetOere: 620_000,
        konto: null,
      },
    ]);
  });

  it('every open claim shows its payment details alike: printed account, IBAN in fours, 11-character BIC, one recipient name', async () => {
    const browser = await actingFor(testPersons.kari.fnr, testBusinesses.enk.orgnr);
    const body = (await browser.get('/krav/ubetalte')).json<UbetalteKravSvar>();
    const rente = body.krav.find((k) => k.beskrivelse.startsWith('Forsinkelsesrente'))!;
    expect(rente.betaling).toMatchObject({ kontonummer: expect.stringMatching(/^\d{4} \d{2} \d{5}$/), kontoeiersNavn: 'Skatteetaten' });
    for (const krav of body.krav) {
      const betaling = krav.betaling!;
      expect(betaling.kontonummer, krav.beskrivelse).toMatch(/^\d{4} \d{2} \d{5}$/);
      expect(betaling.iban, krav.beskrivelse).toMatch(/^NO\d{2}( \d{4}){2} \d{3}$/);
      expect(betaling.iban!.replace(/ /g, '').slice(4), krav.beskrivelse).toBe(betaling.kontonummer!.replace(/ /g, ''));
      expect(betaling.swiftBic, krav.beskrivelse).toBe('DNBANOKKXXX');
      expect(betaling.kontoeiersNavn, krav.beskrivelse).toBe('Skatteetaten');
    }
  });

  it("an AS's pages hold only its own claims, not its daglig leder's", async () => {
    const browser = await actingFor(testPersons.kari.fnr, testBusinesses.as.orgnr);
    const body = (await browser.get('/krav/ubetalte')).json<UbetalteKravSvar>();
    expect(body.krav.map((k) => [k.kravId, k.gjelderInnehaver])).toEqual([[booked.asKrav.kravId, false]]);
  });

  it('Betalte krav for a year: claims settled in it, with the payments used and the payer account masked', async () => {
    const browser = await actingFor(testPersons.kari.fnr, testBusinesses.enk.orgnr);
    const body = (await browser.get('/krav/betalte?aar=2024')).json<BetalteKravSvar>();
    expect(body.aar).toBe(2024);
    expect(body.aarValg).toEqual([2024, 2023, 2022, 2021, 2020]);
    expect(body.aarMedInnhold).toEqual([2024]);
    expect(body.krav.map((k) => [k.kravId, k.betaltDato])).toEqual([
      [booked.aga24_1.kravId, '2024-04-02'],
      [booked.mva23_6.kravId, '2024-02-12'],
      [booked.aga23_6.kravId, '2024-01-15'],
      [booked.ft23_6.kravId, '2024-01-15'],
    ]);
    const aga = body.krav[0]!;
    expect(aga).toMatchObject({ opprinneligOere: 1_535_300, gjenstaaendeOere: 0, periode: '1. termin 2024', betaling: null, nesteForfall: null });
    expect(aga.forfall[0]!.dekninger).toEqual([
      { kilde: 'innbetaling', beskrivelse: 'Bankoverføring', dato: '2024-04-02', innbetaltOere: 1_535_300, benyttetOere: 1_535_300, konto: `**** ** ${enkKonto.slice(-5)}` },
    ]);
    expect(JSON.stringify(body)).not.toContain(enkKonto);
    // The year is the one the claim was settled in: nothing of the fixture was settled in 2023.
    expect((await browser.get('/krav/betalte?aar=2023')).json<BetalteKravSvar>().krav).toEqual([]);
    // Without a year: the latest year with content.
    expect((await browser.get('/krav/betalte')).json<BetalteKravSvar>().aar).toBe(2024);
  });

  it('Innbetalinger and Utbetalinger for a year: what each payment covered and what each payout settled', async () => {
    const browser = await actingFor(testPersons.kari.fnr, testBusinesses.enk.orgnr);
    const innbetalinger = (await browser.get('/innbetalinger?aar=2024')).json<InnbetalingerSvar>();
    const ledgerPayments = (await view(testBusinesses.enk.orgnr, { innbetalt: { fraOgMed: localDate('2024-01-01'), tilOgMed: localDate('2024-12-31') } })).innbetalinger!;
    expect(innbetalinger.innbetalinger.map((i) => i.innbetalingId)).toEqual(ledgerPayments.map((i) => i.innbetalingId).reverse());
    expect(innbetalinger.innbetalinger[0]).toEqual({
      innbetalingId: booked.senBetaling.innbetalingId,
      innbetalingsdato: '2024-04-02',
      beloepOere: 1_535_300,
      type: 'Bankoverføring',
      kid: booked.aga24_1.forfall[0]!.kid,
      betalerNavn: testBusinesses.enk.navn,
      betaltFraKonto: '**** ** 78903',
      innbetaltTilKonto: '7694 05 24802',
      uplassertOere: 0,
      gjelderInnehaver: false,
      dekket: [{ kravId: booked.aga24_1.kravId, beskrivelse: 'Arbeidsgiveravgift', periode: '1. termin 2024', forfallsdato: '2024-03-15', nummer: 1, antallForfall: 1, beloepOere: 1_535_300, dato: '2024-04-02' }],
    });

    const utbetalinger = (await browser.get('/utbetalinger?aar=2024')).json<UtbetalingerSvar>();
    expect(utbetalinger.utbetalinger).toEqual([
      {
        utbetalingId: booked.utbetaling.utbetalingId,
        utbetaltdato: '2024-01-22',
        beloepOere: 375_000,
        tilKonto: '**** ** 78903',
        melding: booked.utbetaling.melding,
        status: 'Utbetalt',
        gjelderInnehaver: false,
        oppgjort: [
          { kravId: booked.tilgode23_5.kravId, beskrivelse: 'Merverdiavgift til gode', periode: 'september - oktober 2023', forfallsdato: '2024-01-20', nummer: 1, antallForfall: 1, beloepOere: 375_000, dato: '2024-01-22' },
        ],
      },
    ]);
    expect((await browser.get('/utbetalinger?aar=2023')).json<UtbetalingerSvar>().utbetalinger).toEqual([]);
  });

  it('shows a payout as under payment until the bank has confirmed it', async () => {
    // The payout of 2024-01-22 is confirmed by the bank's camt.054 on 2024-01-23 (the fixture).
    const dayOfPayout = await buildTestApp(handle(), {}, systemClock(localDate('2024-01-22')));
    try {
      const browser = new InjectBrowser(dayOfPayout);
      await loginAs(browser, testPersons.kari.fnr);
      const utbetalinger = (await browser.get(virksomhetApi(testBusinesses.enk.orgnr, '/utbetalinger?aar=2024'))).json<UtbetalingerSvar>().utbetalinger;
      expect(utbetalinger.map((u) => [u.utbetalingId, u.status])).toEqual([[booked.utbetaling.utbetalingId, 'Under utbetaling']]);
    } finally {
      await dayOfPayout.close();
    }
  });

  it('accepts exactly the years it offers (decision 0100): outside the rule is 400 naming the years, junk is 400', async () => {
    const browser = await actingFor(testPersons.kari.fnr, testBusinesses.enk.orgnr);
    const offered = (await browser.get('/krav/aar')).json<{ aarValg: number[] }>().aarValg;
    expect(offered).toEqual([2024, 2023, 2022, 2021, 2020]);
    for (const path of ['/krav/betalte', '/innbetalinger', '/utbetalinger', '/frister', '/kontoutskrift']) {
      for (const aar of offered) expect((await browser.get(`${path}?aar=${aar}`)).statusCode, `${path} ${aar}`).toBe(200);
      for (const aar of [1800, 2019, 2025, 2101]) {
        const refused = await browser.get(`${path}?aar=${aar}`);
        expect(refused.statusCode, `${path} ${aar}`).toBe(400);
        expect(refused.json()).toEqual({ kode: 'ugyldig_aar', melding: 'Velg et år fra 2020 til 2024.' });
      }
      for (const query of ['aar=abc', 'aar=2024.5', 'aar=99']) {
        const refused = await browser.get(`${path}?${query}`);
        expect(refused.statusCode, query).toBe(400);
        expect(refused.json(), query).toEqual({ kode: 'ugyldig_forespoersel', melding: 'Ugyldig forespørsel.' });
      }
    }
  });

  it('shielding (decision 0065): the shielded owner sees everything; a representative gets no names, accounts or messages', async () => {
    const db = handle().db;
    const klient = testBusinesses.klient.orgnr;
    await registrerPart(db, { partId: klient, navn: testBusinesses.klient.navn, organisasjonsform: 'AS', registrertDato: localDate('2020-01-01'), skjermet: true });
    const claim = await bokfoerKrav(db, {
      idempotencyKey: 'skjermet-krav',
      bokfoertDato: localDate('2024-05-10'),
      partId: klient,
      kravtype: 'arbeidsgiveravgift',
      periode: { beskrivelse: 'Termin', aar: 2024, termin: '2' },
      forfall: [{ forfallsdato: localDate('2024-05-15'), beloepOere: toOere(500_000) }],
    });
    await bokfoerInnbetaling(db, {
      idempotencyKey: 'skjermet-innbetaling',
      bokfoertDato: localDate('2024-05-15'),
      partId: klient,
      beloepOere: toOere(500_000),
      kid: claim.forfall[0]!.kid!,
      betalerNavn: 'Hemmelig Betaler',
      betalerKonto: enkKonto,
      melding: 'Hilsen fra en skjult adresse',
    });
    const accountant = await actingFor(testPersons.ola.fnr, klient);
    const payments = (await accountant.get('/innbetalinger?aar=2024')).json<InnbetalingerSvar>();
    expect(payments.personopplysningerSkjult).toBe(true);
    expect(payments.innbetalinger[0]).toMatchObject({ beloepOere: 500_000, kid: claim.forfall[0]!.kid, betalerNavn: null, betaltFraKonto: null, innbetaltTilKonto: '7694 05 24802' });
    expect((await accountant.get('/krav/betalte?aar=2024')).json<BetalteKravSvar>().krav[0]!.forfall[0]!.dekninger[0]!.konto).toBeNull();

    // Kari herself shielded: she is the innehaver, so she sees her own names and accounts.
    await registrerPart(db, { partId: testPersons.kari.fnr, navn: testPersons.kari.navn, registrertDato: localDate('2020-01-01'), forskuddspliktig: true, skjermet: true, utbetalingskonto: kariKonto });
    try {
      const owner = await actingFor(testPersons.kari.fnr, testBusinesses.enk.orgnr);
      const own = (await owner.get('/innbetalinger?aar=2024')).json<InnbetalingerSvar>();
      expect((await view(testBusinesses.enk.orgnr, {})).skjermet).toBe(true);
      expect(own.personopplysningerSkjult).toBe(false);
      expect(own.innbetalinger[0]).toMatchObject({ betalerNavn: testBusinesses.enk.navn, betaltFraKonto: '**** ** 78903' });
    } finally {
      await registrerPart(db, { partId: testPersons.kari.fnr, navn: testPersons.kari.navn, registrertDato: localDate('2020-01-01'), forskuddspliktig: true, skjermet: false, utbetalingskonto: kariKonto });
    }
  });

  // Last: it books a deferral on the ENK's forskuddsskatt, which the tests above do not expect.
  it('Ubetalte krav: a deferred due item says why and until when; the others say nothing (decision 0160)', async () => {
    await registrerUtsettelse(handle().db, {
      idempotencyKey: 'portal-utsettelse',
      bokfoertDato: portalLedgerToday,
      partId: testPersons.kari.fnr,
      kravId: booked.forskuddsskatt.kravId,
      kravforfallIds: [booked.forskuddsskatt.forfall[1]!.kravforfallId],
      grunn: 'klage',
      tilOgMed: localDate('2024-10-31'),
    });
    const browser = await actingFor(testPersons.kari.fnr, testBusinesses.enk.orgnr);
    const body = (await browser.get('/krav/ubetalte')).json<UbetalteKravSvar>();
    const skatt = body.krav.find((k) => k.kravId === booked.forskuddsskatt.kravId)!;
    expect(skatt.forfall.map((f) => f.utsatt)).toEqual([null, { grunn: 'klage', tilOgMed: '2024-10-31' }, null, null]);
    expect(body.krav.flatMap((k) => k.forfall).filter((f) => f.utsatt !== null)).toHaveLength(1);
  });
});
