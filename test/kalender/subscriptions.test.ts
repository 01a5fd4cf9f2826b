import { expect, it } from 'vitest';
import { limits } from '../../src/domain/limits.js';
import { activeSubscriptionsUnder, createSubscription, endSubscriptionsUnder, listSubscriptions, revokeSubscription, subscriptionForToken, subscriptionUrl } from '../../src/kalender/index.js';
import { testClock } from '../support/auth.js';
import { describeEachDatabase } from '../support/databases.js';
import { nyttAs, nyttOrgnr } from '../ledger/fixtures.js';

/** The functions Min side calls (and the API's routes): make, list, revoke, open by token, end with their access. */
describeEachDatabase('calendar subscriptions', ({ handle }) => {
  const clock = testClock(Date.UTC(2026, 5, 20, 8, 0, 0));
  const person = { kind: 'person', id: '02013299997' } as const;

  it('make → open by its token → list → revoke: the token opens it as ended at once, the row stays', async () => {
    const db = handle().db;
    const partId = await nyttAs(db);
    const made = await createSubscription(db, clock, { partId, opprettetAv: 'Min side: 02013299997', tilgang: person });
    if (!made.ok) throw new Error(made.reason);
    expect(made.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(subscriptionUrl('https://kob.example/', made.token)).toBe(`https://kob.example/kalender/${made.token}.ics`);
    expect(await subscriptionForToken(db, made.token)).toEqual(made.subscription);
    expect(await listSubscriptions(db, partId)).toEqual([made.subscription]);

    clock.advanceSeconds(60);
    expect(await revokeSubscription(db, clock, { partId, abonnementId: made.subscription.abonnementId, tilbakekaltAv: 'Min side: 02013299997' })).toBe('revoked');
    const revoked = { ...made.subscription, tilbakekaltMs: made.subscription.opprettetMs + 60_000, tilbakekaltAv: 'Min side: 02013299997' };
    expect(await subscriptionForToken(db, made.token)).toEqual(revoked);
    expect(await revokeSubscription(db, clock, { partId, abonnementId: made.subscription.abonnementId, tilbakekaltAv: 'x' })).toBe('alreadyRevoked');
    expect(await listSubscriptions(db, partId)).toEqual([revoked]);
  });

  it("another party's subscription cannot be revoked through this one, and looks unknown", async () => {
    const db = handle().db;
    const [a, b] = [await nyttAs(db), await nyttAs(db)];
    const made = await createSubscription(db, clock, { partId: a, opprettetAv: 'test', tilgang: person });
    if (!made.ok) throw new Error(made.reason);
    expect(await revokeSubscription(db, clock, { partId: b, abonnementId: made.subscription.abonnementId, tilbakekaltAv: 'test' })).toBe('notFound');
    expect(await subscriptionForToken(db, made.token)).toBeDefined();
  });

  it('refuses a party the ledger does not know, and more active subscriptions than the limit', async () => {
    const db = handle().db;
    expect(await createSubscription(db, clock, { partId: nyttOrgnr(), opprettetAv: 'test', tilgang: person })).toEqual({ ok: false, reason: 'unknownParty' });
    const partId = await nyttAs(db);
    const made = [];
    for (let n = 0; n < limits.calendarSubscriptionsPerPartyMax; n++) made.push(await createSubscription(db, clock, { partId, opprettetAv: 'test', tilgang: person }));
    expect(made.every((result) => result.ok)).toBe(true);
    expect(await createSubscription(db, clock, { partId, opprettetAv: 'test', tilgang: person })).toEqual({ ok: false, reason: 'tooMany' });
    const first = made[0]!;
    if (!first.ok) throw new Error('made');
    await revokeSubscription(db, clock, { partId, abonnementId: first.subscription.abonnementId, tilbakekaltAv: 'test' });
    expect((await createSubscription(db, clock, { partId, opprettetAv: 'test', tilgang: person })).ok).toBe(true);
  });

  it('a malformed or unknown token opens nothing', async () => {
    const db = handle().db;
    for (const token of ['', 'x', 'A'.repeat(43), `${'A'.repeat(42)}/`, "' or 1=1 --"]) expect(await subscriptionForToken(db, token)).toBeUndefined();
  });

  it('records the access it was made under; removing that access ends exactly its active subscriptions', async () => {
    const db = handle().db;
    const [a, b] = [await nyttAs(db), await nyttAs(db)];
    const agent = { kind: 'systembruker', id: '0b5e8f3e-7a4c-4d2e-9b1a-3c6d5e4f7a8b' } as const;
    const consent = { kind: 'samtykke', id: '1c6f9a4f-8b5d-4e3f-8c2b-4d7e6f5a8b9c' } as const;
    const make = async (partId: string, tilgang: typeof agent | typeof consent) => {
      clock.advanceSeconds(1);
      const made = await createSubscription(db, clock, { partId, opprettetAv: 'test', tilgang });
      if (!made.ok) throw new Error(made.reason);
      return made.subscription;
    };
    const [agentForA, agentForB, consentForA] = [await make(a, agent), await make(b, agent), await make(a, consent)];
    expect(agentForA.tilgang).toEqual(agent);
    expect((await activeSubscriptionsUnder(db, [agent, consent])).map((s) => [s.abonnementId, s.partNavn])).toEqual([
      [agentForA.abonnementId, 'Eksempel AS'],
      [agentForB.abonnementId, 'Eksempel AS'],
      [consentForA.abonnementId, 'Eksempel AS'],
    ]);

    // A client delegation is one agent for one party; the agent's other client keeps its subscription.
    expect(await endSubscriptionsUnder(db, { tilgang: agent, partId: a, endedMs: 1, endedBy: 'delegering fjernet' })).toBe(1);
    expect((await activeSubscriptionsUnder(db, [agent])).map((s) => s.abonnementId)).toEqual([agentForB.abonnementId]);
    expect(await endSubscriptionsUnder(db, { tilgang: consent, endedMs: 2, endedBy: 'samtykke trukket' })).toBe(1);
    expect(await endSubscriptionsUnder(db, { tilgang: consent, endedMs: 3, endedBy: 'igjen' })).toBe(0);
    expect((await listSubscriptions(db, a)).map((s) => [s.abonnementId, s.tilbakekaltMs, s.tilbakekaltAv])).toEqual(
      expect.arrayContaining([
        [agentForA.abonnementId, 1, 'delegering fjernet'],
        [consentForA.abonnementId, 2, 'samtykke trukket'],
      ]),
    );
    expect(await activeSubscriptionsUnder(db, [])).toEqual([]);
  });
});
