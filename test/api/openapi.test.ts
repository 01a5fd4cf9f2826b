import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { parseConfig } from '../../src/config.js';
import { buildApp } from '../../src/server.js';
import { errorCatalogue, errorCodes } from '../../src/api/kravogbetalinger/errors.js';
import { createTestDatabase } from '../support/databases.js';
import { buildTestApi, exampleBodies, prefix } from './kravogbetalinger/test-api.js';
import { fixedClock } from './kravogbetalinger/test-api.js';

interface Operation {
  parameters: { name: string; in: string; required: boolean }[];
  security: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, { schema: unknown; examples?: Record<string, { value: unknown }> }> }>;
}

describe('/openapi.json', () => {
  let app: FastifyInstance;
  let document: {
    openapi: string;
    paths: Record<string, { get: Operation }>;
    components: { schemas: Record<string, unknown>; securitySchemes: Record<string, { type: string; scheme: string }> };
  };
  beforeAll(async () => {
    app = await buildTestApi();
    document = (await app.inject('/openapi.json')).json();
  });
  afterAll(() => app.close());

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(document.openapi).toBe('3.1.0');
    const result = await new Validator().validate(document as unknown as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  const endpoints = ['aapnekrav', 'krav', 'innbetalinger', 'utbetalinger'];

  it('has exactly the four published GET operations, with their parameters and scope', () => {
    expect(Object.keys(document.paths).sort()).toEqual(endpoints.map((endpoint) => `${prefix}/{rettighetspakke}/{partIdentifikator}/${endpoint}`).sort());
    for (const endpoint of endpoints) {
      const operation = document.paths[`${prefix}/{rettighetspakke}/{partIdentifikator}/${endpoint}`]!.get;
      const names = operation.parameters.map((parameter) => `${parameter.in}:${parameter.name}`).sort();
      const expected = ['path:rettighetspakke', 'path:partIdentifikator', 'header:korrelasjonsid', 'header:altinnsamtykke'];
      if (endpoint !== 'aapnekrav') expected.push('query:fraOgMed', 'query:tilOgMed');
      expect(names).toEqual(expected.sort());
      expect(operation.security).toEqual([{ maskinporten: ['skatteetaten:kravogbetalinger'] }]);
    }
    expect(document.components.securitySchemes.maskinporten).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('documents every error code under its status, in JSON and XML, with an example each', () => {
    const operation = document.paths[`${prefix}/{rettighetspakke}/{partIdentifikator}/krav`]!.get;
    for (const code of errorCodes) {
      const response = operation.responses[String(errorCatalogue[code].httpStatus)];
      expect(response?.content?.['application/json']?.examples?.[code]?.value).toMatchObject({ kode: code });
      expect(response?.content?.['application/xml']?.examples?.[code]?.value).toContain(`<kode>${code}</kode>`);
    }
    const aapneKrav = document.paths[`${prefix}/{rettighetspakke}/{partIdentifikator}/aapnekrav`]!.get;
    expect(aapneKrav.responses['404']?.content?.['application/json']?.examples?.['KB-007']).toBeUndefined();
  });

  it('shows the published JSON example, and labels the XML example as our rendering of it', () => {
    const krav = document.paths[`${prefix}/{rettighetspakke}/{partIdentifikator}/krav`]!.get.responses['200']!;
    expect(krav.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/AlleKrav' });
    expect(krav.content?.['application/json']?.examples?.publisert?.value).toEqual(exampleBodies.alleKrav);
    // Skatteetaten published no XML: the XML example is ours and must not be called "published" (decision 0152).
    const xmlExamples = krav.content?.['application/xml']?.examples as Record<string, { summary: string; value: string }>;
    expect(Object.keys(xmlExamples)).toEqual(['xmlGjengivelse']);
    expect(xmlExamples.xmlGjengivelse!.value).toContain('<alleKrav xmlns=');
    expect(xmlExamples.xmlGjengivelse!.summary).toContain('ikke publisert XML');
  });

  /**
   * The component names of Skatteetaten's OpenAPI 1.1.1 (Krav og betalinger), as the models
   * swagger-codegen generated from it are named in TheTechArch/altinn-systemuser,
   * `src/SystemUserClientSystem/SuperSystem/SuperSystem.Server/Models/KravOgBetalinger/*.cs`
   * ("OpenAPI spec version: 1.1.1"): all 35 of them, each a component here under the same name, so a
   * client generated from our document has the same types (decisions 0152, 0165).
   */
  it('names its objects as Skatteetaten\'s OpenAPI 1.1.1 does, and has no names of its own for them', () => {
    const published = [
      'AapneKrav', 'AdresseFrittFormat', 'AlleKrav', 'Bankkonto', 'Betalingsinformasjon', 'DekketKrav', 'Fastsettingsmaate', 'Feil',
      'GrunnlagForUtbetaling', 'HovedKrav', 'Innbetaling', 'InnbetalingBruktIMotregning', 'InnbetalingPlassertMotKrav', 'InnbetalingPlassertMotUtbetaling',
      'Innbetalinger', 'Krav', 'KravPlassertMotInnbetaling', 'KravPlassertMotKrav', 'Kravforfall', 'Kravperiode', 'KreditKrav', 'KreditkravBruktIMotregning',
      'MotregningAvInnbetaling', 'MotregningAvKreditkrav', 'Mottaker', 'MultiSpraakTekst', 'OversiktPerKravgruppe', 'Periode', 'SpraakTekst', 'TotalOversikt',
      'Utbetaling', 'UtbetalingPlassertMotInnbetaling', 'UtbetalingPlassertMotKrav', 'Utbetalinger', 'Utbetalingstatus',
    ];
    expect(published).toHaveLength(35);
    expect(Object.keys(document.components.schemas).sort()).toEqual(published.sort());
    expect(document.components.schemas.Fastsettingsmaate).toMatchObject({ enum: ['blank', 'egenfastsatt', 'myndighetsfastsatt'] });
    expect(document.components.schemas.Utbetalingstatus).toMatchObject({ enum: ['bekreftet', 'underUtbetaling'] });
    const property = (component: string, name: string) => (document.components.schemas[component] as { properties: Record<string, unknown> }).properties[name];
    expect(property('Innbetaling', 'mottakersKontonummer')).toMatchObject({ $ref: '#/components/schemas/Bankkonto' });
    expect(property('Innbetaling', 'innbetaltFra')).toEqual({ $ref: '#/components/schemas/Betalingsinformasjon' });
    expect(property('Utbetaling', 'betaltTil')).toEqual({ $ref: '#/components/schemas/Betalingsinformasjon' });
    expect(property('Krav', 'kravbeskrivelse')).toEqual({ $ref: '#/components/schemas/MultiSpraakTekst' });
    expect(property('Krav', 'motregningAvKreditkrav')).toMatchObject({ $ref: '#/components/schemas/MotregningAvKreditkrav' });
    expect(property('Innbetaling', 'motregningAvInnbetaling')).toMatchObject({ $ref: '#/components/schemas/MotregningAvInnbetaling' });
    expect(property('Innbetaling', 'plassertUtbetaling')).toMatchObject({ items: { $ref: '#/components/schemas/UtbetalingPlassertMotInnbetaling' } });
    expect(property('GrunnlagForUtbetaling', 'tilbakebetalingAv')).toMatchObject({ items: { $ref: '#/components/schemas/InnbetalingPlassertMotUtbetaling' } });
    expect(property('Betalingsinformasjon', 'sjekkSendtTil')).toMatchObject({ $ref: '#/components/schemas/Mottaker' });
    expect(property('Betalingsinformasjon', 'utbetalingskortSendtTil')).toMatchObject({ $ref: '#/components/schemas/Mottaker' });
    expect(property('Mottaker', 'mottakersAddresse')).toMatchObject({ $ref: '#/components/schemas/AdresseFrittFormat' });
    // Key order as published (the generated models' order): where a later field goes.
    const keys = (component: string) => Object.keys((document.components.schemas[component] as { properties: Record<string, unknown> }).properties);
    expect(keys('MotregningAvKreditkrav')).toEqual(['motregningsidentifikator', 'innkrevingsmyndighet', 'hovedkrav', 'dekketkrav', 'motregnetdato']);
    expect(keys('MotregningAvInnbetaling')).toEqual(['motregningsidentifikator', 'innkrevingsmyndighet', 'dekketKrav', 'hovedkrav', 'motregnetdato']);
    expect(keys('DekketKrav')).toEqual(['motregnetBeloep', 'dekketKravBeskrivelse', 'innkrevingsmyndighet', 'forfallsdato', 'kreditorsnavn', 'forsinkelsesrenter']);
    expect(keys('Betalingsinformasjon')).toEqual(['kidnummer', 'meldingSendtTilMottaker', 'konto', 'sjekkSendtTil', 'utbetalingskortSendtTil', 'valutakode']);
    expect(keys('Innbetaling').slice(-3)).toEqual(['innbetalingstype', 'plassertUtbetaling', 'motregningAvInnbetaling']);
  });

  it('gives every operation an operationId', () => {
    const ids = endpoints.map((endpoint) => (document.paths[`${prefix}/{rettighetspakke}/{partIdentifikator}/${endpoint}`]!.get as { operationId?: string }).operationId);
    expect(ids).toEqual(['hentAapneKrav', 'hentKrav', 'hentInnbetalinger', 'hentUtbetalinger']);
  });
});

describe('/docs', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApi();
  });
  afterAll(() => app.close());

  it('serves an HTML reference that loads only local assets, under a self-only CSP', async () => {
    const page = await app.inject('/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const references = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] as string);
    expect(references.length).toBeGreaterThan(3);
    for (const reference of references) {
      expect(reference).toMatch(/^\.\//);
      expect((await app.inject(`/docs/${reference.slice(2)}`)).statusCode).toBe(200);
    }
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/https?:|\*/);
    const initializer = await app.inject('/docs/static/swagger-initializer.js');
    expect(initializer.body).toContain('validatorUrl: null');
    // The only URL in it is in a comment.
    expect(initializer.body.replace(/\/\/ .*$/gm, '')).not.toMatch(/https?:\/\//);
    expect(page.body).toContain('<title>Krav og betalinger – API-referanse</title>');
  });
});

describe('buildApp serves the documents', () => {
  it('/openapi.json and /docs are there in the real server', async () => {
    const database = await createTestDatabase('pglite');
    const app = await buildApp({ db: database.db, databaseKind: 'pglite', clock: fixedClock('2024-01-01'), config: parseConfig({}), logger: false });
    try {
      const document = (await app.inject('/openapi.json')).json();
      expect(document.openapi).toBe('3.1.0');
      expect((await app.inject('/docs/')).statusCode).toBe(200);
      // The change feed is ours, not Skatteetaten's: marked so a generated client can leave it out.
      const feed = document.paths[`${prefix}/{rettighetspakke}/endringer`].get;
      expect(feed['x-kob-utvidelse']).toBe(true);
      expect(feed.tags).toEqual(['Utvidelser']);
      expect(feed.description).toContain('Utvidelse');
      const result = await new Validator().validate(document);
      expect(result.errors ?? []).toEqual([]);
    } finally {
      await app.close();
      await database.close();
    }
  });
});
