import { generateKeyPairSync } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateClientKey, registerClient, signGrant, type DemoAccess } from '../../src/auth/index.js';
import { describeEachDatabase } from '../support/databases.js';
import { authTestApp, claimsOf, clientToken, postToken, seedDemo, testIssuer, type AuthTestApp } from '../support/auth.js';

/** An RSA public JWK made by Node with the given modulus size and exponent. */
function rsaJwk(modulusLength: number, publicExponent = 65537): JWK {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength, publicExponent });
  return publicKey.export({ format: 'jwk' }) as JWK;
}

/**
 * Self-service client registration (`POST /maskinporten/admin/clients`) after the penetration
 * test: no more scopes than the organisation holds, no operator scope, no weak key.
 */
describeEachDatabase('client registration cannot escalate privileges or register weak keys', ({ handle, kind }) => {
  let t: AuthTestApp;
  let demo: DemoAccess;
  /** Org 315600073 holds idporten:dcr.write (from the operator) and, through another client, skatteetaten:kalender. */
  const attackerOrg = '315600073';
  let dcrToken: string;
  let strongRsa: JWK;

  const register = (token: string, scopes: string[], jwk: JWK = strongRsa) =>
    t.app.inject({ method: 'POST', url: '/maskinporten/admin/clients', headers: { authorization: `Bearer ${token}` }, payload: { client_name: 'Ny klient', scopes, jwks: { keys: [jwk] } } });

  beforeAll(async () => {
    t = await authTestApp(handle().db, kind);
    demo = await seedDemo(handle().db, t.clock);
    dcrToken = (await clientToken(t, handle().db, attackerOrg, ['idporten:dcr.write'])).token;
    const { publicJwk } = await generateClientKey();
    await registerClient(handle().db, t.clock, { org: attackerOrg, name: 'Kalender', scopes: ['skatteetaten:kalender'], publicJwk });
    strongRsa = rsaJwk(2048);
  });

  describe('scopes (High)', () => {
    for (const scope of ['altinn:authentication/systemregister.admin', 'altinn:authorization/authorize', 'altinn:maskinporten/systemuser.read', 'idporten:dcr.write']) {
      it(`refuses the operator-only scope ${scope} over HTTP`, async () => {
        const response = await register(dcrToken, [scope]);
        expect(response.statusCode).toBe(400);
        expect(response.json()).toEqual({ error: 'invalid_client_metadata', error_description: expect.stringContaining('operatøren') });
      });
    }

    it('refuses a scope the organisation does not hold, and grants one it holds', async () => {
      const notHeld = await register(dcrToken, ['skatteetaten:kravogbetalinger']);
      expect(notHeld.statusCode).toBe(400);
      expect(notHeld.json().error_description).toContain('har ikke scope skatteetaten:kravogbetalinger');
      const held = await register(dcrToken, ['skatteetaten:kalender']);
      expect(held.statusCode).toBe(201);
      expect(held.json()).toMatchObject({ client_orgno: attackerOrg, scopes: ['skatteetaten:kalender'] });
    });

    it('leaves a vendor without the admin scope unable to touch another vendor’s system, system users or the decision point', async () => {
      const writer = (await clientToken(t, handle().db, attackerOrg, ['altinn:authentication/systemregister.write'])).token;
      const auth = { authorization: `Bearer ${writer}` };
      const foreignSystem = {
        id: `${demo.regnskapssystem.org}_kapret`,
        vendor: { authority: 'iso6523', ID: `0192:${demo.regnskapssystem.org}` },
        name: { nb: 'Kapret', en: 'Hijacked', nn: 'Kapra' },
        description: { nb: 'x', en: 'x', nn: 'x' },
        rights: [{ resource: [{ id: 'urn:altinn:resource', value: 'ske-krav-og-betalinger' }] }],
        clientId: [],
      };
      const registered = await t.app.inject({ method: 'POST', url: '/altinn/authentication/api/v1/systemregister/vendor', headers: auth, payload: foreignSystem });
      expect(registered.statusCode).toBe(403);
      const demoSystem = `/altinn/authentication/api/v1/systemregister/vendor/${demo.regnskapssystem.org}_demoregnskap`;
      expect((await t.app.inject({ method: 'DELETE', url: demoSystem, headers: auth })).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'PUT', url: `${demoSystem}/rights`, headers: auth, payload: [] })).statusCode).toBe(403);
      const byExternalId = `/altinn/authentication/api/v1/systemuser/byExternalId?clientId=${demo.regnskapssystem.client_id}&systemProviderOrgNo=${demo.regnskapssystem.org}&systemUserOwnerOrgNo=313367002`;
      expect((await t.app.inject({ method: 'GET', url: byExternalId, headers: auth })).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'POST', url: '/altinn/authorization/api/v1/authorize', headers: auth, payload: {} })).statusCode).toBe(403);
    });
  });

  describe('keys (Low)', () => {
    const weak: [string, () => JWK, string][] = [
      ['RSA with e = 3', () => rsaJwk(2048, 3), 'eksponent må være 65537'],
      ['RSA with 1024 bits', () => rsaJwk(1024), '1024 bit'],
      [
        'RSA of 1024 bits zero-padded to 256 bytes',
        () => {
          const jwk = rsaJwk(1024);
          return { ...jwk, n: Buffer.concat([Buffer.alloc(128), Buffer.from(jwk.n!, 'base64url')]).toString('base64url') };
        },
        'ledende nullbyte',
      ],
      [
        'RSA with an even modulus',
        () => {
          const n = Buffer.from(rsaJwk(2048).n!, 'base64url');
          n[n.length - 1] = n[n.length - 1]! & 0xfe;
          return { kty: 'RSA', e: 'AQAB', n: n.toString('base64url') };
        },
        'partall',
      ],
      ['EC on P-384', () => generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ format: 'jwk' }) as JWK, 'P-256'],
    ];
    for (const [name, make, reason] of weak) {
      it(`refuses ${name}, saying why`, async () => {
        const response = await register(dcrToken, ['skatteetaten:kalender'], make());
        expect(response.statusCode).toBe(400);
        expect(response.json()).toEqual({ error: 'invalid_client_metadata', error_description: expect.stringContaining(reason) });
      });
    }

    it('accepts EC P-256 as Maskinporten does, and issues a token for an ES256 grant', async () => {
      const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
      const created = await register(dcrToken, ['skatteetaten:kalender'], { ...(await exportJWK(publicKey)), kid: 'ec-1' });
      expect(created.statusCode).toBe(201);
      const clientId = created.json<{ client_id: string }>().client_id;
      const grant = await signGrant({ clientId, jwk: { ...(await exportJWK(privateKey)), kid: 'ec-1' }, audience: testIssuer, scope: 'skatteetaten:kalender', nowSeconds: Math.floor(t.clock.nowEpochMs() / 1000) });
      const response = await postToken(t.app, grant);
      expect(response.statusCode).toBe(200);
      expect(claimsOf(response.json().access_token)).toMatchObject({ client_id: clientId, scope: 'skatteetaten:kalender' });
    });

    it('refuses an RS256 grant under an EC key', async () => {
      const { publicKey } = await generateKeyPair('ES256', { extractable: true });
      const created = await register(dcrToken, ['skatteetaten:kalender'], { ...(await exportJWK(publicKey)), kid: 'ec-2' });
      const rsa = await generateKeyPair('RS256', { extractable: true });
      const grant = await signGrant({ clientId: created.json().client_id, jwk: { ...(await exportJWK(rsa.privateKey)), kid: 'ec-2' }, audience: testIssuer, scope: 'skatteetaten:kalender', nowSeconds: Math.floor(t.clock.nowEpochMs() / 1000) });
      const response = await postToken(t.app, grant);
      expect(response.statusCode).toBe(400);
      expect(response.json().error_description).toContain('(MP-124)');
    });
  });
});
