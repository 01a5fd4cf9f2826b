import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../domain/clock.js';
import { isValidOrganisasjonsnummer } from '../../domain/organisasjonsnummer.js';
import { knownScopes, operatorOnlyScopes } from '../identifiers.js';
import { toJson, type StoredJwk } from '../tables.js';
import { clientPublicJwk, WeakClientKeyError } from './client-key.js';

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
  /** The client's public key (RSA ≥ 2048 bits or EC P-256); its `kid` is kept, or the RFC 7638 thumbprint when it has none. */
  readonly publicJwk: JWK;
}

export interface RegisteredClient {
  readonly clientId: string;
  readonly kid: string;
  readonly org: string;
  readonly scopes: readonly string[];
}

/** The operator (`kob clients create`, the demo seed) registers a client with any known scope. */
export async function registerClient(db: Kysely<Database>, clock: Clock, input: RegisterClientInput): Promise<RegisteredClient> {
  return register(db, clock, input, 'operator');
}

/**
 * An organisation registers a client for itself over HTTP (Digdir's self-service, scope
 * `idporten:dcr.write`): only with scopes it already holds through another client, and never an
 * operator-only scope (decision 0075).
 */
export async function registerSelfServiceClient(db: Kysely<Database>, clock: Clock, input: RegisterClientInput): Promise<RegisteredClient> {
  return register(db, clock, input, 'selfService');
}

/** Registers a Maskinporten client (integration) with one public key. */
async function register(db: Kysely<Database>, clock: Clock, input: RegisterClientInput, registrar: 'operator' | 'selfService'): Promise<RegisteredClient> {
  if (!isValidOrganisasjonsnummer(input.org)) throw new ClientRegistrationError(`"${input.org}" er ikke et gyldig organisasjonsnummer (not a valid organisation number)`);
  const name = input.name.trim();
  if (name === '' || name.length > clientNameLengthMax) throw new ClientRegistrationError(`navnet må ha 1–${clientNameLengthMax} tegn (name must have 1–${clientNameLengthMax} characters)`);
  const scopes = [...new Set(input.scopes)];
  if (scopes.length === 0 || scopes.length > clientScopesMax) throw new ClientRegistrationError(`oppgi 1–${clientScopesMax} scopes (give 1–${clientScopesMax} scopes)`);
  const unknown = scopes.filter((scope) => !knownScopes.includes(scope));
  if (unknown.length > 0) throw new ClientRegistrationError(`ukjent scope: ${unknown.join(', ')} (unknown scope; known: ${knownScopes.join(', ')})`);
  const publicJwk = await clientPublicJwk(input.publicJwk).catch((error: unknown) => {
    throw error instanceof WeakClientKeyError ? new ClientRegistrationError(error.message) : error;
  });
  const clientId = randomUUID();
  const nowMs = clock.nowEpochMs();
  await db.transaction().execute(async (trx) => {
    if (registrar === 'selfService') await checkSelfServiceScopes(trx, input.org, scopes);
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

/**
 * Self-service may not hand out more than the organisation holds: a client with
 * `idporten:dcr.write` could otherwise register one with `systemregister.admin` and act for every
 * vendor. Read in the registering transaction, from the organisation's existing clients.
 */
async function checkSelfServiceScopes(db: Kysely<Database>, org: string, scopes: readonly string[]): Promise<void> {
  const operatorOnly = scopes.filter((scope) => operatorOnlyScopes.includes(scope));
  if (operatorOnly.length > 0) {
    throw new ClientRegistrationError(`${operatorOnly.join(', ')} gis bare av operatøren (kob clients create), ikke ved selvbetjening (operator-only scope; ask the operator)`);
  }
  const held = new Set((await db.selectFrom('auth_client').where('org', '=', org).select('scopes').execute()).flatMap((row) => row.scopes));
  const notHeld = scopes.filter((scope) => !held.has(scope));
  if (notHeld.length > 0) {
    throw new ClientRegistrationError(`organisasjonen ${org} har ikke scope ${notHeld.join(', ')}; en ny klient kan bare få scopes organisasjonen alt har (a self-service client may only get scopes its organisation already holds)`);
  }
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
