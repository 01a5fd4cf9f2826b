import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { compareKravId } from './covering.js';
import { innbetalingQuery, kravforfallQuery } from './queries.js';
import { kravperiodeFraRad } from './kravperiode.js';
import { innbetalingFakta } from './view-facts.js';
import { emptyDokument, skrivDokumenter, type KravDokument, type PartDokument } from './read-model.js';

const partiesPerRound = 500;

/**
 * Builds the read model from the facts for every party (the migration that introduces it runs
 * this once on an existing database). Reads 500 parties at a time; the rows it writes are the
 * ones the bookings would have written.
 */
export async function byggLesemodell(db: Kysely<Database>, onProgress?: (done: number, total: number) => void): Promise<void> {
  const ids = (await db.selectFrom('part').select('part_id').orderBy('part_id').execute()).map((row) => row.part_id);
  for (let start = 0; start < ids.length; start += partiesPerRound) {
    const chunk = ids.slice(start, start + partiesPerRound);
    await skrivDokumenter(db, await dokumenterFor(db, chunk));
    onProgress?.(Math.min(ids.length, start + partiesPerRound), ids.length);
  }
}

async function dokumenterFor(db: Kysely<Database>, partIds: readonly string[]): Promise<Map<string, PartDokument>> {
  const nyeTabeller = await harTabell(db, 'utsettelse');
  const [items, payments, payouts, statuses, placements, deferrals, refunds] = await Promise.all([
    kravforfallQuery(db, undefined).selectAll().where('f.part_id', 'in', partIds).execute(),
    innbetalingQuery(db, undefined).selectAll().where('i.part_id', 'in', partIds).execute(),
    db.selectFrom('utbetaling').selectAll().where('part_id', 'in', partIds).execute(),
    db
      .selectFrom('utbetaling_status as s')
      .innerJoin('utbetaling as u', 'u.utbetaling_id', 's.utbetaling_id')
      .select(['s.seq', 's.utbetaling_id', 's.status', 's.dato'])
      .where('u.part_id', 'in', partIds)
      .orderBy('s.seq')
      .execute(),
    db
      .selectFrom('plassering as p')
      .innerJoin('kravforfall as f', 'f.kravforfall_id', 'p.kravforfall_id')
      .innerJoin('krav as k', 'k.krav_id', 'f.krav_id')
      .selectAll('p')
      .select('k.part_id')
      .where('k.part_id', 'in', partIds)
      .orderBy('p.seq')
      .execute(),
    nyeTabeller
      ? db
          .selectFrom('utsettelse as u')
          .innerJoin('kravforfall as f', 'f.kravforfall_id', 'u.kravforfall_id')
          .innerJoin('krav as k', 'k.krav_id', 'f.krav_id')
          .selectAll('u')
          .where('k.part_id', 'in', partIds)
          .orderBy('u.seq')
          .execute()
      : [],
    nyeTabeller
      ? db.selectFrom('refusjon as r').innerJoin('krav as k', 'k.krav_id', 'r.krav_id').selectAll('r').where('k.part_id', 'in', partIds).execute()
      : [],
  ]);
  const dokumenter = new Map(partIds.map((id) => [id, emptyDokument()]));
  const krav = new Map<string, KravDokument>();
  for (const row of items.sort((a, b) => compareKravId(a.krav_id, b.krav_id) || a.nummer - b.nummer)) {
    let claim = krav.get(row.krav_id);
    if (claim === undefined) {
      const p = kravperiodeFraRad(row);
      claim = {
        kravId: row.krav_id,
        kravtype: row.kravtype,
        kravgruppe: row.kravgruppe,
        beskrivelse: row.beskrivelse,
        periode: { beskrivelse: p.beskrivelse, aar: p.aar, fra: p.fra, til: p.til, termin: p.termin },
        opprettetDato: row.opprettet_dato,
        bokfoertDato: row.krav_bokfoert_dato,
        fastsettingsmaate: row.fastsettingsmaate,
        hovedstolKravId: row.hovedstol_krav_id,
        forfall: [],
      };
      krav.set(row.krav_id, claim);
      dokumenter.get(row.part_id)!.krav.push(claim);
    }
    const utsettelser = deferrals
      .filter((u) => u.kravforfall_id === row.kravforfall_id)
      .map((u) => ({ seq: u.seq, grunn: u.grunn, fraOgMed: u.fra_dato, tilOgMed: u.til_dato, bokfoertDato: u.bokfoert_dato }));
    claim.forfall.push({
      kravforfallId: row.kravforfall_id,
      forfallsdato: row.forfallsdato,
      beloepOere: row.beloep_oere,
      kid: row.kid,
      mottakerkonto: row.mottakerkonto,
      gjenstaaendeOere: row.gjenstaaende_oere,
      ...(utsettelser.length > 0 ? { utsettelser } : {}),
    });
  }
  for (const row of refunds) krav.get(row.krav_id)!.refusjonAv = row.innbetaling_id;
  for (const row of payments.sort((a, b) => compareKravId(a.innbetaling_id, b.innbetaling_id))) {
    const { partId: _owner, ...dokument } = innbetalingFakta(row);
    dokumenter.get(row.part_id)!.innbetalinger.push(dokument);
  }
  for (const row of payouts.sort((a, b) => compareKravId(a.utbetaling_id, b.utbetaling_id))) {
    dokumenter.get(row.part_id)!.utbetalinger.push({
      utbetalingId: row.utbetaling_id,
      utbetaltdato: row.utbetaltdato,
      beloepOere: row.beloep_oere,
      // Absent on a schema older than migration 0012 (see harTabell).
      utbetalingsmaate: row.utbetalingsmaate ?? 'konto',
      konto: row.konto,
      mottakerAdresse: row.mottaker_adresse ?? null,
      kontoeiersNavn: row.kontoeiers_navn,
      melding: row.melding,
      valutakode: row.valutakode,
      bokfoertDato: row.bokfoert_dato,
      statuser: statuses.filter((s) => s.utbetaling_id === row.utbetaling_id).map((s) => ({ seq: s.seq, status: s.status, dato: s.dato })),
    });
  }
  for (const row of placements) {
    dokumenter.get(row.part_id)!.plasseringer.push({
      seq: row.seq,
      kilde: row.kilde,
      innbetalingId: row.innbetaling_id,
      motkravForfallId: row.motkrav_forfall_id,
      utbetalingId: row.utbetaling_id,
      kravforfallId: row.kravforfall_id,
      beloepOere: row.beloep_oere,
      plassertDato: row.plassert_dato,
      bokfoertDato: row.bokfoert_dato,
    });
  }
  return dokumenter;
}

/**
 * Migration 0007 builds the read model with this code on a schema that may not have the tables
 * later migrations add (0012: `utsettelse`, `refusjon`); a table that is not there yet holds no
 * facts, and a payout read before 0012 added its way went to an account.
 */
async function harTabell(db: Kysely<Database>, navn: string): Promise<boolean> {
  const { rows } = await sql<{ finnes: boolean }>`select to_regclass(${navn}) is not null as finnes`.execute(db);
  return rows[0]!.finnes;
}
