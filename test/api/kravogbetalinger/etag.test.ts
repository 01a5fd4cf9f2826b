import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApi, fixtureData, parties, url, validToken } from './test-api.js';

/** Conditional GET for polling clients (decision 0031). */
describe('ETag and 304', () => {
  let app: FastifyInstance;
  let otherDay: FastifyInstance;
  let queries: unknown[];
  const versions = new Map<string, string>([[parties.example, 'seq-100']]);

  beforeAll(async () => {
    const fixture = fixtureData((party) => versions.get(party));
    queries = fixture.queries;
    app = await buildTestApi({ data: fixture.data, today: '2023-09-01' });
    otherDay = await buildTestApi({ data: fixture.data, today: '2023-09-02' });
  });
  afterAll(async () => {
    await app.close();
    await otherDay.close();
  });

  const get = (path: string, headers: Record<string, string> = {}, server = app) =>
    server.inject({ url: path, headers: { authorization: validToken, ...headers } });

  it('answers 304 without a body, and without reading the data, when nothing changed', async () => {
    const first = await get(url(parties.example, 'aapnekrav'));
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    expect(first.headers.vary).toBe('Accept');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);

    queries.length = 0;
    const second = await get(url(parties.example, 'aapnekrav'), { 'if-none-match': etag, korrelasjonsid: 'poll-2' });
    expect(second.statusCode).toBe(304);
    expect(second.body).toBe('');
    expect(second.headers.etag).toBe(etag);
    expect(second.headers.korrelasjonsid).toBe('poll-2');
    expect(queries).toEqual([]);
  });

  it('accepts the tag in a list and as a strong tag (weak comparison)', async () => {
    const etag = (await get(url(parties.example, 'aapnekrav'))).headers.etag as string;
    expect((await get(url(parties.example, 'aapnekrav'), { 'if-none-match': `"other", ${etag}` })).statusCode).toBe(304);
    expect((await get(url(parties.example, 'aapnekrav'), { 'if-none-match': etag.slice(2) })).statusCode).toBe(304);
  });

  it('answers 200 with a new tag when the party data changed', async () => {
    const before = (await get(url(parties.example, 'krav'))).headers.etag as string;
    versions.set(parties.example, 'seq-101');
    const after = await get(url(parties.example, 'krav'), { 'if-none-match': before });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before);
    versions.set(parties.example, 'seq-100');
  });

  it('the tag differs per business date (stipulerte renter), endpoint, period, package and format', async () => {
    const tags = await Promise.all([
      get(url(parties.example, 'aapnekrav')),
      get(url(parties.example, 'aapnekrav'), {}, otherDay),
      get(url(parties.example, 'krav')),
      get(url(parties.example, 'krav', 'fraOgMed=2023-01-01')),
      get(url(parties.example, 'aapnekrav', '', 'regnskapssystem')),
      get(url(parties.example, 'aapnekrav'), { accept: 'application/xml' }),
    ]).then((responses) => responses.map((response) => response.headers.etag));
    expect(new Set(tags).size).toBe(tags.length);
  });

  it('never answers 304 before the access checks: a stale tag without a token is KB-004', async () => {
    const etag = (await get(url(parties.example, 'aapnekrav'))).headers.etag as string;
    const response = await app.inject({ url: url(parties.example, 'aapnekrav'), headers: { 'if-none-match': etag } });
    expect(response.statusCode).toBe(401);
  });

  it('sends no ETag when the provider has no version (e.g. unknown party), and no-store on errors', async () => {
    const response = await get(url(parties.unknown, 'aapnekrav'));
    expect(response.statusCode).toBe(404);
    expect(response.headers.etag).toBeUndefined();
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('evaluates If-None-Match whatever the Cache-Control (RFC 9110 §13.1.2; fetch always sends no-cache, decision 0150)', async () => {
    const etag = (await get(url(parties.example, 'aapnekrav'))).headers.etag as string;
    expect((await get(url(parties.example, 'aapnekrav'), { 'if-none-match': etag, 'cache-control': 'no-cache' })).statusCode).toBe(304);
  });
});
