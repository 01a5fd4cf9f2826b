import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { LocalDate } from '../domain/dates.js';
import { toOere, type Oere } from '../domain/money.js';
import type { Bokfoering } from './bokfoering.js';
import { LedgerInputError } from './errors.js';
import { bokfoer, kommando, type Kommando, type Utfall } from './kommando.js';
import { checkTekst } from './validation.js';

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
 * on the party's account, where the daily run can set it off or pay it again (decision 0006).
 */
export async function registrerUtbetalingReturnert(db: Kysely<Database>, input: UtbetalingReturnertInput): Promise<Utfall<UtbetalingReturnertResultat>> {
  return bokfoer(db, await utbetalingReturnertKommando(db, input));
}

export async function utbetalingReturnertKommando(db: Kysely<Database>, input: UtbetalingReturnertInput): Promise<Kommando<UtbetalingReturnertResultat>> {
  const utbetalingId = checkTekst(input.utbetalingId, 'utbetalingId');
  const utbetaling = await db.selectFrom('utbetaling').select(['part_id']).where('utbetaling_id', '=', utbetalingId).executeTakeFirst();
  if (!utbetaling) throw new LedgerInputError('ukjentUtbetaling', `Ukjent utbetaling ${utbetalingId}`);
  return kommando('registrerUtbetalingReturnert', input, { partId: utbetaling.part_id, utbetalingId }, apply);
}

async function apply(session: Bokfoering, request: { partId: string; utbetalingId: string }): Promise<UtbetalingReturnertResultat> {
  const utbetaling = session.utbetaling(request.utbetalingId);
  if (utbetaling === undefined) throw new LedgerInputError('ukjentUtbetaling', `Ukjent utbetaling ${request.utbetalingId}`);
  if (utbetaling.statuser.at(-1)?.status === 'returnert') {
    throw new LedgerInputError('ukjentUtbetaling', `Utbetaling ${request.utbetalingId} er allerede registrert som returnert`);
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
  return { utbetalingId: request.utbetalingId, partId: utbetaling.partId, beloepOere: utbetaling.beloepOere, kreditKravId: items![0]!.kravId };
}
