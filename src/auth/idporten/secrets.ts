import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../domain/clock.js';

/**
 * The identity provider's secrets live in the database, so every process on one database signs
 * with the same key, reads the same cookies and derives the same pairwise subjects. The first
 * process to start creates each secret; `on conflict do nothing` makes racing starts agree.
 */
export interface IdportenSecrets {
  /** RS256, as ID-porten signs its ID tokens. */
  readonly signingKey: JWK;
  /** oidc-provider signs its cookies with these (keygrip). */
  readonly cookieKeys: readonly string[];
  /** Salt of the pairwise `sub` (decision 0037). */
  readonly pairwiseSalt: string;
  /** Secret of the built-in portal client (client_secret_post). */
  readonly portalClientSecret: string;
}

export async function loadIdportenSecrets(db: Kysely<Database>, clock: Clock): Promise<IdportenSecrets> {
  const random = () => randomBytes(32).toString('base64url');
  return {
    signingKey: await namedSecret(db, clock, 'signing-key', async () => {
      const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
      return { ...(await exportJWK(privateKey)), kid: random().slice(0, 16), alg: 'RS256', use: 'sig' };
    }),
    cookieKeys: await namedSecret(db, clock, 'cookie-keys', async () => [random()]),
    pairwiseSalt: await namedSecret(db, clock, 'pairwise-salt', async () => random()),
    portalClientSecret: await namedSecret(db, clock, 'portal-client-secret', async () => random()),
  };
}

async function namedSecret<T>(db: Kysely<Database>, clock: Clock, navn: string, create: () => Promise<T>): Promise<T> {
  const existing = await db.selectFrom('idporten_noekkel').where('navn', '=', navn).select('verdi').executeTakeFirst();
  if (existing) return existing.verdi as T;
  await db
    .insertInto('idporten_noekkel')
    .values({ navn, verdi: JSON.stringify(await create()), opprettet_ms: clock.nowEpochMs() })
    .onConflict((oc) => oc.column('navn').doNothing())
    .execute();
  const stored = await db.selectFrom('idporten_noekkel').where('navn', '=', navn).select('verdi').executeTakeFirstOrThrow();
  return stored.verdi as T;
}
