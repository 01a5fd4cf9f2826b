import { KeyObject } from 'node:crypto';
import { generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signRs256Jwt } from '../../src/auth/rs256-jwt.js';

describe('signRs256Jwt', () => {
  it('writes the same bytes as jose SignJWT, so an access token does not change by a byte', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const claims = {
      authorization_details: [{ type: 'urn:altinn:systemuser', systemuser_org: { authority: 'iso6523-actorid-upis', ID: '0192:313367002' }, systemuser_id: ['a'], system_id: 'æøå 🙂' }],
      scope: 'skatteetaten:kravogbetalinger',
      exp: 1_800_000_120,
      iat: 1_800_000_000,
      jti: 'x_-y',
      aud: ['https://a.example/', 'https://b.example/'],
    };
    const header = { kid: 'nøkkel-1', alg: 'RS256' } as const;
    const ours = await signRs256Jwt(header, claims, KeyObject.from(privateKey as Parameters<typeof KeyObject.from>[0]));
    expect(ours).toBe(await new SignJWT(claims).setProtectedHeader(header).sign(privateKey));
    expect((await jwtVerify(ours, publicKey, { currentDate: new Date(1_800_000_010_000) })).payload).toEqual(claims);
  });
});
