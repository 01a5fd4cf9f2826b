import { parseLocalDate, type LocalDate } from '../domain/dates.js';
import { isValidPersonId } from '../domain/foedselsnummer.js';
import { isValidKontonummer, normalizeKontonummer } from '../domain/kontonummer.js';
import { limits } from '../domain/limits.js';
import type { Oere } from '../domain/money.js';
import { isValidOrganisasjonsnummer } from '../domain/organisasjonsnummer.js';
import { LedgerInputError } from './errors.js';

/**
 * Checks at the ledger's edge: every public command validates its input with these before it
 * opens a transaction, so a bad value is a catalogued `LedgerInputError`, never a database error.
 */
export function checkPartId(partId: string, field = 'part'): string {
  if (isValidOrganisasjonsnummer(partId) || isValidPersonId(partId)) return partId;
  throw new LedgerInputError('ugyldigPart', `${field}: "${partId}" er verken et gyldig organisasjonsnummer eller fødselsnummer/D-nummer`);
}

export function checkDato(value: string, field: string): LocalDate {
  const date = typeof value === 'string' ? parseLocalDate(value) : undefined;
  if (date === undefined) throw new LedgerInputError('ugyldigDato', `${field}: "${value}" er ikke en dato på formen ÅÅÅÅ-MM-DD`);
  return date;
}

/** A non-zero amount of whole øre within the ledger's limit; `fortegn` says which sign is allowed. */
export function checkBeloep(value: number, field: string, fortegn: 'positivt' | 'ikkeNull' = 'positivt'): Oere {
  const ok = Number.isSafeInteger(value) && value !== 0 && Math.abs(value) <= limits.beloepOereMax && (fortegn === 'ikkeNull' || value > 0);
  if (!ok) {
    const kroner = limits.beloepOereMax / 100;
    throw new LedgerInputError(
      'ugyldigBeloep',
      `${field}: beløpet må være ${fortegn === 'positivt' ? 'positivt' : 'ulikt null'}, i hele øre og høyst ${kroner.toLocaleString('nb-NO')} kr`,
    );
  }
  return value as Oere;
}

export function checkTekst(value: string, field: string): string;
export function checkTekst(value: string | undefined, field: string, optional: true): string | undefined;
export function checkTekst(value: string | undefined, field: string, optional = false): string | undefined {
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'string' || value.trim() === '' || value.length > limits.textLengthMax) {
    throw new LedgerInputError('ugyldigTekst', `${field}: teksten må ha 1–${limits.textLengthMax} tegn`);
  }
  return value.trim();
}

export function checkKontonummer(value: string, field: string): string {
  const kontonummer = normalizeKontonummer(value);
  if (!isValidKontonummer(kontonummer)) throw new LedgerInputError('ugyldigKonto', `${field}: "${value}" er ikke et gyldig kontonummer`);
  return kontonummer;
}

export function checkIdempotencyKey(key: string): string {
  if (typeof key !== 'string' || key.length === 0 || key.length > limits.idempotencyKeyLengthMax) {
    throw new LedgerInputError('ugyldigNoekkel', `Idempotensnøkkelen må ha 1–${limits.idempotencyKeyLengthMax} tegn`);
  }
  return key;
}
