import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { pgliteBulkCopy, postgresBulkCopy, type BulkCopy } from './bulk-copy.js';
import type { ConnectNotifications } from './change-notifications.js';
import type { Database } from './database.js';
import { lockDataDir } from './data-dir-lock.js';
import { oid, parseDate, parseInt8 } from './type-parsers.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly kind: DatabaseKind;
  /** PostgreSQL: opens a dedicated LISTEN connection for change notifications (PGlite has one process and needs none). */
  readonly connectNotifications?: ConnectNotifications;
  /** PostgreSQL: the pool's connections (for /metrics). */
  readonly poolStats?: () => { total: number; idle: number; waiting: number };
  /** COPY in one transaction on one connection (the bulk loader). */
  readonly bulkCopy: BulkCopy;
  close(): Promise<void>;
}

export type DatabaseLocation =
  | { readonly kind: 'postgres'; readonly url: string; readonly poolSize?: number }
  | { readonly kind: 'pglite'; readonly dataDir: string }
  | { readonly kind: 'pglite-memory' }
  | { readonly kind: 'pglite-instance'; readonly pglite: PGlite };

/** Where the database is, from configuration: a server when `DATABASE_URL` is set, else PGlite. */
export function databaseLocation(config: { databaseUrl: string | undefined; dataDir: string }): DatabaseLocation {
  return config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'pglite', dataDir: config.dataDir };
}

export async function openDatabase(location: DatabaseLocation): Promise<DatabaseHandle> {
  if (location.kind === 'postgres') return openPostgres(location.url, location.poolSize ?? 10);
  if (location.kind === 'pglite-instance') return wrapPglite(location.pglite, () => undefined);
  if (location.kind === 'pglite-memory') return wrapPglite(await PGlite.create({ parsers: pgliteParsers }), () => undefined);
  const unlock = lockDataDir(location.dataDir);
  try {
    const pglite = await PGlite.create(path.join(location.dataDir, 'pgdata'), { parsers: pgliteParsers });
    return wrapPglite(pglite, unlock);
  } catch (error) {
    unlock();
    throw error;
  }
}

export const pgliteParsers = Object.freeze({ [oid.int8]: parseInt8, [oid.date]: parseDate });

function wrapPglite(pglite: PGlite, unlock: () => void): DatabaseHandle {
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind: 'pglite',
    bulkCopy: pgliteBulkCopy(pglite),
    async close() {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
      unlock();
    },
  };
}

function openPostgres(url: string, poolSize: number): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: {
      getTypeParser: ((typeId: number, format?: 'text' | 'binary') => {
        if (typeId === oid.int8) return parseInt8;
        if (typeId === oid.date) return parseDate;
        return pg.types.getTypeParser(typeId, format as 'text');
      }) as typeof pg.types.getTypeParser,
    },
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    connectNotifications: listenConnection(url),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    bulkCopy: postgresBulkCopy(pool),
    async close() {
      await db.destroy();
    },
  };
}

/** A client of its own (not from the pool), kept alive, that reports when it is lost. */
function listenConnection(url: string): ConnectNotifications {
  return async (events) => {
    const client = new pg.Client({ connectionString: url, keepAlive: true });
    client.on('notification', (message) => events.onNotification(message.channel, message.payload ?? ''));
    client.on('error', (error) => events.onLost(error));
    client.on('end', () => events.onLost(new Error('LISTEN connection ended')));
    await client.connect();
    // Caches subscribe as they are built, so LISTENs may be asked for together; one client runs one query at a time.
    let listening: Promise<unknown> = Promise.resolve();
    return {
      listen: (channel) => {
        // Channel names are checked identifiers (change-notifications.ts); LISTEN takes no parameters.
        const next = listening.catch(() => undefined).then(() => client.query(`listen ${channel}`));
        listening = next;
        return next.then(() => undefined);
      },
      close: async () => {
        client.removeAllListeners('end');
        client.removeAllListeners('error');
        client.on('error', () => undefined);
        await client.end();
      },
    };
  };
}
