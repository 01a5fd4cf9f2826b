import { sql, type Kysely, type Transaction, type TransactionBuilder } from 'kysely';

/**
 * Exact invalidation across processes, for any cache: whoever changes something announces it
 * inside its own transaction, and every process hears of it once the transaction commits.
 *
 *   // writer, in the transaction that makes the change:
 *   await publishChanges(trx, [{ channel: 'kob_part', key: partId }]);
 *   // after commit, so this process's caches drop it before the caller gets an answer:
 *   deliverCommitted(db, changes);
 *
 *   // reader, once per process (buildApp):
 *   const notifications = await ChangeNotifications.start(db, connect);
 *   notifications.subscribe('kob_part', { onChange: (key) => cache.drop(key), onReset: () => cache.clear() });
 *
 * On PostgreSQL `publishChanges` is `pg_notify`, which the server delivers on commit (never for a
 * rolled-back transaction) to every process LISTENing on a dedicated connection. When that
 * connection is lost a notification may be lost with it, so every subscriber is reset (flush
 * everything) and `live` is false until it is back (LISTEN again, reset again): a cache must not
 * serve while `live` is false. PGlite belongs to one process: the local delivery is all there is.
 * Delivery to other processes takes the time PostgreSQL needs to pass a notification on.
 */
export interface Change {
  /** A PostgreSQL identifier: lower-case letters, digits and `_`. */
  readonly channel: string;
  /** What changed, e.g. a party id (at most a few hundred bytes). */
  readonly key: string;
}

export interface Subscriber {
  onChange(key: string): void;
  /** Anything may have changed: drop everything. */
  onReset(): void;
}

/** A dedicated connection that receives notifications (PostgreSQL's LISTEN). */
export interface NotificationConnection {
  listen(channel: string): Promise<void>;
  close(): Promise<void>;
}

export interface NotificationEvents {
  onNotification(channel: string, payload: string): void;
  /** The connection is gone (error or end). */
  onLost(error: unknown): void;
}

export type ConnectNotifications = (events: NotificationEvents) => Promise<NotificationConnection>;

const channelPattern = /^[a-z][a-z0-9_]{0,62}$/;
const reconnectDelayMsMin = 100;
const reconnectDelayMsMax = 5_000;

/** Announces changes inside the writer's transaction; PostgreSQL delivers them when it commits. */
export async function publishChanges(trx: Kysely<any>, changes: readonly Change[]): Promise<void> {
  if (changes.length === 0) return;
  for (const change of changes) checkChannel(change.channel);
  await sql`select pg_notify(c, k) from unnest(${changes.map((c) => c.channel)}::text[], ${changes.map((c) => c.key)}::text[]) as t(c, k)`.execute(trx);
}

/**
 * Runs `work` in a transaction (`db.transaction()`, or the builder given) and announces what it
 * changed: `announce` collects changes, which are published in the transaction and delivered to
 * this process once it has committed. A rolled-back transaction announces nothing.
 */
export async function announcingTransaction<DB, T>(
  db: Kysely<DB>,
  work: (trx: Transaction<DB>, announce: (changes: readonly Change[]) => void) => Promise<T>,
  transaction: TransactionBuilder<DB> = db.transaction(),
): Promise<T> {
  const changes: Change[] = [];
  const result = await transaction.execute(async (trx) => {
    const value = await work(trx, (more) => changes.push(...more));
    await publishChanges(trx, changes);
    return value;
  });
  deliverCommitted(db, changes);
  return result;
}

const hubs = new WeakMap<Kysely<any>, Set<ChangeNotifications>>();

/** After commit: this process's subscribers hear of the changes at once (others through PostgreSQL). */
export function deliverCommitted(db: Kysely<any>, changes: readonly Change[]): void {
  if (changes.length === 0) return;
  for (const hub of hubs.get(db) ?? []) hub.deliver(changes);
}

export class ChangeNotifications {
  readonly #subscribers = new Map<string, Set<Subscriber>>();
  readonly #connect: ConnectNotifications | undefined;
  #connection: NotificationConnection | undefined;
  #live: boolean;
  #closed = false;
  #reconnectDelayMs = reconnectDelayMsMin;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #generation = 0;
  #unregister: () => void = () => undefined;

  private constructor(connect: ConnectNotifications | undefined) {
    this.#connect = connect;
    this.#live = connect === undefined;
  }

  /**
   * The hub of a database handle: `connect` opens PostgreSQL's LISTEN connection; without it
   * (PGlite, one process) only this process's own commits are delivered.
   */
  static async start(db: Kysely<any>, connect?: ConnectNotifications): Promise<ChangeNotifications> {
    const hub = new ChangeNotifications(connect);
    let set = hubs.get(db);
    if (set === undefined) {
      set = new Set();
      hubs.set(db, set);
    }
    set.add(hub);
    hub.#unregister = () => set.delete(hub);
    if (connect) await hub.#open();
    return hub;
  }

  /** False while the LISTEN connection is down: caches must not serve then. */
  get live(): boolean {
    return this.#live;
  }

  /** Counts every change and reset this process has heard of; a cache compares it to refuse storing a value read before one. */
  get generation(): number {
    return this.#generation;
  }

  subscribe(channel: string, subscriber: Subscriber): () => void {
    checkChannel(channel);
    let set = this.#subscribers.get(channel);
    if (set === undefined) {
      set = new Set();
      this.#subscribers.set(channel, set);
      // A channel subscribed after start is LISTENed to now; until then the hub is not live for it.
      if (this.#connection) void this.#connection.listen(channel).catch((error: unknown) => this.#lost(error));
    }
    set.add(subscriber);
    return () => set.delete(subscriber);
  }

  deliver(changes: readonly Change[]): void {
    for (const change of changes) {
      this.#generation += 1;
      for (const subscriber of this.#subscribers.get(change.channel) ?? []) subscriber.onChange(change.key);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#unregister();
    clearTimeout(this.#reconnectTimer);
    const connection = this.#connection;
    this.#connection = undefined;
    await connection?.close().catch(() => undefined);
  }

  #resetAll(): void {
    this.#generation += 1;
    for (const set of this.#subscribers.values()) for (const subscriber of set) subscriber.onReset();
  }

  async #open(): Promise<void> {
    const connection = await this.#connect!({
      onNotification: (channel, payload) => this.deliver([{ channel, key: payload }]),
      onLost: (error) => this.#lost(error),
    });
    for (const channel of this.#subscribers.keys()) await connection.listen(channel);
    this.#connection = connection;
    this.#live = true;
    this.#reconnectDelayMs = reconnectDelayMsMin;
    // Whatever changed while nobody listened is unknown.
    this.#resetAll();
  }

  #lost(_error: unknown): void {
    if (this.#closed) return;
    const connection = this.#connection;
    this.#connection = undefined;
    this.#live = false;
    this.#resetAll();
    void connection?.close().catch(() => undefined);
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = setTimeout(() => {
      this.#open().catch((error: unknown) => {
        this.#reconnectDelayMs = Math.min(2 * this.#reconnectDelayMs, reconnectDelayMsMax);
        this.#lost(error);
      });
    }, this.#reconnectDelayMs);
    this.#reconnectTimer.unref();
  }
}

function checkChannel(channel: string): void {
  if (!channelPattern.test(channel)) throw new Error(`not a notification channel name: ${channel}`);
}
