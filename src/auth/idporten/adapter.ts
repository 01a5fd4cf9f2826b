import type { Kysely } from 'kysely';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../domain/clock.js';

/** Models whose objects belong to a grant and go when the grant is revoked. */
const grantable = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

/**
 * oidc-provider's storage in PostgreSQL (table `idporten_oidc`): sessions, interactions, codes,
 * tokens and grants. Nothing stays in the process, so two processes on one database serve one
 * login between them. Expired rows are invisible at once and removed by `purgeExpired`.
 */
export function databaseAdapter(db: Kysely<Database>, clock: Clock): new (model: string) => Adapter {
  return class DatabaseAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const row = {
        payload: JSON.stringify(payload),
        grant_id: grantable.has(this.model) ? (payload.grantId ?? null) : null,
        user_code: payload.userCode ?? null,
        uid: payload.uid ?? null,
        expires_at_ms: expiresIn ? clock.nowEpochMs() + expiresIn * 1000 : null,
      };
      await db
        .insertInto('idporten_oidc')
        .values({ model: this.model, id, ...row, consumed_at_ms: null })
        .onConflict((oc) => oc.columns(['model', 'id']).doUpdateSet(row))
        .execute();
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      return this.findWhere('id', id);
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return this.findWhere('uid', uid);
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return this.findWhere('user_code', userCode);
    }

    async consume(id: string): Promise<void> {
      await db
        .updateTable('idporten_oidc')
        .set({ consumed_at_ms: clock.nowEpochMs() })
        .where('model', '=', this.model)
        .where('id', '=', id)
        .where('consumed_at_ms', 'is', null)
        .execute();
    }

    async destroy(id: string): Promise<void> {
      await db.deleteFrom('idporten_oidc').where('model', '=', this.model).where('id', '=', id).execute();
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await db.deleteFrom('idporten_oidc').where('grant_id', '=', grantId).execute();
    }

    private async findWhere(column: 'id' | 'uid' | 'user_code', value: string): Promise<AdapterPayload | undefined> {
      const row = await db
        .selectFrom('idporten_oidc')
        .where('model', '=', this.model)
        .where(column, '=', value)
        .where((eb) => eb.or([eb('expires_at_ms', 'is', null), eb('expires_at_ms', '>', clock.nowEpochMs())]))
        .select(['payload', 'consumed_at_ms'])
        .executeTakeFirst();
      if (!row) return undefined;
      const payload = row.payload as AdapterPayload;
      // oidc-provider reads `consumed` (epoch seconds) to refuse a second use of a code.
      return row.consumed_at_ms === null ? payload : { ...payload, consumed: Math.floor(row.consumed_at_ms / 1000) };
    }
  };
}

/** Removes what has expired (run at start and now and then; expired rows are never read). */
export async function purgeExpired(db: Kysely<Database>, clock: Clock): Promise<void> {
  await db.deleteFrom('idporten_oidc').where('expires_at_ms', '<=', clock.nowEpochMs()).execute();
}
