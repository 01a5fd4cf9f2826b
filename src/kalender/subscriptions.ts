import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { Clock } from '../domain/clock.js';
import { limits } from '../domain/limits.js';

/**
 * Private, revocable iCalendar subscriptions (decision 0060). A subscription is a capability: whoever
 * holds its URL `/kalender/{token}.ics` reads the party's calendar, so the token is 256 random
 * bits, shown once when made, and stored only as its SHA-256. The business (through Min side) or
 * a system acting for it (through the API) makes, lists and revokes them; a revoked token stops
 * answering at once and looks exactly like one that never existed.
 */
export interface Subscription {
  readonly abonnementId: string;
  readonly partId: string;
  readonly opprettetMs: number;
  readonly opprettetAv: string;
  readonly tilbakekaltMs: number | null;
  readonly tilbakekaltAv: string | null;
}

export type CreateSubscriptionResult =
  | { readonly ok: true; readonly subscription: Subscription; readonly token: string }
  | { readonly ok: false; readonly reason: 'unknownParty' | 'tooMany' };

export type RevokeSubscriptionResult = 'revoked' | 'alreadyRevoked' | 'notFound';

/** The token's text in the URL: 43 base64url characters (32 random bytes). */
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function subscriptionUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/kalender/${token}.ics`;
}

/**
 * Makes a subscription for a party the ledger knows. `opprettetAv` says who, in words
 * ("API: 315600014 for systembruker …", "Min side: …"), for the list the business sees.
 */
export async function createSubscription(
  db: Kysely<Database>,
  clock: Clock,
  input: { readonly partId: string; readonly opprettetAv: string },
): Promise<CreateSubscriptionResult> {
  return db.transaction().execute(async (trx) => {
    // Locking the party serializes two makers racing past the limit.
    const part = await trx.selectFrom('part').select('part_id').where('part_id', '=', input.partId).forUpdate().executeTakeFirst();
    if (part === undefined) return { ok: false, reason: 'unknownParty' } as const;
    const active = await trx
      .selectFrom('kalender_abonnement')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('part_id', '=', input.partId)
      .where('tilbakekalt_ms', 'is', null)
      .executeTakeFirstOrThrow();
    if (Number(active.n) >= limits.calendarSubscriptionsPerPartyMax) return { ok: false, reason: 'tooMany' } as const;
    const token = randomBytes(32).toString('base64url');
    const row = {
      abonnement_id: randomUUID(),
      token_hash: tokenHash(token),
      part_id: input.partId,
      opprettet_ms: clock.nowEpochMs(),
      opprettet_av: input.opprettetAv,
      tilbakekalt_ms: null,
      tilbakekalt_av: null,
    };
    await trx.insertInto('kalender_abonnement').values(row).execute();
    return { ok: true, subscription: fromRow(row), token } as const;
  });
}

/** Every subscription of the party, newest first, revoked ones included (who revoked, when). */
export async function listSubscriptions(db: Kysely<Database>, partId: string): Promise<Subscription[]> {
  const rows = await db
    .selectFrom('kalender_abonnement')
    .selectAll()
    .where('part_id', '=', partId)
    .orderBy('opprettet_ms', 'desc')
    .orderBy('abonnement_id')
    .execute();
  return rows.map(fromRow);
}

/** Revokes one of the party's subscriptions; another party's id is `notFound`, like an unknown one. */
export async function revokeSubscription(
  db: Kysely<Database>,
  clock: Clock,
  input: { readonly partId: string; readonly abonnementId: string; readonly tilbakekaltAv: string },
): Promise<RevokeSubscriptionResult> {
  const revoked = await db
    .updateTable('kalender_abonnement')
    .set({ tilbakekalt_ms: clock.nowEpochMs(), tilbakekalt_av: input.tilbakekaltAv })
    .where('abonnement_id', '=', input.abonnementId)
    .where('part_id', '=', input.partId)
    .where('tilbakekalt_ms', 'is', null)
    .executeTakeFirst();
  if (Number(revoked.numUpdatedRows) === 1) return 'revoked';
  const existing = await db
    .selectFrom('kalender_abonnement')
    .select('abonnement_id')
    .where('abonnement_id', '=', input.abonnementId)
    .where('part_id', '=', input.partId)
    .executeTakeFirst();
  return existing === undefined ? 'notFound' : 'alreadyRevoked';
}

/** The active subscription a feed URL's token opens, or undefined (unknown, malformed or revoked alike). */
export async function subscriptionForToken(db: Kysely<Database>, token: string): Promise<Subscription | undefined> {
  if (!tokenPattern.test(token)) return undefined;
  const row = await db
    .selectFrom('kalender_abonnement')
    .selectAll()
    .where('token_hash', '=', tokenHash(token))
    .where('tilbakekalt_ms', 'is', null)
    .executeTakeFirst();
  return row === undefined ? undefined : fromRow(row);
}

function fromRow(row: Database['kalender_abonnement']): Subscription {
  return {
    abonnementId: row.abonnement_id,
    partId: row.part_id,
    opprettetMs: row.opprettet_ms,
    opprettetAv: row.opprettet_av,
    tilbakekaltMs: row.tilbakekalt_ms,
    tilbakekaltAv: row.tilbakekalt_av,
  };
}
