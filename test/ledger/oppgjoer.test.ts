import { expect, it } from 'vitest';
import {
  bokfoerInnbetaling,
  bokfoerKrav,
  buildPartView,
  kjoerOppgjoer,
  kontrollerInvarianter,
  registrerPart,
  registrerUtbetalingBekreftet,
  registrerUtbetalingReturnert,
} from '../../src/ledger/index.js';
import { describeEachDatabase } from '../support/databases.js';
import { d, kr, krav, nyNoekkel, nyttAs, nyttEnk } from './fixtures.js';

const konto = '12345678903';

describeEachDatabase('motregning and kjoerOppgjoer', ({ handle }) => {
  it('sets a new credit off against overdue debts in set-off order, recorded on both sides', async () => {
    const { db } = handle();
    const as = await nyttAs(db);
    const mva = await bokfoerKrav(db, krav(as, d('2024-02-01'), [['2024-02-10', 100]], { kravtype: 'åBetaleMva', periode: { beskrivelse: 'januar - februar', aar: 2024 } }));
    const aga = await bokfoerKrav(db, krav(as, d('2024-02-01'), [['2024-03-15', 100]]));
    const skatt = await bokfoerKrav(db, krav(as, d('2024-02-01'), [['2024-03-15', 100]], { kravtype: 'restskatt', periode: { beskrivelse: 'Inntektsår', aar: 2023 } }));
    const notDue = await bokfoerKrav(db, krav(as, d('2024-02-01'), [['2024-05-15', 100]], { kravtype: 'forskuddstrekk' }));
    const tilgode = await bokfoerKrav(db, krav(as, d('2024-03-16'), [['2024-03-16', -250]], { kravtype: 'tilgodeMva', periode: { beskrivelse: 'januar - februar', aar: 2024 } }));
    // Skatt before arbeidsgiveravgift before merverdiavgift, whatever the due dates; not-yet-due is left alone.
    expect(tilgode.motregninger.map((m) => [m.debet.kravId, m.beloepOere, m.kreditt.gjenstaaendeOere])).toEqual([
      [skatt.kravId, kr(100), -kr(150)],
      [aga.kravId, kr(100), -kr(50)],
      [mva.kravId, kr(50), 0],
    ]);
    expect(tilgode.motregninger.some((m) => m.debet.kravId === notDue.kravId)).toBe(false);
    // The merverdiavgift item was 35 days late when set off: 50 kr × 12.50 % × 35/365 = 0.60 kr → nothing posted.
    expect(tilgode.renteKrav).toEqual([]);

    const view = await buildPartView(db, { partId: as, asOf: d('2024-03-16'), kravOpprettet: { fraOgMed: d('2024-01-01'), tilOgMed: d('2024-12-31') } });
    const byId = new Map(view.kravOpprettet!.map((k) => [k.kravId, k]));
    const creditItem = byId.get(tilgode.kravId)!.forfall[0]!;
    expect(creditItem.gjenstaaendeOere).toBe(0);
    expect(creditItem.plassertMotkrav.map((p) => [p.motkrav.kravId, p.motkrav.kravtypeApi, p.plassertOere, p.plassertDato])).toEqual([
      [skatt.kravId, 'RESTSKATT', kr(100), '2024-03-16'],
      [aga.kravId, 'ARBGAVG', kr(100), '2024-03-16'],
      [mva.kravId, 'Mva-melding', kr(50), '2024-03-16'],
    ]);
    const mvaItem = byId.get(mva.kravId)!.forfall[0]!;
    expect(mvaItem.gjenstaaendeOere).toBe(kr(50));
    expect(mvaItem.plassertMotkrav).toEqual([
      expect.objectContaining({
        plassertOere: kr(50),
        motkrav: expect.objectContaining({ kravId: tilgode.kravId, kravtypeApi: 'Mva-melding', forfallsdato: '2024-03-16', periode: { beskrivelse: 'januar - februar', aar: 2024 } }),
      }),
    ]);
  });

  it('the daily run sets off credits against debts that became overdue since, posting interest up to the set-off date', async () => {
    const { db } = handle();
    const as = await nyttAs(db);
    const tilgode = await bokfoerKrav(db, krav(as, d('2024-01-02'), [['2024-01-02', -20_000]], { kravtype: 'tilgodeMva' }));
    expect(tilgode.motregninger).toEqual([]);
    const aga = await bokfoerKrav(db, krav(as, d('2024-01-03'), [['2024-01-15', 10_000]]));
    const [run] = await kjoerOppgjoer(db, { bokfoertDato: d('2024-02-14'), partId: as });
    // 10 000 kr × 12.50 % × 30/365 = 102.73 kr, set off with the rest of the credit.
    expect(run!.renteKrav.map((r) => [r.hovedstolKravId, r.beloepOere, r.forfallsdato])).toEqual([[aga.kravId, kr(102), '2024-02-14']]);
    expect(run!.motregninger.map((m) => [m.debet.kravId, m.beloepOere])).toEqual([
      [aga.kravId, kr(10_000)],
      [run!.renteKrav[0]!.kravId, kr(102)],
    ]);
    expect(run!.ikkeUtbetalt).toEqual([{ partId: as, beloepOere: kr(9_898), grunn: 'ingenUtbetalingskonto' }]);
    await kontrollerInvarianter(db, as, d('2024-02-14'));
  });

  it('pays remaining credit to the registered account, with status, visible on both sides', async () => {
    const { db } = handle();
    const as = await nyttAs(db, { utbetalingskonto: konto });
    const tilgode = await bokfoerKrav(db, krav(as, d('2024-03-01'), [['2024-03-01', -5_000]], { kravtype: 'tilgodeMva', beskrivelse: 'Mva-melding' }));
    // The run over all groups reaches this party too.
    const run = (await kjoerOppgjoer(db, { bokfoertDato: d('2024-03-02') })).find((r) => r.partIds.includes(as));
    expect(run!.utbetalinger).toEqual([
      expect.objectContaining({ partId: as, beloepOere: kr(5_000), konto, melding: 'Tilgode Mva-melding', kreditter: [expect.objectContaining({ kravId: tilgode.kravId, beloepOere: kr(5_000) })] }),
    ]);
    const utbetalingId = run!.utbetalinger[0]!.utbetalingId;
    const view = await buildPartView(db, {
      partId: as,
      asOf: d('2024-03-02'),
      utbetalt: { fraOgMed: d('2024-01-01'), tilOgMed: d('2024-12-31') },
      kravOpprettet: { fraOgMed: d('2024-01-01'), tilOgMed: d('2024-12-31') },
    });
    expect(view.utbetalinger).toEqual([
      expect.objectContaining({
        utbetalingId,
        utbetaltdato: '2024-03-02',
        beloepOere: kr(5_000),
        konto,
        status: 'underUtbetaling',
        kreditKrav: [expect.objectContaining({ utbetaltOere: kr(5_000), krav: expect.objectContaining({ kravId: tilgode.kravId, opprinneligOere: -kr(5_000), gjenstaaendeOere: 0 }) })],
      }),
    ]);
    expect(view.kravOpprettet![0]!.forfall[0]!.plassertUtbetaling).toEqual([
      expect.objectContaining({ plassertOere: kr(5_000), plassertDato: '2024-03-02', utbetaling: expect.objectContaining({ utbetalingId, beloepOere: kr(5_000), status: 'underUtbetaling' }) }),
    ]);
    // Nothing left: the next day's run pays nothing.
    expect(await kjoerOppgjoer(db, { bokfoertDato: d('2024-03-03'), partId: as })).toEqual([
      { partIds: [as], motregninger: [], renteKrav: [], refusjoner: [], utbetalinger: [], ikkeUtbetalt: [], replayed: false },
    ]);
  });

  it('leaves credit below 100 kr and credit without an account open and visible', async () => {
    const { db } = handle();
    const small = await nyttAs(db, { utbetalingskonto: konto });
    const noAccount = await nyttAs(db);
    await bokfoerKrav(db, krav(small, d('2024-03-01'), [['2024-03-01', -99.99]], { kravtype: 'tilgodeMva' }));
    await bokfoerKrav(db, krav(noAccount, d('2024-03-01'), [['2024-03-01', -500]], { kravtype: 'tilgodeMva' }));
    const runs = [...(await kjoerOppgjoer(db, { bokfoertDato: d('2024-03-02'), partId: small })), ...(await kjoerOppgjoer(db, { bokfoertDato: d('2024-03-02'), partId: noAccount }))];
    const ikke = runs.flatMap((r) => r.ikkeUtbetalt);
    expect(ikke).toEqual(
      expect.arrayContaining([
        { partId: small, beloepOere: kr(99.99), grunn: 'underMinstebeloep' },
        { partId: noAccount, beloepOere: kr(500), grunn: 'ingenUtbetalingskonto' },
      ]),
    );
    const view = await buildPartView(db, { partId: noAccount, asOf: d('2024-03-02'), aapne: true });
    expect(view.aapne!.oversikt.total).toMatchObject({ sumIkkeForfalteKravOere: 0, sumForfalteKravOere: -kr(500), saldoOere: -kr(500) });
    // Once an account is registered, the next run pays.
    await registrerPart(db, { partId: noAccount, navn: 'Eksempel AS', organisasjonsform: 'AS', registrertDato: d('2020-01-01'), utbetalingskonto: konto });
    const [paid] = await kjoerOppgjoer(db, { bokfoertDato: d('2024-03-03'), partId: noAccount });
    expect(paid!.utbetalinger.map((u) => u.beloepOere)).toEqual([kr(500)]);
  });

  it('refunds an unplaced payment through a motpost and a krav til utbetaling, as the tax ledger does', async () => {
    const { db } = handle();
    const { enk, eier } = await nyttEnk(db, { eier: { utbetalingskonto: konto } });
    await bokfoerKrav(db, krav(enk, d('2022-01-13'), [['2022-01-17', 16_665]]));
    const payment = await bokfoerInnbetaling(db, { idempotencyKey: nyNoekkel(), bokfoertDato: d('2022-01-18'), innbetalingsdato: d('2022-01-17'), partId: eier, beloepOere: kr(35_000) });
    expect(payment.uplassertOere).toBe(kr(18_335));
    const withoutRefund = await kjoerOppgjoer(db, { bokfoertDato: d('2022-01-19'), partId: enk });
    expect(withoutRefund[0]!.refusjoner).toEqual([]);
    const [run] = await kjoerOppgjoer(db, { bokfoertDato: d('2022-01-19'), partId: enk, refunderUplassert: true });
    expect(run!.refusjoner).toEqual([expect.objectContaining({ innbetalingId: payment.innbetalingId, partId: eier, beloepOere: kr(18_335) })]);
    expect(run!.utbetalinger).toEqual([expect.objectContaining({ partId: eier, beloepOere: kr(18_335), melding: 'For mye betalt 17.01.22' })]);

    const view = await buildPartView(db, {
      partId: eier,
      asOf: d('2022-01-19'),
      kravOpprettet: { fraOgMed: d('2022-01-01'), tilOgMed: d('2022-12-31') },
      innbetalt: { fraOgMed: d('2022-01-01'), tilOgMed: d('2022-12-31') },
    });
    expect(view.kravOpprettet!.map((k) => [k.kravtypeApi, k.opprinneligOere, k.gjenstaaendeOere])).toEqual([
      ['MOTP_TILB_BET', kr(18_335), 0],
      ['KRAV_UTBET_KRED', -kr(18_335), 0],
    ]);
    expect(view.innbetalinger![0]!.uplassertOere).toBe(0);
    expect(view.innbetalinger![0]!.plasseringer.map((p) => [p.krav.kravtypeApi, p.plassertOere])).toEqual([
      ['ARBGAVG', kr(16_665)],
      ['MOTP_TILB_BET', kr(18_335)],
    ]);
    await kontrollerInvarianter(db, eier, d('2022-01-19'));
  });

  it('a returned payout gets its status and puts the money back as a credit, paid again once possible', async () => {
    const { db } = handle();
    const as = await nyttAs(db, { utbetalingskonto: konto });
    await bokfoerKrav(db, krav(as, d('2024-03-01'), [['2024-03-01', -1_000]], { kravtype: 'tilgodeMva' }));
    const [run] = await kjoerOppgjoer(db, { bokfoertDato: d('2024-03-01'), partId: as });
    const utbetalingId = run!.utbetalinger[0]!.utbetalingId;
    const returned = await registrerUtbetalingReturnert(db, { idempotencyKey: nyNoekkel(), bokfoertDato: d('2024-03-05'), utbetalingId });
    expect(returned).toMatchObject({ utbetalingId, partId: as, beloepOere: kr(1_000) });
    const asOf = (date: string) => buildPartView(db, { partId: as, asOf: d(date), utbetalt: { fraOgMed: d('2024-01-01'), tilOgMed: d('2024-12-31') }, aapne: true });
    expect((await asOf('2024-03-04')).utbetalinger![0]!.status).toBe('underUtbetaling');
    const after = await asOf('2024-03-05');
    expect(after.utbetalinger![0]!.status).toBe('returnert');
    expect(after.aapne!.krav.map((k) => [k.kravId, k.kravtype, k.gjenstaaendeOere])).toEqual([[returned.kreditKravId, 'returnertUtbetaling', -kr(1_000)]]);
    await expect(registrerUtbetalingReturnert(db, { idempotencyKey: nyNoekkel(), bokfoertDato: d('2024-03-05'), utbetalingId })).rejects.toMatchObject({ code: 'utbetalingStatus' });
    const [again] = await kjoerOppgjoer(db, { bokfoertDato: d('2024-03-06'), partId: as });
    expect(again!.utbetalinger.map((u) => u.beloepOere)).toEqual([kr(1_000)]);
    await kontrollerInvarianter(db, as, d('2024-03-06'));
  });

  it('a payout is under payment until the bank confirms it, once; a confirmed payout can still come back', async () => {
    const { db } = handle();
    const as = await nyttAs(db, { utbetalingskonto: konto });
    await bokfoerKrav(db, krav(as, d('2024-03-01'), [['2024-03-01', -1_000]], { kravtype: 'tilgodeMva' }));
    const [run] = await kjoerOppgjoer(db, { bokfoertDato: d('2024-03-01'), partId: as });
    const utbetalingId = run!.utbetalinger[0]!.utbetalingId;
    const key = nyNoekkel();
    const confirmed = await registrerUtbetalingBekreftet(db, { idempotencyKey: key, bokfoertDato: d('2024-03-04'), utbetalingId });
    expect(confirmed).toEqual({ utbetalingId, partId: as, beloepOere: kr(1_000), replayed: false });
    expect(await registrerUtbetalingBekreftet(db, { idempotencyKey: key, bokfoertDato: d('2024-03-04'), utbetalingId })).toMatchObject({ replayed: true });
    const status = async (date: string) => (await buildPartView(db, { partId: as, asOf: d(date), utbetalt: { fraOgMed: d('2024-01-01'), tilOgMed: d('2024-12-31') } })).utbetalinger![0]!.status;
    expect(await status('2024-03-03')).toBe('underUtbetaling');
    expect(await status('2024-03-04')).toBe('bekreftet');
    await expect(registrerUtbetalingBekreftet(db, { idempotencyKey: nyNoekkel(), bokfoertDato: d('2024-03-04'), utbetalingId })).rejects.toMatchObject({ code: 'utbetalingStatus' });
    await expect(registrerUtbetalingBekreftet(db, { idempotencyKey: nyNoekkel(), bokfoertDato: d('2024-03-04'), utbetalingId: '74999999' })).rejects.toMatchObject({ code: 'ukjentUtbetaling' });
    await registrerUtbetalingReturnert(db, { idempotencyKey: nyNoekkel(), bokfoertDato: d('2024-03-06'), utbetalingId });
    expect(await status('2024-03-06')).toBe('returnert');
    await expect(registrerUtbetalingBekreftet(db, { idempotencyKey: nyNoekkel(), bokfoertDato: d('2024-03-06'), utbetalingId })).rejects.toMatchObject({ code: 'utbetalingStatus' });
    await kontrollerInvarianter(db, as, d('2024-03-06'));
  });
});
