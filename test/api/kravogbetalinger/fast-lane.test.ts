import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoAccess } from '../../../src/auth/index.js';
import { kravOgBetalingerGatewayPrefix, kravOgBetalingerPrefix } from '../../../src/api/kravogbetalinger/index.js';
import { bokfoerInnbetaling, bokfoerKrav, registrerParter } from '../../../src/ledger/index.js';
import { buildApp } from '../../../src/server.js';
import { authTestApp, claimsOf, endUserToken, seedDemo, testClock, testConfig, tokenFor, type AuthTestApp } from '../../support/auth.js';
import { createTestDatabase, describeEachDatabase } from '../../support/databases.js';
import { logCapture } from '../../support/log-capture.js';
import { d, kr, nyNoekkel } from '../../ledger/fixtures.js';

/**
 * A polled call whose answer the server keeps is answered before Fastify (src/api/fast-lane.ts).
 * Each case asks twice: once with a token the server has not seen (so the framework answers) and
 * once with a token it has verified (so the lane may): the raw bytes must be the same apart from
 * `Date`, and `kob_http_fast_lane_answers_total` tells which answered.
 */
const party = '313367002';

/** The whole response as it arrived on the socket; `Connection: close` marks its end. */
function rawGet(origin: string, path: string, headers: Record<string, string>): Promise<string> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(Number(port), hostname, () => {
      const lines = Object.entries({ host: `${hostname}:${port}`, ...headers, connection: 'close' }).map(([name, value]) => `${name}: ${value}\r\n`);
      socket.write(`GET ${path} HTTP/1.1\r\n${lines.join('')}\r\n`);
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

const withoutDate = (response: string) => response.replace(/\r\nDate: [^\r]*/, '');
const statusLine = (response: string) => response.slice(0, response.indexOf('\r\n'));

async function laneAnswers(origin: string): Promise<number> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  return Number(/^kob_http_fast_lane_answers_total (\d+)/m.exec(text)?.[1] ?? Number.NaN);
}

describeEachDatabase('The fast lane answers a kept call exactly as the framework does', ({ handle }) => {
  let t: AuthTestApp;
  let origin: string;
  let demo: DemoAccess;
  let known: string;
  const freshToken = () => tokenFor(t.app, demo.regnskapssystem, t.clock, { systemUserOrg: party });
  /** The same request with a fresh token (framework) and with the known one (lane). */
  const both = async (path: string, headers: Record<string, string> = {}) => {
    const before = await laneAnswers(origin);
    const framework = await rawGet(origin, path, { ...headers, authorization: `Bearer ${await freshToken()}` });
    const afterFramework = await laneAnswers(origin);
    const lane = await rawGet(origin, path, { ...headers, authorization: `Bearer ${known}` });
    return { framework, lane, frameworkByLane: afterFramework - before, laneByLane: (await laneAnswers(origin)) - afterFramework };
  };

  beforeAll(async () => {
    const { db } = handle();
    t = await authTestApp(db, handle().kind, { clock: testClock(Date.UTC(2026, 2, 2, 10, 0, 0)) });
    origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
    demo = await seedDemo(db, t.clock);
    await bokfoerKrav(db, { idempotencyKey: nyNoekkel('krav'), bokfoertDato: d('2026-02-01'), partId: party, kravtype: 'arbeidsgiveravgift', periode: { beskrivelse: 'Termin', aar: 2026 }, forfall: [{ forfallsdato: d('2026-02-15'), beloepOere: kr(10_000) }] });
    await bokfoerInnbetaling(db, { idempotencyKey: nyNoekkel('inn'), bokfoertDato: d('2026-02-20'), partId: party, beloepOere: kr(4_000), betalerKonto: '15030000002' });
    known = await freshToken();
    // The first call verifies the token, decides the access and keeps the version and the body.
    for (const endpoint of ['aapnekrav', 'krav', 'innbetalinger']) {
      for (const accept of ['application/json', 'application/xml']) {
        const first = await rawGet(origin, `${kravOgBetalingerPrefix}/regnskapssystem/${party}/${endpoint}`, { authorization: `Bearer ${known}`, accept });
        expect(statusLine(first)).toBe('HTTP/1.1 200 OK');
      }
    }
  });
  afterAll(async () => {
    await t.app.close();
  });

  for (const prefix of [kravOgBetalingerPrefix, kravOgBetalingerGatewayPrefix]) {
    for (const endpoint of ['aapnekrav', 'krav', 'innbetalinger']) {
      for (const accept of ['application/json', 'application/xml']) {
        it(`${prefix}/…/${endpoint} as ${accept}: 200, then 304, the same bytes from the lane`, async () => {
          const path = `${prefix}/regnskapssystem/${party}/${endpoint}`;
          const ok = await both(path, { accept, korrelasjonsid: 'fast-lane-1' });
          expect(statusLine(ok.lane)).toBe('HTTP/1.1 200 OK');
          expect(withoutDate(ok.lane)).toBe(withoutDate(ok.framework));
          expect([ok.frameworkByLane, ok.laneByLane]).toEqual([0, 1]);
          const etag = /\r\netag: ([^\r]*)/.exec(ok.lane)![1]!;
          const notModified = await both(path, { accept, korrelasjonsid: 'fast-lane-2', 'if-none-match': etag });
          expect(statusLine(notModified.lane)).toBe('HTTP/1.1 304 Not Modified');
          expect(withoutDate(notModified.lane)).toBe(withoutDate(notModified.framework));
          expect([notModified.frameworkByLane, notModified.laneByLane]).toEqual([0, 1]);
        });
      }
    }
  }

  it('generates a korrelasjonsid when the call has none, as the framework does', async () => {
    const { lane, laneByLane } = await both(`${kravOgBetalingerPrefix}/regnskapssystem/${party}/aapnekrav`);
    expect(laneByLane).toBe(1);
    expect(lane).toMatch(/\r\nkorrelasjonsid: [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\r\n/);
  });

  const aapnekrav = `${kravOgBetalingerPrefix}/regnskapssystem/${party}/aapnekrav`;
  for (const [name, path, headers, status] of [
    ['a period in the query', `${kravOgBetalingerPrefix}/regnskapssystem/${party}/krav?fraOgMed=2026-01-01`, {}, '200 OK'],
    ['the sandbox business date header', aapnekrav, { 'kob-forretningsdato': '2026-03-01' }, '200 OK'],
    ['the sandbox scenario header', aapnekrav, { 'kob-testscenario': 'KB-002' }, '500 Internal Server Error'],
    ['an Accept neither JSON nor XML', aapnekrav, { accept: 'text/html' }, '406 Not Acceptable'],
    ['a korrelasjonsid the API does not take', aapnekrav, { korrelasjonsid: 'ikke gyldig' }, '200 OK'],
    ['a party with a wrong check digit', `${kravOgBetalingerPrefix}/regnskapssystem/313367003/aapnekrav`, {}, '400 Bad Request'],
    ['a party the token may not read', `${kravOgBetalingerPrefix}/regnskapssystem/314055403/aapnekrav`, {}, '403 Forbidden'],
    ['an unknown rights package', `${kravOgBetalingerPrefix}/bank/${party}/aapnekrav`, {}, '404 Not Found'],
    ['a trailing slash', `${aapnekrav}/`, {}, '404 Not Found'],
  ] as const) {
    it(`leaves ${name} to the framework`, async () => {
      const before = await laneAnswers(origin);
      const response = await rawGet(origin, path, { ...headers, authorization: `Bearer ${known}` });
      expect(statusLine(response)).toBe(`HTTP/1.1 ${status}`);
      expect(await laneAnswers(origin)).toBe(before);
    });
  }

  it('leaves a HEAD and an unknown token to the framework', async () => {
    const before = await laneAnswers(origin);
    expect((await fetch(`${origin}${aapnekrav}`, { method: 'HEAD', headers: { authorization: `Bearer ${known}` } })).status).toBe(200);
    expect((await fetch(`${origin}${aapnekrav}`, { headers: { authorization: `Bearer ${known}x` } })).status).toBe(401);
    expect(await laneAnswers(origin)).toBe(before);
  });

  it('the next call after a booking gets the new body, and the one after that the lane again', async () => {
    const call = () => fetch(`${origin}${aapnekrav}`, { headers: { authorization: `Bearer ${known}` } });
    const before = await call();
    const etag = before.headers.get('etag');
    await bokfoerInnbetaling(handle().db, { idempotencyKey: nyNoekkel('inn'), bokfoertDato: d('2026-03-01'), partId: party, beloepOere: kr(1_000), betalerKonto: '15030000002' });
    const answers = await laneAnswers(origin);
    const after = await call();
    expect(after.headers.get('etag')).not.toBe(etag);
    const saldo = async (response: Response) => ((await response.json()) as { totalOversikt: { saldo: number } }).totalOversikt.saldo;
    expect(await saldo(after)).toBeLessThan(await saldo(before));
    expect(await laneAnswers(origin)).toBe(answers);
    expect((await call()).headers.get('etag')).toBe(after.headers.get('etag'));
    expect(await laneAnswers(origin)).toBe(answers + 1);
  });

  it('a system user the business deleted is refused at the next call', async () => {
    const call = () => fetch(`${origin}${aapnekrav}`, { headers: { authorization: `Bearer ${known}` } });
    expect((await call()).status).toBe(200);
    const systemUserId = (claimsOf(known).authorization_details as { systemuser_id: string[] }[])[0]!.systemuser_id[0]!;
    const owner = await endUserToken(t, handle().db, party);
    const deleted = await fetch(`${origin}/altinn/authentication/api/v1/systemuser/${party}/${systemUserId}`, { method: 'DELETE', headers: { authorization: `Bearer ${owner}` } });
    expect(deleted.status).toBe(202);
    const refused = await call();
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { kode: string }).kode).toBe('KB-005');
  });
});

describe('The fast lane while the server logs every request', () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  afterAll(async () => {
    await app.close();
    await close();
  });

  it('is closed: the framework answers and logs each call', async () => {
    const database = await createTestDatabase('pglite');
    close = () => database.close();
    const clock = testClock(Date.UTC(2026, 2, 2, 10, 0, 0));
    const log = logCapture();
    app = await buildApp({ db: database.db, databaseKind: 'pglite', clock, config: testConfig(), logger: log.logger });
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });
    await registrerParter(database.db, [{ partId: party, navn: 'Testvirksomhet', organisasjonsform: 'AS', registrertDato: d('2015-01-01') }]);
    const demo = await seedDemo(database.db, clock);
    const token = await tokenFor(app, demo.regnskapssystem, clock, { systemUserOrg: party });
    const path = `${kravOgBetalingerPrefix}/regnskapssystem/${party}/aapnekrav`;
    const before = await laneAnswers(origin);
    for (let call = 0; call < 3; call++) expect((await fetch(`${origin}${path}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect(await laneAnswers(origin)).toBe(before);
    expect(log.lines.filter((line) => line.msg === 'incoming request' && (line.req as { url?: string }).url === path)).toHaveLength(3);
  });
});
