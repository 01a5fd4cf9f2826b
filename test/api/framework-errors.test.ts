import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server.js';
import { testClock, testConfig } from '../support/auth.js';
import { createTestDatabase } from '../support/databases.js';

/**
 * The server's one `frameworkErrors` handler gives a URL Fastify cannot route (bad %-encoding)
 * to the surface whose prefix it is under, which answers with its own catalogue; elsewhere
 * Fastify's default answer stays.
 */
describe('framework errors are routed by prefix', () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const database = await createTestDatabase('pglite');
    app = await buildApp({ db: database.db, databaseKind: 'pglite', clock: testClock(), config: testConfig(), logger: false });
    close = async () => {
      await app.close();
      await database.close();
    };
  });
  afterAll(() => close());

  it.each([
    ['/api/innkreving/kravogbetalinger/v1/finans/%zz/aapnekrav', 'KB-006', 'application/json; charset=utf-8'],
    ['/api/innkreving/kalendertjeneste/v1/abonnementer/%zz', 'KAL-006', 'application/json; charset=utf-8'],
    ['/api/frister/v1/%zz', 'FRI-006', 'application/json; charset=utf-8'],
  ])('%s → %s', async (url, kode, type) => {
    const response = await app.inject({ url, headers: { korrelasjonsid: 'rute-test' } });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe(type);
    expect(response.json()).toEqual({ kode, melding: 'Stien inneholder ugyldig prosentkoding (%); kod spesialtegn som %XX.', korrelasjonsid: 'rute-test' });
  });

  it('the Kalendertjeneste answers in XML when XML is asked for', async () => {
    const response = await app.inject({ url: '/api/innkreving/kalendertjeneste/v1/abonnementer/%zz', headers: { accept: 'application/xml' } });
    expect(response.body).toContain('<kode>KAL-006</kode>');
  });

  it('the calendar feed gives its bare 404; other paths keep Fastify\'s answer', async () => {
    expect((await app.inject({ url: '/kalender/%zz.ics' })).body).toBe('Fant ikke kalenderen.');
    const other = await app.inject({ url: '/altinn/%zz' });
    expect(other.statusCode).toBe(400);
    expect(other.json()).toMatchObject({ code: 'FST_ERR_BAD_URL' });
  });
});
