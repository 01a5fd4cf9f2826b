import type { Kysely } from 'kysely';
import type { ChangeNotifications } from '../../db/change-notifications.js';
import type { Database } from '../../db/database.js';
import { InvalidatedCache } from '../../db/invalidated-cache.js';
import { findClientWithKey, type ClientWithKey } from './clients.js';

/**
 * The channel a change of a client or its keys is announced on (key: the client id). A key is
 * only ever added today (registration); any code that changes or removes one announces it here.
 */
export const clientChannel = 'kob_klient';
export const cachedClientKeysMax = 20_000;

/**
 * The clients and keys the token endpoint reads for every grant, kept per process. Only a found
 * client with its key is kept, so a grant naming an unknown client or kid always asks the
 * database (and cannot fill the cache); the key's expiry travels with it and is checked at use.
 */
export class ClientKeyCache {
  readonly #cache: InvalidatedCache<ClientWithKey>;

  constructor(
    private readonly db: Kysely<Database>,
    notifications: ChangeNotifications,
  ) {
    this.#cache = new InvalidatedCache(notifications, { name: 'klientnokkel', channel: clientChannel, entriesMax: cachedClientKeysMax });
  }

  find(clientId: string, kid: string): Promise<ClientWithKey | undefined> {
    return this.#cache.getOrRead(`${clientId}\n${kid}`, () => findClientWithKey(this.db, clientId, kid), (client) => (client.key === undefined ? undefined : [clientId]));
  }
}
