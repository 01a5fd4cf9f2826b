import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { LocalDate } from '../domain/dates.js';
import { limits } from '../domain/limits.js';
import type { NyInnbetaling } from './booking-types.js';
import { LedgerInputError } from './errors.js';
import { innbetalingFraUidentifisertKommando, normalizeBetaling, type Betaling, type InnbetalingResultat } from './innbetaling-commands.js';
import { skatteinnkrevingKonto } from './kodelister.js';
import { bokfoer, isKommandoKeyClash, loadStored, replay, requestHash, sendtKommando, type SendtKommando, type Utfall } from './kommando.js';
import { mottakerkontoer } from './mottakerkontoer.js';
import { checkPartId, checkTekst } from './validation.js';

/**
 * Unidentified payments (decision 0173): money a bank file brought that names no claim and no
 * known party. The ledger keeps it on no party — nothing is lost — until someone assigns it to a
 * party, which books it as that party's payment through the payment command, once.
 */
export interface UidentifisertInput extends Betaling {
  readonly idempotencyKey: string;
}

/** What a bank brought, as a payment is booked, on no party. */
export interface UidentifisertInnbetaling extends Omit<NyInnbetaling, 'partId' | 'uidentifisertId'> {
  readonly uidentifisertId: string;
  readonly bokfoertDato: LocalDate;
}

const kommandoType = 'registrerUidentifisertInnbetaling';

/**
 * Keeps a payment no party can be found for. Idempotent like every command: the same key and
 * request answer with the stored result (`replayed`), the same key with another request is an
 * `IdempotencyConflictError`.
 */
export async function registrerUidentifisertInnbetaling(db: Kysely<Database>, input: UidentifisertInput): Promise<Utfall<UidentifisertInnbetaling>> {
  const betaling = normalizeBetaling(input);
  const mottakerkonto = betaling.mottakerkonto ?? skatteinnkrevingKonto();
  if (!(await mottakerkontoer(db)).has(mottakerkonto)) {
    throw new LedgerInputError('ugyldigKonto', `mottakerkonto: ${mottakerkonto} er ingen av Skatteetatens innbetalingskontoer`);
  }
  // Keyed and replayed like every command, but booked on no party: no debtor group to lock.
  const command = sendtKommando(kommandoType, input);
  const answered = await answerStored(db, command);
  if (answered) return answered;
  const hash = requestHash(kommandoType, command.request);
  try {
    return await db.transaction().execute(async (trx) => {
      const { id } = (await sql<{ id: string }>`select nextval('uidentifisert_nr_seq')::text as id`.execute(trx)).rows[0]!;
      const row: UidentifisertInnbetaling = { uidentifisertId: id, ...betaling, mottakerkonto, bokfoertDato: command.bokfoertDato };
      await trx
        .insertInto('uidentifisert_innbetaling')
        .values({
          uidentifisert_id: id,
          innbetalingsdato: row.innbetalingsdato,
          beloep_oere: row.beloepOere,
          kid: row.kid,
          melding: row.melding,
          betaler_navn: row.betalerNavn,
          betaler_konto: row.betalerKonto,
          mottakerkonto,
          innbetalingstype: row.innbetalingstype,
          bokfoert_dato: row.bokfoertDato,
          idempotency_key: command.idempotencyKey,
        })
        .execute();
      await trx
        .insertInto('kommando')
        .values({ idempotency_key: command.idempotencyKey, kommando_type: kommandoType, forespoersel_hash: hash, resultat: JSON.stringify(row), bokfoert_dato: row.bokfoertDato })
        .execute();
      return { ...row, replayed: false };
    });
  } catch (error) {
    // The same key at the same moment in another process: it is stored now.
    if (isKommandoKeyClash(error)) return (await answerStored(db, command))!;
    throw error;
  }
}

async function answerStored(db: Kysely<Database>, command: SendtKommando): Promise<Utfall<UidentifisertInnbetaling> | undefined> {
  const stored = (await loadStored(db, [command.idempotencyKey])).get(command.idempotencyKey);
  return stored === undefined ? undefined : replay<UidentifisertInnbetaling>(command, stored);
}

/** The unidentified payments not yet assigned to a party, oldest first, at most `limits.uidentifiserteSideMax`. */
export async function uidentifiserteInnbetalinger(db: Kysely<Database>): Promise<UidentifisertInnbetaling[]> {
  const rows = await db
    .selectFrom('uidentifisert_innbetaling as u')
    .selectAll('u')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('innbetaling as i').select('i.innbetaling_id').whereRef('i.uidentifisert_id', '=', 'u.uidentifisert_id'))))
    .orderBy(sql`length(u.uidentifisert_id)`)
    .orderBy('u.uidentifisert_id')
    .limit(limits.uidentifiserteSideMax)
    .execute();
  return rows.map((row) => ({
    uidentifisertId: row.uidentifisert_id,
    beloepOere: row.beloep_oere,
    innbetalingsdato: row.innbetalingsdato,
    kid: row.kid,
    melding: row.melding,
    betalerNavn: row.betaler_navn,
    betalerKonto: row.betaler_konto,
    mottakerkonto: row.mottakerkonto,
    innbetalingstype: row.innbetalingstype,
    bokfoertDato: row.bokfoert_dato,
  }));
}

export interface TildelingInput {
  readonly bokfoertDato: LocalDate;
  readonly uidentifisertId: string;
  /** The party the payment belongs to, as someone found out (the payer's letter, a phone call). */
  readonly partId: string;
}

/**
 * Books an unidentified payment as the party's payment, placed like any payment (a KID it carries
 * may name a claim by now). Once: its key is `tildeling:<id>`, so assigning it to the same party
 * again answers with the first booking, and to another party is refused (`alleredeTildelt`).
 */
export async function tildelUidentifisertInnbetaling(db: Kysely<Database>, input: TildelingInput): Promise<Utfall<InnbetalingResultat>> {
  const uidentifisertId = checkTekst(input.uidentifisertId, 'uidentifisertId');
  const partId = checkPartId(input.partId);
  const row = await db.selectFrom('uidentifisert_innbetaling').selectAll().where('uidentifisert_id', '=', uidentifisertId).executeTakeFirst();
  if (!row) throw new LedgerInputError('ukjentUidentifisert', `Fant ingen uidentifisert innbetaling ${uidentifisertId}`);
  const tildelt = await db.selectFrom('innbetaling').select(['part_id']).where('uidentifisert_id', '=', uidentifisertId).executeTakeFirst();
  if (tildelt && tildelt.part_id !== partId) {
    throw new LedgerInputError('alleredeTildelt', `Den uidentifiserte innbetalingen ${uidentifisertId} er allerede tildelt ${tildelt.part_id}`);
  }
  const optional = (value: string | null) => value ?? undefined;
  return bokfoer(
    db,
    innbetalingFraUidentifisertKommando({
      idempotencyKey: `tildeling:${uidentifisertId}`,
      bokfoertDato: input.bokfoertDato,
      partId,
      uidentifisertId,
      beloepOere: row.beloep_oere,
      innbetalingsdato: row.innbetalingsdato,
      kid: optional(row.kid),
      melding: optional(row.melding),
      betalerNavn: optional(row.betaler_navn),
      betalerKonto: optional(row.betaler_konto),
      mottakerkonto: row.mottakerkonto,
      innbetalingstype: row.innbetalingstype,
    }),
  );
}

/** What a key was booked as before (any command), for a caller that must not book it as something else now. */
export async function lagretUtfall(db: Kysely<Database>, idempotencyKey: string): Promise<{ readonly kommandoType: string; readonly resultat: unknown } | undefined> {
  const row = await db.selectFrom('kommando').select(['kommando_type', 'resultat']).where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
  return row && { kommandoType: row.kommando_type, resultat: row.resultat };
}
