import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { assertInvariant } from '../domain/assert.js';
import { compareDates, isWithin, type LocalDate } from '../domain/dates.js';
import { addExact, exactForsinkelsesrente, truncateToWholeKronerOere, type ExactOere } from '../domain/interest.js';
import { subtractOere, sumOere, toOere, type Oere } from '../domain/money.js';
import { kravperiodeFraRad, type Kravperiode } from './kravperiode.js';
import { compareKravId } from './covering.js';
import { LedgerInputError } from './errors.js';
import { apiKravtype, findKravtype, kravgruppeTekst } from './kodelister.js';
import { innbetalingQuery, kravforfallQuery, utbetalingQuery, type InnbetalingRow, type KravforfallRow, type UtbetalingRow } from './queries.js';
import { forsinkelsesrentesatser } from './rentesatser.js';
import { iPartensVisning, viewPartIds } from './skyldnergruppe.js';
import type { Innbetalingstype, MvaTermintype, PartType, PlasseringKilde, Utbetalingstatus } from './tables.js';
import { checkDato, checkPartId } from './validation.js';

/**
 * A party's view as of a date: what the Krav og betalinger API (spec §4, §7) and Min side show,
 * built from the facts booked up to and including `asOf` in a handful of queries. Amounts are øre;
 * claims are signed (credits negative), payments, placements and payouts positive. The API turns
 * payments and unplaced amounts negative where §8 says so.
 */
export interface Periode {
  readonly fraOgMed: LocalDate;
  readonly tilOgMed: LocalDate;
}

export interface PartViewQuery {
  readonly partId: string;
  readonly asOf: LocalDate;
  /** Open claims (remaining ≠ 0), payments with an unplaced amount and the §7 summaries (`/aapnekrav`). */
  readonly aapne?: boolean | undefined;
  /** Claims whose creation date lies in the period (`/krav`). */
  readonly kravOpprettet?: Periode | undefined;
  /** Payments made in the period (`/innbetalinger`). */
  readonly innbetalt?: Periode | undefined;
  /** Payouts made in the period (`/utbetalinger`). */
  readonly utbetalt?: Periode | undefined;
}

export interface PartInfo {
  readonly partId: string;
  readonly partType: PartType;
  readonly navn: string;
  readonly organisasjonsform: string | null;
  readonly eierPartId: string | null;
  readonly skjermet: boolean;
  readonly utbetalingskonto: string | null;
  readonly mvaTermintype: MvaTermintype | null;
  readonly arbeidsgiver: boolean;
  readonly forskuddspliktig: boolean;
  readonly registrertDato: LocalDate;
}

export interface Mottakerkonto {
  readonly kontonummer: string;
  readonly kontoeiersNavn: string | null;
  readonly iban: string | null;
  readonly swiftBic: string | null;
  readonly bankinformasjon: string | null;
}

export interface InnbetalingInfo {
  readonly innbetalingId: string;
  readonly partId: string;
  readonly innbetalingsdato: LocalDate;
  readonly beloepOere: Oere;
  readonly kid: string | null;
  readonly melding: string | null;
  readonly betalerNavn: string | null;
  /** Unmasked; the API masks it to the last five digits. */
  readonly betalerKonto: string | null;
  readonly mottakerkonto: string;
  readonly innbetalingstype: Innbetalingstype;
  /** The text the API shows: "Innbetalt OCR" or "Bankoverføring". */
  readonly innbetalingstypeTekst: string;
  readonly valutakode: string;
  readonly bokfoertDato: LocalDate;
}

export interface UtbetalingInfo {
  readonly utbetalingId: string;
  readonly partId: string;
  readonly utbetaltdato: LocalDate;
  readonly beloepOere: Oere;
  readonly konto: string;
  readonly kontoeiersNavn: string | null;
  readonly melding: string | null;
  readonly valutakode: string;
  /** As of the view date. */
  readonly status: Utbetalingstatus;
}

/** A due item seen from elsewhere: the other side of a set-off, or an item a payment covered. */
export interface KravforfallRef {
  readonly kravforfallId: string;
  readonly kravId: string;
  readonly partId: string;
  readonly kravtype: string;
  readonly kravtypeApi: string;
  readonly kravgruppe: string;
  readonly beskrivelse: string;
  readonly periode: Kravperiode;
  readonly forfallsdato: LocalDate;
  readonly nummer: number;
  readonly antallForfall: number;
  readonly opprinneligOere: Oere;
  /** As of the view date. */
  readonly gjenstaaendeOere: Oere;
}

export interface PlassertInnbetaling {
  readonly innbetaling: InnbetalingInfo;
  readonly plassertOere: Oere;
  readonly plassertDato: LocalDate;
}

export interface PlassertMotkrav {
  /** The other side: the credit item on a debit item, the debit item on a credit item. */
  readonly motkrav: KravforfallRef;
  readonly plassertOere: Oere;
  readonly plassertDato: LocalDate;
}

export interface PlassertUtbetaling {
  readonly utbetaling: UtbetalingInfo;
  readonly plassertOere: Oere;
  readonly plassertDato: LocalDate;
}

export interface KravforfallView {
  readonly kravforfallId: string;
  readonly nummer: number;
  readonly forfallsdato: LocalDate;
  /** Due date passed: `forfallsdato < asOf` (due today is not yet overdue, spec §7). */
  readonly forfalt: boolean;
  readonly opprinneligOere: Oere;
  readonly gjenstaaendeOere: Oere;
  readonly kid: string | null;
  readonly mottakerkonto: Mottakerkonto | null;
  readonly plassertInnbetaling: readonly PlassertInnbetaling[];
  readonly plassertMotkrav: readonly PlassertMotkrav[];
  readonly plassertUtbetaling: readonly PlassertUtbetaling[];
}

export interface KravView {
  readonly partId: string;
  readonly kravId: string;
  readonly kravtype: string;
  readonly kravtypeApi: string;
  readonly kravtypeTekst: string;
  readonly kravgruppe: string;
  readonly kravgruppeTekst: string;
  readonly beskrivelse: string;
  readonly periode: Kravperiode;
  readonly opprettetDato: LocalDate;
  readonly bokfoertDato: LocalDate;
  readonly fastsettingsmaate: string | null;
  readonly hovedstolKravId: string | null;
  readonly opprinneligOere: Oere;
  readonly gjenstaaendeOere: Oere;
  /** Whether the claim accrues forsinkelsesrente at all (debit, not itself interest). */
  readonly renteberegnes: boolean;
  /** Interest accrued on its overdue remaining amounts up to and including the view date (decision 0005). */
  readonly stipulerteRenterOere: Oere;
  readonly antallForfall: number;
  readonly forfall: readonly KravforfallView[];
}

export interface PlasseringAvInnbetaling {
  readonly krav: KravforfallRef;
  readonly plassertOere: Oere;
  readonly plassertDato: LocalDate;
}

export interface InnbetalingView extends InnbetalingInfo {
  readonly uplassertOere: Oere;
  readonly plasseringer: readonly PlasseringAvInnbetaling[];
}

export interface KreditKravView {
  readonly krav: KravforfallRef;
  /** This payout's part of the credit (positive). */
  readonly utbetaltOere: Oere;
}

export interface UtbetalingView extends UtbetalingInfo {
  readonly kreditKrav: readonly KreditKravView[];
}

export interface Summer {
  readonly sumStipulerteRenterOere: Oere;
  readonly sumForfalteKravOere: Oere;
  readonly sumIkkeForfalteKravOere: Oere;
}

export interface Oversikt {
  /**
   * Spec §7, with unplaced payments positive here: saldo = renter + forfalte + ikke forfalte − uplasserte.
   * The counts are the claims behind each sum (a claim with both overdue and later items counts in both).
   */
  readonly total: Summer & {
    readonly sumUplasserteInnbetalingerOere: Oere;
    readonly saldoOere: Oere;
    readonly antallKravForfalt: number;
    readonly antallKravIkkeForfalt: number;
  };
  /** One row per group with open claims, in the order the groups first appear among the claims. */
  readonly perKravgruppe: readonly (Summer & { readonly kravgruppe: string; readonly kravgruppeTekst: string; readonly saldoOere: Oere })[];
}

export interface PartView {
  readonly partId: string;
  readonly asOf: LocalDate;
  readonly part: PartInfo;
  /** The owner of an ENK, whose claims, payments and payouts the view includes. */
  readonly eier: PartInfo | null;
  /** The party or the included owner is shielded (spec §9). */
  readonly skjermet: boolean;
  /** The newest posting touching the included parties (for ETags); 0 when nothing is booked. */
  readonly sisteSeq: number;
  readonly aapne?: { readonly krav: readonly KravView[]; readonly innbetalinger: readonly InnbetalingView[]; readonly oversikt: Oversikt };
  readonly kravOpprettet?: readonly KravView[];
  readonly innbetalinger?: readonly InnbetalingView[];
  readonly utbetalinger?: readonly UtbetalingView[];
}

interface PlasseringRow {
  readonly seq: number;
  readonly kilde: PlasseringKilde;
  readonly innbetaling_id: string | null;
  readonly motkrav_forfall_id: string | null;
  readonly utbetaling_id: string | null;
  readonly kravforfall_id: string;
  readonly beloep_oere: Oere;
  readonly plassert_dato: LocalDate;
}

const innbetalingstypeTekst: Readonly<Record<Innbetalingstype, string>> = { ocr: 'Innbetalt OCR', bankoverfoering: 'Bankoverføring' };

export async function buildPartView(db: Kysely<Database>, query: PartViewQuery): Promise<PartView> {
  const partId = checkPartId(query.partId);
  const asOf = checkDato(query.asOf, 'asOf');
  const parts = await loadParts(db, partId);
  const part = parts.find((p) => p.partId === partId);
  if (!part) throw new LedgerInputError('ukjentPart', `Ukjent part ${partId}`);
  const eier = part.eierPartId ? (parts.find((p) => p.partId === part.eierPartId) ?? null) : null;
  const ids = viewPartIds({ part_id: part.partId, eier_part_id: part.eierPartId });

  const [itemRows, paymentRows, payoutRows, sisteSeq] = await Promise.all([
    query.aapne || query.kravOpprettet ? selectItems(db, ids, asOf, query) : Promise.resolve([]),
    query.aapne || query.innbetalt ? selectPayments(db, ids, asOf, query) : Promise.resolve([]),
    query.utbetalt ? selectPayouts(db, ids, asOf, query.utbetalt) : Promise.resolve([]),
    db.selectFrom('part_siste_seq').select((eb) => eb.fn.max('siste_seq').as('seq')).where('part_id', 'in', ids).executeTakeFirst(),
  ]);
  const facts = await Facts.load(db, asOf, itemRows, paymentRows, payoutRows);
  const kravViews = facts.kravViews(itemRows, ids);
  const aapneKrav = kravViews.filter((krav) => krav.gjenstaaendeOere !== 0);
  const payments = paymentRows.map((row) => facts.innbetalingView(row));
  const unplaced = payments.filter((p) => p.uplassertOere > 0);

  return {
    partId,
    asOf,
    part,
    eier,
    skjermet: part.skjermet || (eier?.skjermet ?? false),
    sisteSeq: Number(sisteSeq?.seq ?? 0),
    ...(query.aapne ? { aapne: { krav: aapneKrav, innbetalinger: unplaced, oversikt: oversikt(aapneKrav, unplaced) } } : {}),
    ...(query.kravOpprettet ? { kravOpprettet: kravViews.filter((k) => isWithin(k.opprettetDato, query.kravOpprettet!)) } : {}),
    ...(query.innbetalt ? { innbetalinger: payments.filter((p) => isWithin(p.innbetalingsdato, query.innbetalt!)) } : {}),
    ...(query.utbetalt ? { utbetalinger: payoutRows.map((row) => facts.utbetalingView(row)) } : {}),
  };
}

/** The §7 sums over the open claims and the unplaced payments. */
function oversikt(krav: readonly KravView[], unplaced: readonly InnbetalingView[]): Oversikt {
  const groups = new Map<string, { renter: Oere[]; forfalte: Oere[]; ikkeForfalte: Oere[] }>();
  for (const k of krav) {
    const group = groups.get(k.kravgruppe) ?? { renter: [], forfalte: [], ikkeForfalte: [] };
    groups.set(k.kravgruppe, group);
    group.renter.push(k.stipulerteRenterOere);
    for (const f of k.forfall) (f.forfalt ? group.forfalte : group.ikkeForfalte).push(f.gjenstaaendeOere);
  }
  const perKravgruppe = [...groups].map(([kravgruppe, g]) => {
    const summer = { sumStipulerteRenterOere: sumOere(g.renter), sumForfalteKravOere: sumOere(g.forfalte), sumIkkeForfalteKravOere: sumOere(g.ikkeForfalte) };
    return { kravgruppe, kravgruppeTekst: kravgruppeTekst(kravgruppe), ...summer, saldoOere: sumOere(Object.values(summer)) };
  });
  const total = {
    sumStipulerteRenterOere: sumOere(perKravgruppe.map((g) => g.sumStipulerteRenterOere)),
    sumForfalteKravOere: sumOere(perKravgruppe.map((g) => g.sumForfalteKravOere)),
    sumIkkeForfalteKravOere: sumOere(perKravgruppe.map((g) => g.sumIkkeForfalteKravOere)),
    sumUplasserteInnbetalingerOere: sumOere(unplaced.map((p) => p.uplassertOere)),
  };
  const saldoOere = toOere(total.sumStipulerteRenterOere + total.sumForfalteKravOere + total.sumIkkeForfalteKravOere - total.sumUplasserteInnbetalingerOere);
  const antallKrav = (forfalt: boolean) => krav.filter((k) => k.forfall.some((f) => f.forfalt === forfalt && f.gjenstaaendeOere !== 0)).length;
  return { total: { ...total, saldoOere, antallKravForfalt: antallKrav(true), antallKravIkkeForfalt: antallKrav(false) }, perKravgruppe };
}

async function loadParts(db: Kysely<Database>, partId: string): Promise<PartInfo[]> {
  const rows = await db
    .selectFrom('part')
    .selectAll()
    .where(iPartensVisning('part_id', partId))
    .execute();
  return rows.map((row) => ({
    partId: row.part_id,
    partType: row.part_type,
    navn: row.navn,
    organisasjonsform: row.organisasjonsform,
    eierPartId: row.eier_part_id,
    skjermet: row.skjermet,
    utbetalingskonto: row.utbetalingskonto,
    mvaTermintype: row.mva_termintype,
    arbeidsgiver: row.arbeidsgiver,
    forskuddspliktig: row.forskuddspliktig,
    registrertDato: row.registrert_dato,
  }));
}

/** All due items of the selected claims: those still open, and/or those created in the period. */
function selectItems(db: Kysely<Database>, ids: string[], asOf: LocalDate, query: PartViewQuery): Promise<KravforfallRow[]> {
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

function selectPayments(db: Kysely<Database>, ids: string[], asOf: LocalDate, query: PartViewQuery): Promise<InnbetalingRow[]> {
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

function selectPayouts(db: Kysely<Database>, ids: string[], asOf: LocalDate, periode: Periode): Promise<UtbetalingRow[]> {
  return utbetalingQuery(db, asOf)
    .where('u.part_id', 'in', ids)
    .where('u.utbetaltdato', '>=', periode.fraOgMed)
    .where('u.utbetaltdato', '<=', periode.tilOgMed)
    .orderBy('u.utbetaltdato')
    .orderBy('u.utbetaling_id')
    .execute();
}

/**
 * Every fact the selected claims, payments and payouts refer to: their placements, and the
 * payments, payouts and due items on the other side of those placements (two more round trips).
 * Checks each item, payment and payout against its placements as it goes.
 */
class Facts {
  /** Placements by the item they cover, the credit item they use, the payment and the payout. */
  private readonly byItem = new Map<string, PlasseringRow[]>();
  private readonly byMotkrav = new Map<string, PlasseringRow[]>();
  private readonly byPayment = new Map<string, PlasseringRow[]>();
  private readonly byPayout = new Map<string, PlasseringRow[]>();

  private constructor(
    private readonly asOf: LocalDate,
    private readonly items: ReadonlyMap<string, KravforfallRow>,
    private readonly payments: ReadonlyMap<string, InnbetalingRow>,
    private readonly payouts: ReadonlyMap<string, UtbetalingRow>,
    plasseringer: readonly PlasseringRow[],
  ) {
    for (const p of plasseringer) {
      append(this.byItem, p.kravforfall_id, p);
      append(this.byMotkrav, p.motkrav_forfall_id, p);
      append(this.byPayment, p.innbetaling_id, p);
      append(this.byPayout, p.utbetaling_id, p);
    }
  }

  static async load(
    db: Kysely<Database>,
    asOf: LocalDate,
    itemRows: readonly KravforfallRow[],
    paymentRows: readonly InnbetalingRow[],
    payoutRows: readonly UtbetalingRow[],
  ): Promise<Facts> {
    const itemIds = itemRows.map((row) => row.kravforfall_id);
    const paymentIds = paymentRows.map((row) => row.innbetaling_id);
    const payoutIds = payoutRows.map((row) => row.utbetaling_id);
    const plasseringer: PlasseringRow[] =
      itemIds.length + paymentIds.length + payoutIds.length === 0
        ? []
        : await db
            .selectFrom('plassering')
            .select(['seq', 'kilde', 'innbetaling_id', 'motkrav_forfall_id', 'utbetaling_id', 'kravforfall_id', 'beloep_oere', 'plassert_dato'])
            .where('bokfoert_dato', '<=', asOf)
            .where((eb) =>
              eb.or([
                ...(itemIds.length ? [eb('kravforfall_id', 'in', itemIds), eb('motkrav_forfall_id', 'in', itemIds)] : []),
                ...(paymentIds.length ? [eb('innbetaling_id', 'in', paymentIds)] : []),
                ...(payoutIds.length ? [eb('utbetaling_id', 'in', payoutIds)] : []),
              ]),
            )
            .orderBy('seq')
            .execute();
    const items = new Map(itemRows.map((row) => [row.kravforfall_id, row]));
    const payments = new Map(paymentRows.map((row) => [row.innbetaling_id, row]));
    const payouts = new Map(payoutRows.map((row) => [row.utbetaling_id, row]));
    const missing = <T>(values: (string | null)[], known: ReadonlyMap<string, T>) => [...new Set(values.filter((v): v is string => v !== null && !known.has(v)))];
    const missingItems = missing(plasseringer.flatMap((p) => [p.kravforfall_id, p.motkrav_forfall_id]), items);
    const missingPayments = missing(plasseringer.map((p) => p.innbetaling_id), payments);
    const missingPayouts = missing(plasseringer.map((p) => p.utbetaling_id), payouts);
    const [moreItems, morePayments, morePayouts] = await Promise.all([
      missingItems.length ? kravforfallQuery(db, asOf).selectAll().where('f.kravforfall_id', 'in', missingItems).execute() : [],
      missingPayments.length ? innbetalingQuery(db, asOf).selectAll().where('i.innbetaling_id', 'in', missingPayments).execute() : [],
      missingPayouts.length ? utbetalingQuery(db, asOf).where('u.utbetaling_id', 'in', missingPayouts).execute() : [],
    ]);
    for (const row of moreItems) items.set(row.kravforfall_id, row);
    for (const row of morePayments) payments.set(row.innbetaling_id, row);
    for (const row of morePayouts) payouts.set(row.utbetaling_id, row);
    const facts = new Facts(asOf, items, payments, payouts, plasseringer);
    facts.assertCovered(itemRows, paymentRows, payoutRows);
    return facts;
  }

  /** The claims of the selected items: requested party first, then the owner; oldest first. */
  kravViews(itemRows: readonly KravforfallRow[], partOrder: readonly string[]): KravView[] {
    const byKrav = new Map<string, KravforfallRow[]>();
    for (const row of itemRows) append(byKrav, row.krav_id, row);
    return [...byKrav.values()]
      .map((rows) => this.kravView(rows.sort((a, b) => a.nummer - b.nummer)))
      .sort(
        (a, b) =>
          partOrder.indexOf(a.partId) - partOrder.indexOf(b.partId) ||
          compareDates(a.opprettetDato, b.opprettetDato) ||
          compareKravId(a.kravId, b.kravId),
      );
  }

  innbetalingView(row: InnbetalingRow): InnbetalingView {
    return {
      ...innbetalingInfo(row),
      uplassertOere: row.uplassert_oere,
      plasseringer: (this.byPayment.get(row.innbetaling_id) ?? []).map((p) => ({ krav: this.ref(p.kravforfall_id), plassertOere: p.beloep_oere, plassertDato: p.plassert_dato })),
    };
  }

  utbetalingView(row: UtbetalingRow): UtbetalingView {
    return {
      ...utbetalingInfo(row),
      kreditKrav: (this.byPayout.get(row.utbetaling_id) ?? []).map((p) => ({ krav: this.ref(p.kravforfall_id), utbetaltOere: p.beloep_oere })),
    };
  }

  private kravView(rows: readonly KravforfallRow[]): KravView {
    const first = rows[0]!;
    const kravtype = findKravtype(first.kravtype);
    const renteberegnes = (kravtype?.rentebaerende ?? true) && first.hovedstol_krav_id === null && first.beloep_oere > 0;
    return {
      partId: first.part_id,
      kravId: first.krav_id,
      kravtype: first.kravtype,
      kravtypeApi: apiKravtype(first.kravtype),
      kravtypeTekst: kravtype?.tekst ?? first.kravtype,
      kravgruppe: first.kravgruppe,
      kravgruppeTekst: kravgruppeTekst(first.kravgruppe),
      beskrivelse: first.beskrivelse,
      periode: kravperiodeFraRad(first),
      opprettetDato: first.opprettet_dato,
      bokfoertDato: first.krav_bokfoert_dato,
      fastsettingsmaate: first.fastsettingsmaate,
      hovedstolKravId: first.hovedstol_krav_id,
      opprinneligOere: sumOere(rows.map((r) => r.beloep_oere)),
      gjenstaaendeOere: sumOere(rows.map((r) => r.gjenstaaende_oere)),
      renteberegnes,
      stipulerteRenterOere: renteberegnes ? this.stipulerteRenter(rows) : toOere(0),
      antallForfall: first.antall_forfall,
      forfall: rows.map((row) => this.kravforfallView(row)),
    };
  }

  /** Decision 0005: interest on each overdue item's remainder up to and including the view date, summed exactly, truncated once. */
  private stipulerteRenter(rows: readonly KravforfallRow[]): Oere {
    let sum: ExactOere | undefined;
    for (const row of rows) {
      if (row.gjenstaaende_oere <= 0 || compareDates(row.forfallsdato, this.asOf) >= 0) continue;
      const exact = exactForsinkelsesrente(forsinkelsesrentesatser(), { hovedstolOere: row.gjenstaaende_oere, forfallsdato: row.forfallsdato, sisteRentedag: this.asOf });
      sum = sum ? addExact(sum, exact) : exact;
    }
    return sum ? truncateToWholeKronerOere(sum) : toOere(0);
  }

  private kravforfallView(row: KravforfallRow): KravforfallView {
    const covering = this.byItem.get(row.kravforfall_id) ?? [];
    const on = (kilde: PlasseringKilde) => covering.filter((p) => p.kilde === kilde);
    // Set-off seen from both sides: as the debit item covered, or as the credit item used (by seq).
    const motregning = [...on('motregning'), ...(this.byMotkrav.get(row.kravforfall_id) ?? [])].sort((a, b) => a.seq - b.seq);
    return {
      kravforfallId: row.kravforfall_id,
      nummer: row.nummer,
      forfallsdato: row.forfallsdato,
      forfalt: compareDates(row.forfallsdato, this.asOf) < 0,
      opprinneligOere: row.beloep_oere,
      gjenstaaendeOere: row.gjenstaaende_oere,
      kid: row.kid,
      mottakerkonto: row.mottakerkonto
        ? { kontonummer: row.mottakerkonto, kontoeiersNavn: row.mottaker_navn, iban: row.mottaker_iban, swiftBic: row.mottaker_swift_bic, bankinformasjon: row.mottaker_bankinformasjon }
        : null,
      plassertInnbetaling: on('innbetaling').map((p) => ({ innbetaling: innbetalingInfo(this.payment(p.innbetaling_id!)), plassertOere: p.beloep_oere, plassertDato: p.plassert_dato })),
      plassertMotkrav: motregning.map((p) => ({
        motkrav: this.ref(p.kravforfall_id === row.kravforfall_id ? p.motkrav_forfall_id! : p.kravforfall_id),
        plassertOere: p.beloep_oere,
        plassertDato: p.plassert_dato,
      })),
      plassertUtbetaling: on('utbetaling').map((p) => ({ utbetaling: utbetalingInfo(this.payout(p.utbetaling_id!)), plassertOere: p.beloep_oere, plassertDato: p.plassert_dato })),
    };
  }

  private ref(kravforfallId: string): KravforfallRef {
    const row = this.items.get(kravforfallId);
    assertInvariant(row !== undefined, `placement refers to a loaded due item: ${kravforfallId}`);
    return {
      kravforfallId: row.kravforfall_id,
      kravId: row.krav_id,
      partId: row.part_id,
      kravtype: row.kravtype,
      kravtypeApi: apiKravtype(row.kravtype),
      kravgruppe: row.kravgruppe,
      beskrivelse: row.beskrivelse,
      periode: kravperiodeFraRad(row),
      forfallsdato: row.forfallsdato,
      nummer: row.nummer,
      antallForfall: row.antall_forfall,
      opprinneligOere: row.beloep_oere,
      gjenstaaendeOere: row.gjenstaaende_oere,
    };
  }

  private payment(id: string): InnbetalingRow {
    const row = this.payments.get(id);
    assertInvariant(row !== undefined, `placement refers to a loaded payment: ${id}`);
    return row;
  }

  private payout(id: string): UtbetalingRow {
    const row = this.payouts.get(id);
    assertInvariant(row !== undefined, `placement refers to a loaded payout: ${id}`);
    return row;
  }

  /** The second path to every amount: SQL derived it, the placements must add up to the same. */
  private assertCovered(itemRows: readonly KravforfallRow[], paymentRows: readonly InnbetalingRow[], payoutRows: readonly UtbetalingRow[]): void {
    const sum = (rows: readonly PlasseringRow[] | undefined) => sumOere((rows ?? []).map((p) => p.beloep_oere));
    for (const row of itemRows) {
      const covered = toOere(sum(this.byItem.get(row.kravforfall_id)) + sum(this.byMotkrav.get(row.kravforfall_id)));
      const debit = row.beloep_oere > 0;
      assertInvariant(row.gjenstaaende_oere === (debit ? subtractOere(row.beloep_oere, covered) : toOere(row.beloep_oere + covered)), `due item ${row.kravforfall_id}: remaining ≠ original − placements`);
      assertInvariant(debit ? row.gjenstaaende_oere >= 0 && row.gjenstaaende_oere <= row.beloep_oere : row.gjenstaaende_oere <= 0 && row.gjenstaaende_oere >= row.beloep_oere, `due item ${row.kravforfall_id} out of bounds`);
    }
    for (const row of paymentRows) {
      assertInvariant(row.uplassert_oere >= 0, `payment ${row.innbetaling_id} placed beyond its amount`);
      assertInvariant(row.beloep_oere === sum(this.byPayment.get(row.innbetaling_id)) + row.uplassert_oere, `payment ${row.innbetaling_id}: amount ≠ placed + unplaced`);
    }
    for (const row of payoutRows) {
      assertInvariant(row.beloep_oere === sum(this.byPayout.get(row.utbetaling_id)), `payout ${row.utbetaling_id}: amount ≠ credits paid`);
    }
  }
}

function append<V>(index: Map<string, V[]>, key: string | null, value: V): void {
  if (key === null) return;
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

function innbetalingInfo(row: InnbetalingRow): InnbetalingInfo {
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
    innbetalingstypeTekst: innbetalingstypeTekst[row.innbetalingstype],
    valutakode: row.valutakode,
    bokfoertDato: row.bokfoert_dato,
  };
}

function utbetalingInfo(row: UtbetalingRow): UtbetalingInfo {
  assertInvariant(row.status !== null, `payout ${row.utbetaling_id} has a status`);
  return {
    utbetalingId: row.utbetaling_id,
    partId: row.part_id,
    utbetaltdato: row.utbetaltdato,
    beloepOere: row.beloep_oere,
    konto: row.konto,
    kontoeiersNavn: row.kontoeiers_navn,
    melding: row.melding,
    valutakode: row.valutakode,
    status: row.status,
  };
}
