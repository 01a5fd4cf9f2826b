import { afterAll, beforeAll, expect, it } from 'vitest';
import { limits } from '../../src/domain/limits.js';
import { describeEachDatabase } from '../support/databases.js';
import { authTestApp, clientToken, type AuthTestApp } from '../support/auth.js';

/**
 * Every Altinn problem body says the status the response has (RFC 7807 §3.1), seen by a real
 * client; a coded one is typed `urn:altinn:error:<code>` as altinn-authorization-utils writes it
 * (`AltinnProblemDetails`), ASP.NET's own refusals keep RFC 9110's section as their type.
 */
describeEachDatabase('Altinn problem details carry the response status', ({ handle, kind }) => {
  let t: AuthTestApp;
  let baseUrl: string;
  let writer: string;

  beforeAll(async () => {
    t = await authTestApp(handle().db, kind);
    writer = (await clientToken(t, handle().db, '315600057', ['altinn:authentication/systemregister.write'])).token;
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await t.app.close();
  });

  const register = `/altinn/authentication/api/v1/systemregister/vendor`;
  const rfc = (status: number) => `https://tools.ietf.org/html/rfc9110#section-15.5.${status - 399}`;
  const cases: [string, () => RequestInit & { path: string }, number, string][] = [
    ['no token', () => ({ path: register }), 401, rfc(401)],
    ['a token without the scope', () => ({ path: '/altinn/authorization/api/v1/authorize', method: 'POST', body: '{}', headers: { 'content-type': 'application/json', authorization: `Bearer ${writer}` } }), 403, rfc(403)],
    ['an unknown system', () => ({ path: `${register}/315600057_finnesikke`, headers: { authorization: `Bearer ${writer}` } }), 404, 'urn:altinn:error:AUTH-00011'],
    ['a malformed body', () => ({ path: register, method: 'POST', body: '{"id":', headers: { 'content-type': 'application/json', authorization: `Bearer ${writer}` } }), 400, 'urn:altinn:error:STD-00000'],
    ['a body over the limit', () => ({ path: register, method: 'POST', body: JSON.stringify({ pad: 'x'.repeat(limits.bodyBytesMax) }), headers: { 'content-type': 'application/json', authorization: `Bearer ${writer}` } }), 413, rfc(413)],
    ['a content type it does not read', () => ({ path: register, method: 'POST', body: '<id/>', headers: { 'content-type': 'application/xml', authorization: `Bearer ${writer}` } }), 415, rfc(415)],
  ];

  for (const [name, make, status, type] of cases) {
    it(`${status} for ${name}: the body says ${status} too (fetch and inject)`, async () => {
      const { path, ...init } = make();
      const response = await fetch(`${baseUrl}${path}`, init);
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const body = (await response.json()) as { status: number; type: string };
      expect(body.status).toBe(status);
      expect(body.type).toBe(type);
      const injected = await t.app.inject({ method: (init.method ?? 'GET') as 'GET', url: path, headers: init.headers as Record<string, string>, ...(init.body ? { payload: init.body as string } : {}) });
      expect([injected.statusCode, injected.json().status]).toEqual([status, status]);
    });
  }
});
