import { expect, it } from 'vitest';
import { makeKid } from '../../src/domain/kid.js';
import { bokfoerInnbetaling, bokfoerKrav, buildPartView, kontrollerInvarianter, LedgerInputError } from '../../src/ledger/index.js';
import { describeEachDatabase } from '../support/databases.js';
import { d, kr, krav, nyNoekkel, nyttAs, nyttEnk } from './fixtures.js';

describeEachDatabase('bokfoerInnbetaling', ({ handle }) => {
  const innbetal = (partId: string, bokfoert: string, kroner: number, extra: { kid?: string; innbetalingsdato?: string; mottakerkonto?: string } = {}) =>
    bokfoerInnbetaling(handle().db, {
      idempotencyKey: nyNoekkel('innbetaling'),
      bokfoertDato: d(bokfoert),
      partId,
      beloepOere: kr(kroner),
      kid: extra.kid,
      innbetalingsdato: extra.innbetalingsdato === undefined ? undefined : d(extra.innbetalingsdato),
      mottakerkonto: extra.mottakerkonto,
    });

  it('a KID covers its claim, oldest instalment first, before older debts of the group', async () => {
    const { db } = handle();
    const as = await nyttAs(db);
    const old = await bokfoerKrav(db, krav(as, d('2024-01-02'), [['2024-01-10', 100]]));
    const skatt = await bokfoerKrav(
      db,
      krav(as, d('2024-01-02'), [['2024-02-15', 300], ['2024-04-15', 300]], { kravtype: 'utskrevetForskuddsskatt', periode: { beskrivelse: 'Inntektsår', aar: 2024 } }),
    );
    expect(skatt.forfall[0]!.kid).toBe(skatt.forfall[1]!.kid);
    const result = await innbetal(as, '2024-02-15', 450, { kid: skatt.forfall[0]!.kid! });
    expect(result.kid).toEqual({ kid: skatt.forfall[0]!.kid, gyldig: true, kravId: skatt.kravId });
    expect(result.plasseringer.map((p) => [p.kravId, p.nummer, p.plassertOere, p.gjenstaaendeOere, p.grunnlag])).toEqual([
      [skatt.kravId, 1, kr(300), 0, 'kid'],
      [skatt.kravId, 2, kr(150), kr(150), 'kid'],
    ]);
    expect(result.uplassertOere).toBe(0);
    const view = await buildPartView(db, { partId: as, asOf: d('2024-02-15'), aapne: true });
    expect(view.aapne!.krav.map((k) => [k.kravId, k.gjenstaaendeOere])).toEqual([
      [old.kravId, kr(100)],
      [skatt.kravId, kr(150)],
    ]);
  });

  it('what the KID claim does not need goes to the group’s overdue debts, then to what is not yet due', async () => {
    const { db } = handle();
    const as = await nyttAs(db);
    const overdue = await bokfoerKrav(db, krav(as, d('2024-03-01'), [['2024-03-01', 200]]));
    const kidKrav = await bokfoerKrav(db, krav(as, d('2024-03-01'), [['2024-03-20', 100]]));
    const future = await bokfoerKrav(db, krav(as, d('2024-03-01'), [['2024-06-01', 500]]));
    // Paid 2024-03-02: the overdue item is one day late (200 kr × 12.50 % / 365 = 0.07 kr: no interest claim).
    const result = await innbetal(as, '2024-03-02', 400, { kid: kidKrav.forfall[0]!.kid! });
    expect(result.plasseringer.map((p) => [p.kravId, p.plassertOere, p.grunnlag])).toEqual([
      [kidKrav.kravId, kr(100), 'kid'],
      [overdue.kravId, kr(200), 'forfalt'],
      [future.kravId, kr(100), 'ikkeForfalt'],
    ]);
    expect(result.renteKrav).toEqual([]);
  });

  it('without a KID: default order, overdue first, oldest due date first', async () => {
    const { db } = handle();
    const as = await nyttAs(db);
    const newer = await bokfoerKrav(db, krav(as, d('2024-03-01'), [['2024-03-05', 100]]));
    const older = await bokfoerKrav(db, krav(as, d('2024-03-01'), [['2024-03-04', 100]]));
    const notDue = await bokfoerKrav(db, krav(as, d('2024-03-01'), [['2024-03-06', 100]]));
    const result = await innbetal(as, '2024-03-06', 250);
    expect(result.kid).toBeNull();
    expect(result.plasseringer.map((p) => [p.kravId, p.plassertOere, p.grunnlag])).toEqual([
      [older.kravId, kr(100), 'forfalt'],
      [newer.kravId, kr(100), 'forfalt'],
      [notDue.kravId, kr(50), 'ikkeForfalt'],
    ]);
  });

  it('an invalid KID, or a valid one that names no open claim, is no usable KID', async () => {
    const { db } = handle();
    const as = await nyttAs(db);
    const first = await bokfoerKrav(db, krav(as, d('2024-03-01'), [['2024-03-04', 100]]));
    const second = await bokfoerKrav(db, krav(as, d('2024-03-01'), [['2024-03-05', 100]]));
    const secondKid = second.forfall[0]!.kid!;
    const broken = secondKid.slice(0, -1) + (secondKid.endsWith('1') ? '2' : '1');
    const invalid = await innbetal(as, '2024-03-04', 50, { kid: broken });
    expect(invalid.kid).toEqual({ kid: broken, gyldig: false });
    expect(invalid.plasseringer.map((p) => p.kravId)).toEqual([first.kravId]);
    const unknownKid = makeKid('99999999', 'MOD11');
    const unknown = await innbetal(as, '2024-03-04', 50, { kid: unknownKid });
    expect(unknown.kid).toEqual({ kid: unknownKid, gyldig: true });
    expect(unknown.plasseringer.map((p) => p.kravId)).toEqual([first.kravId]);
  });

  it('keeps what cannot be placed unplaced and applies it to the next claim', async () => {
    const { db } = handle();
    const as = await nyttAs(db);
    const payment = await innbetal(as, '2024-03-01', 300);
    expect(payment.plasseringer).toEqual([]);
    expect(payment.uplassertOere).toBe(kr(300));
    const before = await buildPartView(db, { partId: as, asOf: d('2024-03-01'), aapne: true });
    expect(before.aapne!.innbetalinger.map((i) => i.uplassertOere)).toEqual([kr(300)]);
    expect(before.aapne!.oversikt.total.saldoOere).toBe(-kr(300));

    const claim = await bokfoerKrav(db, krav(as, d('2024-03-10'), [['2024-03-15', 200]]));
    expect(claim.plasseringer.map((p) => [p.innbetalingId, p.kravId, p.plassertOere, p.grunnlag])).toEqual([
      [payment.innbetalingId, claim.kravId, kr(200), 'ikkeForfalt'],
    ]);
    const after = await buildPartView(db, { partId: as, asOf: d('2024-03-10'), aapne: true });
    expect(after.aapne!.krav).toEqual([]);
    expect(after.aapne!.innbetalinger.map((i) => i.uplassertOere)).toEqual([kr(100)]);
    await kontrollerInvarianter(db, as, d('2024-03-10'));
  });

  it('posts forsinkelsesrente when a late claim is paid: 51 321 kr due 2021-12-10 paid 2022-01-17 → 439 kr', async () => {
    const { db } = handle();
    const { enk } = await nyttEnk(db);
    const mva = await bokfoerKrav(
      db,
      krav(enk, d('2021-12-11'), [['2021-12-10', 51_321]], {
        kravtype: 'åBetaleMva',
        beskrivelse: 'Mva-melding',
        periode: { beskrivelse: 'september - oktober', aar: 2021, fra: d('2021-09-01'), til: d('2021-10-31'), termin: '05' },
      }),
    );
    const result = await innbetal(enk, '2022-01-17', 51_433, { kid: mva.forfall[0]!.kid!, mottakerkonto: '76940518888' });
    expect(result.renteKrav).toEqual([
      expect.objectContaining({
        hovedstolKravId: mva.kravId,
        kravtype: 'forsinkelsesrenterMva',
        kravgruppe: 'merverdiavgift',
        beloepOere: kr(439),
        forfallsdato: '2022-01-17',
        beskrivelse: 'Forsinkelsesrenter Mva-melding',
      }),
    ]);
    expect(result.plasseringer.map((p) => [p.kravId, p.plassertOere, p.gjenstaaendeOere])).toEqual([
      [mva.kravId, kr(51_321), 0],
      [result.renteKrav[0]!.kravId, kr(112), kr(327)],
    ]);
    const view = await buildPartView(db, { partId: enk, asOf: d('2022-01-17'), aapne: true });
    const rente = view.aapne!.krav.find((k) => k.kravId === result.renteKrav[0]!.kravId)!;
    expect(rente).toMatchObject({ kravtypeApi: 'Forsinkelsesrente', hovedstolKravId: mva.kravId, gjenstaaendeOere: kr(327), renteberegnes: false, stipulerteRenterOere: 0 });
    expect(rente.periode).toEqual({ beskrivelse: 'september - oktober', aar: 2021, fra: '2021-09-01', til: '2021-10-31', termin: '05' });
  });

  it('refuses unknown parties, bad amounts, dates and accounts with a catalogued error', async () => {
    const { db } = handle();
    const as = await nyttAs(db);
    const base = { idempotencyKey: nyNoekkel(), bokfoertDato: d('2024-01-01'), partId: as, beloepOere: kr(10) };
    const code = (promise: Promise<unknown>) => promise.then(() => 'ok', (error: LedgerInputError) => error.code);
    expect(await code(bokfoerInnbetaling(db, { ...base, partId: '310000000' }))).toBe('ukjentPart');
    expect(await code(bokfoerInnbetaling(db, { ...base, partId: '123456789' }))).toBe('ugyldigPart');
    expect(await code(bokfoerInnbetaling(db, { ...base, beloepOere: kr(-5) }))).toBe('ugyldigBeloep');
    expect(await code(bokfoerInnbetaling(db, { ...base, beloepOere: 10.5 as never }))).toBe('ugyldigBeloep');
    expect(await code(bokfoerInnbetaling(db, { ...base, innbetalingsdato: d('2024-01-02') }))).toBe('ugyldigDato');
    expect(await code(bokfoerInnbetaling(db, { ...base, bokfoertDato: '2024-02-30' as never }))).toBe('ugyldigDato');
    expect(await code(bokfoerInnbetaling(db, { ...base, mottakerkonto: '12345678903' }))).toBe('ugyldigKonto');
    expect(await code(bokfoerInnbetaling(db, { ...base, kid: 'x'.repeat(26) }))).toBe('ugyldigKid');
  });

  it('refuses to book back in time for a debtor group', async () => {
    const { db } = handle();
    const as = await nyttAs(db);
    await innbetal(as, '2024-05-01', 10);
    await expect(innbetal(as, '2024-04-30', 10)).rejects.toMatchObject({ code: 'tilbakedatert' });
    await innbetal(as, '2024-05-01', 10);
  });
});
