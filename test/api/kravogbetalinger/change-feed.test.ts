import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOrganizations, type DemoAccess } from '../../../src/auth/index.js';
import { partyUuidFor } from '../../../src/auth/altinn/organizations.js';
import { bokfoerInnbetaling, registrerParter } from '../../../src/ledger/index.js';
import { authTestApp, clientToken, tokenFor, seedDemo, type AuthTestApp } from '../../support/auth.js';
import { describeEachDatabase } from '../../support/databases.js';
import type { LightMyRequestResponse } from 'fastify';
import { errorCatalogue, type ErrorCode } from '../../../src/api/kravogbetalinger/errors.js';
import { d, kr, nyNoekkel, nyttFnr } from '../../ledger/fixtures.js';

const prefix = '/api/innkreving/kravogbetalinger/v1';
const firm = demoOrganizations.accountingFirm.orgnr;
/** The demo accounting firm's agent system user has these two clients delegated. */
const clients = ['313367002', '314961900'];

function expectApiError(response: LightMyRequestResponse, kode: ErrorCode, ...mentions: string[]): void {
  expect(response.statusCode).toBe(errorCatalogue[kode].httpStatus);
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.body).toContain(kode);
  for (const mention of mentions) expect(response.body).toContain(mention);
}

/** How long a transaction elsewhere on the server may hold the horizon back in a test. */
const horizonWaitMsMax = 10_000;

interface Feed {
  endringer: { partIdentifikator: string; etag: string }[];
  neste: string;
}

describeEachDatabase('the change feed /{rettighetspakke}/endringer', ({ handle, kind }) => {
  let t: AuthTestApp;
  let demo: DemoAccess;
  let agentToken: string;
  beforeAll(async () => {
    t = await authTestApp(handle().db, kind);
    demo = await seedDemo(handle().db, t.clock);
    agentToken = await tokenFor(t.app, demo.regnskapssystem, t.clock, { systemUserOrg: firm });
  });
  afterAll(() => t.app.close());

  const feed = async (query: string, token = agentToken, rettighetspakke = 'regnskapssystem', headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: `${prefix}/${rettighetspakke}/endringer${query}`, headers: { authorization: `Bearer ${token}`, ...headers } });
  const page = async (query: string, token = agentToken, rettighetspakke = 'regnskapssystem') => {
    const response = await feed(query, token, rettighetspakke);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Feed;
  };
  const aapneKravEtag = async (party: string, token = agentToken, rettighetspakke = 'regnskapssystem') => {
    const response = await t.app.inject({ method: 'GET', url: `${prefix}/${rettighetspakke}/${party}/aapnekrav`, headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(200);
    return response.headers.etag;
  };
  const pay = (partId: string) => bokfoerInnbetaling(handle().db, { idempotencyKey: nyNoekkel('inn'), bokfoertDato: t.clock.today(), partId, beloepOere: kr(100) });
  /**
   * The next page that lists something. A change is listed once every transaction that began
   * before it has ended, anywhere on the database server (decision 0126), and other test files
   * share the server: so the test asks again until it is, as a polling client would.
   */
  const changesAfter = async (cursor: string, token = agentToken, rettighetspakke = 'regnskapssystem') => {
    const start = Date.now();
    for (;;) {
      const body = await page(`?etter=${cursor}`, token, rettighetspakke);
      if (body.endringer.length > 0 || Date.now() - start > horizonWaitMsMax) return body;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  /** Reads the feed to its end, page by page, and gives what it listed and where it ended. */
  const drain = async (from: string | undefined, antall = 100) => {
    const listed: Feed['endringer'] = [];
    let cursor = from;
    for (;;) {
      const body = await page(`?antall=${antall}${cursor === undefined ? '' : `&etter=${cursor}`}`);
      listed.push(...body.endringer);
      cursor = body.neste;
      if (body.endringer.length < antall) return { listed, cursor };
    }
  };

  describe('listing and changes', () => {
    let cursor: string;
    it('lists every party the token may read at first, each with the ETag /aapnekrav has now', async () => {
      const first = await page('');
      expect(first.endringer.map((entry) => entry.partIdentifikator)).toEqual(clients);
      for (const entry of first.endringer) expect(entry.etag).toBe(await aapneKravEtag(entry.partIdentifikator));
      cursor = first.neste;
    });
    it('lists nothing when nothing changed', async () => {
      const next = await page(`?etter=${cursor}`);
      expect(next.endringer).toEqual([]);
      cursor = next.neste;
    });
    it('lists a party after a booking on it, with its new ETag, once', async () => {
      const before = await aapneKravEtag('314961900');
      await pay('314961900');
      const next = await changesAfter(cursor);
      expect(next.endringer).toEqual([{ partIdentifikator: '314961900', etag: await aapneKravEtag('314961900') }]);
      expect(next.endringer[0]!.etag).not.toBe(before);
      const after = await page(`?etter=${next.neste}`);
      expect(after.endringer).toEqual([]);
      cursor = after.neste;
    });
    it('never lists a party the token may not read, though it changed', async () => {
      await pay('311851381');
      await pay('313367002');
      const next = await changesAfter(cursor);
      expect(next.endringer.map((entry) => entry.partIdentifikator)).toEqual(['313367002']);
      cursor = next.neste;
    });
    it('lists an ENK when its owner’s data changes (one debtor group, one view)', async () => {
      const owner = nyttFnr();
      await registrerParter(handle().db, [{ partId: owner, navn: 'Eier Eiersen', registrertDato: d('1980-01-01') }]);
      await registrerParter(handle().db, [{ partId: '313367002', navn: 'Testvirksomhet 313367002', organisasjonsform: 'ENK', eierPartId: owner, registrertDato: d('2015-01-01') }]);
      const afterOwner = await changesAfter(cursor);
      expect(afterOwner.endringer.map((entry) => entry.partIdentifikator)).toEqual(['313367002']);
      await pay(owner);
      const afterPayment = await changesAfter(afterOwner.neste);
      expect(afterPayment.endringer).toEqual([{ partIdentifikator: '313367002', etag: await aapneKravEtag('313367002') }]);
      cursor = afterPayment.neste;
    });
    it('pages with antall, and loses nothing between pages', async () => {
      const all = await drain(undefined, 1);
      expect(all.listed.map((entry) => entry.partIdentifikator)).toEqual(clients);
      for (const party of clients) await pay(party);
      // Page by page until both payments are past the horizon; a change committed while the full
      // listing began may be listed once more, never less.
      const seen = new Set<string>();
      let position = all.cursor;
      const start = Date.now();
      while (seen.size < clients.length && Date.now() - start < horizonWaitMsMax) {
        const found = await drain(position, 1);
        for (const entry of found.listed) seen.add(entry.partIdentifikator);
        position = found.cursor;
      }
      expect(seen).toEqual(new Set(clients));
      cursor = position;
    });
    it('starts over with a full listing on a new business date (every view changes with the date)', async () => {
      const { neste } = await page(`?etter=${cursor}`);
      t.clock.advanceSeconds(86_400);
      agentToken = await tokenFor(t.app, demo.regnskapssystem, t.clock, { systemUserOrg: firm });
      const nextDay = await page(`?etter=${neste}`);
      expect(nextDay.endringer.map((entry) => entry.partIdentifikator)).toEqual(clients);
      for (const entry of nextDay.endringer) expect(entry.etag).toBe(await aapneKravEtag(entry.partIdentifikator));
    });
  });

  describe('the same access checks as the four endpoints', () => {
    it('finans: lists the parties whose consent to the bank is usable now', async () => {
      const bankToken = await tokenFor(t.app, demo.finans, t.clock);
      const listed = (await page('', bankToken, 'finans')).endringer.map((entry) => entry.partIdentifikator);
      expect(listed).toEqual(demo.finans.consents.map((consent) => consent.from.split(':').at(-1)!).sort());
      const consent = demo.finans.consents[0]!;
      const party = consent.from.split(':').at(-1)!;
      const owner = (await clientToken(t, handle().db, party, ['altinn:portal/enduser'])).token;
      const revoked = await t.app.inject({ method: 'POST', url: `/altinn/accessmanagement/api/v1/enduser/consents/${consent.id}/revoke`, headers: { authorization: `Bearer ${owner}` } });
      expect(revoked.statusCode).toBe(200);
      expect((await page('', bankToken, 'finans')).endringer.map((entry) => entry.partIdentifikator)).not.toContain(party);
    });
    it('regnskapssystem: a client whose delegation is removed is no longer listed', async () => {
      const firmAdmin = (await clientToken(t, handle().db, firm, ['altinn:portal/enduser', 'altinn:clientdelegations.read', 'altinn:clientdelegations.write'])).token;
      const agents = await t.app.inject({ method: 'GET', url: `/altinn/authentication/api/v1/enduser/systemuser/agents?party=${firm}`, headers: { authorization: `Bearer ${firmAdmin}` } });
      const agentId = (agents.json() as { id: string }[])[0]!.id;
      const removed = await t.app.inject({ method: 'DELETE', url: `/altinn/authentication/api/v1/enduser/systemuser/clients?agent=${agentId}&client=${partyUuidFor('314961900')}`, headers: { authorization: `Bearer ${firmAdmin}` } });
      expect(removed.statusCode).toBe(200);
      expect((await page('')).endringer.map((entry) => entry.partIdentifikator)).toEqual(['313367002']);
    });
    it('a standard system user lists its owner', async () => {
      const token = await tokenFor(t.app, demo.regnskapssystem, t.clock, { systemUserOrg: '311851381' });
      expect((await page('', token)).endringer.map((entry) => entry.partIdentifikator)).toEqual(['311851381']);
    });
  });

  describe('errors', () => {
    it('KB-004 without a token, KB-005 for a consent token on regnskapssystem, KB-003 for an unknown package', async () => {
      expectApiError(await t.app.inject({ method: 'GET', url: `${prefix}/regnskapssystem/endringer` }), 'KB-004');
      const bankToken = await tokenFor(t.app, demo.finans, t.clock);
      expectApiError(await feed('', bankToken), 'KB-005', 'no system user in token');
      expectApiError(await feed('', agentToken, 'bank'), 'KB-003');
    });
    it('KB-006 for a cursor it did not write, and antall outside 1–1000', async () => {
      const { neste } = await page('');
      for (const etter of ['x', `${neste}A`, Buffer.from('e|2026-01-15|5||').toString('base64url') + '=', Buffer.from('a|2026-02-30|1|').toString('base64url'), 'A'.repeat(201)]) {
        expectApiError(await feed(`?etter=${encodeURIComponent(etter)}`), 'KB-006');
      }
      for (const antall of ['0', '1001', '-1', 'ti']) expectApiError(await feed(`?antall=${antall}`), 'KB-006');
    });
    it('KB-008 for XML: the feed is JSON only', async () => {
      expectApiError(await feed('', agentToken, 'regnskapssystem', { accept: 'application/xml' }), 'KB-008');
    });
  });

  it('answers a real HTTP client the same', async () => {
    const origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const response = await fetch(`${origin}${prefix}/regnskapssystem/endringer?antall=5`, { headers: { authorization: `Bearer ${agentToken}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const body = (await response.json()) as Feed;
    expect(body.endringer.length).toBeGreaterThan(0);
    expect(typeof body.neste).toBe('string');
  });
});
