import { calculateJwkThumbprint, importJWK, type JWK } from 'jose';
import { decodeCanonicalBase64url } from '../base64url.js';

/**
 * Which public keys a client may register (decision 0076): RSA of 2048–8192 bits with the public
 * exponent 65537, or EC on P-256, as Maskinporten accepts. A weak key is refused at registration,
 * over HTTP and from `kob clients create`, with a sentence saying what is wrong; nothing about a
 * refused key is stored.
 */
export const rsaModulusBitsMin = 2048;
export const rsaModulusBitsMax = 8192;
/** 65537 in base64url, the only public exponent accepted. */
const rsaExponent65537 = 'AQAB';
const p256CoordinateBytes = 32;

/** The grant algorithms each key type signs with. */
export const rsaGrantAlgorithms = ['RS256', 'RS384', 'RS512'] as const;
export const ecGrantAlgorithms = ['ES256'] as const;

export class WeakClientKeyError extends Error {
  override readonly name = 'WeakClientKeyError';
  readonly userFacing = true;
}

/** The public part of a client key as stored: its members, `kid`, `alg` and `use`. */
export type ClientPublicJwk = (
  | { readonly kty: 'RSA'; readonly n: string; readonly e: string; readonly alg: 'RS256' }
  | { readonly kty: 'EC'; readonly crv: 'P-256'; readonly x: string; readonly y: string; readonly alg: 'ES256' }
) & { readonly kid: string; readonly use: 'sig' };

/**
 * Checks a client's public key and reduces it to its public members (a private JWK's `d`, `p`, …
 * are dropped, never stored). Its `kid` is kept, or the RFC 7638 thumbprint when it has none.
 */
export async function clientPublicJwk(jwk: JWK): Promise<ClientPublicJwk> {
  const key = jwk.kty === 'RSA' ? rsaPublicMembers(jwk) : jwk.kty === 'EC' ? ecPublicMembers(jwk) : undefined;
  if (key === undefined) {
    throw new WeakClientKeyError(`nøkkeltypen "${String(jwk.kty).slice(0, 20)}" støttes ikke; bruk RSA (minst ${rsaModulusBitsMin} bit) eller EC P-256 (the key must be RSA or EC P-256)`);
  }
  try {
    // Importing checks what the arithmetic above cannot: an EC point must lie on the curve.
    await importJWK({ ...key }, key.kty === 'RSA' ? 'RS256' : 'ES256');
  } catch {
    throw new WeakClientKeyError('nøkkelen kan ikke leses som en gyldig offentlig nøkkel (the key is not a valid public key)');
  }
  const kid = typeof jwk.kid === 'string' && /^[\w.-]{1,100}$/.test(jwk.kid) ? jwk.kid : await calculateJwkThumbprint(key);
  return key.kty === 'RSA' ? { ...key, kid, alg: 'RS256', use: 'sig' } : { ...key, kid, alg: 'ES256', use: 'sig' };
}

function rsaPublicMembers(jwk: JWK): { kty: 'RSA'; n: string; e: string } {
  if (jwk.e !== rsaExponent65537) {
    throw new WeakClientKeyError('RSA-nøkkelens offentlige eksponent må være 65537 ("e": "AQAB") (the RSA public exponent must be 65537)');
  }
  const modulus = canonicalBase64url(jwk.n, 'n');
  if (modulus[0] === 0) {
    throw new WeakClientKeyError('RSA-modulusen n har ledende nullbyte; oppgi den uten utfylling (the modulus must not be zero-padded)');
  }
  const bits = modulus.length === 0 ? 0 : (modulus.length - 1) * 8 + (32 - Math.clz32(modulus[0]!));
  if (bits < rsaModulusBitsMin || bits > rsaModulusBitsMax) {
    throw new WeakClientKeyError(`RSA-nøkkelen har ${bits} bit; den må ha ${rsaModulusBitsMin}–${rsaModulusBitsMax} bit (RSA keys need ${rsaModulusBitsMin}–${rsaModulusBitsMax} bits)`);
  }
  if (modulus[modulus.length - 1]! % 2 === 0) {
    throw new WeakClientKeyError('RSA-modulusen n er et partall og kan ikke være et produkt av to store primtall (an even modulus is not an RSA modulus)');
  }
  return { kty: 'RSA', n: jwk.n!, e: rsaExponent65537 };
}

function ecPublicMembers(jwk: JWK): { kty: 'EC'; crv: 'P-256'; x: string; y: string } {
  if (jwk.crv !== 'P-256') {
    throw new WeakClientKeyError(`EC-kurven "${String(jwk.crv).slice(0, 20)}" støttes ikke; bruk P-256 (only the P-256 curve is accepted)`);
  }
  for (const member of ['x', 'y'] as const) {
    if (canonicalBase64url(jwk[member], member).length !== p256CoordinateBytes) {
      throw new WeakClientKeyError(`EC-koordinaten ${member} må være ${p256CoordinateBytes} byte (a P-256 coordinate has ${p256CoordinateBytes} bytes)`);
    }
  }
  return { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! };
}

function canonicalBase64url(value: unknown, member: string): Buffer {
  const bytes = decodeCanonicalBase64url(value);
  if (bytes === undefined || bytes.length === 0) {
    throw new WeakClientKeyError(`"${member}" må være base64url uten utfylling (the member "${member}" must be unpadded base64url)`);
  }
  return bytes;
}
