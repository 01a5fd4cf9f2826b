import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { revokeConsent } from '../../../src/auth/altinn/consents.js';
import { partyUuidFor } from '../../../src/auth/altinn/organizations.js';
import { generateClientKey, registerClient } from '../../../src/auth/index.js';
import { acceptedConsent } from '../../support/access-fixtures.js';
import { claimsOf, clientToken, endUserToken, tokenFor } from '../../support/auth.js';
import { agentOrg, calendarTestApp, scenarioParty, secondDelegatedParty, undelegatedParty, type CalendarTestApp } from '../../support/calendar-app.js';
import { describeEachDatabase } from '../../support/databases.js';

/**
 * A calendar subscription ends with the access it was made under (decision 0089): the system
 * user, the client delegation or the bank's consent. Once that access is deleted, removed,
 * revoked or expired, the feed answers 410 Gone — to `inject` and to a real HTTP client alike —
 * and stays gone; a subscription whose access holds keeps answering.
 */
const base = '/api/innkreving/kalendertjeneste/v1/abonnementer';
const altinn = '/altinn/authentication/api/v1';
const day = 86_400;

describeEachDatabase('calendar subscriptions end with the access they were made under', ({ handle, kind }) => {
  let t: CalendarTestApp;
  let origin: string;
  /** The demo bank's client for the calendar scope, which reads through a consent. */
  let bank: { client_id: string; jwk: object };

  beforeAll(async () => {
    t = await calendarTestApp(handle().db, kind);
    origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { privateJwk, publicJwk } = await generateClientKey();
    const client = await registerClient(handle().db, t.clock, { org: t.demo.finans.org, name: 'Demo Bank kalender', scopes: ['skatteetaten:kalender'], publicJwk });
    bank = { client_id: client.clientId, jwk: privateJwk };
  });
  afterAll(async () => t?.app.close());

  const bankToken = (consent: { id: string; from: string }) => tokenFor(t.app, bank, t.clock, { scope: 'skatteetaten:kalender', consent });
  const partyUrn = (orgnr: string) => `urn:altinn:organization:identifier-no:${orgnr}`;

  /** Makes a subscription through the API and returns its feed path. */
  async function subscribe(token: string, party: string): Promise<string> {
    const response = await t.app.inject({ method: 'POST', url: `${base}/${party}`, headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode, response.body).toBe(201);
    return new URL(response.json<{ url: string }>().url).pathname;
  }

  /** The feed's status through `inject` and through a real HTTP request to the listening server. */
  async function feedStatus(path: string): Promise<{ inject: number; fetch: number }> {
    const injected = await t.app.inject({ url: path });
    const fetched = await fetch(`${origin}${path}`);
    await fetched.text();
    return { inject: injected.statusCode, fetch: fetched.status };
  }

  async function expectGone(path: string): Promise<void> {
    expect(await feedStatus(path)).toEqual({ inject: 410, fetch: 410 });
    const response = await fetch(`${origin}${path}`);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await response.text();
    expect(body).toMatch(/^Kalenderabonnementet er avsluttet/);
    expect(body).not.toContain('BEGIN:VCALENDAR');
  }

  const systemUserIdOf = (token: string) => (claimsOf(token).authorization_details as { systemuser_id: string[] }[])[0]!.systemuser_id[0]!;

  it('a system user deleted by the business: its subscription answers 410 at once', async () => {
    const vendor = await t.vendorToken(undelegatedParty);
    const feed = await subscribe(vendor, undelegatedParty);
    const kept = await subscribe(await t.vendorToken(scenarioParty), scenarioParty);
    expect(await feedStatus(feed)).toEqual({ inject: 200, fetch: 200 });

    const owner = await endUserToken(t, handle().db, undelegatedParty);
    const deleted = await t.app.inject({ method: 'DELETE', url: `${altinn}/systemuser/${undelegatedParty}/${systemUserIdOf(vendor)}`, headers: { authorization: `Bearer ${owner}` } });
    expect(deleted.statusCode).toBe(202);

    await expectGone(feed);
    // Another business's system user, untouched, keeps its subscription.
    expect(await feedStatus(kept)).toEqual({ inject: 200, fetch: 200 });
    const ended = await handle().db.selectFrom('kalender_abonnement').where('part_id', '=', undelegatedParty).select(['tilbakekalt_av']).execute();
    expect(ended).toEqual([{ tilbakekalt_av: 'Avsluttet fordi systembrukeren det ble laget med, ble slettet' }]);
  });

  it('a client delegation removed: the agent\'s subscription for that client ends, for its other client it keeps working; delegating again does not bring it back', async () => {
    const agent = await t.agentToken();
    const removedClient = await subscribe(agent, scenarioParty);
    const otherClient = await subscribe(agent, secondDelegatedParty);
    expect(await feedStatus(removedClient)).toEqual({ inject: 200, fetch: 200 });

    const firmAdmin = (await clientToken(t, handle().db, agentOrg, ['altinn:portal/enduser', 'altinn:clientdelegations.write'])).token;
    const delegation = `${altinn}/enduser/systemuser/clients?agent=${systemUserIdOf(agent)}&client=${partyUuidFor(scenarioParty)}`;
    const removed = await t.app.inject({ method: 'DELETE', url: delegation, headers: { authorization: `Bearer ${firmAdmin}` } });
    expect(removed.statusCode).toBe(200);

    await expectGone(removedClient);
    expect(await feedStatus(otherClient)).toEqual({ inject: 200, fetch: 200 });

    const again = await t.app.inject({ method: 'POST', url: delegation, headers: { authorization: `Bearer ${firmAdmin}` } });
    expect(again.statusCode).toBe(200);
    expect((await feedStatus(removedClient)).inject).toBe(410);
    expect(await feedStatus(await subscribe(await t.agentToken(), scenarioParty))).toEqual({ inject: 200, fetch: 200 });
  });

  it("the bank's consent revoked by the business: its subscription answers 410 at once", async () => {
    const consent = t.demo.finans.consents[0]!;
    const feed = await subscribe(await bankToken(consent), scenarioParty);
    expect(await feedStatus(feed)).toEqual({ inject: 200, fetch: 200 });
    await revokeConsent(t.auth.altinn, scenarioParty, consent.id, { kind: 'seed' });
    await expectGone(feed);
  });

  it('a subscription made before its access was recorded cannot be checked, and answers 410', async () => {
    const feed = await subscribe(await t.vendorToken(scenarioParty), scenarioParty);
    const token = feed.slice('/kalender/'.length, -'.ics'.length);
    await handle()
      .db.updateTable('kalender_abonnement')
      .set({ tilgang: null, tilgang_id: null })
      .where('token_hash', '=', createHash('sha256').update(token).digest('hex'))
      .execute();
    await expectGone(feed);
  });

  // Last: it moves the clock two days on.
  it('a consent that expired by the clock ends its subscription; one under a system user that still holds keeps working', async () => {
    const shortConsent = await acceptedConsent(handle().db, t.clock, { orgnr: t.demo.finans.org, name: 'Demo Bank ASA' }, scenarioParty, 1);
    const expiring = await subscribe(await bankToken({ id: shortConsent, from: partyUrn(scenarioParty) }), scenarioParty);
    const vendor = await subscribe(await t.vendorToken(scenarioParty), scenarioParty);
    expect(await feedStatus(expiring)).toEqual({ inject: 200, fetch: 200 });

    t.clock.advanceSeconds(2 * day);
    await expectGone(expiring);
    expect(await feedStatus(vendor)).toEqual({ inject: 200, fetch: 200 });
    const listed = await t.app.inject({ url: `${base}/${scenarioParty}`, headers: { authorization: `Bearer ${await t.vendorToken(scenarioParty)}` } });
    const ended = listed.json<{ abonnement: { tilbakekaltAv?: string }[] }>().abonnement.map((a) => a.tilbakekaltAv);
    expect(ended).toContainEqual(expect.stringMatching(/^Avsluttet fordi tilgangen det ble laget med, er borte: samtykke .* utløp .*\(consent expired\)$/));
  });
});
