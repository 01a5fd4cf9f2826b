import { createPrivateKey, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { Kysely } from 'kysely';
import { announcingTransaction, type ChangeNotifications } from '../../db/change-notifications.js';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../domain/clock.js';
import { limits } from '../../domain/limits.js';
import { toJson, type SigningKeyPurpose, type StoredJwk } from '../tables.js';

export const signingAlgorithm = 'RS256';
/** The channel a rotation is announced on (key: the purpose), so every process signs with the new key at once. */
export const signingKeyChannel = 'kob_signeringsnokkel';
/**
 * A rotation reaches other processes when PostgreSQL passes its notification on; this margin
 * covers that, so a retired key stays published for it plus the longest token lifetime plus
 * clock skew.
 */
export const rotationMarginSeconds = 5;
export const retiredKeyPublishedSeconds = rotationMarginSeconds + limits.accessTokenLifetimeSeconds + limits.clockSkewSeconds;

export interface ActiveSigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  /** The same key for node:crypto (rs256-jwt.ts), which signs access tokens for less work. */
  readonly privateKeyObject: KeyObject;
}

/**
 * The keys this server signs with (one store per purpose: Maskinporten access tokens, Altinn 2
 * consent tokens). Keys live in the database, so they survive restarts and every process signs
 * with the same key and publishes the same JWKS.
 */
export class SigningKeyStore {
  /** Kept until a rotation is announced (or the notification connection is lost). */
  #active: ActiveSigningKey | undefined;
  readonly #publicKeys = new Map<string, CryptoKey>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    readonly purpose: SigningKeyPurpose,
    private readonly notifications: ChangeNotifications,
  ) {
    notifications.subscribe(signingKeyChannel, {
      onChange: (purpose) => {
        if (purpose === this.purpose) this.#active = undefined;
      },
      onReset: () => {
        this.#active = undefined;
      },
    });
  }

  /** The key to sign with now; created on first use (a race with another process is harmless). */
  async activeKey(): Promise<ActiveSigningKey> {
    if (this.#active && this.notifications.live) return this.#active;
    const generation = this.notifications.generation;
    const nowMs = this.clock.nowEpochMs();
    let row = await this.#readActive();
    if (!row) {
      await insertNewKey(this.db, this.purpose, nowMs);
      row = await this.#readActive();
    }
    if (!row) throw new Error(`no active ${this.purpose} signing key after creating one`);
    const privateKey = (await importJWK(row.private_jwk, signingAlgorithm)) as CryptoKey;
    const key = { kid: row.kid, privateKey, privateKeyObject: createPrivateKey({ key: row.private_jwk, format: 'jwk' }) };
    // A rotation heard while reading may have retired what was read: keep it only if none was.
    if (generation === this.notifications.generation) this.#active = key;
    return key;
  }

  /** The public keys a verifier may need now: the active one and recently retired ones. */
  async publishedJwks(): Promise<{ keys: JWK[] }> {
    await this.activeKey();
    const rows = await this.#published().select(['public_jwk', 'created_at']).orderBy('created_at', 'desc').execute();
    return { keys: rows.map((row) => row.public_jwk) };
  }

  /**
   * The public key for `kid`, from memory or (unknown kid: perhaps rotated in another process)
   * from the database. Only keys still published verify.
   */
  async publicKey(kid: string): Promise<CryptoKey | undefined> {
    const cached = this.#publicKeys.get(kid);
    if (cached) return cached;
    const row = await this.#published().where('kid', '=', kid).select('public_jwk').executeTakeFirst();
    if (!row) return undefined;
    const key = (await importJWK(row.public_jwk, signingAlgorithm)) as CryptoKey;
    this.#publicKeys.set(kid, key);
    return key;
  }

  #readActive() {
    return this.db
      .selectFrom('auth_signing_key')
      .where('purpose', '=', this.purpose)
      .where('retired_at', 'is', null)
      .select(['kid', 'private_jwk'])
      .executeTakeFirst();
  }

  #published() {
    const oldestRetired = new Date(this.clock.nowEpochMs() - retiredKeyPublishedSeconds * 1000);
    return this.db
      .selectFrom('auth_signing_key')
      .where('purpose', '=', this.purpose)
      .where((eb) => eb.or([eb('retired_at', 'is', null), eb('retired_at', '>', oldestRetired)]));
  }
}

/**
 * Retires the active key and makes a new one active, in one transaction. The old public key
 * stays in the JWKS for `retiredKeyPublishedSeconds`, until the last token it signed has expired.
 */
export async function rotateSigningKey(db: Kysely<Database>, clock: Clock, purpose: SigningKeyPurpose): Promise<{ kid: string; retiredKid: string | undefined }> {
  const nowMs = clock.nowEpochMs();
  return announcingTransaction(db, async (trx, announce) => {
    const retired = await trx
      .updateTable('auth_signing_key')
      .set({ retired_at: new Date(nowMs) })
      .where('purpose', '=', purpose)
      .where('retired_at', 'is', null)
      .returning('kid')
      .executeTakeFirst();
    const kid = await insertNewKey(trx, purpose, nowMs);
    announce([{ channel: signingKeyChannel, key: purpose }]);
    return { kid, retiredKid: retired?.kid };
  });
}

async function insertNewKey(db: Kysely<Database>, purpose: SigningKeyPurpose, nowMs: number): Promise<string> {
  const { publicKey, privateKey } = await generateKeyPair(signingAlgorithm, { modulusLength: 2048, extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
  const published: StoredJwk = { kty: 'RSA', use: 'sig', kid, alg: signingAlgorithm, n: publicJwk.n!, e: publicJwk.e! };
  const privateJwk: StoredJwk = { ...(await exportJWK(privateKey)), kid, alg: signingAlgorithm };
  await db
    .insertInto('auth_signing_key')
    .values({
      kid,
      purpose,
      alg: signingAlgorithm,
      private_jwk: toJson(privateJwk),
      public_jwk: toJson(published),
      created_at: new Date(nowMs),
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return kid;
}
