import { sign, type KeyObject } from 'node:crypto';

/**
 * A JWT signed with RS256, spelt as jose's `SignJWT` spells it (the header and the claims as
 * JSON in their own order, base64url, joined by dots) but signed by node:crypto with a KeyObject
 * on the libuv threadpool. WebCrypto, which jose signs through, does more work per call on the
 * event loop than the whole of this function. RSASSA-PKCS1-v1_5 is deterministic, so the token is
 * the same bytes either way (test/auth/rs256-jwt.test.ts holds them side by side).
 */
export function signRs256Jwt(header: { readonly kid: string; readonly alg: 'RS256' }, claims: object, privateKey: KeyObject): Promise<string> {
  const signingInput = `${base64urlJson(header)}.${base64urlJson(claims)}`;
  return new Promise((resolve, reject) => {
    sign('sha256', Buffer.from(signingInput), privateKey, (error, signature) => (error ? reject(error) : resolve(`${signingInput}.${signature.toString('base64url')}`)));
  });
}

function base64urlJson(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
