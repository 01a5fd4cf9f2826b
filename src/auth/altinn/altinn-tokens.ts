import { SignJWT, type JWTPayload } from 'jose';
import { signingAlgorithm, type SigningKeyStore } from '../maskinporten/signing-keys.js';

/** A JWT signed with Altinn's active key (kept with the others in the database, purpose `altinn`). */
export async function signAltinnToken(keys: SigningKeyStore, claims: JWTPayload): Promise<string> {
  const key = await keys.activeKey();
  return new SignJWT(claims).setProtectedHeader({ alg: signingAlgorithm, kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
}
