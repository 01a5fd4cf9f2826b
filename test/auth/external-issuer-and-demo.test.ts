import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateClientKey, registerClient, seedDemoAccess, type DemoAccess } from '../../src/auth/index.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { openDatabase, type DatabaseHandle } from '../../src/db/open-database.js';
import { buildApp } from '../../src/server.js';
import { describeEachDatabase } from '../support/databases.js';
import { authTestApp, callProtected, seedDemo, testClock, testConfig, tokenFor, type AuthTestApp } from '../support/auth.js';

/** Another token server of ours on a real port plays "the real Maskinporten". */
describe('tokens from a configured external issuer', () => {
  const port = 18120;
  const externalUrl = `http://127.0.0.1:${port}`;
  const clock = testClock();
  const audience = `${externalUrl}/maskinporten/`;
  let external: { app: FastifyInstance; database: DatabaseHandle; demo: DemoAccess };
  let local: AuthTestApp;
  let localDatabase: DatabaseHandle;

  beforeAll(async () => {
    const database = await openDatabase({ kind: 'pglite-memory' });
    await migrateToLatest(database.db);
    const config = testConfig({ publicUrl: externalUrl });
    const app = await buildApp({ db: database.db, databaseKind: 'pglite', clock, config, logger: false });
    await app.listen({ port, host: '127.0.0.1' });
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kob-external-'));
    external = { app, database, demo: await seedDemoAccess(database.db, { dataDir, publicUrl: externalUrl, clock }) };
    localDatabase = await openDatabase({ kind: 'pglite-memory' });
    await migrateToLatest(localDatabase.db);
    local = await authTestApp(localDatabase.db, 'pglite', { clock, config: testConfig({ externalIssuer: { issuer: `${externalUrl}/maskinporten/`, jwksUrl: `${externalUrl}/maskinporten/jwk` } }) });
  });

  afterAll(async () => {
    await local?.app.close();
    await external?.app.close();
    await external?.database.close();
    await localDatabase?.close();
  });

  it('verifies the external token against the fetched JWKS, then asks its own decision point', async () => {
    const token = await tokenFor(external.app, external.demo.regnskapssystem, clock, { systemUserOrg: '313367002', audience });
    const caller = await local.auth.accessChecker.authenticate(`Bearer ${token}`, 'skatteetaten:kravogbetalinger');
    expect(caller).toMatchObject({ granted: true, token: { issuer: `${externalUrl}/maskinporten/`, consumerOrgnr: '315600014' } });
    // This server's Altinn store does not know the external system user: the PDP says no.
    const response = await callProtected(local.app, 'regnskapssystem', '313367002', token);
    expect(response.statusCode).toBe(403);
    expect(response.json().melding).toContain('system user unknown or revoked');
  });

  it('accepts an external consent token on its own evidence', async () => {
    const token = await tokenFor(external.app, external.demo.finans, clock, { consent: external.demo.finans.consents[0]!, audience });
    expect((await callProtected(local.app, 'finans', '313367002', token)).statusCode).toBe(200);
  });

  it('reads the calendar with an external consent, but makes no subscription under it: the feed could not check it again (decision 0089)', async () => {
    const { privateJwk, publicJwk } = await generateClientKey();
    const client = await registerClient(external.database.db, clock, { org: external.demo.finans.org, name: 'Bank kalender', scopes: ['skatteetaten:kalender'], publicJwk });
    const token = await tokenFor(external.app, { client_id: client.clientId, jwk: privateJwk }, clock, { scope: 'skatteetaten:kalender', consent: external.demo.finans.consents[0]!, audience });
    const calendar = await local.app.inject({
      method: 'POST',
      url: '/api/innkreving/kalendertjeneste/v1/frister',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: { kalenderRequest: { part: [{ organisasjonsnummer: '313367002' }] } },
    });
    expect(calendar.statusCode).toBe(200);
    const refused = await local.app.inject({ method: 'POST', url: '/api/innkreving/kalendertjeneste/v1/abonnementer/313367002', headers: { authorization: `Bearer ${token}` } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ kode: 'KAL-005', melding: expect.stringContaining('et kalenderabonnement lages bare med en tilgang som kan sjekkes igjen senere') });
    expect(await localDatabase.db.selectFrom('kalender_abonnement').select('abonnement_id').execute()).toEqual([]);
  });

  it('still refuses tokens of an issuer it was not told about', async () => {
    const ownToken = await tokenFor(external.app, external.demo.regnskapssystem, clock, { systemUserOrg: '313367002', audience });
    const withoutExternal = await authTestApp(localDatabase.db, 'pglite', { clock });
    const refused = await callProtected(withoutExternal.app, 'regnskapssystem', '313367002', ownToken);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().melding).toContain('untrusted issuer');
    await withoutExternal.app.close();
  });
});

describeEachDatabase('demo access dataset', ({ handle, kind }) => {
  let t: AuthTestApp;
  let demo: DemoAccess;
  beforeAll(async () => {
    t = await authTestApp(handle().db, kind);
    demo = await seedDemo(handle().db, t.clock);
  });

  it('writes the two credential files, private to their owner, with the contract’s keys', async () => {
    const vendor = JSON.parse(await fs.readFile(demo.files.regnskapssystem, 'utf8'));
    expect(Object.keys(vendor)).toEqual(['client_id', 'kid', 'org', 'scopes', 'jwk']);
    expect(vendor).toMatchObject({ org: '315600014', scopes: ['skatteetaten:kravogbetalinger', 'skatteetaten:kalender', 'skatteetaten:frister', 'kob:testdata'], jwk: { kty: 'RSA', kid: vendor.kid, d: expect.any(String) } });
    const bank = JSON.parse(await fs.readFile(demo.files.finans, 'utf8'));
    expect(Object.keys(bank)).toEqual(['client_id', 'kid', 'org', 'scopes', 'jwk', 'consents']);
    expect(bank.consents.map((consent: { from: string }) => consent.from)).toEqual(['urn:altinn:organization:identifier-no:313367002', 'urn:altinn:organization:identifier-no:311851381']);
    expect((await fs.stat(demo.files.finans)).mode & 0o777).toBe(0o600);
    expect(path.dirname(demo.files.finans).endsWith(path.join('demo'))).toBe(true);
  });

  it('gives every published test business an approved system user except 310478717, which is pending', async () => {
    for (const orgnr of ['313367002', '311851381', '314961900', '314055403', '212201782']) {
      const token = await tokenFor(t.app, demo.regnskapssystem, t.clock, { systemUserOrg: orgnr });
      expect((await callProtected(t.app, 'regnskapssystem', orgnr, token)).statusCode).toBe(200);
    }
    await expect(tokenFor(t.app, demo.regnskapssystem, t.clock, { systemUserOrg: '310478717' })).rejects.toThrow(/venter på godkjenning/);
  });

  it('has consents from 313367002 and 311851381 only', async () => {
    const token = await tokenFor(t.app, demo.finans, t.clock, { consent: demo.finans.consents[1]! });
    expect((await callProtected(t.app, 'finans', '311851381', token)).statusCode).toBe(200);
    for (const orgnr of ['314961900', '314055403', '212201782', '310478717']) {
      expect((await callProtected(t.app, 'finans', orgnr, token)).statusCode).toBe(403);
    }
  });

  it('is seeded once: a second run returns the same credentials', async () => {
    const dataDir = path.dirname(path.dirname(demo.files.finans));
    const again = await seedDemoAccess(handle().db, { dataDir, publicUrl: 'http://kob.test', clock: t.clock });
    expect(again.regnskapssystem.client_id).toBe(demo.regnskapssystem.client_id);
  });
});
