import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { errorCatalogue, errorCodes, type ErrorCode } from '../../../src/api/kravogbetalinger/errors.js';
import { Feil } from '../../../src/api/error-body.js';
import { readXmlBody } from '../../support/api-schemas.js';
import { expectCatalogueError } from '../../support/error-assertions.js';
import { buildTestApi, parties, prefix, url, validToken } from './test-api.js';

/**
 * Walks the error catalogue: every code has a request that produces it, checked for its HTTP
 * status and body in JSON and in XML. A code added to the catalogue without a scenario here
 * fails the first test.
 */
interface Scenario {
  readonly request: InjectOptions;
  /** Words the melding must contain: the field at fault, the value, the party… */
  readonly meldingMentions: readonly string[];
}

const auth = { authorization: validToken };

const scenarios: Readonly<Record<ErrorCode, Scenario>> = {
  'KB-001': { request: { url: url(parties.brokenMapping, 'aapnekrav'), headers: auth }, meldingMentions: ['uventet feil i tjenesten', 'korrelasjonsid'] },
  'KB-002': { request: { url: url(parties.failing, 'krav'), headers: auth }, meldingMentions: ['bakenforliggende system'] },
  'KB-003': { request: { url: `${prefix}/finans/${parties.example}/kravoversikt`, headers: auth }, meldingMentions: ['/finans/212201782/kravoversikt'] },
  'KB-004': { request: { url: url(parties.example, 'krav') }, meldingMentions: ['Tilgangstokenet mangler'] },
  'KB-005': { request: { url: url(parties.noConsent, 'innbetalinger'), headers: auth }, meldingMentions: ['samtykke', parties.noConsent] },
  'KB-006': { request: { url: url(parties.example, 'krav', 'fraOgMed=2024-02-30'), headers: auth }, meldingMentions: ['Parameteren fraOgMed (2024-02-30)', 'ÅÅÅÅ-MM-DD'] },
  'KB-007': {
    request: { url: url(parties.empty, 'utbetalinger', 'fraOgMed=2023-01-01&tilOgMed=2023-06-30'), headers: auth },
    meldingMentions: ['Fant ingen utbetalinger', parties.empty, '2023-01-01 til 2023-06-30'],
  },
  'KB-008': { request: { url: url(parties.example, 'aapnekrav'), headers: { ...auth, accept: 'text/html' } }, meldingMentions: ['Accept', 'text/html'] },
  'KB-009': { request: { url: url(parties.unknown, 'aapnekrav'), headers: auth }, meldingMentions: ['Fant ingen part', parties.unknown] },
};

describe('the error catalogue', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApi();
  });
  afterAll(() => app.close());

  it('has a scenario for every code, and the statuses of spec §6', () => {
    expect(Object.keys(scenarios).sort()).toEqual([...errorCodes].sort());
    expect(Object.fromEntries(errorCodes.map((code) => [code, errorCatalogue[code].httpStatus]))).toEqual({
      'KB-001': 500,
      'KB-002': 500,
      'KB-003': 404,
      'KB-004': 401,
      'KB-005': 403,
      'KB-006': 400,
      'KB-007': 404,
      'KB-008': 406,
      'KB-009': 404,
    });
  });

  it.each(errorCodes)('%s in JSON: status, headers and {kode, melding, korrelasjonsid}', async (code) => {
    const { request, meldingMentions } = scenarios[code];
    expectCatalogueError(await app.inject(request), code, errorCatalogue[code], meldingMentions);
  });

  it.each(errorCodes.filter((code) => code !== 'KB-008'))('%s in XML when XML was asked for', async (code) => {
    const { request } = scenarios[code];
    const response = await app.inject({ ...request, headers: { ...request.headers, accept: 'application/xml' } });
    expect(response.statusCode).toBe(errorCatalogue[code].httpStatus);
    expect(response.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(response.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><feil xmlns="urn:no:skatteetaten:datasamarbeid:feil:v1"><kode>/);
    const body = readXmlBody(Feil, response.body) as { kode: string; korrelasjonsid: string };
    expect(body.kode).toBe(code);
    expect(body.korrelasjonsid).toBe(response.headers.korrelasjonsid);
  });

  it('KB-008 is written in JSON even when the rejected Accept names XML with q=0 (decision 0028)', async () => {
    const response = await app.inject({ url: url(parties.example, 'aapnekrav'), headers: { ...auth, accept: 'application/xml;q=0, text/csv' } });
    expect(response.statusCode).toBe(406);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.json().kode).toBe('KB-008');
  });

  it('KB-004 says how to authenticate (WWW-Authenticate: Bearer)', async () => {
    const response = await app.inject(scenarios['KB-004'].request);
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });
});

describe('failures never show a stack or an internal message', () => {
  let app: FastifyInstance;
  const logLines: string[] = [];
  beforeAll(async () => {
    app = await buildTestApi({ logLines });
  });
  afterAll(() => app.close());

  it.each([
    ['a body the serializer refuses', parties.brokenMapping, 'KB-001'],
    ['the access check throws', parties.accessCheckThrows, 'KB-001'],
    ['the data provider throws', parties.failing, 'KB-002'],
  ])('%s → %s with only the catalogued body', async (_what, party, code) => {
    logLines.length = 0;
    const response = await app.inject({ url: url(party, 'aapnekrav'), headers: { ...auth, korrelasjonsid: `test-${party}` } });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ kode: code, melding: expect.any(String), korrelasjonsid: `test-${party}` });
    expect(response.body).not.toMatch(/Error|at \w+ \(|\.ts:|secret|password|required field/);
    // The cause is in the log, with the korrelasjonsid that support will be given.
    const errorLine = logLines.map((line) => JSON.parse(line)).find((line) => line.level === 50 && line.err !== undefined);
    expect(errorLine?.korrelasjonsid).toBe(`test-${party}`);
    expect(errorLine?.err.stack).toMatch(/Error/);
  });
});

describe("Fastify's own errors inside the prefix go through the catalogue", () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApi();
  });
  afterAll(() => app.close());

  it.each([
    ['a malformed %-escape in the path', 'GET', `${prefix}/finans/%ZZ/aapnekrav`, 400, 'KB-006'],
    ['a path parameter over the length limit', 'GET', `${prefix}/finans/${'1'.repeat(150)}/aapnekrav`, 400, 'KB-006'],
    ['POST to a GET endpoint', 'POST', url(parties.example, 'aapnekrav'), 404, 'KB-003'],
    ['DELETE to a GET endpoint', 'DELETE', url(parties.example, 'krav'), 404, 'KB-003'],
  ] as const)('%s', async (_what, method, path, status, code) => {
    const response = await app.inject({ method, url: path, headers: auth });
    expect(response.statusCode).toBe(status);
    expect(response.json()).toEqual({ kode: code, melding: expect.any(String), korrelasjonsid: expect.any(String) });
    expect(response.headers.korrelasjonsid).toBe(response.json().korrelasjonsid);
  });

  it('a body on GET is ignored: Fastify does not read it', async () => {
    const response = await app.inject({
      method: 'GET',
      url: url(parties.example, 'aapnekrav'),
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{"partIdentifikator":',
    });
    expect(response.statusCode).toBe(200);
  });

  it.each([
    ['invalid JSON', 'application/json', '{"partIdentifikator":'],
    ['a body over the size limit', 'application/json', `"${'x'.repeat(1_100_000)}"`],
  ])('POST with %s is KB-003 (no such route), not a body error', async (_what, contentType, payload) => {
    const response = await app.inject({ method: 'POST', url: url(parties.example, 'krav'), headers: { ...auth, 'content-type': contentType }, payload });
    expect(response.statusCode).toBe(404);
    expect(response.json().kode).toBe('KB-003');
  });

  it('outside the prefix Fastify answers as usual', async () => {
    const response = await app.inject({ url: '/elsewhere/%ZZ' });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('FST_ERR_BAD_URL');
  });
});
