import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../domain/clock.js';

/** How often one process clears grant ids whose grants have expired anyway. */
export const usedGrantPruneIntervalSeconds = 60;
/** At most this many grants go to the database in one statement. */
export const usedGrantBatchMax = 500;

interface PendingGrant {
  readonly clientId: string;
  readonly jti: string;
  readonly expiresAt: Date;
  resolve(firstUse: boolean): void;
  reject(error: unknown): void;
}

/**
 * Single-use grants (MP-012). The primary key (client_id, jti) makes the second use fail in any
 * process on the same database; a row is kept until the grant itself has expired, after which
 * the lifetime check refuses a replay anyway, so expired rows are pruned.
 *
 * Under load many grants arrive at once: those that arrive in the same turn of the event loop are
 * written in one statement (`insert … on conflict do nothing returning`), and each caller learns
 * whether its own row was the one inserted. A grant sent twice in one batch is first use once.
 */
export class UsedGrants {
  #lastPruneMs = Number.NEGATIVE_INFINITY;
  #pending: PendingGrant[] = [];
  #flushScheduled = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /** True when this is the first use of (clientId, jti); false on a replay. */
  markUsed(clientId: string, jti: string, expiresAtSeconds: number): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ clientId, jti, expiresAt: new Date(expiresAtSeconds * 1000), resolve, reject });
      if (this.#pending.length >= usedGrantBatchMax) {
        void this.#flush();
      } else if (!this.#flushScheduled) {
        this.#flushScheduled = true;
        setImmediate(() => void this.#flush());
      }
    });
  }

  async #flush(): Promise<void> {
    this.#flushScheduled = false;
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length === 0) return;
    try {
      await this.#pruneNowAndThen();
      const rows = [...new Map(batch.map((grant) => [grantKey(grant.clientId, grant.jti), grant])).values()];
      const inserted = await this.db
        .insertInto('auth_grant_jti')
        .values(rows.map((grant) => ({ client_id: grant.clientId, jti: grant.jti, expires_at: grant.expiresAt })))
        .onConflict((oc) => oc.columns(['client_id', 'jti']).doNothing())
        .returning(['client_id', 'jti'])
        .execute();
      const firstUses = new Set(inserted.map((row) => grantKey(row.client_id, row.jti)));
      // delete: only the first of two identical grants in this batch is a first use.
      for (const grant of batch) grant.resolve(firstUses.delete(grantKey(grant.clientId, grant.jti)));
    } catch (error) {
      for (const grant of batch) grant.reject(error);
    }
  }

  async #pruneNowAndThen(): Promise<void> {
    const nowMs = this.clock.nowEpochMs();
    if (nowMs - this.#lastPruneMs < usedGrantPruneIntervalSeconds * 1000) return;
    this.#lastPruneMs = nowMs;
    await this.db.deleteFrom('auth_grant_jti').where('expires_at', '<', new Date(nowMs)).execute();
  }
}

function grantKey(clientId: string, jti: string): string {
  return `${clientId}\n${jti}`;
}
