import { Validator } from '@seriousme/openapi-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import { fristerErrors } from '../../../src/api/frister/index.js';
import { kalenderErrors } from '../../../src/api/kalender/index.js';
import { servedOpenApiDocument } from '../../support/served-openapi.js';

interface Operation {
  security: Record<string, string[]>[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { content?: Record<string, { examples?: Record<string, { value: unknown }> }> }>;
}

/** The calendar surfaces in the server's OpenAPI document: valid, with their scopes, bodies and every code. */
describe('OpenAPI document of the calendar surfaces', () => {
  let document: { paths: Record<string, Record<string, Operation>> };
  beforeAll(async () => {
    document = await servedOpenApiDocument();
  });

  it('is valid OpenAPI 3.1 with every API operation of the server and no feed or catch-all route', async () => {
    const result = await new Validator().validate(document as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(Object.keys(document.paths).filter((path) => /^\/(api|kalender)\//.test(path)).sort()).toEqual([
      '/api/frister/v1/{organisasjonsnummer}',
      '/api/innkreving/kalendertjeneste/v1/abonnementer/{partIdentifikator}',
      '/api/innkreving/kalendertjeneste/v1/abonnementer/{partIdentifikator}/{abonnementId}',
      '/api/innkreving/kalendertjeneste/v1/frister',
      '/api/innkreving/kravogbetalinger/v1/{rettighetspakke}/endringer',
      '/api/innkreving/kravogbetalinger/v1/{rettighetspakke}/{partIdentifikator}/aapnekrav',
      '/api/innkreving/kravogbetalinger/v1/{rettighetspakke}/{partIdentifikator}/innbetalinger',
      '/api/innkreving/kravogbetalinger/v1/{rettighetspakke}/{partIdentifikator}/krav',
      '/api/innkreving/kravogbetalinger/v1/{rettighetspakke}/{partIdentifikator}/utbetalinger',
      '/api/testdata/v1/innbetalinger',
      '/api/testdata/v1/innbetalingsfiler',
      '/api/testdata/v1/krav',
      '/api/testdata/v1/oppgjoer',
      '/api/testdata/v1/uidentifiserte-innbetalinger',
      '/api/testdata/v1/uidentifiserte-innbetalinger/{uidentifisertId}/tildeling',
      '/api/testdata/v1/utbetalingsfil',
      '/api/testdata/v1/virksomheter',
    ]);
  });

  it('POST /frister takes JSON and XML, needs skatteetaten:kalender and documents every KAL code', () => {
    const operation = document.paths['/api/innkreving/kalendertjeneste/v1/frister']!.post!;
    expect(Object.keys(operation.requestBody!.content).sort()).toEqual(['application/json', 'application/xml']);
    expect(operation.security).toEqual([{ maskinporten: ['skatteetaten:kalender'] }]);
    for (const code of kalenderErrors.codes) {
      const response = operation.responses[String(kalenderErrors.entries[code].httpStatus)];
      expect(response?.content?.['application/json']?.examples?.[code]?.value, code).toMatchObject({ kode: code });
    }
  });

  it('the Frister API needs skatteetaten:frister, shows the published example and every FRI code', () => {
    const operation = document.paths['/api/frister/v1/{organisasjonsnummer}']!.get!;
    expect(operation.security).toEqual([{ maskinporten: ['skatteetaten:frister'] }]);
    expect(operation.responses['200']?.content?.['application/json']?.examples?.publisert?.value).toMatchObject({ virksomhet: '123456789' });
    for (const code of fristerErrors.codes) {
      expect(operation.responses[String(fristerErrors.entries[code].httpStatus)]?.content?.['application/json']?.examples?.[code], code).toBeDefined();
    }
  });
});
