import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import {
  bokfoerInnbetaling,
  bokfoerKommandoer,
  bokfoerKrav,
  IdempotencyConflictError,
  innbetalingKommando,
  kjoerOppgjoer,
  kravKommando,
  registrerLevering,
} from '../../src/ledger/index.js';
import { describeEachDatabase } from '../support/databases.js';
import { d, kr, krav, nyNoekkel, nyttAs, nyttEnk } from './fixtures.js';

async function rowCounts(db: Kysely<Database>) {
  const result = await sql<Record<'kommando' | 'krav' | 'kravforfall' | 'innbetaling' | 'plassering' | 'utbetaling' | 'levering', number>>`
    select (select count(*)::int from kommando) as kommando, (select count(*)::int from krav) as krav,
           (select count(*)::int from kravforfall) as kravforfall, (select count(*)::int from innbetaling) as innbetaling,
           (select count(*)::int from plassering) as plassering, (select count(*)::int from utbetaling) as utbetaling,
           (select count(*)::int from levering) as levering`.execute(db);
  return result.rows[0]!;
}

describeEachDatabase('idempotency', ({ handle }) => {
  it('the same key with the same request returns the first result and books nothing', async () => {
    const { db } = handle();
    const as = await nyttAs(db);
    const kravInput = krav(as, d('2024-01-10'), [['2024-01-15', 1_000]]);
    const first = await bokfoerKrav(db, kravInput);
    const paymentInput = { idempotencyKey: nyNoekkel(), bokfoertDato: d('2024-02-20'), partId: as, beloepOere: kr(1_500) };
    const paid = await bokfoerInnbetaling(db, paymentInput);
    expect(paid.replayed).toBe(false);
    expect(paid.renteKrav).toHaveLength(1);
    const before = await rowCounts(db);

    const again = await bokfoerInnbetaling(db, paymentInput);
    expect(again.replayed).toBe(true);
    expect({ ...again, replayed: false }).toEqual(paid);
    expect(await bokfoerKrav(db, kravInput)).toEqual({ ...first, replayed: true });
    // Re-sending on a later business date is still the same request.
    expect((await bokfoerInnbetaling(db, { ...paymentInput, bokfoertDato: d('2024-03-01') })).innbetalingId).toBe(paid.innbetalingId);
    expect(await rowCounts(db)).toEqual(before);
  });

  it('the same key with another request is a conflict and books nothing', async () => {
    const { db } = handle();
    const as = await nyttAs(db);
    const input = { idempotencyKey: nyNoekkel(), bokfoertDato: d('2024-02-20'), partId: as, beloepOere: kr(100) };
    await bokfoerInnbetaling(db, input);
    const before = await rowCounts(db);
    await expect(bokfoerInnbetaling(db, { ...input, beloepOere: kr(101) })).rejects.toBeInstanceOf(IdempotencyConflictError);
    await expect(bokfoerKrav(db, krav(as, d('2024-02-20'), [['2024-03-01', 5]], { idempotencyKey: input.idempotencyKey }))).rejects.toMatchObject({
      code: 'idempotensKonflikt',
    });
    const other = await nyttAs(db);
    await expect(bokfoerInnbetaling(db, { ...input, partId: other })).rejects.toBeInstanceOf(IdempotencyConflictError);
    expect(await rowCounts(db)).toEqual(before);
  });

  it('a batch books many commands for one group in one transaction, and replays as a whole', async () => {
    const { db } = handle();
    const as = await nyttAs(db);
    const commands = [
      kravKommando(krav(as, d('2024-01-10'), [['2024-01-15', 1_000]])),
      kravKommando(krav(as, d('2024-01-10'), [['2024-02-15', 500]])),
      innbetalingKommando({ idempotencyKey: nyNoekkel(), bokfoertDato: d('2024-01-15'), partId: as, beloepOere: kr(1_200) }),
    ];
    const results = await bokfoerKommandoer(db, commands);
    expect(results.map((r) => r.replayed)).toEqual([false, false, false]);
    const before = await rowCounts(db);
    const replayed = await bokfoerKommandoer(db, commands);
    expect(replayed.map((r) => r.replayed)).toEqual([true, true, true]);
    expect(replayed.map((r) => ({ ...r, replayed: false }))).toEqual(results);
    expect(await rowCounts(db)).toEqual(before);
  });

  it('a failing command in a batch books nothing of the batch', async () => {
    const { db } = handle();
    const as = await nyttAs(db);
    const before = await rowCounts(db);
    await expect(
      bokfoerKommandoer(db, [
        kravKommando(krav(as, d('2024-05-10'), [['2024-05-15', 1_000]])),
        innbetalingKommando({ idempotencyKey: nyNoekkel(), bokfoertDato: d('2024-05-09'), partId: as, beloepOere: kr(1) }),
      ]),
    ).rejects.toMatchObject({ code: 'tilbakedatert' });
    expect(await rowCounts(db)).toEqual(before);
  });

  it('the daily run runs once per group and date: again, for the ENK or its owner, it answers from the first run', async () => {
    const { db } = handle();
    const { enk, eier } = await nyttEnk(db);
    await bokfoerKrav(db, krav(enk, d('2024-01-10'), [['2024-01-15', 1_000]]));
    await bokfoerKrav(db, krav(eier, d('2024-01-10'), [['2024-01-10', -400]], { kravtype: 'tilbakebetalingRestskatt' }));
    const before = await rowCounts(db);
    const [first] = await kjoerOppgjoer(db, { bokfoertDato: d('2024-01-20'), partId: enk });
    expect(first!.motregninger.map((m) => m.beloepOere)).toEqual([kr(400)]);
    const after = await rowCounts(db);
    expect(after).toMatchObject({ kommando: before.kommando + 1, plassering: before.plassering + 1 });
    const [again] = await kjoerOppgjoer(db, { bokfoertDato: d('2024-01-20'), partId: eier });
    expect(again).toEqual({ ...first, replayed: true });
    expect(await rowCounts(db)).toEqual(after);
  });

  it('filings are commands too', async () => {
    const { db } = handle();
    const as = await nyttAs(db);
    const input = { idempotencyKey: nyNoekkel(), bokfoertDato: d('2024-04-10'), partId: as, leveringstype: 'mva-melding' as const, periodeAar: 2024, termin: '01' };
    const first = await registrerLevering(db, input);
    expect(first).toEqual({ partId: as, leveringstype: 'mva-melding', periodeAar: 2024, termin: '01', levertDato: '2024-04-10', replayed: false });
    expect((await registrerLevering(db, input)).replayed).toBe(true);
    await expect(registrerLevering(db, { ...input, termin: '02' })).rejects.toBeInstanceOf(IdempotencyConflictError);
    await expect(registrerLevering(db, { ...input, idempotencyKey: nyNoekkel(), termin: '13' })).rejects.toMatchObject({ code: 'ugyldigTekst' });
  });
});
