import { readFileSync } from 'node:fs';
import type { TSchema } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { AapneKrav, AlleKrav, Innbetalinger, Utbetalinger } from '../../../src/api/kravogbetalinger/index.js';
import { closed, minifyJsonText, readJson, readXmlBody, schemaErrors } from '../../support/api-schemas.js';
import { buildTestApi, parties, url, validToken } from './test-api.js';

/**
 * Contract: Skatteetaten's published example bodies validate against our schemas (with every
 * object closed, so each field they use is one we name with its exact casing), and what our API
 * sends validates against the same schemas.
 */
const normative: readonly [string, TSchema, string][] = [
  ['aapnekrav.json', AapneKrav, 'aapnekrav'],
  ['krav.json', AlleKrav, 'krav'],
  ['innbetalinger.json', Innbetalinger, 'innbetalinger'],
  ['utbetalinger.json', Utbetalinger, 'utbetalinger'],
];

// The 2023-08-28 set has the current shape (it introduced skjermet, Tekst, Kravperiode…).
const history2023: readonly [string, TSchema][] = [
  ['history/2023-08-28/aapnekrav.json', AapneKrav],
  ['history/2023-08-28/krav.json', AlleKrav],
  ['history/2023-08-28/innbetalinger.json', Innbetalinger],
];

// The 2022 beta sets are the older shape (no skjermet, kravbeskrivelse as a string, betaltFra…).
// They are not our contract; that they fail shows the schemas tell the shapes apart.
const beta2022: readonly [string, TSchema][] = [
  ['history/2022-12-05-beta/oversikt.json', AapneKrav],
  ['history/2022-12-05-beta/krav.json', AlleKrav],
  ['history/2022-12-05-beta/innbetalinger.json', Innbetalinger],
  ['history/2022-12-01-beta/oversikt.json', AapneKrav],
];

const example = (file: string) => readJson(`test/fixtures/examples/${file}`);

describe('published examples against our schemas', () => {
  it.each([...normative.map(([file, schema]) => [file, schema] as const), ...history2023])('%s validates, with every object closed', (file, schema) => {
    expect(schemaErrors(schema, example(file))).toBe('');
    expect(schemaErrors(closed(schema), example(file))).toBe('');
  });

  it.each(beta2022)('%s (2022 beta shape) does not', (file, schema) => {
    expect(schemaErrors(schema, example(file))).not.toBe('');
  });

  it('the runtime copies used as OpenAPI examples are the published files', () => {
    for (const [file] of normative) {
      expect(readFileSync(`data/examples/kravogbetalinger/${file}`, 'utf8')).toBe(readFileSync(`test/fixtures/examples/${file}`, 'utf8'));
    }
  });

  it('keeps the published, inconsistent casing', () => {
    const fields = JSON.stringify([AapneKrav, AlleKrav, Innbetalinger, Utbetalinger]);
    for (const name of [
      '"innbetalingsIdentifikator"',
      '"innbetalingsidentifikator"',
      '"kravforfallsIdentifikator"',
      '"kravforfallIdentifikator"',
      '"kravforfallidentifikator"',
      '"utbetaltdato"',
      '"utbetaltDato"',
      '"swiftBIC"',
    ]) {
      expect(fields).toContain(name);
    }
  });

  it('rejects what the published shape forbids', () => {
    const body = example('krav.json') as { krav: Record<string, unknown>[] };
    const broken = structuredClone(body);
    broken.krav[0]!.kravbeskrivelse = 'Restskatt'; // a string, as in 2022
    expect(schemaErrors(AlleKrav, broken)).toMatch(/kravbeskrivelse/);
    const wrongDate = structuredClone(body);
    wrongDate.krav[0]!.opprettelsesdatoForKrav = '2023-02-30';
    expect(schemaErrors(AlleKrav, wrongDate)).toMatch(/format "date"/);
    const fractionOfOere = structuredClone(body);
    fractionOfOere.krav[0]!.opprinneligBeloep = 10000.001;
    expect(schemaErrors(AlleKrav, fractionOfOere)).toMatch(/format "kroner"/);
  });
});

describe('our responses against the same schemas', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApi();
  });
  afterAll(() => app.close());

  it.each(normative)('%s: JSON and XML bodies validate (closed) and carry the published data', async (file, schema, endpoint) => {
    const json = await app.inject({ url: url(parties.example, endpoint, endpoint === 'aapnekrav' ? '' : 'fraOgMed=2023-01-01&tilOgMed=2023-09-01'), headers: { authorization: validToken } });
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(schemaErrors(closed(schema), json.json())).toBe('');
    expect(json.body).toBe(minifyJsonText(readFileSync(`test/fixtures/examples/${file}`, 'utf8')));

    const xml = await app.inject({
      url: url(parties.example, endpoint),
      headers: { authorization: validToken, accept: 'application/xml' },
    });
    expect(xml.statusCode).toBe(200);
    expect(xml.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(readXmlBody(schema, xml.body)).toEqual(example(file));
  });

  it.each(normative.slice(1))('%s: a shielded party gets only partIdentifikator, periode and skjermet: true (not KB-007)', async (_file, schema, endpoint) => {
    const response = await app.inject({ url: url(parties.shielded, endpoint, 'fraOgMed=2023-01-01&tilOgMed=2023-09-01'), headers: { authorization: validToken } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ partIdentifikator: parties.shielded, periode: { fraOgMed: '2023-01-01', tilOgMed: '2023-09-01' }, skjermet: true });
    expect(schemaErrors(closed(schema), response.json())).toBe('');
  });

  it('/aapnekrav with nothing open answers 200 with zero totals and the empty lists omitted', async () => {
    const response = await app.inject({ url: url(parties.empty, 'aapnekrav'), headers: { authorization: validToken } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(
      `{"partIdentifikator":"${parties.empty}","skjermet":false,"totalOversikt":{"sumStipulerteRenter":0.0,"sumForfalteKrav":0.0,"sumIkkeForfalteKrav":0.0,"sumUplasserteInnbetalinger":0.0,"saldo":0.0}}`,
    );
    expect(schemaErrors(closed(AapneKrav), response.json())).toBe('');
  });
});
