import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { compareDates, daysBetween, type LocalDate } from '../domain/dates.js';
import { limits } from '../domain/limits.js';
import type { Bokfoering } from './bokfoering.js';
import { LedgerInputError } from './errors.js';
import { bokfoer, kommando, type Kommando, type Utfall } from './kommando.js';
import type { Utsettelsesgrunn } from './tables.js';
import { checkDato, checkPartId, checkTekst } from './validation.js';

/**
 * A deferral of a claim's collection for a period (decision 0160): a payment deferral
 * (betalingsutsettelse, sktbf § 15-1) or collection suspended while a complaint is handled
 * (utsatt iverksetting, fvl § 42). The due items are flagged while it runs; set-off leaves them
 * alone; forsinkelsesrente still runs from the due date (sktbf § 11-1); a payment still covers them.
 */
export interface UtsettelseInput {
  readonly idempotencyKey: string;
  readonly bokfoertDato: LocalDate;
  /** The party the claim is booked on. */
  readonly partId: string;
  /** The claim, by its id or by the KID it is paid with (one of the two). */
  readonly kravId?: string | undefined;
  readonly kid?: string | undefined;
  /** The due items deferred; default: every open item of the claim. */
  readonly kravforfallIds?: readonly string[] | undefined;
  readonly grunn: Utsettelsesgrunn;
  /** Defaults to the business date; may lie before it (a deferral granted from the due date). */
  readonly fraOgMed?: LocalDate | undefined;
  /** The last day of the deferral; not before the business date. */
  readonly tilOgMed: LocalDate;
}

export interface UtsettelseResultat {
  readonly kravId: string;
  readonly partId: string;
  readonly grunn: Utsettelsesgrunn;
  readonly fraOgMed: LocalDate;
  readonly tilOgMed: LocalDate;
  readonly kravforfallIds: readonly string[];
}

const grunner: readonly Utsettelsesgrunn[] = ['betalingsutsettelse', 'klage'];

export async function registrerUtsettelse(db: Kysely<Database>, input: UtsettelseInput): Promise<Utfall<UtsettelseResultat>> {
  return bokfoer(db, utsettelseKommando(input));
}

export function utsettelseKommando(input: UtsettelseInput): Kommando<UtsettelseResultat> {
  return kommando('registrerUtsettelse', input, normalize(input), apply);
}

function normalize(input: UtsettelseInput) {
  const bokfoertDato = checkDato(input.bokfoertDato, 'bokfoertDato');
  if (!grunner.includes(input.grunn)) throw new LedgerInputError('ugyldigTekst', `Ukjent grunn for utsettelse "${input.grunn}"`);
  const fraOgMed = input.fraOgMed === undefined ? bokfoertDato : checkDato(input.fraOgMed, 'fraOgMed');
  const tilOgMed = checkDato(input.tilOgMed, 'tilOgMed');
  if (compareDates(tilOgMed, bokfoertDato) < 0) throw new LedgerInputError('ugyldigDato', `tilOgMed ${tilOgMed} er før bokføringsdatoen ${bokfoertDato}`);
  if (compareDates(fraOgMed, tilOgMed) > 0) throw new LedgerInputError('ugyldigDato', `fraOgMed ${fraOgMed} er etter tilOgMed ${tilOgMed}`);
  if (daysBetween(fraOgMed, tilOgMed) >= limits.utsettelseDagerMax) {
    throw new LedgerInputError('ugyldigDato', `En utsettelse varer høyst ${limits.utsettelseDagerMax} dager`);
  }
  const ids = input.kravforfallIds;
  if (ids !== undefined && (!Array.isArray(ids) || ids.length === 0 || ids.length > limits.kravforfallPerKravMax)) {
    throw new LedgerInputError('ugyldigKrav', `kravforfallIds: 1–${limits.kravforfallPerKravMax} forfall`);
  }
  if ((input.kravId === undefined) === (input.kid === undefined)) throw new LedgerInputError('ugyldigKrav', 'Oppgi kravet med kravId eller kid, ikke begge');
  return {
    partId: checkPartId(input.partId),
    kravId: checkTekst(input.kravId, 'kravId', true) ?? null,
    kid: checkTekst(input.kid, 'kid', true) ?? null,
    kravforfallIds: ids === undefined ? null : ids.map((id, index) => checkTekst(id, `kravforfallIds[${index}]`)),
    grunn: input.grunn,
    fraOgMed,
    tilOgMed,
  };
}

async function apply(session: Bokfoering, request: ReturnType<typeof normalize>): Promise<UtsettelseResultat> {
  const kravId = request.kravId ?? session.kravIdForKid(request.kid!);
  const items = kravId === undefined ? [] : session.kravforfallAv(kravId);
  if (kravId === undefined || items.length === 0 || items[0]!.partId !== request.partId) {
    throw new LedgerInputError('ugyldigKrav', `Kravet ${request.kravId ?? `med KID ${request.kid}`} finnes ikke hos ${request.partId}`);
  }
  const chosen = request.kravforfallIds === null ? items.filter((item) => item.gjenstaaendeOere > 0) : request.kravforfallIds.map((id) => items.find((item) => item.kravforfallId === id));
  for (const [index, item] of chosen.entries()) {
    if (item === undefined) throw new LedgerInputError('ugyldigKrav', `kravforfallIds[${index}] er ikke et forfall av kravet ${kravId}`);
    if (item.gjenstaaendeOere <= 0) throw new LedgerInputError('ugyldigKrav', `Forfallet ${item.kravforfallId} har ikke noe ubetalt å utsette`);
  }
  if (chosen.length === 0) throw new LedgerInputError('ugyldigKrav', `Kravet ${kravId} har ikke noe ubetalt å utsette`);
  const kravforfallIds = chosen.map((item) => item!.kravforfallId);
  for (const kravforfallId of kravforfallIds) session.bookUtsettelse({ kravforfallId, grunn: request.grunn, fraOgMed: request.fraOgMed, tilOgMed: request.tilOgMed });
  return { kravId, partId: request.partId, grunn: request.grunn, fraOgMed: request.fraOgMed, tilOgMed: request.tilOgMed, kravforfallIds };
}
