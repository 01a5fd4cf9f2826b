import { LRUCache } from 'lru-cache';
import { cacheMetrics, type CacheMetrics } from '../metrics/registry.js';
import type { ChangeNotifications } from './change-notifications.js';

/**
 * A bounded cache whose entries go the moment what they were derived from changes, in this
 * process and in every other (change-notifications.ts): exact, never a timer.
 *
 *   const cache = new InvalidatedCache<string>(notifications, { name: 'partversjon', channel: 'kob_part', entriesMax: 100_000 });
 *   const ticket = cache.ticket();                 // before reading the database
 *   const value = cache.get(key) ?? read();
 *   cache.set(key, value, [partId, ownerId], ticket);
 *
 * `set` stores nothing when a change or reset was heard after `ticket()` (the value may have been
 * read before it), and `get` answers nothing while the notification connection is down.
 * `getOrRead` is the three steps in one, for a value read from the database.
 */
export interface InvalidatedCacheOptions {
  /** Metric label (`kob_cache_*{cache=…}`). */
  readonly name: string;
  /** The notification channel whose keys the entries depend on. */
  readonly channel: string;
  readonly entriesMax: number;
}

export class InvalidatedCache<V extends NonNullable<unknown>> {
  readonly #notifications: ChangeNotifications;
  readonly #metrics: CacheMetrics;
  readonly #entries: LRUCache<string, { value: V; dependsOn: readonly string[] }>;
  /** Dependency key → cache keys that depend on it. */
  readonly #dependents = new Map<string, Set<string>>();

  constructor(notifications: ChangeNotifications, options: InvalidatedCacheOptions) {
    this.#notifications = notifications;
    this.#metrics = cacheMetrics(options.name);
    this.#entries = new LRUCache({
      max: options.entriesMax,
      dispose: (entry, key) => {
        for (const dependency of entry.dependsOn) {
          const keys = this.#dependents.get(dependency);
          keys?.delete(key);
          if (keys?.size === 0) this.#dependents.delete(dependency);
        }
      },
    });
    notifications.subscribe(options.channel, {
      onChange: (dependency) => this.#drop(dependency),
      onReset: () => this.clear(),
    });
  }

  /** Take before reading what will be stored. */
  ticket(): number {
    return this.#notifications.generation;
  }

  get(key: string): V | undefined {
    const value = this.getKnown(key);
    if (value === undefined) this.#metrics.miss();
    return value;
  }

  /** The kept value if there is one; a miss is not counted, since the caller goes on to `get` or `getOrRead`, which count it. */
  getKnown(key: string): V | undefined {
    const entry = this.#notifications.live ? this.#entries.get(key) : undefined;
    if (entry !== undefined) this.#metrics.hit();
    return entry?.value;
  }

  set(key: string, value: V, dependsOn: readonly string[], ticket: number): void {
    if (!this.#notifications.live || ticket !== this.#notifications.generation) return;
    this.#entries.set(key, { value, dependsOn });
    for (const dependency of dependsOn) {
      let keys = this.#dependents.get(dependency);
      if (keys === undefined) {
        keys = new Set();
        this.#dependents.set(dependency, keys);
      }
      keys.add(key);
    }
    this.#metrics.size(this.#entries.size);
  }

  /**
   * The kept value, or else `read()`'s, kept when `dependsOn` names what it depends on; a value for
   * which it answers undefined (a refusal, a row not found) is returned but never kept.
   */
  async getOrRead(key: string, read: () => Promise<V | undefined>, dependsOn: (value: V) => readonly string[] | undefined): Promise<V | undefined> {
    const cached = this.get(key);
    if (cached !== undefined) return cached;
    const ticket = this.ticket();
    const value = await read();
    const dependencies = value === undefined ? undefined : dependsOn(value);
    if (dependencies !== undefined) this.set(key, value!, dependencies, ticket);
    return value;
  }

  clear(): void {
    this.#metrics.invalidated(this.#entries.size);
    this.#entries.clear();
    this.#dependents.clear();
    this.#metrics.size(0);
  }

  #drop(dependency: string): void {
    const keys = this.#dependents.get(dependency);
    if (keys === undefined) return;
    const count = keys.size;
    for (const key of [...keys]) this.#entries.delete(key);
    this.#metrics.invalidated(count);
    this.#metrics.size(this.#entries.size);
  }
}
