import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { LocalDate } from '../domain/dates.js';
import { toOere } from '../domain/money.js';
import type { FaktaSett, InnbetalingFakta, KravforfallFakta, PlasseringFakta, UtbetalingFakta, UtsettelseFakta } from './facts.js';
import { kravperiodeFraRad } from './kravperiode.js';
import type { Periode, PartViewQuery } from './part-view-types.js';
import { innbetalingQuery, kravforfallQuery, utbetalingQuery, type InnbetalingRow, type KravforfallRow, type UtbetalingRow } from './queries.js';

/** The facts a view selects, as of its date. */
export interface ViewSelection {
  readonly items: readonly KravforfallFakta[];
  readonly payments: readonly InnbetalingFakta[];
  readonly payouts: readonly UtbetalingFakta[];
  readonly fakta: FaktaSett;
}

/**
 * A view's facts straight from the fact tables, as of any date (the read model answers only for
 * the newest): the selected items, payments and payouts in three queries, then their placements
 * and what is on the other side of them (two more round trips).
 */
export async function selectFromFacts(db: Kysely<Database>, ids: readonly string[], query: PartViewQuery): Promise<ViewSelection> {
  const { asOf } = query;
  const [itemRows, paymentRows, payoutRows] = await Promise.all([
    query.aapne || query.kravOpprettet ? selectItems(db, ids, asOf, query) : Promise.resolve([]),
    query.aapne || query.innbetalt ? selectPayments(db, ids, asOf, query) : Promise.resolve([]),
    query.utbetalt ? selectPayouts(db, ids, asOf, query.utbetalt) : Promise.resolve([]),
  ]);
  const items = itemRows.map(kravforfallFakta);
  const payments = paymentRows.map(innbetalingFakta);
  const payouts = payoutRows.map(utbetalingFakta);
  return { items, payments, payouts, fakta: await loadReferred(db, asOf, items, payments, payouts) };
}

/** All due items of the selected claims: those still open, and/or those created in the period. */
function selectItems(db: Kysely<Database>, ids: readonly string[], asOf: LocalDate, query: PartViewQuery): Promise<KravforfallRow[]> {
  const periode = query.kravOpprettet;
  const openKravIds = kravforfallQuery(db, asOf).select('f.krav_id').where('f.part_id', 'in', ids).where('f.gjenstaaende_oere', '<>', toOere(0));
  return kravforfallQuery(db, asOf)
    .selectAll()
    .where('f.part_id', 'in', ids)
    .where((eb) =>
      eb.or([
        ...(query.aapne ? [eb('f.krav_id', 'in', openKravIds)] : []),
        ...(periode ? [eb.and([eb('f.opprettet_dato', '>=', periode.fraOgMed), eb('f.opprettet_dato', '<=', periode.tilOgMed)])] : []),
      ]),
    )
    .execute();
}

function selectPayments(db: Kysely<Database>, ids: readonly string[], asOf: LocalDate, query: PartViewQuery): Promise<InnbetalingRow[]> {
  const periode = query.innbetalt;
  return innbetalingQuery(db, asOf)
    .selectAll()
    .where('i.part_id', 'in', ids)
    .where((eb) =>
      eb.or([
        ...(query.aapne ? [eb('i.uplassert_oere', '>', toOere(0))] : []),
        ...(periode ? [eb.and([eb('i.innbetalingsdato', '>=', periode.fraOgMed), eb('i.innbetalingsdato', '<=', periode.tilOgMed)])] : []),
      ]),
    )
    .orderBy('i.innbetalingsdato')
    .orderBy('i.innbetaling_id')
    .execute();
}

function selectPayouts(db: Kysely<Database>, ids: readonly string[], asOf: LocalDate, periode: Periode): Promise<UtbetalingRow[]> {
  return utbetalingQuery(db, asOf)
    .where('u.part_id', 'in', ids)
    .where('u.utbetaltdato', '>=', periode.fraOgMed)
    .where('u.utbetaltdato', '<=', periode.tilOgMed)
    .orderBy('u.utbetaltdato')
    .orderBy('u.utbetaling_id')
    .execute();
}

/**
 * The placements on the selected facts, and the payments, payouts and due items on their other
 * side; with the claims that refund a selected payment (decision 0162), and the payment each
 * loaded refund claim pays back.
 */
async function loadReferred(
  db: Kysely<Database>,
  asOf: LocalDate,
  selectedItems: readonly KravforfallFakta[],
  paymentRows: readonly InnbetalingFakta[],
  payoutRows: readonly UtbetalingFakta[],
): Promise<FaktaSett> {
  const paymentIds = paymentRows.map((row) => row.innbetalingId);
  const refunding = paymentIds.length === 0 ? [] : await refusjonQuery(db, asOf).where('r.innbetaling_id', 'in', paymentIds).select('r.krav_id').execute();
  const refundItems = refunding.length === 0 ? [] : (await kravforfallQuery(db, asOf).selectAll().where('f.krav_id', 'in', refunding.map((r) => r.krav_id)).execute()).map(kravforfallFakta);
  const itemRows = [...selectedItems, ...refundItems.filter((item) => !selectedItems.some((s) => s.kravforfallId === item.kravforfallId))];
  const itemIds = itemRows.map((row) => row.kravforfallId);
  const payoutIds = payoutRows.map((row) => row.utbetalingId);
  const plasseringer: PlasseringFakta[] =
    itemIds.length + paymentIds.length + payoutIds.length === 0
      ? []
      : (
          await db
            .selectFrom('plassering')
            .select(['seq', 'kilde', 'innbetaling_id', 'motkrav_forfall_id', 'utbetaling_id', 'kravforfall_id', 'beloep_oere', 'plassert_dato', 'bokfoert_dato'])
            .where('bokfoert_dato', '<=', asOf)
            .where((eb) =>
              eb.or([
                ...(itemIds.length ? [eb('kravforfall_id', 'in', itemIds), eb('motkrav_forfall_id', 'in', itemIds)] : []),
                ...(paymentIds.length ? [eb('innbetaling_id', 'in', paymentIds)] : []),
                ...(payoutIds.length ? [eb('utbetaling_id', 'in', payoutIds)] : []),
              ]),
            )
            .orderBy('seq')
            .execute()
        ).map((p) => ({
          seq: p.seq,
          kilde: p.kilde,
          innbetalingId: p.innbetaling_id,
          motkravForfallId: p.motkrav_forfall_id,
          utbetalingId: p.utbetaling_id,
          kravforfallId: p.kravforfall_id,
          beloepOere: p.beloep_oere,
          plassertDato: p.plassert_dato,
          bokfoertDato: p.bokfoert_dato,
        }));
  const items = new Map(itemRows.map((row) => [row.kravforfallId, row]));
  const payments = new Map(paymentRows.map((row) => [row.innbetalingId, row]));
  const payouts = new Map(payoutRows.map((row) => [row.utbetalingId, row]));
  const missing = <T>(values: (string | null)[], known: ReadonlyMap<string, T>) => [...new Set(values.filter((v): v is string => v !== null && !known.has(v)))];
  const missingItems = missing(plasseringer.flatMap((p) => [p.kravforfallId, p.motkravForfallId]), items);
  const missingPayments = missing(plasseringer.map((p) => p.innbetalingId), payments);
  const missingPayouts = missing(plasseringer.map((p) => p.utbetalingId), payouts);
  const [moreItems, morePayments, morePayouts] = await Promise.all([
    missingItems.length ? kravforfallQuery(db, asOf).selectAll().where('f.kravforfall_id', 'in', missingItems).execute() : [],
    missingPayments.length ? innbetalingQuery(db, asOf).selectAll().where('i.innbetaling_id', 'in', missingPayments).execute() : [],
    missingPayouts.length ? utbetalingQuery(db, asOf).where('u.utbetaling_id', 'in', missingPayouts).execute() : [],
  ]);
  for (const row of moreItems) items.set(row.kravforfall_id, kravforfallFakta(row));
  for (const row of morePayments) payments.set(row.innbetaling_id, innbetalingFakta(row));
  for (const row of morePayouts) payouts.set(row.utbetaling_id, utbetalingFakta(row));
  const kravIds = [...new Set([...items.values()].map((item) => item.kravId))];
  const links = kravIds.length === 0 ? [] : await refusjonQuery(db, asOf).where('r.krav_id', 'in', kravIds).select(['r.krav_id', 'r.innbetaling_id']).execute();
  const refusjoner = new Map(links.map((r) => [r.krav_id, r.innbetaling_id]));
  const refundedPayments = missing([...refusjoner.values()], payments);
  if (refundedPayments.length) for (const row of await innbetalingQuery(db, asOf).selectAll().where('i.innbetaling_id', 'in', refundedPayments).execute()) payments.set(row.innbetaling_id, innbetalingFakta(row));
  return { kravforfall: items, innbetalinger: payments, utbetalinger: payouts, plasseringer, utsettelser: await loadUtsettelser(db, asOf, [...items.keys()]), refusjoner };
}

/** Refund links of the claims booked up to the date (select from `r`). */
function refusjonQuery(db: Kysely<Database>, asOf: LocalDate) {
  return db.selectFrom('refusjon as r').innerJoin('krav as k', 'k.krav_id', 'r.krav_id').where('k.bokfoert_dato', '<=', asOf);
}

/** The deferrals booked up to the date on the given due items, by item, in posting order. */
async function loadUtsettelser(db: Kysely<Database>, asOf: LocalDate, kravforfallIds: readonly string[]): Promise<Map<string, UtsettelseFakta[]>> {
  const byItem = new Map<string, UtsettelseFakta[]>();
  if (kravforfallIds.length === 0) return byItem;
  const rows = await db.selectFrom('utsettelse').selectAll().where('kravforfall_id', 'in', kravforfallIds).where('bokfoert_dato', '<=', asOf).orderBy('seq').execute();
  for (const row of rows) {
    const list = byItem.get(row.kravforfall_id) ?? [];
    list.push({ seq: row.seq, grunn: row.grunn, fraOgMed: row.fra_dato, tilOgMed: row.til_dato, bokfoertDato: row.bokfoert_dato });
    byItem.set(row.kravforfall_id, list);
  }
  return byItem;
}

export function kravforfallFakta(row: KravforfallRow): KravforfallFakta {
  return {
    kravforfallId: row.kravforfall_id,
    kravId: row.krav_id,
    partId: row.part_id,
    nummer: row.nummer,
    antallForfall: row.antall_forfall,
    forfallsdato: row.forfallsdato,
    beloepOere: row.beloep_oere,
    kid: row.kid,
    mottakerkonto: row.mottakerkonto,
    kravtype: row.kravtype,
    kravgruppe: row.kravgruppe,
    beskrivelse: row.beskrivelse,
    periode: kravperiodeFraRad(row),
    opprettetDato: row.opprettet_dato,
    kravBokfoertDato: row.krav_bokfoert_dato,
    fastsettingsmaate: row.fastsettingsmaate,
    hovedstolKravId: row.hovedstol_krav_id,
    gjenstaaendeOere: row.gjenstaaende_oere,
  };
}

export function innbetalingFakta(row: InnbetalingRow): InnbetalingFakta {
  return {
    innbetalingId: row.innbetaling_id,
    partId: row.part_id,
    innbetalingsdato: row.innbetalingsdato,
    beloepOere: row.beloep_oere,
    kid: row.kid,
    melding: row.melding,
    betalerNavn: row.betaler_navn,
    betalerKonto: row.betaler_konto,
    mottakerkonto: row.mottakerkonto,
    innbetalingstype: row.innbetalingstype,
    valutakode: row.valutakode,
    bokfoertDato: row.bokfoert_dato,
    uplassertOere: row.uplassert_oere,
  };
}

function utbetalingFakta(row: UtbetalingRow): UtbetalingFakta {
  return {
    utbetalingId: row.utbetaling_id,
    partId: row.part_id,
    utbetaltdato: row.utbetaltdato,
    beloepOere: row.beloep_oere,
    utbetalingsmaate: row.utbetalingsmaate,
    konto: row.konto,
    mottakerAdresse: row.mottaker_adresse,
    kontoeiersNavn: row.kontoeiers_navn,
    melding: row.melding,
    valutakode: row.valutakode,
    bokfoertDato: row.bokfoert_dato,
    status: row.status,
  };
}
