import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { CatalogueEntry } from '../../src/api/error-catalogue.js';
import { Feil } from '../../src/api/error-body.js';
import { closed, schemaErrors } from './api-schemas.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * What every catalogued error of every surface must look like in JSON: the catalogue's status,
 * `Cache-Control: no-store`, exactly `{kode, melding, korrelasjonsid}`, a melding that is a
 * sentence mentioning what the scenario names, and the korrelasjonsid in the header too.
 */
export function expectCatalogueError(response: LightMyRequestResponse, kode: string, entry: CatalogueEntry, mentions: readonly string[]): void {
  expect(response.statusCode).toBe(entry.httpStatus);
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(response.headers['cache-control']).toBe('no-store');
  const body = response.json();
  expect(Object.keys(body)).toEqual(['kode', 'melding', 'korrelasjonsid']);
  expect(schemaErrors(closed(Feil), body)).toBe('');
  expect(body.kode).toBe(kode);
  for (const mention of mentions) expect(body.melding).toContain(mention);
  expect(body.melding).toMatch(/\.$/);
  expect(body.korrelasjonsid).toMatch(uuid);
  expect(response.headers.korrelasjonsid).toBe(body.korrelasjonsid);
}
