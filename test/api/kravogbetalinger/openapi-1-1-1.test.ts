import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AapneKrav, AlleKrav, Innbetalinger, Utbetalinger, type Krav } from '../../../src/api/kravogbetalinger/index.js';
import type { DemoAccess } from '../../../src/auth/index.js';
import { localDate } from '../../../src/domain/dates.js';
import { bokfoerInnbetaling, bokfoerKrav, kjoerOppgjoer, registrerParter, registrerUtbetalingReturnert } from '../../../src/ledger/index.js';
import { buildApp } from '../../../src/server.js';
import { seedDemo as seedDemoDataset } from '../../../src/testdata/index.js';
import { acceptDemoConsent, approveDemoSystemUser } from '../../support/api-access.js';
import { closed, schemaErrors } from '../../support/api-schemas.js';
import { seedDemo, testClock, testConfig, testPublicUrl, tokenFor, type TestClock } from '../../support/auth.js';
import { describeEachDatabase } from '../../support/databases.js';
import { d, kr, krav, nyNoekkel, nyttOrgnr } from '../../ledger/fixtures.js';

/**
 * What Skatteetaten's OpenAPI 1.1.1 has beyond the published example bodies (TheTechArch/
 * altinn-systemuser, `src/SystemUserClientSystem/SuperSystem/SuperSystem.Server/Models/
 * KravOgBetalinger/`: Krav.cs, MotregningAvKreditkrav.cs, MotregningAvInnbetaling.cs, DekketKrav.cs,
 * HovedKrav.cs, Innbetaling.cs, GrunnlagForUtbetaling.cs, Betalingsinformasjon.cs, Mottaker.cs,
 * Kravforfall.cs via the 2022 beta bodies' `utsattIverksettelse`), read through the real routes
 * with tokens from the real token endpoint: first on the demo dataset (decision 0062: 314961900's
 * VAT credit set off against its overdue AGA, 313367002's AGA under a payment deferral), then on a
 * business whose refund comes back and whose payouts go by post.
 */
const prefix = '/api/innkreving/kravogbetalinger/v1';
const today = localDate('2026-03-04');
const skatteetaten = { spraakTekst: [{ tekst: 'Skatteetaten', spraak: 'nb' }] };
const dataDirs: string[] = [];

afterAll(() => {
  for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describeEachDatabase('OpenAPI 1.1.1 objects on the demo dataset', ({ handle, kind }) => {
  let app: FastifyInstance;
  let clock: TestClock;
  let access: DemoAccess;
  const get = async <T,>(party: string, endpoint: string) => {
    const token = await tokenFor(app, access.regnskapssystem, clock, { systemUserOrg: party });
    const response = await app.inject({ url: `${prefix}/regnskapssystem/${party}/${endpoint}`, headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<T>();
  };

  beforeAll(async () => {
    const { db } = handle();
    clock = testClock(Date.UTC(2026, 2, 4, 9, 0, 0));
    app = await buildApp({ db, databaseKind: kind, clock, config: testConfig(), logger: false });
    await app.ready();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kob-openapi-'));
    dataDirs.push(dataDir);
    access = (await seedDemoDataset(db, { today, dataDir, publicUrl: testPublicUrl, clock, reporting: { elapsedMs: () => 0 } })).access;
  }, 300_000);
  afterAll(() => app?.close());

  it('314961900: the VAT credit tells how it was set off against the overdue AGA and the interest that caused (motregningAvKreditkrav)', async () => {
    const body = await get<AlleKrav>('314961900', 'krav?fraOgMed=2025-01-01&tilOgMed=2025-12-31');
    expect(schemaErrors(closed(AlleKrav), body)).toBe('');
    const credit = body.krav!.find((k) => k.opprinneligBeloep === -60_000)!;
    const aga = body.krav!.find((k) => k.kravtype === 'ARBGAVG' && k.kravperiode.terminTekniskNavn === '2')!;
    const interest = body.krav!.find((k) => k.hovedstolKravidentifikator === aga.kravidentifikator)!;
    const motregning = credit.motregningAvKreditkrav!;
    expect(motregning).toMatchObject({ motregningsidentifikator: expect.stringMatching(/^[0-9]+$/), innkrevingsmyndighet: skatteetaten, motregnetdato: interest.opprettelsesdatoForKrav });
    expect(motregning.dekketkrav).toEqual([
      {
        motregnetBeloep: aga.opprinneligBeloep,
        dekketKravBeskrivelse: aga.kravbeskrivelse,
        innkrevingsmyndighet: skatteetaten,
        forfallsdato: aga.kravforfall[0]!.forfallsdato,
        kreditorsnavn: skatteetaten,
        // The interest the late covering caused is the interest claim the set-off posted.
        forsinkelsesrenter: interest.opprinneligBeloep,
      },
      { motregnetBeloep: interest.opprinneligBeloep, dekketKravBeskrivelse: interest.kravbeskrivelse, innkrevingsmyndighet: skatteetaten, forfallsdato: motregning.motregnetdato, kreditorsnavn: skatteetaten },
    ]);
    // The rest of the credit was paid out the next run: nothing of it is left.
    expect(motregning.hovedkrav).toEqual({
      kreditkravBruktIMotregning: [{ kravforfallsIdentifikator: credit.kravforfall[0]!.kravforfallsIdentifikator, gjenstaaendeBeloep: 0, kravbeskrivelse: credit.kravbeskrivelse, kravperiode: credit.kravperiode }],
    });
    // The same set-off seen from the AGA, as the published bodies show it on both sides.
    expect(aga.kravforfall[0]!.plassertMotkrav).toEqual([expect.objectContaining({ kravforfallsIdentifikator: credit.kravforfall[0]!.kravforfallsIdentifikator, plassertBeloep: -aga.opprinneligBeloep })]);
    expect(body.krav!.filter((k) => k.motregningAvKreditkrav !== undefined)).toEqual([credit]);
    const payouts = await get<Utbetalinger>('314961900', 'utbetalinger?fraOgMed=2025-01-01&tilOgMed=2025-12-31');
    const paid = payouts.utbetaling!.find((u) => u.grunnlagForUtbetaling.kreditKrav.some((k) => k.kravforfallidentifikator === credit.kravforfall[0]!.kravforfallsIdentifikator))!;
    expect(paid.utbetaltBeloep).toBe(60_000 - aga.opprinneligBeloep - interest.opprinneligBeloep);
  });

  it('313367002: the AGA under a payment deferral is flagged (utsattIverksettelse), no other due item is', async () => {
    const body = await get<AapneKrav>('313367002', 'aapnekrav');
    expect(schemaErrors(closed(AapneKrav), body)).toBe('');
    const flagged = body.aapentKravMedGjenstaaendeBeloep!.flatMap((k) => k.kravforfall.filter((f) => f.utsattIverksettelse !== undefined).map((f) => [k.kravtype, k.kravperiode.aar, k.kravperiode.terminTekniskNavn, f.utsattIverksettelse]));
    expect(flagged).toEqual([['ARBGAVG', '2025', '3', true]]);
    // Interest runs on through the deferral (decision 0160).
    const aga = body.aapentKravMedGjenstaaendeBeloep!.find((k: Krav) => k.kravtype === 'ARBGAVG' && k.kravperiode.terminTekniskNavn === '3')!;
    expect(aga.stipulerteRenter).toBeGreaterThan(0);
  });
});

describeEachDatabase('OpenAPI 1.1.1 objects: a returned refund set off, payouts by post, shielding', ({ handle, kind }) => {
  let app: FastifyInstance;
  let clock: TestClock;
  let access: DemoAccess;
  const as = nyttOrgnr();
  const shielded = nyttOrgnr();
  const adresse = { adressetekst: ['Strandgata 4'], postnummer: '5013', poststedsnavn: 'BERGEN', landkode: 'NO' };
  const periode = 'fraOgMed=2024-01-01&tilOgMed=2024-12-31';
  const get = async (rettighetspakke: 'regnskapssystem' | 'finans', party: string, endpoint: string) => {
    const token =
      rettighetspakke === 'regnskapssystem'
        ? await tokenFor(app, access.regnskapssystem, clock, { systemUserOrg: party })
        : await tokenFor(app, access.finans, clock, { consent: await acceptDemoConsent(app.kobAuth.altinn, party) });
    return app.inject({ url: `${prefix}/${rettighetspakke}/${party}/${endpoint}`, headers: { authorization: `Bearer ${token}` } });
  };

  beforeAll(async () => {
    const { db } = handle();
    clock = testClock(Date.UTC(2024, 11, 2, 9, 0, 0));
    app = await buildApp({ db, databaseKind: kind, clock, config: testConfig(), logger: false });
    await app.ready();
    access = await seedDemo(db, clock);
    for (const party of [as, shielded]) await approveDemoSystemUser(app.kobAuth.altinn, party);
    await registrerParter(db, [
      { partId: as, navn: 'Postgang AS', organisasjonsform: 'AS', registrertDato: d('2020-01-01'), utbetalingskonto: '12345678903' },
      { partId: shielded, navn: 'Skjult AS', organisasjonsform: 'AS', registrertDato: d('2020-01-01'), skjermet: true, postadresse: adresse },
    ]);
    // A payment to the VAT account that no claim takes is refunded; the bank sends the payout back,
    // and the money is set off against AGA that has fallen due; the account is gone, so the rest
    // goes by cheque.
    await bokfoerInnbetaling(db, { idempotencyKey: nyNoekkel(), bokfoertDato: d('2024-04-15'), partId: as, beloepOere: kr(30_000), mottakerkonto: '76940518888', betalerNavn: 'Postgang AS' });
    const [refund] = await kjoerOppgjoer(db, { bokfoertDato: d('2024-04-16'), partId: as, refunderUplassert: true });
    await bokfoerKrav(db, krav(as, d('2024-04-18'), [['2024-04-20', 10_000]]));
    await registrerUtbetalingReturnert(db, { idempotencyKey: nyNoekkel(), bokfoertDato: d('2024-04-25'), utbetalingId: refund!.utbetalinger[0]!.utbetalingId });
    await registrerParter(db, [{ partId: as, navn: 'Postgang AS', organisasjonsform: 'AS', registrertDato: d('2020-01-01'), postadresse: adresse }]);
    await kjoerOppgjoer(db, { bokfoertDato: d('2024-04-26'), partId: as });
    // The shielded business gets a VAT credit paid by cheque to its address.
    await bokfoerKrav(db, krav(shielded, d('2024-05-02'), [['2024-05-02', -2_000]], { kravtype: 'tilgodeMva' }));
    await kjoerOppgjoer(db, { bokfoertDato: d('2024-05-03'), partId: shielded });
  });
  afterAll(() => app?.close());

  it('/innbetalinger: the payment shows the refund that came back set off (motregningAvInnbetaling) and what went back by cheque (plassertUtbetaling)', async () => {
    const response = await get('regnskapssystem', as, `innbetalinger?${periode}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<Innbetalinger>();
    expect(schemaErrors(closed(Innbetalinger), body)).toBe('');
    const payment = body.innbetaling![0]!;
    const motregning = payment.motregningAvInnbetaling!;
    expect(motregning.dekketKrav.map((k) => [k.dekketKravBeskrivelse.spraakTekst[0]!.tekst, k.motregnetBeloep, k.forfallsdato])).toEqual([
      ['Arbeidsgiveravgift', 10_000, '2024-04-20'],
      [expect.stringContaining('Forsinkelsesrente'), motregning.dekketKrav[0]!.forsinkelsesrenter, '2024-04-26'],
    ]);
    expect(motregning.motregnetdato).toBe('2024-04-26');
    expect(motregning.hovedkrav.innbetalingBruktImotregning).toEqual([{ innbetalingsidentifikator: payment.innbetalingsidentifikator, uplassertBeloep: 0 }]);
    expect(motregning.hovedkrav.kreditkravBruktIMotregning).toEqual([expect.objectContaining({ gjenstaaendeBeloep: 0, kravbeskrivelse: { spraakTekst: [{ tekst: expect.stringContaining('Returnert utbetaling'), spraak: 'nb' }] } })]);
    const rest = 20_000 - motregning.dekketKrav[0]!.forsinkelsesrenter!;
    // The returned payout paid nothing back; the cheque did.
    expect(payment.plassertUtbetaling).toEqual([
      {
        utbetalingsidentifikator: expect.any(String),
        utbetaltdato: '2024-04-26',
        utbetaltBeloep: rest,
        betaltTil: { meldingSendtTilMottaker: expect.any(String), sjekkSendtTil: { mottakersNavn: 'Postgang AS', mottakersAddresse: { adressetekst: ['Strandgata 4'], poststedsnavn: 'BERGEN', postnummer: '5013', landkode: 'NO' } }, valutakode: 'NOK' },
      },
    ]);
  });

  it('/utbetalinger: both payouts name the payment they paid back; the cheque says where it went (sjekkSendtTil)', async () => {
    const body = (await get('regnskapssystem', as, `utbetalinger?${periode}`)).json<Utbetalinger>();
    expect(schemaErrors(closed(Utbetalinger), body)).toBe('');
    expect(body.utbetaling!.map((u) => [u.utbetaltBeloep, u.grunnlagForUtbetaling.tilbakebetalingAv!.map((t) => [t.innbetaltBeloep, t.utbetaltBeloep]), Object.keys(u.betaltTil)])).toEqual([
      [30_000, [[-30_000, 30_000]], ['meldingSendtTilMottaker', 'konto', 'valutakode']],
      [expect.any(Number), [[-30_000, expect.any(Number)]], ['meldingSendtTilMottaker', 'sjekkSendtTil', 'valutakode']],
    ]);
    // The published enum has no returned payout (decision 0152); the cheque is under payment until it is cashed.
    expect(body.utbetaling!.map((u) => u.utbetalingstatus)).toEqual(['bekreftet', 'underUtbetaling']);
  });

  it('a shielded business: regnskapssystem gets the cheque without its address; the consent holder gets no payouts at all (decision 0040)', async () => {
    const vendor = (await get('regnskapssystem', shielded, `utbetalinger?${periode}`)).json<Utbetalinger>();
    expect(vendor.skjermet).toBe(true);
    expect(vendor.utbetaling![0]!.betaltTil).toEqual({ valutakode: 'NOK' });
    const bank = (await get('finans', shielded, `utbetalinger?${periode}`)).json<Utbetalinger>();
    expect(bank).toEqual({ partIdentifikator: shielded, periode: { fraOgMed: '2024-01-01', tilOgMed: '2024-12-31' }, skjermet: true });
  });
});
