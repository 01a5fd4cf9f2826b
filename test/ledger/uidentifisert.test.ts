import { expect, it } from 'vitest';
import {
  bokfoerKrav,
  buildPartView,
  finnInnbetaler,
  kontrollerInvarianter,
  registrerUidentifisertInnbetaling,
  tildelUidentifisertInnbetaling,
  uidentifiserteInnbetalinger,
} from '../../src/ledger/index.js';
import { describeEachDatabase } from '../support/databases.js';
import { d, kr, krav, nyNoekkel, nyttAs, nyttEnk } from './fixtures.js';

describeEachDatabase('unidentified payments', ({ handle }) => {
  it('keeps money that names no party, on no party, until it is assigned: then it is that party’s payment, once', async () => {
    const { db } = handle();
    const as = await nyttAs(db);
    const aga = await bokfoerKrav(db, krav(as, d('2024-03-01'), [['2024-03-15', 1_000]]));
    const key = nyNoekkel('bankfil');
    const input = { idempotencyKey: key, bokfoertDato: d('2024-03-10'), innbetalingsdato: d('2024-03-09'), beloepOere: kr(1_000), melding: 'Betaling for mars', betalerNavn: 'Ola Nordmann', betalerKonto: '12345678903' };
    const kept = await registrerUidentifisertInnbetaling(db, input);
    expect(kept).toMatchObject({ beloepOere: kr(1_000), innbetalingsdato: '2024-03-09', mottakerkonto: '76940524802', innbetalingstype: 'bankoverfoering', replayed: false });
    expect(kept.uidentifisertId).toMatch(/^86\d{6}$/);
    // The same key and request again keeps nothing twice; another request under it is refused.
    expect(await registrerUidentifisertInnbetaling(db, input)).toEqual({ ...kept, replayed: true });
    await expect(registrerUidentifisertInnbetaling(db, { ...input, beloepOere: kr(999) })).rejects.toMatchObject({ code: 'idempotensKonflikt' });
    expect((await uidentifiserteInnbetalinger(db)).map((u) => u.uidentifisertId)).toContain(kept.uidentifisertId);

    const assigned = await tildelUidentifisertInnbetaling(db, { bokfoertDato: d('2024-03-12'), uidentifisertId: kept.uidentifisertId, partId: as });
    expect(assigned).toMatchObject({ partId: as, beloepOere: kr(1_000), innbetalingsdato: '2024-03-09', uplassertOere: 0, replayed: false });
    expect(assigned.plasseringer.map((p) => [p.kravId, p.plassertOere])).toEqual([[aga.kravId, kr(1_000)]]);
    expect((await uidentifiserteInnbetalinger(db)).map((u) => u.uidentifisertId)).not.toContain(kept.uidentifisertId);
    // Once: the same party again is the first booking; another party is refused.
    expect(await tildelUidentifisertInnbetaling(db, { bokfoertDato: d('2024-03-13'), uidentifisertId: kept.uidentifisertId, partId: as })).toMatchObject({
      innbetalingId: assigned.innbetalingId,
      replayed: true,
    });
    const other = await nyttAs(db);
    await expect(tildelUidentifisertInnbetaling(db, { bokfoertDato: d('2024-03-13'), uidentifisertId: kept.uidentifisertId, partId: other })).rejects.toMatchObject({ code: 'alleredeTildelt' });
    await expect(tildelUidentifisertInnbetaling(db, { bokfoertDato: d('2024-03-13'), uidentifisertId: '86999999', partId: other })).rejects.toMatchObject({ code: 'ukjentUidentifisert' });

    const view = await buildPartView(db, { partId: as, asOf: d('2024-03-12'), innbetalt: { fraOgMed: d('2024-01-01'), tilOgMed: d('2024-12-31') } });
    expect(view.innbetalinger!.map((i) => [i.innbetalingId, i.beloepOere, i.melding, i.betalerNavn])).toEqual([[assigned.innbetalingId, kr(1_000), 'Betaling for mars', 'Ola Nordmann']]);
    await kontrollerInvarianter(db, as, d('2024-03-12'));
    const row = await db.selectFrom('innbetaling').select('uidentifisert_id').where('innbetaling_id', '=', assigned.innbetalingId).executeTakeFirstOrThrow();
    expect(row.uidentifisert_id).toBe(kept.uidentifisertId);
  });

  it('refuses an account that is none of Skatteetaten’s, and is append-only', async () => {
    const { db } = handle();
    await expect(registrerUidentifisertInnbetaling(db, { idempotencyKey: nyNoekkel(), bokfoertDato: d('2024-03-10'), beloepOere: kr(5), mottakerkonto: '12345678903' })).rejects.toMatchObject({ code: 'ugyldigKonto' });
    const kept = await registrerUidentifisertInnbetaling(db, { idempotencyKey: nyNoekkel(), bokfoertDato: d('2024-03-10'), beloepOere: kr(5) });
    await expect(db.updateTable('uidentifisert_innbetaling').set({ melding: 'x' } as never).where('uidentifisert_id', '=', kept.uidentifisertId).execute()).rejects.toThrow(/kan ikke endres/);
  });

  it('finds the payer by the KID of any claim, else by a party’s number in the text', async () => {
    const { db } = handle();
    const { enk, eier } = await nyttEnk(db);
    const claim = await bokfoerKrav(db, krav(enk, d('2024-03-01'), [['2024-03-15', 100]]));
    const kid = claim.forfall[0]!.kid!;
    expect(await finnInnbetaler(db, { kid })).toEqual({ partId: enk, grunnlag: 'kid' });
    expect(await finnInnbetaler(db, { kid: '12345678903', melding: `Skatt for ${eier}` })).toEqual({ partId: eier, grunnlag: 'melding' });
    // A number that is no known party, or not a valid one, names nobody.
    expect(await finnInnbetaler(db, { melding: 'Faktura 123456789 og 12345678901' })).toBeUndefined();
    expect(await finnInnbetaler(db, {})).toBeUndefined();
  });
});
