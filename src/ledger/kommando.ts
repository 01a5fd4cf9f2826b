import { hash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { compareDates, type LocalDate } from '../domain/dates.js';
import { announcingTransaction } from '../db/change-notifications.js';
import { Bokfoering, type IdCounts } from './bokfoering.js';
import { insertWriter } from './booked-rows.js';
import { IdempotencyConflictError, LedgerInputError } from './errors.js';
import { databaseNumbers } from './id-reservation.js';
import { mottakerkontoer } from './mottakerkontoer.js';
import { partChanges } from './part-changes.js';
import { merkEndret } from './part-endringer.js';
import type { PartDokument } from './read-model.js';
import { laasSkyldnergruppe, type PartRow } from './skyldnergruppe.js';
import { checkDato, checkIdempotencyKey } from './validation.js';

/**
 * A validated command, ready to run. The public command functions build one and run it alone;
 * a generator can build many for one debtor group and run them in one transaction
 * (`bokfoerKommandoer`).
 */
export interface Kommando<R> {
  readonly type: string;
  readonly partId: string;
  readonly bokfoertDato: LocalDate;
  readonly idempotencyKey: string;
  /** The request as the caller sent it, without key and business date: what the idempotency hash covers. */
  readonly request: unknown;
  /** The ids it will certainly take, so a batch reserves them all in one round trip. */
  readonly ids?: IdCounts | undefined;
  apply(session: Bokfoering): Promise<R>;
}

/** What a command did; `replayed` is true when the key had been booked before and nothing happened now. */
export type Utfall<R> = R & { readonly replayed: boolean };

export interface Stored {
  readonly hash: string;
  readonly resultat: unknown;
}

/**
 * Runs commands for one debtor group in one transaction: lock the group, answer keys seen
 * before (same request → the stored result, another request → `IdempotencyConflictError`),
 * apply the rest in order, store each result under its key, write all rows. Business dates
 * must not go back in time for the group (`tilbakedatert`): a view as of a date must show
 * exactly what was booked up to it.
 */
export async function bokfoerKommandoer<const K extends readonly Kommando<unknown>[]>(db: Kysely<Database>, kommandoer: K): Promise<Utfallene<K>> {
  return (await runAll(db, kommandoer)) as Utfallene<K>;
}

/** The result of each command of a batch, in order and typed by its command. */
export type Utfallene<K extends readonly Kommando<unknown>[]> = { -readonly [I in keyof K]: K[I] extends Kommando<infer R> ? Utfall<R> : never };

async function runAll<R>(db: Kysely<Database>, kommandoer: readonly Kommando<R>[], retry = true): Promise<Utfall<R>[]> {
  if (kommandoer.length === 0) return [];
  const replayed = await replayAll(db, kommandoer);
  if (replayed) return replayed;
  try {
    return await runInTransaction(db, kommandoer);
  } catch (error) {
    // The same key booked at the same moment for another debtor group: run again, and the key
    // is now a stored one (a replay, or a conflict when the requests differ).
    if (retry && isKommandoKeyClash(error)) return runAll(db, kommandoer, false);
    throw error;
  }
}

/** Runs one command alone. */
export async function bokfoer<R>(db: Kysely<Database>, kommando: Kommando<R>): Promise<Utfall<R>> {
  const [utfall] = await runAll(db, [kommando]);
  return utfall!;
}

/** Ids fetched ahead when a batch runs short (see `Bokfoering.reserveIds`). */
const batchIdSpare = 16;

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/**
 * A command from the caller's input and its validated, normalized request. The key and business
 * date are checked here, the request by the caller; `apply` runs inside the group's transaction.
 * The hash covers the input as sent (without key and date), so re-sending it a day later — with
 * a default such as the payment date left out — is still the same request.
 */
export function kommando<In extends { readonly idempotencyKey: string; readonly bokfoertDato: LocalDate }, Req extends { readonly partId: string }, R>(
  type: string,
  input: In,
  request: Req,
  apply: (session: Bokfoering, request: Req) => Promise<R>,
  ids?: IdCounts,
): Kommando<R> {
  return { ...sendtKommando(type, input), partId: request.partId, ids, apply: (session) => apply(session, request) };
}

/** What identifies a command and its request: its type, the checked key and business date, and the input as sent without them. */
export type SendtKommando = Pick<Kommando<unknown>, 'type' | 'idempotencyKey' | 'bokfoertDato' | 'request'>;

export function sendtKommando(type: string, input: { readonly idempotencyKey: string; readonly bokfoertDato: LocalDate }): SendtKommando {
  const { idempotencyKey, bokfoertDato, ...sent } = input;
  return { type, bokfoertDato: checkDato(bokfoertDato, 'bokfoertDato'), idempotencyKey: checkIdempotencyKey(idempotencyKey), request: sent };
}

export function requestHash(type: string, request: unknown): string {
  return hash('sha256', `${type}\n${stableJson(request)}`, 'hex');
}

async function replayAll<R>(db: Kysely<Database>, kommandoer: readonly Kommando<R>[]): Promise<Utfall<R>[] | undefined> {
  const keys = kommandoer.map((k) => k.idempotencyKey);
  const stored = await loadStored(db, keys);
  if (stored.size < new Set(keys).size) return undefined;
  return kommandoer.map((k) => replay(k, stored.get(k.idempotencyKey)!));
}

async function runInTransaction<R>(db: Kysely<Database>, kommandoer: readonly Kommando<R>[]): Promise<Utfall<R>[]> {
  const kontoer = await mottakerkontoer(db);
  return announcingTransaction(
    db,
    async (trx, announce) => {
      const parts = await laasSkyldnergruppe(trx, kommandoer[0]!.partId);
      const session = await openSession(trx, parts, kontoer);
      for (const kommando of kommandoer) {
        if (!session.part(kommando.partId)) {
          throw new LedgerInputError('ugyldigPart', `Part ${kommando.partId} er ikke i samme skyldnergruppe som ${kommandoer[0]!.partId}`);
        }
      }
      const stored = await loadStored(
        trx,
        kommandoer.map((k) => k.idempotencyKey),
      );
      const results = await applyAll(session, kommandoer, stored);
      await session.flush();
      await merkEndret(trx, session.touchedPartIds);
      announce(partChanges(session.touchedPartIds));
      return results;
    },
    db.transaction().setIsolationLevel('read committed'),
  );
}

/** The locked group's read-model rows and newest business date, in one round trip. */
async function openSession(trx: Kysely<Database>, parts: readonly PartRow[], kontoer: Awaited<ReturnType<typeof mottakerkontoer>>): Promise<Bokfoering> {
  const ids = parts.map((part) => part.part_id);
  const rows = await trx
    .selectFrom('part as p')
    .leftJoin('part_lesemodell as l', 'l.part_id', 'p.part_id')
    .leftJoin('part_siste_seq as s', 's.part_id', 'p.part_id')
    .select(['p.part_id', 'l.dokument', 's.siste_bokfoert_dato'])
    .where('p.part_id', 'in', ids)
    .execute();
  const dates = rows.flatMap((row) => (row.siste_bokfoert_dato === null ? [] : [row.siste_bokfoert_dato]));
  return new Bokfoering({
    parts,
    dokumenter: new Map(rows.flatMap((row) => (row.dokument === null ? [] : [[row.part_id, row.dokument as PartDokument] as const]))),
    kontoer,
    sisteBokfoertDato: dates.length === 0 ? null : dates.reduce((a, b) => (compareDates(a, b) >= 0 ? a : b)),
    numbers: databaseNumbers(trx),
    writer: insertWriter(trx),
  });
}

/**
 * Applies a batch in an open session: keys seen before answer from their stored result, the rest
 * run in order (never back in time for the group), each result stored under its key. Shared by
 * the booking path and the bulk loader.
 */
export async function applyAll<R>(session: Bokfoering, kommandoer: readonly Kommando<R>[], stored: Map<string, Stored>): Promise<Utfall<R>[]> {
  const fresh = kommandoer.filter((k) => !stored.has(k.idempotencyKey));
  await session.reserveIds(
    {
      krav: sum(fresh.map((k) => k.ids?.krav ?? 0)),
      kravforfall: sum(fresh.map((k) => k.ids?.kravforfall ?? 0)),
      innbetaling: sum(fresh.map((k) => k.ids?.innbetaling ?? 0)),
    },
    fresh.length > 1 ? batchIdSpare : 0,
  );
  const results: Utfall<R>[] = [];
  for (const kommando of kommandoer) {
    const seen = stored.get(kommando.idempotencyKey);
    if (seen) {
      results.push(replay(kommando, seen));
      continue;
    }
    const siste = session.sisteBokfoertDato;
    if (siste !== null && compareDates(kommando.bokfoertDato, siste) < 0) {
      throw new LedgerInputError(
        'tilbakedatert',
        `Bokføringsdato ${kommando.bokfoertDato} er før siste bokføring ${siste} for skyldnergruppen til ${kommando.partId}`,
      );
    }
    session.beginCommand(kommando.idempotencyKey, kommando.bokfoertDato);
    // A stored result reads back as JSON; give the first caller that same shape.
    const resultatJson = JSON.stringify(await kommando.apply(session));
    const resultat = JSON.parse(resultatJson) as R;
    const hash = requestHash(kommando.type, kommando.request);
    session.endCommand(kommando.type, hash, resultatJson);
    stored.set(kommando.idempotencyKey, { hash, resultat });
    results.push({ ...resultat, replayed: false });
  }
  return results;
}

/** The stored result of a key booked before, or `IdempotencyConflictError` when it was booked for another request. */
export function replay<R>(kommando: SendtKommando, stored: Stored): Utfall<R> {
  if (stored.hash !== requestHash(kommando.type, kommando.request)) throw new IdempotencyConflictError(kommando.idempotencyKey);
  return { ...(stored.resultat as R), replayed: true };
}

export async function loadStored(db: Kysely<Database>, keys: readonly string[]): Promise<Map<string, Stored>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .selectFrom('kommando')
    .select(['idempotency_key', 'forespoersel_hash', 'resultat'])
    .where('idempotency_key', 'in', [...new Set(keys)])
    .execute();
  return new Map(rows.map((row) => [row.idempotency_key, { hash: row.forespoersel_hash, resultat: row.resultat }]));
}

export function isKommandoKeyClash(error: unknown): boolean {
  const candidate = error as { code?: string; constraint?: string; message?: string } | undefined;
  return candidate?.code === '23505' && (candidate.constraint === 'kommando_pkey' || /kommando_pkey/.test(candidate.message ?? ''));
}

/** JSON with object keys sorted, so equal requests hash equally whatever order their keys came in. */
function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += (i === 0 ? '' : ',') + stableJson(value[i]);
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  let text = '{';
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member === undefined) continue;
    text += `${text.length === 1 ? '' : ','}${JSON.stringify(key)}:${stableJson(member)}`;
  }
  return `${text}}`;
}
