import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { compareDates, type LocalDate } from '../domain/dates.js';
import { toOere, type Oere } from '../domain/money.js';
import type { Bokfoering } from './bokfoering.js';
import { LedgerInputError } from './errors.js';
import { bokfoer, kommando, type Kommando, type Utfall } from './kommando.js';
import type { UtbetalingDokument } from './read-model.js';
import { checkPartId, checkTekst } from './validation.js';

export interface UtbetalingReturnertInput {
  readonly idempotencyKey: string;
  readonly bokfoertDato: LocalDate;
  readonly utbetalingId: string;
}

export interface UtbetalingReturnertResultat {
  readonly utbetalingId: string;
  readonly partId: string;
  readonly beloepOere: Oere;
  /** The credit claim that gives the party its money back, to be paid out again or set off. */
  readonly kreditKravId: string;
}

/**
 * A payout the bank sent back (closed account, wrong number). Nothing booked is changed: the
 * payout gets the status `returnert` and a new credit claim of the same amount puts the money back
 * on the party's account, where the daily run can set it off or pay it again (decision 0006). A
 * returned refund stays the payment's refund: the new credit names the payment (decision 0162).
 */
export async function registrerUtbetalingReturnert(db: Kysely<Database>, input: UtbetalingReturnertInput): Promise<Utfall<UtbetalingReturnertResultat>> {
  return bokfoer(db, await utbetalingReturnertKommando(db, input));
}

export async function utbetalingReturnertKommando(db: Kysely<Database>, input: UtbetalingReturnertInput): Promise<Kommando<UtbetalingReturnertResultat>> {
  const utbetalingId = checkTekst(input.utbetalingId, 'utbetalingId');
  return kommando('registrerUtbetalingReturnert', input, { partId: await utbetalingensPart(db, utbetalingId), utbetalingId }, apply);
}

async function apply(session: Bokfoering, request: { partId: string; utbetalingId: string }): Promise<UtbetalingReturnertResultat> {
  const utbetaling = utbetalingIGruppen(session, request.utbetalingId);
  if (utbetaling.statuser.at(-1)?.status === 'returnert') {
    throw new LedgerInputError('utbetalingStatus', `Utbetaling ${request.utbetalingId} er allerede registrert som returnert`);
  }
  session.bookUtbetalingStatus(request.utbetalingId, utbetaling.partId, 'returnert');
  const dato = session.bokfoertDato;
  const [items] = await session.bookKrav([
    {
      partId: utbetaling.partId,
      kravtype: 'returnertUtbetaling',
      kravgruppe: 'andreKrav',
      beskrivelse: `Returnert utbetaling ${request.utbetalingId}`,
      periode: { beskrivelse: 'Utbetaling' },
      opprettetDato: dato,
      fastsettingsmaate: null,
      hovedstolKravId: null,
      forfall: [{ forfallsdato: dato, beloepOere: toOere(-utbetaling.beloepOere), kid: null, mottakerkonto: null }],
    },
  ]);
  const refundert = session.refundertInnbetaling(request.utbetalingId);
  if (refundert !== undefined) session.bookRefusjon(items![0]!.kravId, refundert);
  return { utbetalingId: request.utbetalingId, partId: utbetaling.partId, beloepOere: utbetaling.beloepOere, kreditKravId: items![0]!.kravId };
}

export interface UtbetalingBekreftetInput {
  readonly idempotencyKey: string;
  readonly bokfoertDato: LocalDate;
  readonly utbetalingId: string;
}

export interface UtbetalingBekreftetResultat {
  readonly utbetalingId: string;
  readonly partId: string;
  readonly beloepOere: Oere;
}

/**
 * The bank carried out a payout (its camt.054 debit names the payout, decision 0172): the payout
 * goes from `underUtbetaling` to `bekreftet`. Confirming one already confirmed or returned is refused.
 */
export async function registrerUtbetalingBekreftet(db: Kysely<Database>, input: UtbetalingBekreftetInput): Promise<Utfall<UtbetalingBekreftetResultat>> {
  return bokfoer(db, await utbetalingBekreftetKommando(db, input));
}

export async function utbetalingBekreftetKommando(db: Kysely<Database>, input: UtbetalingBekreftetInput): Promise<Kommando<UtbetalingBekreftetResultat>> {
  const utbetalingId = checkTekst(input.utbetalingId, 'utbetalingId');
  const partId = await utbetalingensPart(db, utbetalingId);
  return kommando('registrerUtbetalingBekreftet', input, { partId, utbetalingId }, async (session, request) => {
    const utbetaling = utbetalingIGruppen(session, request.utbetalingId);
    const status = utbetaling.statuser.at(-1)?.status;
    if (status !== 'underUtbetaling') {
      throw new LedgerInputError('utbetalingStatus', `Utbetaling ${request.utbetalingId} er ${status === 'returnert' ? 'returnert' : 'allerede bekreftet'} og kan ikke bekreftes`);
    }
    session.bookUtbetalingStatus(request.utbetalingId, utbetaling.partId, 'bekreftet');
    return { utbetalingId: request.utbetalingId, partId: utbetaling.partId, beloepOere: utbetaling.beloepOere };
  });
}

export interface BankbekreftelseResultat {
  /** The payouts confirmed, in booking order. */
  readonly utbetalingIds: readonly string[];
}

/**
 * The bank's account statement for a debtor group, as synthetic history plays it: every payout
 * still `underUtbetaling` that was paid before the business date is `bekreftet`. Real bank files
 * confirm one payout at a time (`registrerUtbetalingBekreftet`); the generator does not know the
 * payout ids it books, so its history confirms them this way a working day after each daily run.
 */
export function bankbekreftelseKommando(input: { readonly idempotencyKey: string; readonly bokfoertDato: LocalDate; readonly partId: string }): Kommando<BankbekreftelseResultat> {
  return kommando('bankbekreftelse', input, { partId: checkPartId(input.partId) }, async (session) => {
    const dato = session.bokfoertDato;
    const bekreftet = session.utbetalinger().filter((u) => u.statuser.at(-1)?.status === 'underUtbetaling' && compareDates(u.utbetaltdato, dato) < 0);
    for (const utbetaling of bekreftet) session.bookUtbetalingStatus(utbetaling.utbetalingId, utbetaling.partId, 'bekreftet');
    return { utbetalingIds: bekreftet.map((u) => u.utbetalingId) };
  });
}

async function utbetalingensPart(db: Kysely<Database>, utbetalingId: string): Promise<string> {
  const utbetaling = await db.selectFrom('utbetaling').select(['part_id']).where('utbetaling_id', '=', utbetalingId).executeTakeFirst();
  if (!utbetaling) throw new LedgerInputError('ukjentUtbetaling', `Ukjent utbetaling ${utbetalingId}`);
  return utbetaling.part_id;
}

function utbetalingIGruppen(session: Bokfoering, utbetalingId: string): UtbetalingDokument & { readonly partId: string } {
  const utbetaling = session.utbetaling(utbetalingId);
  if (utbetaling === undefined) throw new LedgerInputError('ukjentUtbetaling', `Ukjent utbetaling ${utbetalingId}`);
  return utbetaling;
}
