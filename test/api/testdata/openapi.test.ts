import { Validator } from '@seriousme/openapi-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import { testdataErrors, testdataTag } from '../../../src/api/testdata/index.js';
import { servedOpenApiDocument } from '../../support/served-openapi.js';

interface Operation {
  tags: string[];
  security: Record<string, string[]>[];
  parameters?: { name: string; in: string }[];
  responses: Record<string, { content?: Record<string, { examples?: Record<string, { value: unknown }> }> }>;
}

/** A sandbox's OpenAPI document: the test-support API under its own tag, and the sandbox headers on every API route. */
describe('OpenAPI document of a sandbox', () => {
  let document: { paths: Record<string, Record<string, Operation>>; tags: { name: string; description: string }[] };
  beforeAll(async () => {
    document = await servedOpenApiDocument();
  });

  const operations = (prefix: string) =>
    Object.entries(document.paths)
      .filter(([path]) => path.startsWith(prefix))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ id: `${method.toUpperCase()} ${path}`, operation })));

  it('is valid OpenAPI 3.1 and describes the test-support API under its own tag, with scope kob:testdata and every TD code', async () => {
    const result = await new Validator().validate(document as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(document.tags).toEqual([expect.objectContaining({ name: testdataTag, description: expect.stringContaining('kob:testdata') })]);
    const testdata = operations('/api/testdata/v1/');
    expect(testdata.map((o) => o.id).sort()).toEqual([
      'GET /api/testdata/v1/uidentifiserte-innbetalinger',
      'GET /api/testdata/v1/utbetalingsfil',
      'POST /api/testdata/v1/innbetalinger',
      'POST /api/testdata/v1/innbetalingsfiler',
      'POST /api/testdata/v1/krav',
      'POST /api/testdata/v1/oppgjoer',
      'POST /api/testdata/v1/uidentifiserte-innbetalinger/{uidentifisertId}/tildeling',
      'POST /api/testdata/v1/virksomheter',
    ]);
    for (const { id, operation } of testdata) {
      expect(operation.tags, id).toEqual([testdataTag]);
      expect(operation.security, id).toEqual([{ maskinporten: ['kob:testdata'] }]);
    }
    const documented = new Set(testdata.flatMap(({ operation }) => Object.values(operation.responses).flatMap((response) => Object.keys(response.content?.['application/json']?.examples ?? {}))));
    for (const code of testdataErrors.codes) expect(documented, code).toContain(code);
  });

  it('shows Kob-Forretningsdato and Kob-Testscenario on every route of Krav og betalinger, the Kalendertjeneste and the Frister API', () => {
    const routes = [...operations('/api/innkreving/'), ...operations('/api/frister/')];
    expect(routes.length).toBeGreaterThanOrEqual(9);
    for (const { id, operation } of routes) {
      const headers = (operation.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
      expect(headers, id).toEqual(expect.arrayContaining(['kob-forretningsdato', 'kob-testscenario']));
    }
  });
});
