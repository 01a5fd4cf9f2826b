import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { compareDates, type LocalDate } from '../domain/dates.js';
import { isValidKid } from '../domain/kid.js';
import type { Oere } from '../domain/money.js';
import type { Bokfoering } from './bokfoering.js';
import { LedgerInputError } from './errors.js';
import { skatteinnkrevingKonto } from './kodelister.js';
import { bokfoer, kommando, type Kommando, type Utfall } from './kommando.js';
import { plasserInnbetaling, type KidTolkning } from './plassering-commands.js';
import type { Plassering, RenteKrav } from './resultater.js';
import type { Innbetalingstype } from './tables.js';
import { checkBeloep, checkDato, checkKontonummer, checkPartId, checkTekst } from './validation.js';

export interface InnbetalingInput {
  readonly idempotencyKey: string;
  readonly bokfoertDato: LocalDate;
  /** The party the payment is booked on (the payer, e.g. an ENK's owner paying the ENK's claims). */
  readonly partId: string;
  readonly beloepOere: Oere;
  /** When the payer's bank received the order; defaults to the business date, never after it. */
  readonly innbetalingsdato?: LocalDate | undefined;
  readonly kid?: string | undefined;
  /** Free-text message when there is no KID. */
  readonly melding?: string | undefined;
  readonly betalerNavn?: string | undefined;
  readonly betalerKonto?: string | undefined;
  /**
   * Skatteetaten's account the money came to: it decides the ledger and the KID algorithm.
   * Default: the account of the claim the KID names, else the tax-collection account.
   */
  readonly mottakerkonto?: string | undefined;
  /** Default: `ocr` with a KID, `bankoverfoering` without. */
  readonly innbetalingstype?: Innbetalingstype | undefined;
  /**
   * Refuse a KID that fails the receiving account's check digit (`ugyldigKid`) instead of placing
   * the payment by the default order: what a bank does at the counter (sktbf § 9-1-1), and `kob innbetal`.
   */
  readonly avvisUgyldigKid?: boolean | undefined;
}

export interface InnbetalingResultat {
  readonly innbetalingId: string;
  readonly partId: string;
  readonly beloepOere: Oere;
  readonly innbetalingsdato: LocalDate;
  readonly kid: KidTolkning | null;
  /** Each due item covered, in the order covered. */
  readonly plasseringer: readonly Plassering[];
  /** Forsinkelsesrente posted because the payment covered items late. */
  readonly renteKrav: readonly RenteKrav[];
  /** What nothing could take; it waits for the next claim (or a refund). */
  readonly uplassertOere: Oere;
}

const kidLengthMax = 25;

/**
 * Books a payment and allocates it at once (planAllocation, decision 0003): a KID that identifies
 * an open claim of the debtor group covers that claim first; the rest follows the default order;
 * late coverings post forsinkelsesrente; what is left stays unplaced.
 */
export async function bokfoerInnbetaling(db: Kysely<Database>, input: InnbetalingInput): Promise<Utfall<InnbetalingResultat>> {
  return bokfoer(db, innbetalingKommando(input));
}

export function innbetalingKommando(input: InnbetalingInput): Kommando<InnbetalingResultat> {
  return kommando('bokfoerInnbetaling', input, { ...normalize(input), uidentifisertId: null }, apply, { innbetaling: 1 });
}

/**
 * The payment an unidentified payment becomes when it is assigned to a party (`tildelUidentifisertInnbetaling`):
 * the same command, marked with where the money came from. The hash covers the mark, so the same
 * key cannot book it from anywhere else.
 */
export function innbetalingFraUidentifisertKommando(input: InnbetalingInput & { readonly uidentifisertId: string }): Kommando<InnbetalingResultat> {
  return kommando('bokfoerInnbetaling', input, { ...normalize(input), uidentifisertId: checkTekst(input.uidentifisertId, 'uidentifisertId') }, apply, { innbetaling: 1 });
}

type InnbetalingRequest = ReturnType<typeof normalize> & { readonly uidentifisertId: string | null };

function normalize(input: InnbetalingInput) {
  return { partId: checkPartId(input.partId), ...normalizeBetaling(input), avvisUgyldigKid: input.avvisUgyldigKid ?? false };
}

/** What a payment is, whoever it is booked on: also the checks of an unidentified payment. */
export type Betaling = Omit<InnbetalingInput, 'idempotencyKey' | 'partId' | 'avvisUgyldigKid'>;

export function normalizeBetaling(input: Betaling) {
  const bokfoertDato = checkDato(input.bokfoertDato, 'bokfoertDato');
  const innbetalingsdato = input.innbetalingsdato === undefined ? bokfoertDato : checkDato(input.innbetalingsdato, 'innbetalingsdato');
  if (compareDates(innbetalingsdato, bokfoertDato) > 0) {
    throw new LedgerInputError('ugyldigDato', `Innbetalingsdatoen ${innbetalingsdato} er etter bokføringsdatoen ${bokfoertDato}`);
  }
  const kid = input.kid === undefined ? null : input.kid.trim();
  if (kid !== null && (kid.length === 0 || kid.length > kidLengthMax)) {
    throw new LedgerInputError('ugyldigKid', `KID har 1–${kidLengthMax} tegn`);
  }
  if (input.innbetalingstype !== undefined && input.innbetalingstype !== 'ocr' && input.innbetalingstype !== 'bankoverfoering') {
    throw new LedgerInputError('ugyldigTekst', `Ukjent innbetalingstype "${input.innbetalingstype}"`);
  }
  return {
    beloepOere: checkBeloep(input.beloepOere, 'beloepOere'),
    innbetalingsdato,
    kid,
    melding: checkTekst(input.melding, 'melding', true) ?? null,
    betalerNavn: checkTekst(input.betalerNavn, 'betalerNavn', true) ?? null,
    betalerKonto: checkTekst(input.betalerKonto, 'betalerKonto', true) ?? null,
    mottakerkonto: input.mottakerkonto === undefined ? null : checkKontonummer(input.mottakerkonto, 'mottakerkonto'),
    innbetalingstype: input.innbetalingstype ?? (kid === null ? 'bankoverfoering' : 'ocr'),
  };
}

async function apply(session: Bokfoering, request: InnbetalingRequest): Promise<InnbetalingResultat> {
  const kidKrav = request.kid === null ? undefined : session.kravIdForKid(request.kid);
  const mottakerkonto = request.mottakerkonto ?? (kidKrav && session.kravInfo(kidKrav)?.mottakerkonto) ?? skatteinnkrevingKonto();
  if (!session.konto(mottakerkonto)) {
    throw new LedgerInputError('ugyldigKonto', `mottakerkonto: ${mottakerkonto} er ingen av Skatteetatens innbetalingskontoer`);
  }
  const konto = session.konto(mottakerkonto)!;
  if (request.avvisUgyldigKid && request.kid !== null && !isValidKid(request.kid, konto.kidAlgoritme)) {
    throw new LedgerInputError('ugyldigKid', `KID ${request.kid} er ikke en gyldig ${konto.kidAlgoritme}-KID for konto ${mottakerkonto}`);
  }
  const payment = await session.bookInnbetaling({ ...request, mottakerkonto });
  const placed = await plasserInnbetaling(session, payment);
  return {
    innbetalingId: payment.innbetalingId,
    partId: payment.partId,
    beloepOere: payment.beloepOere,
    innbetalingsdato: payment.innbetalingsdato,
    ...placed,
  };
}
