import { afterAll, beforeAll, expect, it } from 'vitest';
import { calendarTestApp, scenarioParty, type CalendarTestApp } from '../support/calendar-app.js';
import { describeEachDatabase } from '../support/databases.js';

/**
 * Polling with `fetch`, as a browser or Node would: fetch adds `Cache-Control: no-cache` (and
 * `Pragma: no-cache`) to every request that carries `If-None-Match` (Fetch standard, "HTTP-network-
 * or-cache fetch", cache mode "no-store"). An origin server evaluates `If-None-Match` whatever the
 * request's cache directives say (RFC 9110 §13.1.2), so each surface that sends an ETag must still
 * answer 304. Real `fetch` against a listening server, not `inject`, since only fetch adds the header.
 */
describeEachDatabase('ETag and 304 with fetch clients', ({ handle, kind }) => {
  let t: CalendarTestApp;
  let baseUrl: string;
  let kravToken: string;
  let fristerToken: string;
  let feedPath: string;

  beforeAll(async () => {
    t = await calendarTestApp(handle().db, kind);
    kravToken = await t.vendorToken(scenarioParty, 'skatteetaten:kravogbetalinger');
    fristerToken = await t.vendorToken(scenarioParty, 'skatteetaten:frister');
    const subscription = await t.app.inject({
      method: 'POST',
      url: `/api/innkreving/kalendertjeneste/v1/abonnementer/${scenarioParty}`,
      headers: { authorization: `Bearer ${await t.vendorToken(scenarioParty)}` },
    });
    feedPath = new URL(subscription.json<{ url: string }>().url).pathname;
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.app.close());

  const surfaces: [string, () => { path: string; headers: Record<string, string> }][] = [
    ['Krav og betalinger /aapnekrav (weak ETag)', () => ({ path: `/api/innkreving/kravogbetalinger/v1/regnskapssystem/${scenarioParty}/aapnekrav`, headers: { authorization: `Bearer ${kravToken}` } })],
    ['Krav og betalinger /v1 gateway path', () => ({ path: `/v1/regnskapssystem/${scenarioParty}/aapnekrav`, headers: { authorization: `Bearer ${kravToken}` } })],
    ['Frister API (strong ETag)', () => ({ path: `/api/frister/v1/${scenarioParty}`, headers: { authorization: `Bearer ${fristerToken}` } })],
    ['iCalendar feed (strong ETag)', () => ({ path: feedPath, headers: {} })],
  ];

  for (const [name, request] of surfaces) {
    it(`${name}: fetch with If-None-Match gets 304 although fetch sent Cache-Control: no-cache`, async () => {
      const { path, headers } = request();
      const first = await fetch(`${baseUrl}${path}`, { headers });
      expect(first.status).toBe(200);
      const etag = first.headers.get('etag');
      expect(etag).toBeTruthy();
      await first.arrayBuffer();

      const again = await fetch(`${baseUrl}${path}`, { headers: { ...headers, 'if-none-match': etag! } });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
      expect(again.headers.get('etag')).toBe(etag);
    });
  }

  it('an explicit Cache-Control: no-cache with an unmatched tag still gets the body', async () => {
    const { path, headers } = surfaces[0]![1]();
    const response = await fetch(`${baseUrl}${path}`, { headers: { ...headers, 'if-none-match': 'W/"noe-annet"', 'cache-control': 'no-cache' } });
    expect(response.status).toBe(200);
    expect((await response.json()) as object).toHaveProperty('partIdentifikator', scenarioParty);
  });

  it('If-None-Match: * matches the current representation', async () => {
    const { path, headers } = surfaces[2]![1]();
    expect((await fetch(`${baseUrl}${path}`, { headers: { ...headers, 'if-none-match': '*' } })).status).toBe(304);
  });
});
