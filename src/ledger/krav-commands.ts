import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { compareDates, type LocalDate } from '../domain/dates.js';
import { isValidKid } from '../domain/kid.js';
import { limits } from '../domain/limits.js';
import { sumOere, type Oere } from '../domain/money.js';
import type { Bokfoering, NyttKrav } from './bokfoering.js';
import { LedgerInputError } from './errors.js';
import { findKravtype, kodelister, kravgruppeFor } from './kodelister.js';
import type { Kravperiode } from './kravperiode.js';
import { bokfoer, kommando, type Kommando, type Utfall } from './kommando.js';
import { motregn } from './motregning-commands.js';
import { plasserInnbetaling } from './plassering-commands.js';
import type { Motregning, Plassering, RenteKrav } from './resultater.js';
import { checkBeloep, checkDato, checkKontonummer, checkPartId, checkTekst } from './validation.js';

export type Fastsettingsmaate = 'egenfastsatt' | 'myndighetsfastsatt' | 'blank';

export interface KravInput {
  readonly idempotencyKey: string;
  readonly bokfoertDato: LocalDate;
  readonly partId: string;
  /** Code from data/kodelister (kravtype.xml or the supplement), e.g. `arbeidsgiveravgift`. */
  readonly kravtype: string;
  /** Defaults to the kravtype's group, or the principal's group for an interest claim. */
  readonly kravgruppe?: string | undefined;
  /** Defaults to the kravtype's label. */
  readonly beskrivelse?: string | undefined;
  readonly periode: Kravperiode;
  /** Defaults to the business date; never after it. */
  readonly opprettetDato?: LocalDate | undefined;
  readonly fastsettingsmaate?: Fastsettingsmaate | undefined;
  /** For a claim computed on another (e.g. a corrected interest credit). */
  readonly hovedstolKravId?: string | undefined;
  /** Positive amounts for a debt, negative for a credit (tilgode). */
  readonly forfall: readonly {
    readonly forfallsdato: LocalDate;
    readonly beloepOere: Oere;
    /** Omitted: a MOD11 KID is made from the claim id (debit claims only). */
    readonly kid?: string | undefined;
    /** Skatteetaten's receiving account; defaults by group (decision 0002). */
    readonly mottakerkonto?: string | undefined;
  }[];
}

export interface KravResultat {
  readonly kravId: string;
  readonly partId: string;
  readonly kravtype: string;
  readonly kravgruppe: string;
  readonly beskrivelse: string;
  readonly beloepOere: Oere;
  readonly forfall: readonly { kravforfallId: string; nummer: number; forfallsdato: LocalDate; beloepOere: Oere; kid: string | null }[];
  /** Payments that were unplaced and now cover the new claim (a debit claim). */
  readonly plasseringer: readonly Plassering[];
  /** Overdue debts the new credit was set off against (a credit claim). */
  readonly motregninger: readonly Motregning[];
  readonly renteKrav: readonly RenteKrav[];
}

const fastsettingsmaater: readonly Fastsettingsmaate[] = ['egenfastsatt', 'myndighetsfastsatt', 'blank'];

/** Skatteetaten's account for a claim of this group when the claim names none (decision 0002): VAT and tax collection are separate ledgers. */
export function standardMottakerkonto(kravgruppe: string): string {
  return kravgruppeFor(kravgruppe).mottakerkonto;
}

/**
 * Books a claim with its due items. A debit claim first receives the group's unplaced payments
 * (default order); a credit claim is set off at once against the group's overdue debts.
 */
export async function bokfoerKrav(db: Kysely<Database>, input: KravInput): Promise<Utfall<KravResultat>> {
  return bokfoer(db, kravKommando(input));
}

export function kravKommando(input: KravInput): Kommando<KravResultat> {
  const request = normalize(input);
  return kommando('bokfoerKrav', input, request, apply, { krav: 1, kravforfall: request.forfall.length });
}

type KravRequest = ReturnType<typeof normalize>;

function normalize(input: KravInput) {
  const bokfoertDato = checkDato(input.bokfoertDato, 'bokfoertDato');
  const kravtype = findKravtype(input.kravtype);
  if (!kravtype) throw new LedgerInputError('ukjentKravtype', `Ukjent kravtype "${input.kravtype}"`);
  if (input.kravgruppe !== undefined && !kodelister().kravgrupper.has(input.kravgruppe)) {
    throw new LedgerInputError('ukjentKravtype', `Ukjent kravgruppe "${input.kravgruppe}"`);
  }
  const opprettetDato = input.opprettetDato === undefined ? bokfoertDato : checkDato(input.opprettetDato, 'opprettetDato');
  if (compareDates(opprettetDato, bokfoertDato) > 0) {
    throw new LedgerInputError('ugyldigDato', `opprettetDato ${opprettetDato} er etter bokføringsdatoen ${bokfoertDato}`);
  }
  if (input.fastsettingsmaate !== undefined && !fastsettingsmaater.includes(input.fastsettingsmaate)) {
    throw new LedgerInputError('ugyldigKrav', `Ukjent fastsettingsmåte "${input.fastsettingsmaate}"`);
  }
  const aar = input.periode.aar;
  if (aar !== undefined && !(Number.isInteger(aar) && aar >= 1900 && aar <= 2200)) {
    throw new LedgerInputError('ugyldigDato', `periode.aar: "${aar}" er ikke et år`);
  }
  if (!Array.isArray(input.forfall) || input.forfall.length === 0 || input.forfall.length > limits.kravforfallPerKravMax) {
    throw new LedgerInputError('ugyldigKrav', `Et krav har 1–${limits.kravforfallPerKravMax} forfall`);
  }
  const forfall = input.forfall.map((f, index) => ({
    forfallsdato: checkDato(f.forfallsdato, `forfall[${index}].forfallsdato`),
    beloepOere: checkBeloep(f.beloepOere, `forfall[${index}].beloepOere`, 'ikkeNull'),
    kid: checkTekst(f.kid, `forfall[${index}].kid`, true) ?? null,
    mottakerkonto: f.mottakerkonto === undefined ? null : checkKontonummer(f.mottakerkonto, `forfall[${index}].mottakerkonto`),
  }));
  const debet = forfall[0]!.beloepOere > 0;
  if (!forfall.every((f) => f.beloepOere > 0 === debet)) {
    throw new LedgerInputError('ugyldigKrav', 'Alle forfall i et krav har samme fortegn: positivt for gjeld, negativt for tilgode');
  }
  return {
    partId: checkPartId(input.partId),
    kravtype: kravtype.kode,
    kravgruppe: input.kravgruppe ?? null,
    beskrivelse: checkTekst(input.beskrivelse ?? kravtype.tekst, 'beskrivelse'),
    periode: {
      beskrivelse: checkTekst(input.periode.beskrivelse, 'periode.beskrivelse'),
      aar,
      fra: input.periode.fra === undefined ? undefined : checkDato(input.periode.fra, 'periode.fra'),
      til: input.periode.til === undefined ? undefined : checkDato(input.periode.til, 'periode.til'),
      termin: checkTekst(input.periode.termin, 'periode.termin', true),
    },
    opprettetDato,
    fastsettingsmaate: input.fastsettingsmaate ?? null,
    hovedstolKravId: input.hovedstolKravId === undefined ? null : checkTekst(input.hovedstolKravId, 'hovedstolKravId'),
    forfall,
  };
}

async function apply(session: Bokfoering, request: KravRequest): Promise<KravResultat> {
  const principalGruppe = hovedstolGruppe(session, request.hovedstolKravId);
  const kravgruppe = request.kravgruppe ?? principalGruppe ?? findKravtype(request.kravtype)!.kravgruppe;
  const defaultKonto = standardMottakerkonto(kravgruppe);
  const debet = request.forfall[0]!.beloepOere > 0;
  const nytt: NyttKrav = {
    ...request,
    kravgruppe,
    forfall: request.forfall.map((f, index) => {
      const mottakerkonto = f.mottakerkonto ?? defaultKonto;
      const konto = session.konto(mottakerkonto);
      if (!konto) throw new LedgerInputError('ugyldigKonto', `forfall[${index}].mottakerkonto: ${mottakerkonto} er ingen av Skatteetatens innbetalingskontoer`);
      if (f.kid !== null && !isValidKid(f.kid, konto.kidAlgoritme)) {
        throw new LedgerInputError('ugyldigKid', `forfall[${index}].kid: "${f.kid}" er ikke en gyldig ${konto.kidAlgoritme}-KID`);
      }
      return { ...f, mottakerkonto, kid: f.kid ?? (debet ? ('generer' as const) : null) };
    }),
  };
  const [items] = await session.bookKrav([nytt]);
  const plasseringer: Plassering[] = [];
  const renteKrav: RenteKrav[] = [];
  let motregninger: Motregning[] = [];
  if (debet) {
    for (const payment of session.unplacedPayments()) {
      const placed = await plasserInnbetaling(session, payment);
      plasseringer.push(...placed.plasseringer);
      renteKrav.push(...placed.renteKrav);
    }
  } else {
    const setOff = await motregn(session);
    motregninger = setOff.motregninger;
    renteKrav.push(...setOff.renteKrav);
  }
  const first = items![0]!;
  return {
    kravId: first.kravId,
    partId: first.partId,
    kravtype: first.kravtype,
    kravgruppe,
    beskrivelse: first.beskrivelse,
    beloepOere: sumOere(items!.map((item) => item.opprinneligOere)),
    forfall: items!.map((item) => ({ kravforfallId: item.kravforfallId, nummer: item.nummer, forfallsdato: item.forfallsdato, beloepOere: item.opprinneligOere, kid: item.kid })),
    plasseringer,
    motregninger,
    renteKrav,
  };
}

/** An interest claim booked by hand belongs to its principal's group; the principal must be in the debtor group. */
function hovedstolGruppe(session: Bokfoering, hovedstolKravId: string | null): string | undefined {
  if (hovedstolKravId === null) return undefined;
  const kravgruppe = session.kravgruppeAv(hovedstolKravId);
  if (kravgruppe === undefined) throw new LedgerInputError('ugyldigKrav', `Hovedstolkravet ${hovedstolKravId} finnes ikke hos skyldneren`);
  return kravgruppe;
}
