import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApi, fixtureData, parties, prefix, url, validToken } from './test-api.js';

/**
 * The order of checks of spec §6: route (KB-003) → Accept (KB-008) → token (KB-004) →
 * parameters (KB-006) → consent (KB-005) → party (KB-009) → data (KB-007). Each case breaks
 * two rules at once; the earlier one must win.
 */
const kode = async (app: FastifyInstance, path: string, headers: Record<string, string> = {}) => {
  const response = await app.inject({ url: path, headers });
  return response.json().kode as string;
};

describe('order of checks (spec §6)', () => {
  let app: FastifyInstance;
  let queries: unknown[];
  beforeAll(async () => {
    const fixture = fixtureData();
    queries = fixture.queries;
    app = await buildTestApi({ data: fixture.data });
  });
  afterAll(() => app.close());

  const auth = { authorization: validToken };
  const html = { accept: 'text/html' };

  it.each([
    ['unknown rettighetspakke beats bad Accept, no token and a bad date', url('abc', 'krav', 'fraOgMed=x', 'bank'), html, 'KB-003'],
    ['unknown endpoint beats bad Accept', `${prefix}/finans/${parties.example}/nope`, html, 'KB-003'],
    ['bad Accept beats no token', url(parties.example, 'krav'), html, 'KB-008'],
    ['bad Accept beats a bad date (with a token)', url(parties.example, 'krav', 'fraOgMed=2024-02-30'), { ...auth, ...html }, 'KB-008'],
    ['no token beats a bad partIdentifikator', url('123', 'krav'), {}, 'KB-004'],
    ['no token beats a bad date', url(parties.example, 'krav', 'tilOgMed=2024-13-01'), {}, 'KB-004'],
    ['no token beats a party without consent', url(parties.noConsent, 'krav'), {}, 'KB-004'],
    ['a bad date beats a missing consent', url(parties.noConsent, 'krav', 'fraOgMed=2023-02-29'), auth, 'KB-006'],
    ['a too long period beats a missing consent', url(parties.noConsent, 'krav', 'fraOgMed=2020-01-01&tilOgMed=2023-01-01'), auth, 'KB-006'],
    ['a missing consent beats an unknown party', url(parties.noConsent, 'aapnekrav'), auth, 'KB-005'],
  ])('%s', async (_case, path, headers, expected) => {
    expect(await kode(app, path, headers)).toBe(expected);
  });

  it('the data provider is not asked before every check passed', async () => {
    queries.length = 0;
    for (const path of [url(parties.noConsent, 'krav'), url(parties.example, 'krav', 'fraOgMed=x'), url(parties.example, 'aapnekrav')]) {
      await app.inject({ url: path, headers: path.includes('aapnekrav') ? {} : auth });
    }
    expect(queries).toEqual([]);
  });
});

describe('KB-003: anything unknown under the prefix', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApi();
  });
  afterAll(() => app.close());

  it.each([
    ['an unknown endpoint', `${prefix}/finans/${parties.example}/oversikt`],
    ['an unknown rettighetspakke', url(parties.example, 'aapnekrav', '', 'bank')],
    ['a rettighetspakke in the wrong case', url(parties.example, 'aapnekrav', '', 'Finans')],
    ['trailing junk', `${prefix}/finans/${parties.example}/aapnekrav/ekstra`],
    ['a trailing slash', `${prefix}/finans/${parties.example}/aapnekrav/`],
    ['a missing party', `${prefix}/finans/aapnekrav`],
    ['the bare prefix', prefix],
    ['the prefix with a slash', `${prefix}/`],
  ])('%s', async (_case, path) => {
    const response = await app.inject({ url: path, headers: { authorization: validToken } });
    expect(response.statusCode).toBe(404);
    expect(response.json().kode).toBe('KB-003');
    expect(response.headers.korrelasjonsid).toBe(response.json().korrelasjonsid);
  });

  it('names the rettighetspakke it does not know', async () => {
    const response = await app.inject({ url: url(parties.example, 'krav', '', 'bank') });
    expect(response.json().melding).toBe('Rettighetspakken bank finnes ikke. Gyldige rettighetspakker er finans og regnskapssystem.');
  });

  it('both rettighetspakker are served', async () => {
    for (const pakke of ['finans', 'regnskapssystem']) {
      const response = await app.inject({ url: url(parties.example, 'aapnekrav', '', pakke), headers: { authorization: validToken } });
      expect(response.statusCode).toBe(200);
    }
  });
});
