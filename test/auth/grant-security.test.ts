import { base64url, compactVerify, exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerClient, type DemoAccess } from '../../src/auth/index.js';
import { describeEachDatabase } from '../support/databases.js';
import { authTestApp, grantFor, postToken, seedDemo, testIssuer, type AuthTestApp } from '../support/auth.js';

/** Every refusal of spec §3.6, each of which would issue a token if its check were removed. */
describeEachDatabase('token endpoint refuses bad grants', ({ handle, kind }) => {
  let t: AuthTestApp;
  let demo: DemoAccess;
  let vendorKey: CryptoKey;
  const nowSeconds = () => Math.floor(t.clock.nowEpochMs() / 1000);
  const baseClaims = () => ({
    aud: testIssuer,
    iss: demo.regnskapssystem.client_id,
    iat: nowSeconds(),
    exp: nowSeconds() + 100,
    jti: crypto.randomUUID(),
    scope: 'skatteetaten:kravogbetalinger',
    authorization_details: [{ type: 'urn:altinn:systemuser', systemuser_org: { authority: 'iso6523-actorid-upis', ID: '0192:313367002' } }],
  });
  const sign = (claims: Record<string, unknown>, key: CryptoKey = vendorKey, kid = demo.regnskapssystem.kid) => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(key);
  async function refused(assertion: string, error: string, mpCode: string, text?: string) {
    const response = await postToken(t.app, assertion);
    expect(response.statusCode).toBe(400);
    const body = response.json<{ error: string; error_description: string }>();
    expect(body.error).toBe(error);
    expect(body.error_description).toContain(`(${mpCode})`);
    if (text) expect(body.error_description).toContain(text);
    expect(Object.keys(body)).toEqual(['error', 'error_description']);
    return body;
  }

  beforeAll(async () => {
    t = await authTestApp(handle().db, kind);
    demo = await seedDemo(handle().db, t.clock);
    vendorKey = (await importJWK(demo.regnskapssystem.jwk, 'RS256')) as CryptoKey;
  });

  it('accepts the well-formed grant these cases start from', async () => {
    expect((await postToken(t.app, await sign(baseClaims()))).statusCode).toBe(200);
  });

  describe('signature and header', () => {
    it('refuses a forged signature (another key under the registered kid)', async () => {
      const { privateKey } = await generateKeyPair('RS256');
      await refused(await sign(baseClaims(), privateKey), 'invalid_grant', 'MP-124', 'signaturen');
    });
    it('refuses alg none', async () => {
      const unsigned = `${base64url.encode(JSON.stringify({ alg: 'none', kid: demo.regnskapssystem.kid }))}.${base64url.encode(JSON.stringify(baseClaims()))}.`;
      await refused(unsigned, 'invalid_grant', 'MP-124', 'alg "none"');
    });
    it('refuses HS256 signed with the registered public key as the secret', async () => {
      const publicJwk: JWK = { kty: 'RSA', n: demo.regnskapssystem.jwk.n, e: demo.regnskapssystem.jwk.e };
      const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
      const forged = await new SignJWT(baseClaims()).setProtectedHeader({ alg: 'HS256', kid: demo.regnskapssystem.kid }).sign(secret);
      await refused(forged, 'invalid_grant', 'MP-124', 'alg "HS256"');
    });
    it('refuses an unknown kid', async () => {
      await refused(await sign(baseClaims(), vendorKey, 'not-registered'), 'invalid_grant', 'MP-124', 'not-registered');
    });
    it('leaves a header with crit or b64 to jose: an unknown extension and an unencoded payload are refused, b64 true is a plain grant', async () => {
      const withHeader = (header: Record<string, unknown>, crit: Record<string, boolean>) =>
        new SignJWT(baseClaims()).setProtectedHeader({ alg: 'RS256', kid: demo.regnskapssystem.kid, ...header }).sign(vendorKey, { crit });
      await refused(await withHeader({ crit: ['kob'], kob: 1 }, { kob: true }), 'invalid_grant', 'MP-124', 'signaturen');
      const header = base64url.encode(JSON.stringify({ alg: 'RS256', kid: demo.regnskapssystem.kid, crit: ['b64'], b64: false }));
      const payload = base64url.encode(JSON.stringify(baseClaims()));
      const unencoded = new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', vendorKey, new TextEncoder().encode(`${header}.${payload}`)));
      await refused(`${header}.${payload}.${Buffer.from(unencoded).toString('base64url')}`, 'invalid_grant', 'MP-124', 'signaturen');
      expect((await postToken(t.app, await withHeader({ crit: ['b64'], b64: true }, {}))).statusCode).toBe(200);
    });
    it('refuses an ES256 signature of the wrong length', async () => {
      const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
      const client = await registerClient(handle().db, t.clock, { org: demo.regnskapssystem.org, name: 'EC-klient', scopes: ['skatteetaten:kravogbetalinger'], publicJwk: { ...(await exportJWK(publicKey)), kid: 'ec-lengde' } });
      const grant = await new SignJWT({ ...baseClaims(), iss: client.clientId, authorization_details: undefined }).setProtectedHeader({ alg: 'ES256', kid: 'ec-lengde' }).sign(privateKey);
      const [header, payload, signature] = grant.split('.') as [string, string, string];
      await refused(`${header}.${payload}.${Buffer.from(signature, 'base64url').subarray(1).toString('base64url')}`, 'invalid_grant', 'MP-124', 'signaturen');
      expect((await postToken(t.app, grant)).statusCode).toBe(200);
    });
    it('refuses x5c without kid with a pointer to JWK registration', async () => {
      const grant = await new SignJWT(baseClaims()).setProtectedHeader({ alg: 'RS256', x5c: ['MIIB'] }).sign(vendorKey);
      await refused(grant, 'invalid_grant', 'MP-123', 'x5c');
    });
  });

  describe('claims', () => {
    it('refuses an unknown client (wrong iss)', async () => {
      await refused(await sign({ ...baseClaims(), iss: 'a2ed712d-4144-4471-839f-80ae4a68146b' }), 'invalid_grant', 'MP-100', 'Client not found');
    });
    it('refuses a wrong audience and explains the token-endpoint mistake', async () => {
      await refused(await sign({ ...baseClaims(), aud: 'https://test.maskinporten.no/' }), 'invalid_grant', 'MP-110');
      await refused(await sign({ ...baseClaims(), aud: `${testIssuer}token` }), 'invalid_grant', 'MP-110', 'not the token endpoint');
    });
    it('accepts the issuer without its trailing slash (Altinn examples)', async () => {
      expect((await postToken(t.app, await sign({ ...baseClaims(), aud: testIssuer.replace(/\/$/, '') }))).statusCode).toBe(200);
    });
    it('refuses an expired grant and one issued in the future', async () => {
      await refused(await sign({ ...baseClaims(), iat: nowSeconds() - 200, exp: nowSeconds() - 100 }), 'invalid_grant', 'MP-130');
      await refused(await sign({ ...baseClaims(), iat: nowSeconds() + 60, exp: nowSeconds() + 120 }), 'invalid_grant', 'MP-130', 'Issue time is after now');
    });
    it('allows 10 s of clock skew, not more', async () => {
      expect((await postToken(t.app, await sign({ ...baseClaims(), iat: nowSeconds() + 9, exp: nowSeconds() + 60 }))).statusCode).toBe(200);
      await refused(await sign({ ...baseClaims(), iat: nowSeconds() + 11, exp: nowSeconds() + 60 }), 'invalid_grant', 'MP-130');
    });
    it('refuses a lifetime over 120 s', async () => {
      await refused(await sign({ ...baseClaims(), exp: nowSeconds() + 121 }), 'invalid_grant', 'MP-130', '121 s');
    });
    it('refuses a replayed grant', async () => {
      const grant = await sign(baseClaims());
      expect((await postToken(t.app, grant)).statusCode).toBe(200);
      await refused(grant, 'invalid_grant', 'MP-012', 'Grant is used before');
    });
    it('issues one token for a grant sent many times at once (the single-use writes are batched)', async () => {
      const grant = await sign(baseClaims());
      const responses = await Promise.all(Array.from({ length: 6 }, () => postToken(t.app, grant)));
      expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 400, 400, 400, 400, 400]);
      for (const refusal of responses.filter((response) => response.statusCode === 400)) expect(refusal.json().error_description).toContain('(MP-012)');
    });
    it('issues one token for a grant sent again while the first use is still being written', async () => {
      const grant = await sign(baseClaims());
      const responses = [];
      for (let turn = 0; turn < 12; turn++) {
        responses.push(postToken(t.app, grant));
        await new Promise((resolve) => setImmediate(resolve));
      }
      const statuses = (await Promise.all(responses)).map((response) => response.statusCode);
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(statuses.filter((status) => status === 400)).toHaveLength(11);
    });
    it('refuses a replay of a grant without jti too', async () => {
      const { jti: _jti, ...claims } = baseClaims();
      const grant = await sign(claims);
      expect((await postToken(t.app, grant)).statusCode).toBe(200);
      await refused(grant, 'invalid_grant', 'MP-012');
    });
    it('refuses every other spelling of a used grant without jti: a space, == padding, spare bits in the signature', async () => {
      // Another exp than the grant before, so this one is new.
      const { jti: _jti, ...claims } = { ...baseClaims(), exp: nowSeconds() + 99 };
      const grant = await sign(claims);
      expect((await postToken(t.app, grant)).statusCode).toBe(200);
      const [header, payload, signature] = grant.split('.') as [string, string, string];
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      // 256 signature bytes end in a character with 4 spare bits: flipping one decodes to the same bytes.
      const last = alphabet.indexOf(signature.at(-1)!);
      const spareBits = `${signature.slice(0, -1)}${alphabet[last ^ 1]}`;
      expect(Buffer.from(spareBits, 'base64url')).toEqual(Buffer.from(signature, 'base64url'));
      for (const respelt of [`${signature.slice(0, 20)} ${signature.slice(20)}`, `${signature}==`, spareBits]) {
        const response = await postToken(t.app, `${header}.${payload}.${respelt}`);
        expect(response.statusCode).toBe(400);
        expect(response.json().access_token).toBeUndefined();
      }
    });
    it('refuses the second valid ECDSA signature of a used ES256 grant without jti (replay keyed on what is signed)', async () => {
      const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
      const jwk = { ...(await exportJWK(publicKey)), kid: 'ec-nokkel' };
      const client = await registerClient(handle().db, t.clock, { org: demo.regnskapssystem.org, name: 'EC-klient', scopes: ['skatteetaten:kravogbetalinger'], publicJwk: jwk });
      const { jti: _jti, authorization_details: _details, ...claims } = { ...baseClaims(), iss: client.clientId };
      const grant = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'ec-nokkel' }).sign(privateKey);
      expect((await postToken(t.app, grant)).statusCode).toBe(200);
      const [header, payload, signature] = grant.split('.') as [string, string, string];
      // (r, s) and (r, n − s) both verify: the same grant with a second signature.
      const p256Order = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
      const bytes = Buffer.from(signature, 'base64url');
      const s = BigInt(`0x${bytes.subarray(32).toString('hex')}`);
      const malleated = Buffer.concat([bytes.subarray(0, 32), Buffer.from((p256Order - s).toString(16).padStart(64, '0'), 'hex')]).toString('base64url');
      const publicCryptoKey = await importJWK(jwk, 'ES256');
      await expect(compactVerify(`${header}.${payload}.${malleated}`, publicCryptoKey)).resolves.toBeDefined();
      await refused(`${header}.${payload}.${malleated}`, 'invalid_grant', 'MP-012');
    });
    it('refuses missing and unregistered scopes', async () => {
      const { scope: _scope, ...claims } = baseClaims();
      await refused(await sign(claims), 'invalid_scope', 'MP-200');
      await refused(await sign({ ...baseClaims(), scope: 'skatteetaten:kravogbetalinger altinn:authorization/authorize' }), 'invalid_scope', 'MP-200', 'altinn:authorization/authorize');
    });
    it('refuses undocumented claims, but accepts sub equal to iss', async () => {
      await refused(await sign({ ...baseClaims(), role: 'admin' }), 'invalid_request', 'MP-011', 'role');
      await refused(await sign({ ...baseClaims(), sub: 'someone-else' }), 'invalid_request', 'MP-011');
      expect((await postToken(t.app, await sign({ ...baseClaims(), sub: demo.regnskapssystem.client_id }))).statusCode).toBe(200);
    });
    it('refuses consumer_org delegation, which this API does not use', async () => {
      await refused(await sign({ ...baseClaims(), consumer_org: '313367002' }), 'invalid_request', 'MP-251');
    });
  });

  describe('authorization_details', () => {
    const withDetails = (details: unknown) => sign({ ...baseClaims(), authorization_details: details });
    it('refuses unknown types and unknown fields', async () => {
      await refused(await withDetails([{ type: 'urn:altinn:other' }]), 'invalid_authorization_details', 'MP-301');
      await refused(await withDetails([{ type: 'urn:altinn:systemuser', systemuser_org: { authority: 'iso6523-actorid-upis', ID: '0192:313367002' }, extra: 1 }]), 'invalid_authorization_details', 'MP-302');
    });
    it('refuses two parties in one grant and a malformed org', async () => {
      const element = { type: 'urn:altinn:systemuser', systemuser_org: { authority: 'iso6523-actorid-upis', ID: '0192:313367002' } };
      await refused(await withDetails([element, element]), 'invalid_authorization_details', 'MP-303');
      await refused(await withDetails([{ ...element, systemuser_org: { authority: 'iso6523-actorid-upis', ID: '313367002' } }]), 'invalid_authorization_details', 'MP-303');
    });
    it('accepts the id casing and the single-object form Altinn pages show', async () => {
      const response = await postToken(t.app, await withDetails({ type: 'urn:altinn:systemuser', systemuser_org: { authority: 'iso6523-actorid-upis', id: '0192:311851381' } }));
      expect(response.statusCode).toBe(200);
    });
    it('says why there is no system user: pending request, agent client, unknown org', async () => {
      const element = (orgnr: string) => [{ type: 'urn:altinn:systemuser', systemuser_org: { authority: 'iso6523-actorid-upis', ID: `0192:${orgnr}` } }];
      await refused(await withDetails(element('310478717')), 'invalid_altinn_customer_configuration', 'MP-303', 'systemuser_org 0192:310478717 har ingen godkjent systembruker for klient');
      await refused(await withDetails(element('310478717')), 'invalid_altinn_customer_configuration', 'MP-303', 'request not approved yet');
      await refused(await withDetails([{ ...element('315600030')[0], externalRef: 'annen' }]), 'invalid_altinn_customer_configuration', 'MP-303', 'externalRef mismatch');
      await refused(await withDetails(element('315600022')), 'invalid_altinn_customer_configuration', 'MP-303', 'no system user');
    });
    it('refuses a consent that is not the client org’s, and one from another party', async () => {
      const consent = demo.finans.consents[0]!;
      await refused(await withDetails([{ type: 'urn:altinn:consent', id: consent.id, from: consent.from }]), 'invalid_authorization_details', 'MP-303', 'consent given to another consumer');
      const bankKey = (await importJWK(demo.finans.jwk, 'RS256')) as CryptoKey;
      const grant = await new SignJWT({ ...baseClaims(), iss: demo.finans.client_id, authorization_details: [{ type: 'urn:altinn:consent', id: consent.id, from: 'urn:altinn:organization:identifier-no:311851381' }] })
        .setProtectedHeader({ alg: 'RS256', kid: demo.finans.kid })
        .sign(bankKey);
      await refused(grant, 'invalid_authorization_details', 'MP-303', 'from does not match');
    });
  });

  describe('malformed requests get a clear 4xx', () => {
    const form = (body: string, contentType = 'application/x-www-form-urlencoded') => t.app.inject({ method: 'POST', url: '/maskinporten/token', headers: { 'content-type': contentType }, payload: body });
    it('names the missing or wrong parameter', async () => {
      expect((await form('assertion=x')).json().error_description).toContain('grant_type mangler');
      expect((await form('grant_type=client_credentials')).json()).toMatchObject({ error: 'unsupported_grant_type' });
      expect((await form('grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer')).json().error_description).toContain('assertion mangler');
    });
    it('refuses garbage, an oversized assertion, a JSON body and a huge body without a 5xx', async () => {
      const grantType = 'grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer';
      for (const assertion of ['abc', 'a.b.c', '....', 'eyJhbGciOiJSUzI1NiJ9.e30']) {
        const response = await form(`${grantType}&assertion=${encodeURIComponent(assertion)}`);
        expect(response.statusCode).toBe(400);
        expect(response.json().error).toBe('invalid_request');
      }
      const oversized = await form(`${grantType}&assertion=${'a'.repeat(20_000)}`);
      expect(oversized.statusCode).toBe(400);
      expect(oversized.json().error_description).toContain('(MP-011)');
      const json = await form(JSON.stringify({ grant_type: 'x' }), 'application/json');
      expect(json.statusCode).toBe(400);
      expect(json.json().error).toBe('invalid_request');
      const huge = await form(`${grantType}&assertion=${'a'.repeat(70_000)}`);
      expect(huge.statusCode).toBe(413);
      expect(huge.json().error).toBe('invalid_request');
      const duplicated = await form(`${grantType}&${grantType}&assertion=x`);
      expect(duplicated.statusCode).toBe(400);
    });
  });
});
