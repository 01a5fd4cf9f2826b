import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { base64url, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateClientKey, registerClient, type DemoAccess } from '../../src/auth/index.js';
import { describeEachDatabase } from '../support/databases.js';
import { authTestApp, callProtected, claimsOf, endUserToken, seedDemo, testIssuer, tokenFor, type AuthTestApp } from '../support/auth.js';

type Package = 'finans' | 'regnskapssystem';

/** A protected surface as users call it: its scope, its route and its refusal codes. */
interface Surface {
  readonly name: string;
  readonly scope: string;
  /** Only Krav og betalinger names the rights package in the URL; elsewhere the token decides. */
  readonly namesPackage: boolean;
  call(app: FastifyInstance, token: string | undefined, part: string, rettighetspakke: Package, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  readonly authenticationCode: string;
  authorizationCode(mechanism: Package): string;
}

const bearer = (token: string | undefined) => (token === undefined ? {} : { authorization: `Bearer ${token}` });

const surfaces: readonly Surface[] = [
  {
    name: 'Krav og betalinger GET …/{rettighetspakke}/{part}/aapnekrav',
    scope: 'skatteetaten:kravogbetalinger',
    namesPackage: true,
    call: (app, token, part, rettighetspakke, headers = {}) => callProtected(app, rettighetspakke, part, token, headers),
    authenticationCode: 'KB-004',
    authorizationCode: () => 'KB-005',
  },
  {
    name: 'Kalendertjeneste POST /frister',
    scope: 'skatteetaten:kalender',
    namesPackage: false,
    call: (app, token, part, _rettighetspakke, headers = {}) =>
      app.inject({
        method: 'POST',
        url: '/api/innkreving/kalendertjeneste/v1/frister',
        headers: { 'content-type': 'application/json', ...bearer(token), ...headers },
        payload: JSON.stringify({ kalenderRequest: { part: [{ organisasjonsnummer: part }] } }),
      }),
    authenticationCode: 'KAL-004',
    authorizationCode: () => 'KAL-005',
  },
  {
    name: 'Frister API GET /api/frister/v1/{organisasjonsnummer}',
    scope: 'skatteetaten:frister',
    namesPackage: false,
    call: (app, token, part, _rettighetspakke, headers = {}) => app.inject({ method: 'GET', url: `/api/frister/v1/${part}`, headers: { ...bearer(token), ...headers } }),
    authenticationCode: 'FRI-004',
    authorizationCode: (mechanism) => (mechanism === 'finans' ? 'FRI-009' : 'FRI-005'),
  },
  {
    name: 'calendar subscriptions GET /abonnementer/{part}',
    scope: 'skatteetaten:kalender',
    namesPackage: false,
    call: (app, token, part, _rettighetspakke, headers = {}) => app.inject({ method: 'GET', url: `/api/innkreving/kalendertjeneste/v1/abonnementer/${part}`, headers: { ...bearer(token), ...headers } }),
    authenticationCode: 'KAL-004',
    authorizationCode: () => 'KAL-005',
  },
];

/** The provider check (spec §6) on the real route of every protected surface: each case would read data if its check were removed. */
for (const surface of surfaces) {
  describeEachDatabase(`provider check on ${surface.name}`, ({ handle, kind }) => {
    let t: AuthTestApp;
    let demo: DemoAccess;
    /** A client of the demo bank's organisation with this surface's scope (the consents are the organisation's). */
    let bank: { client_id: string; jwk: object };
    let good: JWTPayload;
    const nowSeconds = () => Math.floor(t.clock.nowEpochMs() / 1000);
    /** A token signed with our real active key: only the claims differ from a genuine one. */
    const mint = async (claims: JWTPayload, header: Record<string, unknown> = {}) => {
      const key = await t.auth.tokenKeys.activeKey();
      return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: key.kid, ...header }).sign(key.privateKey);
    };
    const consentToken = (consent = demo.finans.consents[0]!) => tokenFor(t.app, bank, t.clock, { scope: surface.scope, consent });
    async function refused(token: string | undefined, status: 401 | 403, text: string, part = '313367002', rettighetspakke: Package = 'regnskapssystem', headers: Record<string, string> = {}) {
      const response = await surface.call(t.app, token, part, rettighetspakke, headers);
      expect(response.statusCode).toBe(status);
      const body = response.json<{ kode: string; melding: string }>();
      expect(body.kode).toBe(status === 401 ? surface.authenticationCode : surface.authorizationCode(rettighetspakke));
      expect(body.melding).toContain(text);
      return body;
    }
    const granted = async (token: string, part: string, rettighetspakke: Package) => expect((await surface.call(t.app, token, part, rettighetspakke)).statusCode).toBe(200);

    beforeAll(async () => {
      t = await authTestApp(handle().db, kind);
      demo = await seedDemo(handle().db, t.clock);
      const { privateJwk, publicJwk } = await generateClientKey();
      const client = await registerClient(handle().db, t.clock, { org: demo.finans.org, name: 'Demo Bank, alle API', scopes: [surface.scope], publicJwk });
      bank = { client_id: client.clientId, jwk: privateJwk };
      good = claimsOf(await tokenFor(t.app, demo.regnskapssystem, t.clock, { scope: surface.scope, systemUserOrg: '313367002' }));
    });

    it('accepts a minted copy of a genuine token, and a genuine consent token (the baselines of these cases)', async () => {
      await granted(await mint({ ...good }), '313367002', 'regnskapssystem');
      await granted(await consentToken(), '313367002', 'finans');
    });

    describe(`authentication: ${surface.authenticationCode}`, () => {
      it('refuses a missing or non-bearer Authorization header', async () => {
        await refused(undefined, 401, 'no bearer token');
        const basic = await surface.call(t.app, undefined, '313367002', 'regnskapssystem', { authorization: 'Basic dXNlcjpwYXNz' });
        expect(basic.statusCode).toBe(401);
      });
      it('refuses a forged signature, alg none, HS256 with our public key and an unknown kid', async () => {
        const { privateKey } = await generateKeyPair('RS256');
        const kid = (await t.auth.tokenKeys.activeKey()).kid;
        await refused(await new SignJWT({ ...good }).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey), 401, 'invalid signature');
        await refused(`${base64url.encode(JSON.stringify({ alg: 'none', kid }))}.${base64url.encode(JSON.stringify(good))}.`, 401, 'alg not allowed');
        const jwks = await t.auth.tokenKeys.publishedJwks();
        const secret = new TextEncoder().encode(JSON.stringify(jwks.keys[0]));
        await refused(await new SignJWT({ ...good }).setProtectedHeader({ alg: 'HS256', kid }).sign(secret), 401, 'alg not allowed');
        await refused(await new SignJWT({ ...good }).setProtectedHeader({ alg: 'RS256', kid: 'unknown-kid' }).sign(privateKey), 401, 'unknown signing key');
      });
      it('refuses expired and not-yet-valid tokens', async () => {
        await refused(await mint({ ...good, iat: nowSeconds() - 300, exp: nowSeconds() - 100 }), 401, 'token expired');
        await refused(await mint({ ...good, iat: nowSeconds() + 60, exp: nowSeconds() + 180 }), 401, 'not yet valid');
        const { exp: _exp, ...withoutExp } = good;
        await refused(await mint(withoutExp), 401, 'no expiry');
      });
      it('refuses a token whose issuer is not trusted, even when signed with our key', async () => {
        await refused(await mint({ ...good, iss: 'https://test.maskinporten.no/' }), 401, 'untrusted issuer');
        await refused(await mint({ ...good, iss: testIssuer.replace(/\/$/, '') }), 401, 'untrusted issuer');
      });
      it('refuses a token with an audience', async () => {
        await refused(await mint({ ...good, aud: 'https://kravogbetalinger.api.skatteetaten.no' }), 401, 'unexpected audience');
      });
      it('refuses missing or another surface’s scope', async () => {
        const other = surfaces.find((candidate) => candidate.scope !== surface.scope)!.scope;
        await refused(await mint({ ...good, scope: other }), 401, 'missing scope');
        const { scope: _scope, ...withoutScope } = good;
        await refused(await mint(withoutScope), 401, 'missing scope');
      });
      it('refuses a malformed consumer', async () => {
        await refused(await mint({ ...good, consumer: { authority: 'iso6523-actorid-upis', ID: '315600014' } }), 401, 'invalid consumer');
      });
      it('refuses oversized and malformed tokens with 401, never 5xx', async () => {
        for (const token of ['x', 'a.b.c', `${'a'.repeat(17_000)}.b.c`, 'eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.sig']) {
          const response = await surface.call(t.app, token, '313367002', 'regnskapssystem');
          expect(response.statusCode).toBe(401);
        }
      });
    });

    describe('authorization: system users and consents', () => {
      it('refuses a token with neither system user nor consent', async () => {
        const { authorization_details: _details, ...plain } = good;
        await refused(await mint(plain), 403, surface.namesPackage ? 'no system user in token' : 'verken systembruker eller samtykke');
      });
      it('refuses a system user of another vendor system', async () => {
        const [details] = good.authorization_details as Record<string, unknown>[];
        await refused(await mint({ ...good, authorization_details: [{ ...details, system_id: '999999999_other' }] }), 403, 'system of another vendor');
      });
      it('refuses a system user for another business', async () => {
        await refused(await mint({ ...good }), 403, 'system user of another business', '311851381');
      });
      it('refuses a revoked system user at once, though its token has not expired', async () => {
        const token = await tokenFor(t.app, demo.regnskapssystem, t.clock, { scope: surface.scope, systemUserOrg: '314055403' });
        await granted(token, '314055403', 'regnskapssystem');
        const [details] = claimsOf(token).authorization_details as { systemuser_id: string[] }[];
        const enduser = await endUserToken(t, handle().db, '314055403');
        const revoked = await t.app.inject({ method: 'DELETE', url: `/altinn/authentication/api/v1/systemuser/314055403/${details!.systemuser_id[0]}`, headers: { authorization: `Bearer ${enduser}` } });
        expect(revoked.statusCode).toBe(202);
        await refused(token, 403, 'system user unknown or revoked', '314055403');
      });
      if (surface.namesPackage) {
        it('refuses finans without consent, and a consent token for regnskapssystem', async () => {
          await refused(await tokenFor(t.app, bank, t.clock, { scope: surface.scope }), 403, 'no consent', '313367002', 'finans');
          await refused(await consentToken(), 403, 'no system user in token');
        });
      }
      it('refuses a consent from another party', async () => {
        await refused(await consentToken(), 403, 'consent for another party', '311851381', 'finans');
      });
      it('refuses a consent for another resource, or given to another consumer', async () => {
        const genuine = claimsOf(await consentToken());
        const [details] = genuine.authorization_details as Record<string, unknown>[];
        await refused(await mint({ ...genuine, authorization_details: [{ ...details, consentRights: [{ action: ['consent'], resource: [{ type: 'urn:altinn:resource', value: 'annen-ressurs' }] }] }] }), 403, 'consent for another resource', '313367002', 'finans');
        await refused(await mint({ ...genuine, consumer: { authority: 'iso6523-actorid-upis', ID: '0192:315600014' } }), 403, 'ikke tokenets consumer', '313367002', 'finans');
      });
      it('refuses a revoked consent and an expired one', async () => {
        const consent = demo.finans.consents[1]!;
        const token = await consentToken(consent);
        await granted(token, '311851381', 'finans');
        const enduser = await endUserToken(t, handle().db, '311851381');
        const revoked = await t.app.inject({ method: 'POST', url: `/altinn/accessmanagement/api/v1/enduser/consents/${consent.id}/revoke`, headers: { authorization: `Bearer ${enduser}` } });
        expect(revoked.json().consentRequestEvents.at(-1)).toMatchObject({ eventType: 'Revoked' });
        await refused(token, 403, 'consent revoked', '311851381', 'finans');

        const genuine = claimsOf(await consentToken());
        const [details] = genuine.authorization_details as Record<string, unknown>[];
        await refused(await mint({ ...genuine, authorization_details: [{ ...details, validTo: '2025-01-01T00:00:00+00:00' }] }), 403, 'consent expired', '313367002', 'finans');
      });
    });
  });
}
