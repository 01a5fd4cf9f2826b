import { expect, it } from 'vitest';
import { localDate } from '../../src/domain/dates.js';
import { registrerParter } from '../../src/ledger/index.js';
import { BulkRounds } from '../../src/testdata/bulk-rounds.js';
import { inProcessBooker } from '../../src/testdata/round-booking.js';
import { businessOf, groupIds, historyWindow, type HistoryPlan } from '../../src/testdata/synthetic-history.js';
import { describeEachDatabase } from '../support/databases.js';
import { ledgerFactRows } from '../support/ledger-digest.js';

const today = localDate('2026-06-20');
const plan: HistoryPlan = { seed: 4711, window: historyWindow(today, 2), today };

describeEachDatabase('bulk rounds', ({ handle }) => {
  it('a round counts as booking its parties from when it is booked until its copy has been waited for, also while the next round is booked', async () => {
    const database = handle();
    const [first, second] = [businessOf(plan, 0), businessOf(plan, 1)];
    await registrerParter(database.db, [...first.parter, ...second.parter]);
    let written = 0;
    const rounds = new BulkRounds({ db: database.db, bulkCopy: database.bulkCopy, booker: inProcessBooker, plan, onWritten: () => (written += 1) });
    const firstIds = groupIds(first.virksomhet);
    const secondIds = groupIds(second.virksomhet);
    expect(await rounds.add([0], firstIds)).toBe(true);
    expect(rounds.books(firstIds)).toBe(true);
    expect(rounds.books(secondIds)).toBe(false);
    // Adding the second round starts copying the first: until that copy is waited for, the first's parties are still taken.
    expect(await rounds.add([1], secondIds)).toBe(true);
    expect(rounds.books(secondIds)).toBe(true);
    expect(rounds.books(firstIds)).toBe(true);
    await rounds.finish();
    expect(written).toBe(2);
    expect(rounds.books([...firstIds, ...secondIds])).toBe(false);
    expect(await ledgerFactRows(database.db)).toBeGreaterThan(0);
    // Both are booked now: adding either again is refused, and nothing is written.
    expect(await rounds.add([0], firstIds)).toBe(false);
    await rounds.finish();
    expect(written).toBe(2);
    await rounds.close();
  });
});
