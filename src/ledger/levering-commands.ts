import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { compareDates, type LocalDate } from '../domain/dates.js';
import type { Bokfoering } from './bokfoering.js';
import { LedgerInputError } from './errors.js';
import { bokfoer, kommando, type Kommando, type Utfall } from './kommando.js';
import type { Leveringstype } from './tables.js';
import { checkDato, checkPartId } from './validation.js';

/** A filing the business delivered: the calendar marks the reporting task done (domain-rules §4). */
export interface LeveringInput {
  readonly idempotencyKey: string;
  readonly bokfoertDato: LocalDate;
  readonly partId: string;
  readonly leveringstype: Leveringstype;
  readonly periodeAar: number;
  /** mva-melding: "01"–"06" (two-month terms) or "aar"; a-melding: "01"–"12"; skattemelding: none. */
  readonly termin?: string | undefined;
  /** Defaults to the business date, never after it. */
  readonly levertDato?: LocalDate | undefined;
}

export interface LeveringResultat {
  readonly partId: string;
  readonly leveringstype: Leveringstype;
  readonly periodeAar: number;
  readonly termin: string | null;
  readonly levertDato: LocalDate;
}

const terminer: Readonly<Record<Leveringstype, readonly (string | null)[]>> = {
  'mva-melding': ['01', '02', '03', '04', '05', '06', 'aar'],
  'a-melding': ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'],
  skattemelding: [null],
};

export async function registrerLevering(db: Kysely<Database>, input: LeveringInput): Promise<Utfall<LeveringResultat>> {
  return bokfoer(db, leveringKommando(input));
}

export function leveringKommando(input: LeveringInput): Kommando<LeveringResultat> {
  return kommando('registrerLevering', input, normalize(input), apply);
}

function normalize(input: LeveringInput) {
  const bokfoertDato = checkDato(input.bokfoertDato, 'bokfoertDato');
  const levertDato = input.levertDato === undefined ? bokfoertDato : checkDato(input.levertDato, 'levertDato');
  if (compareDates(levertDato, bokfoertDato) > 0) throw new LedgerInputError('ugyldigDato', `levertDato ${levertDato} er etter bokføringsdatoen ${bokfoertDato}`);
  const gyldige = terminer[input.leveringstype];
  if (!gyldige) throw new LedgerInputError('ugyldigTekst', `Ukjent leveringstype "${input.leveringstype}"`);
  const termin = input.termin ?? null;
  if (!gyldige.includes(termin)) throw new LedgerInputError('ugyldigTekst', `Ugyldig termin "${termin}" for ${input.leveringstype}`);
  if (!(Number.isInteger(input.periodeAar) && input.periodeAar >= 1900 && input.periodeAar <= 2200)) {
    throw new LedgerInputError('ugyldigDato', `periodeAar: "${input.periodeAar}" er ikke et år`);
  }
  return { partId: checkPartId(input.partId), leveringstype: input.leveringstype, periodeAar: input.periodeAar, termin, levertDato };
}

async function apply(session: Bokfoering, request: ReturnType<typeof normalize>): Promise<LeveringResultat> {
  session.bookLevering(request);
  return request;
}
