import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { ChangeAction } from '../tables.js';

/**
 * Who changed a business's system access, as Altinn's log names them (decision 0070): a person
 * logged in to Min side, a Maskinporten client acting with an end-user token (decision 0015), or
 * the demo seed. Every function that changes access takes one and logs in the same transaction.
 */
export type AltinnActor =
  | { readonly kind: 'person'; readonly fnr: string; readonly name: string }
  | { readonly kind: 'client'; readonly clientId: string; readonly orgnr: string }
  | { readonly kind: 'seed' };

export interface AccessChange {
  readonly at: Date;
  readonly party: string;
  readonly action: ChangeAction;
  readonly objectId: string;
  readonly actor: AltinnActor;
}

export async function logChange(db: Kysely<Database>, change: AccessChange): Promise<void> {
  const { actor } = change;
  await db
    .insertInto('altinn_change_log')
    .values({
      at: change.at,
      party: change.party,
      action: change.action,
      object_id: change.objectId,
      actor_kind: actor.kind,
      actor_id: actor.kind === 'person' ? actor.fnr : actor.kind === 'client' ? actor.clientId : 'kob seed',
      actor_name: actor.kind === 'person' ? actor.name : actor.kind === 'client' ? actor.orgnr : null,
    })
    .execute();
}

/** The changes of the given objects (system users, requests, consents), oldest first. */
export async function changesOf(db: Kysely<Database>, objectIds: readonly string[]): Promise<AccessChange[]> {
  if (objectIds.length === 0) return [];
  const rows = await db.selectFrom('altinn_change_log').where('object_id', 'in', [...objectIds]).selectAll().orderBy('id').execute();
  return rows.map((row) => ({
    at: row.at,
    party: row.party,
    action: row.action,
    objectId: row.object_id,
    actor: actorOf(row.actor_kind, row.actor_id, row.actor_name),
  }));
}

function actorOf(kind: 'person' | 'client' | 'seed', id: string, name: string | null): AltinnActor {
  if (kind === 'person') return { kind, fnr: id, name: name ?? id };
  if (kind === 'client') return { kind, clientId: id, orgnr: name ?? '' };
  return { kind };
}
