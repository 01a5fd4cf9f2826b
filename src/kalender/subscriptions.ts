import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { Clock } from '../domain/clock.js';
import { limits } from '../domain/limits.js';
import type { TilgangType } from './tables.js';

/**
 * Private, revocable iCalendar subscriptions (decisions 0060, 0089). A subscription is a
 * capability: whoever holds its URL `/kalender/{token}.ics` reads the party's calendar, so the
 * token is 256 random bits, shown once when made, and stored only as its SHA-256. The business
 * (through Min side) or a system acting for it (through the API) makes, lists and revokes them.
 * Each records the access it was made under and ends with it: when it is revoked, or when that
 * system user, client delegation, consent or person's role is gone.
 */
export interface Subscription {
  readonly abonnementId: string;
  readonly partId: string;
  readonly opprettetMs: number;
  readonly opprettetAv: string;
  /** When and why it ended: revoked by someone, or its access was removed or lapsed. */
  readonly tilbakekaltMs: number | null;
  readonly tilbakekaltAv: string | null;
  /** The access it was made under; null only for Min side's subscriptions made before it was recorded. */
  readonly tilgang: SubscriptionAccess | null;
}

/**
 * The access a subscription was made under: a system user (its id), a consent (its id: Altinn 3's
 * id or Altinn 2's AuthorizationCode), or a person acting for the party in Min side (fødselsnummer).
 */
export interface SubscriptionAccess {
  readonly kind: TilgangType;
  readonly id: string;
}

/** An active subscription with the name of its party, for a page that says what a removal ends. */
export interface SubscriptionOfParty extends Subscription {
  readonly partNavn: string;
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
 * Makes a subscription for a party the ledger knows, under the access the caller was granted.
 * `opprettetAv` says who, in words ("API: 315600014 med systembruker …", "Min side: …"), for
 * the list the business sees.
 */
export async function createSubscription(
  db: Kysely<Database>,
  clock: Clock,
  input: { readonly partId: string; readonly opprettetAv: string; readonly tilgang: SubscriptionAccess },
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
      tilgang: input.tilgang.kind,
      tilgang_id: input.tilgang.id,
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

/**
 * The subscription a feed URL's token names, ended or not, or undefined (unknown or malformed
 * alike). The feed tells an ended one from one that never was (410 against 404, decision 0089).
 */
export async function subscriptionForToken(db: Kysely<Database>, token: string): Promise<Subscription | undefined> {
  if (!tokenPattern.test(token)) return undefined;
  const row = await db.selectFrom('kalender_abonnement').selectAll().where('token_hash', '=', tokenHash(token)).executeTakeFirst();
  return row === undefined ? undefined : fromRow(row);
}

/**
 * Ends every active subscription made under `tilgang` (for one party only when `partId` is
 * given: a client delegation is one agent for one client), in the caller's transaction, so the
 * removal of an access and the end of what it made commit together. Returns how many ended.
 */
export async function endSubscriptionsUnder(
  db: Kysely<Database>,
  input: { readonly tilgang: SubscriptionAccess; readonly partId?: string; readonly endedMs: number; readonly endedBy: string },
): Promise<number> {
  const ended = await db
    .updateTable('kalender_abonnement')
    .set({ tilbakekalt_ms: input.endedMs, tilbakekalt_av: input.endedBy })
    .where('tilgang', '=', input.tilgang.kind)
    .where('tilgang_id', '=', input.tilgang.id)
    .$if(input.partId !== undefined, (qb) => qb.where('part_id', '=', input.partId!))
    .where('tilbakekalt_ms', 'is', null)
    .executeTakeFirst();
  return Number(ended.numUpdatedRows);
}

/**
 * The active subscriptions made under any of the accesses, oldest first, with their party's
 * name: what removing each access would end. At most 20 per party (the limit on making them).
 */
export async function activeSubscriptionsUnder(db: Kysely<Database>, tilganger: readonly SubscriptionAccess[]): Promise<SubscriptionOfParty[]> {
  if (tilganger.length === 0) return [];
  const rows = await db
    .selectFrom('kalender_abonnement as a')
    .innerJoin('part as p', 'p.part_id', 'a.part_id')
    .selectAll('a')
    .select('p.navn as part_navn')
    .where((eb) => eb.or(tilganger.map((tilgang) => eb.and([eb('a.tilgang', '=', tilgang.kind), eb('a.tilgang_id', '=', tilgang.id)]))))
    .where('a.tilbakekalt_ms', 'is', null)
    .orderBy('a.opprettet_ms')
    .orderBy('a.abonnement_id')
    .execute();
  return rows.map(({ part_navn, ...row }) => ({ ...fromRow(row), partNavn: part_navn }));
}

function fromRow(row: Database['kalender_abonnement']): Subscription {
  return {
    abonnementId: row.abonnement_id,
    partId: row.part_id,
    opprettetMs: row.opprettet_ms,
    opprettetAv: row.opprettet_av,
    tilbakekaltMs: row.tilbakekalt_ms,
    tilbakekaltAv: row.tilbakekalt_av,
    tilgang: row.tilgang === null || row.tilgang_id === null ? null : { kind: row.tilgang, id: row.tilgang_id },
  };
}
