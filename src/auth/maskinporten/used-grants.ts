import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../domain/clock.js';

/** How often one process clears grant ids whose grants have expired anyway. */
export const usedGrantPruneIntervalSeconds = 60;

/**
 * Single-use grants (MP-012). The primary key (client_id, jti) makes the second use fail in any
 * process on the same database; a row is kept until the grant itself has expired, after which
 * the lifetime check refuses a replay anyway, so expired rows are pruned.
 */
export class UsedGrants {
  #lastPruneMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /** True when this is the first use of (clientId, jti); false on a replay. */
  async markUsed(clientId: string, jti: string, expiresAtSeconds: number): Promise<boolean> {
    await this.#pruneNowAndThen();
    const inserted = await this.db
      .insertInto('auth_grant_jti')
      .values({ client_id: clientId, jti, expires_at: new Date(expiresAtSeconds * 1000) })
      .onConflict((oc) => oc.columns(['client_id', 'jti']).doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async #pruneNowAndThen(): Promise<void> {
    const nowMs = this.clock.nowEpochMs();
    if (nowMs - this.#lastPruneMs < usedGrantPruneIntervalSeconds * 1000) return;
    this.#lastPruneMs = nowMs;
    await this.db.deleteFrom('auth_grant_jti').where('expires_at', '<', new Date(nowMs)).execute();
  }
}
