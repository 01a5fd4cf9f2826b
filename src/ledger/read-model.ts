import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { compareDates, type LocalDate } from '../domain/dates.js';
import type { Oere } from '../domain/money.js';
import type { FaktaSett, InnbetalingFakta, KravforfallFakta, PlasseringFakta, UtbetalingFakta, UtsettelseFakta } from './facts.js';
import type { Kravperiode } from './kravperiode.js';
import type { PartInfo } from './part-view-types.js';
import type { Innbetalingstype, MvaTermintype, PartType, PlasseringKilde, Postadresse, Utbetalingstatus } from './tables.js';

/**
 * The read model (`part_lesemodell`): one row per party holding every fact booked on it — its
 * claims with their due items, payments, payouts with their statuses, and the placements that
 * cover its items — with what remains of each item and is unplaced of each payment. The booking
 * session keeps it current in the same transaction as the facts (it loads a debtor group's rows,
 * books in memory and writes back the rows it changed), so the newest state of a debtor group is
 * one indexed read. A view as of the group's newest business date or later is built from it in
 * memory (only "overdue" and stipulerte renter depend on the date); an earlier date reads the facts.
 */
export interface PartDokument {
  readonly krav: KravDokument[];
  readonly innbetalinger: InnbetalingDokument[];
  readonly utbetalinger: UtbetalingDokument[];
  /** Placements whose covered item is this party's, in posting order. */
  readonly plasseringer: PlasseringDokument[];
}

export interface KravDokument {
  readonly kravId: string;
  readonly kravtype: string;
  readonly kravgruppe: string;
  readonly beskrivelse: string;
  readonly periode: Kravperiode;
  readonly opprettetDato: LocalDate;
  readonly bokfoertDato: LocalDate;
  readonly fastsettingsmaate: string | null;
  readonly hovedstolKravId: string | null;
  /** In instalment order (`nummer` = position + 1). */
  readonly forfall: ForfallDokument[];
  /** A refund's claim: the payment it pays back (decision 0162); absent otherwise. */
  refusjonAv?: string;
}

export interface ForfallDokument {
  readonly kravforfallId: string;
  readonly forfallsdato: LocalDate;
  readonly beloepOere: Oere;
  readonly kid: string | null;
  readonly mottakerkonto: string | null;
  gjenstaaendeOere: Oere;
  /** Deferrals of the item in posting order (decision 0160); absent when it has none. */
  utsettelser?: UtsettelseDokument[];
}

export interface UtsettelseDokument extends Omit<UtsettelseFakta, 'seq'> {
  seq: number;
}

export interface InnbetalingDokument extends Omit<InnbetalingFakta, 'partId' | 'uplassertOere'> {
  uplassertOere: Oere;
}

export interface UtbetalingDokument extends Omit<UtbetalingFakta, 'partId' | 'status'> {
  /** In posting order. */
  readonly statuser: { seq: number; readonly status: Utbetalingstatus; readonly dato: LocalDate }[];
}

export interface PlasseringDokument {
  seq: number;
  readonly kilde: PlasseringKilde;
  readonly innbetalingId: string | null;
  readonly motkravForfallId: string | null;
  readonly utbetalingId: string | null;
  readonly kravforfallId: string;
  readonly beloepOere: Oere;
  readonly plassertDato: LocalDate;
  readonly bokfoertDato: LocalDate;
}

export function emptyDokument(): PartDokument {
  return { krav: [], innbetalinger: [], utbetalinger: [], plasseringer: [] };
}

/** One member of a debtor group as the view's single read returns it. */
export interface GruppeMedlem {
  readonly part: PartInfo;
  /** Undefined when the read model has no row for the party (not built yet): the view then reads the facts. */
  readonly dokument: PartDokument | undefined;
  readonly sisteSeq: number | null;
  readonly sisteBokfoertDato: LocalDate | null;
}

/**
 * The debtor group of a party — everyone sharing its anchor (an ENK's owner, or the party itself) —
 * with master data, read-model row and newest posting: one statement on the part and read-model keys.
 */
export async function lesGruppe(db: Kysely<Database>, partId: string): Promise<GruppeMedlem[]> {
  const anker = sql<string>`(select coalesce(eier_part_id, part_id) from part where part_id = ${partId})`;
  const rows = await db
    .selectFrom('part as p')
    .leftJoin('part_lesemodell as l', 'l.part_id', 'p.part_id')
    .leftJoin('part_siste_seq as s', 's.part_id', 'p.part_id')
    .selectAll('p')
    .select(['l.dokument', 's.siste_seq', 's.siste_bokfoert_dato'])
    .where((eb) => eb.or([eb('p.part_id', '=', anker), eb('p.eier_part_id', '=', anker)]))
    .orderBy('p.part_id')
    .execute();
  return rows.map((row) => ({
    part: partInfo(row),
    dokument: (row.dokument ?? undefined) as PartDokument | undefined,
    sisteSeq: row.siste_seq,
    sisteBokfoertDato: row.siste_bokfoert_dato,
  }));
}

export function partInfo(row: {
  part_id: string;
  part_type: PartType;
  navn: string;
  organisasjonsform: string | null;
  eier_part_id: string | null;
  skjermet: boolean;
  utbetalingskonto: string | null;
  postadresse: Postadresse | null;
  mva_termintype: MvaTermintype | null;
  arbeidsgiver: boolean;
  forskuddspliktig: boolean;
  registrert_dato: LocalDate;
}): PartInfo {
  return {
    partId: row.part_id,
    partType: row.part_type,
    navn: row.navn,
    organisasjonsform: row.organisasjonsform,
    eierPartId: row.eier_part_id,
    skjermet: row.skjermet,
    utbetalingskonto: row.utbetalingskonto,
    postadresse: row.postadresse,
    mvaTermintype: row.mva_termintype,
    arbeidsgiver: row.arbeidsgiver,
    forskuddspliktig: row.forskuddspliktig,
    registrertDato: row.registrert_dato,
  };
}

/** Whether the read model answers for the group as of `asOf`: every member has a row and nothing is booked after the date. */
export function lesemodellGjelder(gruppe: readonly GruppeMedlem[], asOf: LocalDate): boolean {
  return gruppe.every((m) => m.dokument !== undefined && (m.sisteBokfoertDato === null || compareDates(m.sisteBokfoertDato, asOf) <= 0));
}

/** The group's facts from its read-model rows: all of them, since the group's newest business date. */
export function faktaFraDokumenter(gruppe: readonly { readonly partId: string; readonly dokument: PartDokument }[]): FaktaSett {
  const kravforfall = new Map<string, KravforfallFakta>();
  const innbetalinger = new Map<string, InnbetalingFakta>();
  const utbetalinger = new Map<string, UtbetalingFakta>();
  const plasseringer: PlasseringFakta[] = [];
  const utsettelser = new Map<string, readonly UtsettelseFakta[]>();
  const refusjoner = new Map<string, string>();
  for (const { partId, dokument } of gruppe) {
    for (const krav of dokument.krav) if (krav.refusjonAv !== undefined) refusjoner.set(krav.kravId, krav.refusjonAv);
    for (const krav of dokument.krav) for (const item of kravforfallFraDokument(partId, krav)) kravforfall.set(item.kravforfallId, item);
    for (const krav of dokument.krav) for (const forfall of krav.forfall) if (forfall.utsettelser) utsettelser.set(forfall.kravforfallId, forfall.utsettelser);
    for (const innbetaling of dokument.innbetalinger) innbetalinger.set(innbetaling.innbetalingId, { ...innbetaling, partId });
    for (const utbetaling of dokument.utbetalinger) utbetalinger.set(utbetaling.utbetalingId, utbetalingFraDokument(partId, utbetaling));
    plasseringer.push(...dokument.plasseringer);
  }
  plasseringer.sort((a, b) => a.seq - b.seq);
  return { kravforfall, innbetalinger, utbetalinger, plasseringer, utsettelser, refusjoner };
}

export function kravforfallFraDokument(partId: string, krav: KravDokument): KravforfallFakta[] {
  return krav.forfall.map((forfall, index) => ({
    kravforfallId: forfall.kravforfallId,
    kravId: krav.kravId,
    partId,
    nummer: index + 1,
    antallForfall: krav.forfall.length,
    forfallsdato: forfall.forfallsdato,
    beloepOere: forfall.beloepOere,
    kid: forfall.kid,
    mottakerkonto: forfall.mottakerkonto,
    kravtype: krav.kravtype,
    kravgruppe: krav.kravgruppe,
    beskrivelse: krav.beskrivelse,
    periode: krav.periode,
    opprettetDato: krav.opprettetDato,
    kravBokfoertDato: krav.bokfoertDato,
    fastsettingsmaate: krav.fastsettingsmaate,
    hovedstolKravId: krav.hovedstolKravId,
    gjenstaaendeOere: forfall.gjenstaaendeOere,
  }));
}

function utbetalingFraDokument(partId: string, utbetaling: UtbetalingDokument): UtbetalingFakta {
  const { statuser, ...rest } = utbetaling;
  // Rows written before migration 0011 know only payouts to an account.
  return { ...rest, utbetalingsmaate: rest.utbetalingsmaate ?? 'konto', mottakerAdresse: rest.mottakerAdresse ?? null, partId, status: statuser.at(-1)?.status ?? null };
}

/** Writes the rows of the parties whose facts changed. */
export async function skrivDokumenter(trx: Kysely<Database>, dokumenter: ReadonlyMap<string, PartDokument>): Promise<void> {
  if (dokumenter.size === 0) return;
  await trx
    .insertInto('part_lesemodell')
    .values([...dokumenter].map(([partId, dokument]) => ({ part_id: partId, dokument: serialiserDokument(dokument), har_oppgjoer: harOppgjoer(dokument) })))
    .onConflict((oc) => oc.column('part_id').doUpdateSet((eb) => ({ dokument: eb.ref('excluded.dokument'), har_oppgjoer: eb.ref('excluded.har_oppgjoer') })))
    .execute();
}

/** Something the daily run can change: an open credit item (set off or paid out) or an unplaced payment (refunded). */
export function harOppgjoer(dokument: PartDokument): boolean {
  return dokument.krav.some((krav) => krav.forfall.some((forfall) => forfall.gjenstaaendeOere < 0)) || dokument.innbetalinger.some((innbetaling) => innbetaling.uplassertOere > 0);
}

/** The parties with something for the daily run, by id (an index on the flag). */
export async function parterMedOppgjoer(db: Kysely<Database>): Promise<string[]> {
  return (await db.selectFrom('part_lesemodell').select('part_id').where('har_oppgjoer', '=', true).orderBy('part_id').execute()).map((row) => row.part_id);
}

/** The stored text of a row: JSON, the same bytes for the same facts on every database. */
export function serialiserDokument(dokument: PartDokument): string {
  return JSON.stringify(dokument);
}
