import type { Kysely } from 'kysely';
import type { ChangeNotifications } from '../db/change-notifications.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../domain/clock.js';
import { CachedAccessReads } from './altinn/cached-access-reads.js';
import type { AltinnContext } from './altinn/context.js';
import { altinnPlatformIssuer, maskinportenIssuer } from './identifiers.js';
import { ClientKeyCache } from './maskinporten/client-key-cache.js';
import { SigningKeyStore } from './maskinporten/signing-keys.js';
import type { TokenServiceDeps } from './maskinporten/token-service.js';
import { UsedGrants } from './maskinporten/used-grants.js';
import { AccessChecker } from './provider/access-check.js';
import { AccessTokenVerifier, type ExternalIssuer } from './provider/access-token.js';

/**
 * Everything access control needs, built once per app (per process). What it holds besides the
 * database handle are caches of database rows and a clock, so two processes on one database
 * behave as one.
 */
export interface AuthServices {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly publicUrl: string;
  readonly issuer: string;
  readonly tokenKeys: SigningKeyStore;
  readonly altinnKeys: SigningKeyStore;
  readonly verifier: AccessTokenVerifier;
  /** The Altinn routes' verifier: Maskinporten's tokens and the Altinn tokens exchanged for them. */
  readonly altinnVerifier: AccessTokenVerifier;
  readonly accessChecker: AccessChecker;
  readonly altinn: AltinnContext;
  readonly tokenDeps: TokenServiceDeps;
}

export interface AuthConfig {
  readonly publicUrl: string;
  readonly externalIssuer: ExternalIssuer | undefined;
}

/**
 * `notifications` is the process's hub (src/db/change-notifications.ts): the caches of client
 * keys, signing keys and access decisions drop an entry the moment an Altinn or client change
 * commits, in this process and in every other.
 */
export function createAuthServices(db: Kysely<Database>, clock: Clock, config: AuthConfig, notifications: ChangeNotifications): AuthServices {
  const issuer = maskinportenIssuer(config.publicUrl);
  const tokenKeys = new SigningKeyStore(db, clock, 'maskinporten', notifications);
  const altinnKeys = new SigningKeyStore(db, clock, 'altinn', notifications);
  const verifier = new AccessTokenVerifier(clock, { issuer, keys: tokenKeys }, config.externalIssuer);
  const altinnVerifier = new AccessTokenVerifier(clock, { issuer, keys: tokenKeys }, config.externalIssuer, { issuer: altinnPlatformIssuer(config.publicUrl), keys: altinnKeys });
  const altinn: AltinnContext = { db, clock, publicUrl: config.publicUrl };
  const reads = new CachedAccessReads(altinn, notifications);
  return {
    db,
    clock,
    publicUrl: config.publicUrl,
    issuer,
    tokenKeys,
    altinnKeys,
    verifier,
    altinnVerifier,
    accessChecker: new AccessChecker({ altinn, reads, verifier, altinnKeys }),
    altinn,
    tokenDeps: { db, clock, publicUrl: config.publicUrl, keys: tokenKeys, usedGrants: new UsedGrants(db, clock), clients: new ClientKeyCache(db, notifications), reads },
  };
}
