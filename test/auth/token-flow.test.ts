import { decodeProtectedHeader } from 'jose';
import { beforeAll, expect, it } from 'vitest';
import type { DemoAccess } from '../../src/auth/index.js';
import { describeEachDatabase } from '../support/databases.js';
import { exportJWK, generateKeyPair } from 'jose';
import { authTestApp, callProtected, claimsOf, clientToken, seedDemo, testIssuer, tokenFor, type AuthTestApp } from '../support/auth.js';

describeEachDatabase('token flow: demo vendor and bank', ({ handle, kind }) => {
  let t: AuthTestApp;
  let demo: DemoAccess;
  beforeAll(async () => {
    t = await authTestApp(handle().db, kind);
    demo = await seedDemo(handle().db, t.clock);
  });

  it('issues a system-user token with exactly the claims of spec §3.5', async () => {
    const token = await tokenFor(t.app, demo.regnskapssystem, t.clock, { systemUserOrg: '313367002' });
    const claims = claimsOf(token);
    expect(Object.keys(claims)).toEqual(['authorization_details', 'scope', 'iss', 'client_amr', 'token_type', 'exp', 'iat', 'client_id', 'jti', 'consumer']);
    expect(claims).toMatchObject({
      scope: 'skatteetaten:kravogbetalinger',
      iss: testIssuer,
      client_amr: 'private_key_jwt',
      token_type: 'Bearer',
      client_id: demo.regnskapssystem.client_id,
      consumer: { authority: 'iso6523-actorid-upis', ID: '0192:315600014' },
    });
    expect(claims.exp! - claims.iat!).toBe(120);
    expect(claims.jti).toMatch(/^[\w-]{43}$/);
    const [details] = claims.authorization_details as Record<string, unknown>[];
    expect(details).toEqual({
      type: 'urn:altinn:systemuser',
      systemuser_org: { authority: 'iso6523-actorid-upis', ID: '0192:313367002' },
      systemuser_id: [expect.stringMatching(/^[0-9a-f-]{36}$/)],
      system_id: '315600014_demoregnskap',
    });
    expect(decodeProtectedHeader(token)).toEqual({ kid: expect.any(String), alg: 'RS256' });
  });

  it('lets the system-user token read its own business and nobody else', async () => {
    const token = await tokenFor(t.app, demo.regnskapssystem, t.clock, { systemUserOrg: '313367002' });
    const ok = await callProtected(t.app, 'regnskapssystem', '313367002', token);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ partIdentifikator: '313367002' });
    const other = await callProtected(t.app, 'regnskapssystem', '311851381', token);
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ kode: 'KB-005', melding: expect.stringContaining('system user of another business') });
  });

  it('refuses a token once it has expired, though its verification was kept', async () => {
    const token = await tokenFor(t.app, demo.regnskapssystem, t.clock, { systemUserOrg: '313367002' });
    expect((await callProtected(t.app, 'regnskapssystem', '313367002', token)).statusCode).toBe(200);
    t.clock.advanceSeconds(claimsOf(token).exp! - claimsOf(token).iat! + 11);
    const expired = await callProtected(t.app, 'regnskapssystem', '313367002', token);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().melding).toContain('token expired');
  });

  it('issues a consent token for the bank and accepts it for finans on the consenting party only', async () => {
    const consent = demo.finans.consents[0]!;
    const token = await tokenFor(t.app, demo.finans, t.clock, { consent });
    const [details] = claimsOf(token).authorization_details as Record<string, unknown>[];
    expect(details).toMatchObject({ type: 'urn:altinn:consent', id: consent.id, from: consent.from, to: { authority: 'iso6523-actorid-upis', ID: '0192:315600022' } });
    expect(details!.consentRights).toEqual([{ action: ['consent'], resource: [{ type: 'urn:altinn:resource', value: 'ske-samtykke-krav-og-betalinger' }] }]);
    expect((await callProtected(t.app, 'finans', '313367002', token)).statusCode).toBe(200);
    const other = await callProtected(t.app, 'finans', '311851381', token);
    expect(other.statusCode).toBe(403);
    expect(other.json().melding).toContain('consent for another party');
  });

  it('lets the accounting firm act for a delegated client through its agent system user', async () => {
    const token = await tokenFor(t.app, demo.regnskapssystem, t.clock, { systemUserOrg: '315600030' });
    expect((await callProtected(t.app, 'regnskapssystem', '313367002', token)).statusCode).toBe(200);
    expect((await callProtected(t.app, 'regnskapssystem', '314961900', token)).statusCode).toBe(200);
    const undelegated = await callProtected(t.app, 'regnskapssystem', '314055403', token);
    expect(undelegated.statusCode).toBe(403);
    expect(undelegated.json().melding).toContain('agent without delegation for that client');
  });

  it('registers a client over HTTP for the caller’s own organisation only (POST /maskinporten/admin/clients)', async () => {
    const admin = (await clientToken(t, handle().db, '315600073', ['idporten:dcr.write', 'skatteetaten:kalender'])).token;
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid: 'min-nokkel' };
    const register = (token: string | undefined, scopes = ['skatteetaten:kalender']) =>
      t.app.inject({ method: 'POST', url: '/maskinporten/admin/clients', headers: token ? { authorization: `Bearer ${token}` } : {}, payload: { client_name: 'Kalender', scopes, jwks: { keys: [jwk] } } });
    expect((await register(undefined)).statusCode).toBe(401);
    expect((await register(await tokenFor(t.app, demo.regnskapssystem, t.clock))).statusCode).toBe(403);
    expect((await register(admin, ['ukjent:scope'])).json()).toMatchObject({ error: 'invalid_client_metadata' });
    const created = await register(admin);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ kid: 'min-nokkel', client_orgno: '315600073', scopes: ['skatteetaten:kalender'] });
    const token = await tokenFor(t.app, { client_id: created.json().client_id, jwk: { ...(await exportJWK(privateKey)), kid: 'min-nokkel' } }, t.clock, { scope: 'skatteetaten:kalender' });
    expect(claimsOf(token).consumer).toEqual({ authority: 'iso6523-actorid-upis', ID: '0192:315600073' });
  });
});
