import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { korrelasjonsidFrom } from '../../../src/api/correlation.js';
import { buildTestApi, parties, url, validToken } from './test-api.js';

describe('korrelasjonsidFrom (decision 0029)', () => {
  const generate = () => 'generert';
  it.each(['13a865f5-28f9-47db-9abd-ab78977c79fe', 'abc', 'trace.id:42_x-y', 'A'.repeat(64)])('keeps %s', (header) => {
    expect(korrelasjonsidFrom(header, generate)).toEqual({ value: header, rejectedLength: undefined });
  });
  it.each(['', ' abc', 'abc def', 'a\nb', 'æøå', '<script>', 'A'.repeat(65), '-leading-dash', 'a,b'])('replaces %j', (header) => {
    expect(korrelasjonsidFrom(header, generate)).toEqual({ value: 'generert', rejectedLength: header.length });
  });
  it('generates one when there is none', () => {
    expect(korrelasjonsidFrom(undefined, generate)).toEqual({ value: 'generert', rejectedLength: undefined });
  });
});

describe('Korrelasjonsid over HTTP', () => {
  let app: FastifyInstance;
  const logLines: string[] = [];
  let counter = 0;
  beforeAll(async () => {
    app = await buildTestApi({ logLines, newKorrelasjonsid: () => `generert-${++counter}` });
  });
  afterAll(() => app.close());

  const logged = () => logLines.map((line) => JSON.parse(line) as Record<string, unknown>);

  it('echoes a well-formed header in the response header, and logs it on every line of the request', async () => {
    logLines.length = 0;
    const response = await app.inject({ url: url(parties.example, 'aapnekrav'), headers: { authorization: validToken, Korrelasjonsid: 'bank-123' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers.korrelasjonsid).toBe('bank-123');
    const lines = logged();
    expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining(['incoming request', 'request completed']));
    expect(lines.every((line) => line.korrelasjonsid === 'bank-123')).toBe(true);
  });

  it('generates one when the header is missing, and uses it in the header, the error body and the log', async () => {
    logLines.length = 0;
    const response = await app.inject({ url: url(parties.example, 'krav', 'fraOgMed=x'), headers: { authorization: validToken } });
    const id = response.headers.korrelasjonsid;
    expect(id).toMatch(/^generert-\d+$/);
    expect(response.json().korrelasjonsid).toBe(id);
    expect(logged().every((line) => line.korrelasjonsid === id)).toBe(true);
  });

  it('replaces a malformed header with a new id, and says so in the log without echoing it', async () => {
    logLines.length = 0;
    const malformed = 'x'.repeat(500) + '\u0007';
    const response = await app.inject({ url: url(parties.unknown, 'aapnekrav'), headers: { authorization: validToken, korrelasjonsid: malformed } });
    expect(response.headers.korrelasjonsid).toMatch(/^generert-\d+$/);
    expect(response.json().korrelasjonsid).toBe(response.headers.korrelasjonsid);
    expect(logged().find((line) => line.rejectedLength === 501)).toBeDefined();
    expect(logLines.join('\n')).not.toContain('x'.repeat(100));
  });

  it('is on responses from the not-found handler too', async () => {
    const notFound = await app.inject({ url: `${url(parties.example, 'aapnekrav')}/x`, headers: { korrelasjonsid: 'k-404' } });
    expect(notFound.headers.korrelasjonsid).toBe('k-404');
    expect(notFound.json().korrelasjonsid).toBe('k-404');
  });
});
