import { buildApp } from '../../src/server.js';
import { testClock, testConfig } from './auth.js';
import { createTestDatabase } from './databases.js';

/** The OpenAPI document the whole server serves at /openapi.json (a sandbox, on a fresh PGlite, closed again once read). */
export async function servedOpenApiDocument<T>(): Promise<T> {
  const database = await createTestDatabase('pglite');
  const app = await buildApp({ db: database.db, databaseKind: 'pglite', clock: testClock(), config: testConfig(), logger: false });
  try {
    return (await app.inject('/openapi.json')).json<T>();
  } finally {
    await app.close();
    await database.close();
  }
}
