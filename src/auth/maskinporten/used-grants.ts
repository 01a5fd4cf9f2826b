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
 * Under load many grants arrive at once. One statement is written at a time (group commit): the
 * grants that arrive while it runs wait for it and go together in the next one (`insert … on
 * conflict do nothing returning`), and each caller learns whether its own row was the one inserted.
 * Every caller is answered only after its row is written. A grant sent twice in one batch is first
 * use once. Each statement costs far more than a row (PGlite runs it on the event loop), so the
 * batches grow with the load and the statements per token fall.
 */
export class UsedGrants {
  #lastPruneMs = Number.NEGATIVE_INFINITY;
  #pending: PendingGrant[] = [];
  /** Set from the moment a write is scheduled until the queue is empty again. */
  #writing = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /** True when this is the first use of (clientId, jti); false on a replay. */
  markUsed(clientId: string, jti: string, expiresAtSeconds: number): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ clientId, jti, expiresAt: new Date(expiresAtSeconds * 1000), resolve, reject });
      if (this.#writing) return;
      this.#writing = true;
      // The grants of this turn of the event loop join the first statement.
      setImmediate(() => void this.#writeAll());
    });
  }

  async #writeAll(): Promise<void> {
    while (this.#pending.length > 0) await this.#write(this.#pending.splice(0, usedGrantBatchMax));
    this.#writing = false;
  }

  async #write(batch: readonly PendingGrant[]): Promise<void> {
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
