import { expect, it } from 'vitest';
import { limits } from '../../src/domain/limits.js';
import { createSubscription, listSubscriptions, revokeSubscription, subscriptionForToken, subscriptionUrl } from '../../src/kalender/index.js';
import { testClock } from '../support/auth.js';
import { describeEachDatabase } from '../support/databases.js';
import { nyttAs, nyttOrgnr } from '../ledger/fixtures.js';

/** The functions Min side calls (and the API's routes): make, list, revoke, open by token. */
describeEachDatabase('calendar subscriptions', ({ handle }) => {
  const clock = testClock(Date.UTC(2026, 5, 20, 8, 0, 0));

  it('make → open by its token → list → revoke: the token stops at once, the row stays', async () => {
    const db = handle().db;
    const partId = await nyttAs(db);
    const made = await createSubscription(db, clock, { partId, opprettetAv: 'Min side: 02013299997' });
    if (!made.ok) throw new Error(made.reason);
    expect(made.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(subscriptionUrl('https://kob.example/', made.token)).toBe(`https://kob.example/kalender/${made.token}.ics`);
    expect(await subscriptionForToken(db, made.token)).toEqual(made.subscription);
    expect(await listSubscriptions(db, partId)).toEqual([made.subscription]);

    clock.advanceSeconds(60);
    expect(await revokeSubscription(db, clock, { partId, abonnementId: made.subscription.abonnementId, tilbakekaltAv: 'Min side: 02013299997' })).toBe('revoked');
    expect(await subscriptionForToken(db, made.token)).toBeUndefined();
    expect(await revokeSubscription(db, clock, { partId, abonnementId: made.subscription.abonnementId, tilbakekaltAv: 'x' })).toBe('alreadyRevoked');
    expect(await listSubscriptions(db, partId)).toEqual([{ ...made.subscription, tilbakekaltMs: made.subscription.opprettetMs + 60_000, tilbakekaltAv: 'Min side: 02013299997' }]);
  });

  it("another party's subscription cannot be revoked through this one, and looks unknown", async () => {
    const db = handle().db;
    const [a, b] = [await nyttAs(db), await nyttAs(db)];
    const made = await createSubscription(db, clock, { partId: a, opprettetAv: 'test' });
    if (!made.ok) throw new Error(made.reason);
    expect(await revokeSubscription(db, clock, { partId: b, abonnementId: made.subscription.abonnementId, tilbakekaltAv: 'test' })).toBe('notFound');
    expect(await subscriptionForToken(db, made.token)).toBeDefined();
  });

  it('refuses a party the ledger does not know, and more active subscriptions than the limit', async () => {
    const db = handle().db;
    expect(await createSubscription(db, clock, { partId: nyttOrgnr(), opprettetAv: 'test' })).toEqual({ ok: false, reason: 'unknownParty' });
    const partId = await nyttAs(db);
    const made = [];
    for (let n = 0; n < limits.calendarSubscriptionsPerPartyMax; n++) made.push(await createSubscription(db, clock, { partId, opprettetAv: 'test' }));
    expect(made.every((result) => result.ok)).toBe(true);
    expect(await createSubscription(db, clock, { partId, opprettetAv: 'test' })).toEqual({ ok: false, reason: 'tooMany' });
    const first = made[0]!;
    if (!first.ok) throw new Error('made');
    await revokeSubscription(db, clock, { partId, abonnementId: first.subscription.abonnementId, tilbakekaltAv: 'test' });
    expect((await createSubscription(db, clock, { partId, opprettetAv: 'test' })).ok).toBe(true);
  });

  it('a malformed or unknown token opens nothing', async () => {
    const db = handle().db;
    for (const token of ['', 'x', 'A'.repeat(43), `${'A'.repeat(42)}/`, "' or 1=1 --"]) expect(await subscriptionForToken(db, token)).toBeUndefined();
  });
});
