import { randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../domain/clock.js';
import { isValidOrganisasjonsnummer } from '../../domain/organisasjonsnummer.js';
import { knownScopes } from '../identifiers.js';
import { toJson, type StoredJwk } from '../tables.js';

/** Maskinporten: a key uploaded in self-service expires one year later (MP-121). */
export const clientKeyLifetimeDays = 365;
export const clientNameLengthMax = 200;
export const clientScopesMax = 20;

export class ClientRegistrationError extends Error {
  override readonly name = 'ClientRegistrationError';
  readonly userFacing = true;
}

export interface RegisterClientInput {
  readonly org: string;
  readonly name: string;
  readonly scopes: readonly string[];
  /** The client's public key; its `kid` is kept, or the RFC 7638 thumbprint when it has none. */
  readonly publicJwk: JWK;
}

export interface RegisteredClient {
  readonly clientId: string;
  readonly kid: string;
  readonly org: string;
  readonly scopes: readonly string[];
}

/** Registers a Maskinporten client (integration) with one public RSA key. */
export async function registerClient(db: Kysely<Database>, clock: Clock, input: RegisterClientInput): Promise<RegisteredClient> {
  if (!isValidOrganisasjonsnummer(input.org)) throw new ClientRegistrationError(`"${input.org}" er ikke et gyldig organisasjonsnummer (not a valid organisation number)`);
  const name = input.name.trim();
  if (name === '' || name.length > clientNameLengthMax) throw new ClientRegistrationError(`navnet må ha 1–${clientNameLengthMax} tegn (name must have 1–${clientNameLengthMax} characters)`);
  const scopes = [...new Set(input.scopes)];
  if (scopes.length === 0 || scopes.length > clientScopesMax) throw new ClientRegistrationError(`oppgi 1–${clientScopesMax} scopes (give 1–${clientScopesMax} scopes)`);
  const unknown = scopes.filter((scope) => !knownScopes.includes(scope));
  if (unknown.length > 0) throw new ClientRegistrationError(`ukjent scope: ${unknown.join(', ')} (unknown scope; known: ${knownScopes.join(', ')})`);
  const publicJwk = await publicRsaJwk(input.publicJwk);
  const clientId = randomUUID();
  const nowMs = clock.nowEpochMs();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('auth_client').values({ client_id: clientId, org: input.org, name, scopes: toJson(scopes), created_at: new Date(nowMs) }).execute();
    await trx
      .insertInto('auth_client_key')
      .values({
        client_id: clientId,
        kid: publicJwk.kid,
        public_jwk: toJson(publicJwk),
        created_at: new Date(nowMs),
        expires_at: new Date(nowMs + clientKeyLifetimeDays * 86_400_000),
      })
      .execute();
  });
  return { clientId, kid: publicJwk.kid, org: input.org, scopes };
}

/** Accepts only an RSA public key (a private JWK is reduced to its public part, never stored). */
async function publicRsaJwk(jwk: JWK): Promise<JWK & { kid: string }> {
  if (jwk.kty !== 'RSA' || typeof jwk.n !== 'string' || typeof jwk.e !== 'string') {
    throw new ClientRegistrationError('nøkkelen må være en RSA-JWK med n og e (the key must be an RSA JWK)');
  }
  try {
    await importJWK({ kty: 'RSA', n: jwk.n, e: jwk.e }, 'RS256');
  } catch {
    throw new ClientRegistrationError('nøkkelen kan ikke leses som RSA-nøkkel (the key is not a readable RSA key)');
  }
  if (Buffer.from(jwk.n, 'base64url').length < 256) throw new ClientRegistrationError('RSA-nøkkelen må ha minst 2048 bit (RSA keys need at least 2048 bits)');
  const kid = typeof jwk.kid === 'string' && /^[\w.-]{1,100}$/.test(jwk.kid) ? jwk.kid : await calculateJwkThumbprint({ kty: 'RSA', n: jwk.n, e: jwk.e });
  return { kty: 'RSA', n: jwk.n, e: jwk.e, kid, alg: 'RS256', use: 'sig' };
}

/** A fresh key pair for a new client: the private JWK goes to the client's file, never to us. */
export async function generateClientKey(): Promise<{ privateJwk: JWK & { kid: string }; publicJwk: JWK & { kid: string } }> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = randomUUID();
  return {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' },
    publicJwk: { ...publicJwk, kid, alg: 'RS256', use: 'sig' },
  };
}

export interface ClientWithKey {
  readonly clientId: string;
  readonly org: string;
  readonly scopes: readonly string[];
  /** Undefined when the client exists but has no key with that kid. */
  readonly key: { readonly publicJwk: StoredJwk; readonly expiresAt: Date } | undefined;
}

/** The client named by a grant's `iss`, and its key named by the grant's `kid` (one query). */
export async function findClientWithKey(db: Kysely<Database>, clientId: string, kid: string): Promise<ClientWithKey | undefined> {
  const row = await db
    .selectFrom('auth_client as c')
    .leftJoin('auth_client_key as k', (join) => join.onRef('k.client_id', '=', 'c.client_id').on('k.kid', '=', kid))
    .where('c.client_id', '=', clientId)
    .select(['c.client_id', 'c.org', 'c.scopes', 'k.public_jwk', 'k.expires_at'])
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    clientId: row.client_id,
    org: row.org,
    scopes: row.scopes,
    key: row.public_jwk && row.expires_at ? { publicJwk: row.public_jwk, expiresAt: row.expires_at } : undefined,
  };
}
