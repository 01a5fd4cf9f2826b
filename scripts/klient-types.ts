import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from 'openapi-typescript';
import { systemClock } from '../src/clock.js';
import { parseConfig } from '../src/config.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { openDatabase } from '../src/db/open-database.js';
import { buildApp } from '../src/server.js';

/**
 * The client package's types come from the OpenAPI document our own server publishes, never by
 * hand: when a schema or operation is renamed, the committed file no longer matches what this
 * produces (a test says so) and `npm run generate:klient` writes it again.
 */
export const klientTypesFile = fileURLToPath(new URL('../packages/klient/src/generated/api.ts', import.meta.url));

/** `GET /openapi.json` as the server answers it, from an app on an empty in-memory database. */
export async function servedOpenApiDocument(): Promise<OpenAPI3> {
  const database = await openDatabase({ kind: 'pglite-memory' });
  try {
    await migrateToLatest(database.db);
    const app = await buildApp({ db: database.db, databaseKind: 'pglite', clock: systemClock(), config: parseConfig({}, { publicUrl: 'http://localhost:8080' }), logger: false });
    try {
      return (await app.inject('/openapi.json')).json() as OpenAPI3;
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}

export async function generateKlientTypes(): Promise<string> {
  const ast = await openapiTS(await servedOpenApiDocument());
  return `${COMMENT_HEADER.replace('Do not make direct changes to the file.', 'Do not edit: run `npm run generate:klient`.')}${astToString(ast)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await fs.mkdir(new URL('../packages/klient/src/generated/', import.meta.url), { recursive: true });
  await fs.writeFile(klientTypesFile, await generateKlientTypes());
}
