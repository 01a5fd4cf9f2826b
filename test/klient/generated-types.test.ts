import fs from 'node:fs/promises';
import { expect, it } from 'vitest';
import { generateKlientTypes, klientTypesFile } from '../../scripts/klient-types.js';

/** A renamed schema, parameter or path in our OpenAPI shows up here: run `npm run generate:klient` and commit. */
it('the client package types are what the server publishes at /openapi.json now', async () => {
  const committed = await fs.readFile(klientTypesFile, 'utf8');
  expect(committed === (await generateKlientTypes()), 'packages/klient/src/generated/api.ts is stale: run npm run generate:klient').toBe(true);
});
