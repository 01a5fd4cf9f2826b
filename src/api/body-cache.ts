import { LRUCache } from 'lru-cache';
import type { ChangeNotifications } from '../db/change-notifications.js';
import { cacheMetrics, type CacheMetrics } from '../metrics/registry.js';

/**
 * Serialized response bodies keyed by their ETag, which already names everything a body depends
 * on (the party's data version, the business date, endpoint, party, rights package, period and
 * format): a new booking gives a new version and so a new key, and the old bodies age out of the
 * bounded LRU. A body is stored only if no change was heard while it was being built (it might
 * then be newer than the version its key names). Kept as UTF-8 bytes: a kept body is sent many
 * times, and encoding the same string again for each answer was the largest cost of a hit.
 */
export class BodyCache {
  readonly #notifications: ChangeNotifications;
  readonly #bodies: LRUCache<string, Buffer>;
  readonly #metrics: CacheMetrics;

  constructor(notifications: ChangeNotifications, options: { readonly name: string; readonly bytesMax: number }) {
    this.#notifications = notifications;
    this.#metrics = cacheMetrics(options.name);
    this.#bodies = new LRUCache({ maxSize: options.bytesMax, sizeCalculation: (body) => Math.max(1, body.byteLength) });
  }

  ticket(): number {
    return this.#notifications.generation;
  }

  get(etag: string): Buffer | undefined {
    const body = this.#notifications.live ? this.#bodies.get(etag) : undefined;
    if (body === undefined) this.#metrics.miss();
    else this.#metrics.hit();
    return body;
  }

  set(etag: string, body: string, ticket: number): void {
    if (!this.#notifications.live || ticket !== this.#notifications.generation) return;
    this.#bodies.set(etag, Buffer.from(body, 'utf8'));
    this.#metrics.size(this.#bodies.size);
  }
}
