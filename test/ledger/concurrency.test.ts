import { expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/open-database.js';
import { bokfoerInnbetaling, bokfoerKrav, buildPartView, kontrollerInvarianter } from '../../src/ledger/index.js';
import { describeEachDatabase } from '../support/databases.js';
import { d, kr, krav, nyNoekkel, nyttAs, nyttEnk } from './fixtures.js';

/**
 * Two processes on one PostgreSQL booking for the same debtor group must serialize: each command
 * locks the group's part rows. Two pools stand for two processes.
 */
describeEachDatabase(
  'concurrent booking',
  ({ handle }) => {
  it('two pools paying the same debtor group never cover one item twice', async () => {
    const { db, url } = handle();
    const second: DatabaseHandle = await openDatabase({ kind: 'postgres', url: url!, poolSize: 2 });
    try {
      for (let round = 0; round < 8; round++) {
        const { enk, eier } = await nyttEnk(db);
        const claim = await bokfoerKrav(db, krav(enk, d('2024-03-01'), [['2024-03-15', 1_000]]));
        // The ENK and its owner pay at the same moment, through different pools.
        const [a, b] = await Promise.all([
          bokfoerInnbetaling(db, { idempotencyKey: nyNoekkel('a'), bokfoertDato: d('2024-03-10'), partId: enk, beloepOere: kr(1_000) }),
          bokfoerInnbetaling(second.db, { idempotencyKey: nyNoekkel('b'), bokfoertDato: d('2024-03-10'), partId: eier, beloepOere: kr(1_000) }),
        ]);
        expect([a.uplassertOere, b.uplassertOere].sort()).toEqual([0, kr(1_000)]);
        const view = await buildPartView(db, { partId: enk, asOf: d('2024-03-10'), kravOpprettet: { fraOgMed: d('2024-01-01'), tilOgMed: d('2024-12-31') } });
        expect(view.kravOpprettet!.map((k) => [k.kravId, k.gjenstaaendeOere])).toEqual([[claim.kravId, 0]]);
        await kontrollerInvarianter(db, enk, d('2024-03-10'));
      }
    } finally {
      await second.close();
    }
  });

  it('the same key sent through two pools at once books once', async () => {
    const { db, url } = handle();
    const second = await openDatabase({ kind: 'postgres', url: url!, poolSize: 2 });
    try {
      for (let round = 0; round < 5; round++) {
        const { enk } = await nyttEnk(db);
        const input = { idempotencyKey: nyNoekkel('same'), bokfoertDato: d('2024-03-10'), partId: enk, beloepOere: kr(10) };
        const [a, b] = await Promise.all([bokfoerInnbetaling(db, input), bokfoerInnbetaling(second.db, input)]);
        expect(a.innbetalingId).toBe(b.innbetalingId);
        expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
        // The same key for two debtor groups at once (no shared lock): one books, the other is a conflict.
        const key = nyNoekkel('clash');
        const other = await nyttAs(db);
        const outcomes = await Promise.allSettled([
          bokfoerInnbetaling(db, { ...input, idempotencyKey: key }),
          bokfoerInnbetaling(second.db, { ...input, idempotencyKey: key, partId: other }),
        ]);
        expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
        expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { code: 'idempotensKonflikt' } });
      }
    } finally {
      await second.close();
    }
  });
},
  { only: 'postgres' },
);
