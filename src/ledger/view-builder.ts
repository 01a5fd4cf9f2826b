import { assertInvariant } from '../domain/assert.js';
import { compareDates, isWithin, type LocalDate } from '../domain/dates.js';
import { addExact, exactForsinkelsesrente, truncateToWholeKronerOere, type ExactOere } from '../domain/interest.js';
import { subtractOere, sumOere, toOere, type Oere } from '../domain/money.js';
import { compareKravId } from './covering.js';
import { utsettelsePaa, type FaktaSett, type InnbetalingFakta, type KravforfallFakta, type PlasseringFakta, type UtbetalingFakta } from './facts.js';
import { kravgruppeTekst, kravtypeFor, renteregel } from './kodelister.js';
import type { Mottakerkontoer } from './mottakerkontoer.js';
import type {
  InnbetalingInfo,
  InnbetalingView,
  KravforfallRef,
  KravforfallView,
  KravView,
  Mottakerkonto,
  Oversikt,
  PartInfo,
  PartView,
  PartViewQuery,
  UtbetalingInfo,
  UtbetalingView,
} from './part-view-types.js';
import { forsinkelsesrentesatser } from './rentesatser.js';
import type { Innbetalingstype, PlasseringKilde } from './tables.js';

/** What a view is built from, whichever source gave it. */
export interface ViewInput {
  readonly query: PartViewQuery;
  readonly part: PartInfo;
  readonly eier: PartInfo | null;
  readonly sisteSeq: number;
  /** The view's parties in display order: the party, then an ENK's owner. */
  readonly partOrder: readonly string[];
  /** The due items of the selected claims (all items of each), in any order. */
  readonly items: readonly KravforfallFakta[];
  /** The selected payments, by payment date then id. */
  readonly payments: readonly InnbetalingFakta[];
  /** The selected payouts, by payout date then id. */
  readonly payouts: readonly UtbetalingFakta[];
  /** Every fact the selected ones refer to, and every placement on them. */
  readonly fakta: FaktaSett;
  readonly kontoer: Mottakerkontoer;
}

const innbetalingstypeTekst: Readonly<Record<Innbetalingstype, string>> = { ocr: 'Innbetalt OCR', bankoverfoering: 'Bankoverføring' };

/** The view from the selected facts: claims, payments and payouts seen from every side, the §7 sums, checked as it goes. */
export function buildView(input: ViewInput): PartView {
  const { query } = input;
  const builder = new ViewBuilder(query.asOf, input.fakta, input.kontoer, input.items, input.payments, input.payouts);
  const kravViews = builder.kravViews(input.items, input.partOrder);
  const aapneKrav = kravViews.filter((krav) => krav.gjenstaaendeOere !== 0);
  const payments = input.payments.map((row) => builder.innbetalingView(row));
  const unplaced = payments.filter((p) => p.uplassertOere > 0);
  return {
    partId: input.part.partId,
    asOf: query.asOf,
    part: input.part,
    eier: input.eier,
    skjermet: input.part.skjermet || (input.eier?.skjermet ?? false),
    sisteSeq: input.sisteSeq,
    ...(query.aapne ? { aapne: { krav: aapneKrav, innbetalinger: unplaced, oversikt: oversikt(aapneKrav, unplaced) } } : {}),
    ...(query.kravOpprettet ? { kravOpprettet: kravViews.filter((k) => isWithin(k.opprettetDato, query.kravOpprettet!)) } : {}),
    ...(query.innbetalt ? { innbetalinger: payments.filter((p) => isWithin(p.innbetalingsdato, query.innbetalt!)) } : {}),
    ...(query.utbetalt ? { utbetalinger: input.payouts.map((row) => builder.utbetalingView(row)) } : {}),
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

/**
 * The selected claims, payments and payouts with their placements seen from both sides. Checks
 * each selected item, payment and payout against its placements: the derived amount its source
 * gave must equal what the placements add up to.
 */
class ViewBuilder {
  /** Placements by the item they cover, the credit item they use, the payment and the payout. */
  private readonly byItem = new Map<string, PlasseringFakta[]>();
  private readonly byMotkrav = new Map<string, PlasseringFakta[]>();
  private readonly byPayment = new Map<string, PlasseringFakta[]>();
  private readonly byPayout = new Map<string, PlasseringFakta[]>();
  /** The credit items of the claims that refund a payment, by payment (decision 0162). */
  private readonly refundCredits = new Map<string, KravforfallFakta[]>();

  constructor(
    private readonly asOf: LocalDate,
    private readonly fakta: FaktaSett,
    private readonly kontoer: Mottakerkontoer,
    items: readonly KravforfallFakta[],
    payments: readonly InnbetalingFakta[],
    payouts: readonly UtbetalingFakta[],
  ) {
    for (const p of fakta.plasseringer) {
      append(this.byItem, p.kravforfallId, p);
      append(this.byMotkrav, p.motkravForfallId, p);
      append(this.byPayment, p.innbetalingId, p);
      append(this.byPayout, p.utbetalingId, p);
    }
    for (const item of fakta.kravforfall.values()) if (item.beloepOere < 0) append(this.refundCredits, fakta.refusjoner.get(item.kravId) ?? null, item);
    this.assertCovered(items, payments, payouts);
  }

  /** The claims of the selected items: requested party first, then the owner; oldest first. */
  kravViews(items: readonly KravforfallFakta[], partOrder: readonly string[]): KravView[] {
    const byKrav = new Map<string, KravforfallFakta[]>();
    for (const item of items) append(byKrav, item.kravId, item);
    return [...byKrav.values()]
      .map((rows) => this.kravView(rows.sort((a, b) => a.nummer - b.nummer)))
      .sort(
        (a, b) =>
          partOrder.indexOf(a.partId) - partOrder.indexOf(b.partId) ||
          compareDates(a.opprettetDato, b.opprettetDato) ||
          compareKravId(a.kravId, b.kravId),
      );
  }

  innbetalingView(row: InnbetalingFakta): InnbetalingView {
    const placements = this.byPayment.get(row.innbetalingId) ?? [];
    const plassering = (p: PlasseringFakta) => ({ krav: this.ref(p.kravforfallId), plassertOere: p.beloepOere, plassertDato: p.plassertDato });
    // The credit items of its refund claims: what became of the money it was to get back.
    const refundCredits = (this.refundCredits.get(row.innbetalingId) ?? []).map((item) => item.kravforfallId);
    const on = (index: ReadonlyMap<string, PlasseringFakta[]>) => refundCredits.flatMap((id) => index.get(id) ?? []).sort((a, b) => a.seq - b.seq);
    return {
      ...innbetalingInfo(row),
      mottakerkontoInfo: this.mottakerkonto(row.mottakerkonto),
      uplassertOere: row.uplassertOere,
      plasseringer: placements.map(plassering),
      motregninger: on(this.byMotkrav).map((p) => ({ ...plassering(p), kreditt: this.ref(p.motkravForfallId!), seq: p.seq, forsinkelsesrenteOere: this.forsinkelsesrente(p) })),
      // A payout the bank sent back paid nothing back; its money came back as a new credit of the refund.
      tilbakebetalinger: on(this.byItem)
        .filter((p) => p.kilde === 'utbetaling')
        .map((p) => ({ utbetaling: utbetalingInfo(this.payout(p.utbetalingId!)), utbetaltOere: p.beloepOere }))
        .filter(({ utbetaling }) => utbetaling.status !== 'returnert'),
    };
  }

  utbetalingView(row: UtbetalingFakta): UtbetalingView {
    const placements = this.byPayout.get(row.utbetalingId) ?? [];
    const refunded = new Map<string, Oere>();
    for (const p of placements) {
      const innbetalingId = this.fakta.refusjoner.get(this.ref(p.kravforfallId).kravId);
      if (innbetalingId !== undefined) refunded.set(innbetalingId, toOere((refunded.get(innbetalingId) ?? 0) + p.beloepOere));
    }
    return {
      ...utbetalingInfo(row),
      kreditKrav: placements.map((p) => ({ krav: this.ref(p.kravforfallId), utbetaltOere: p.beloepOere })),
      tilbakebetalingAv: [...refunded].map(([innbetalingId, utbetaltOere]) => ({ innbetaling: innbetalingInfo(this.payment(innbetalingId)), utbetaltOere })),
    };
  }

  /**
   * The forsinkelsesrente a covering accrued on its debit item: on the amount, from the day after
   * the due date up to the day it was placed, truncated to whole kroner (decision 0005); what the
   * interest claim the ledger posted for it holds when the claim has one item. Null when the
   * debt accrues none (interest, credits, types without interest).
   */
  private forsinkelsesrente(p: PlasseringFakta): Oere | null {
    const debet = this.fakta.kravforfall.get(p.kravforfallId);
    assertInvariant(debet !== undefined, `placement refers to a loaded due item: ${p.kravforfallId}`);
    if (!renteregel(debet).renteberegnes) return null;
    if (compareDates(debet.forfallsdato, p.plassertDato) >= 0) return toOere(0);
    return truncateToWholeKronerOere(exactForsinkelsesrente(forsinkelsesrentesatser(), { hovedstolOere: p.beloepOere, forfallsdato: debet.forfallsdato, sisteRentedag: p.plassertDato }));
  }

  private kravView(rows: readonly KravforfallFakta[]): KravView {
    const first = rows[0]!;
    const kravtype = kravtypeFor(first.kravtype);
    const { renteberegnes } = renteregel(first);
    return {
      partId: first.partId,
      kravId: first.kravId,
      kravtype: first.kravtype,
      kravtypeApi: kravtype.apiKravtype,
      kravtypeTekst: kravtype.tekst,
      kravgruppe: first.kravgruppe,
      kravgruppeTekst: kravgruppeTekst(first.kravgruppe),
      beskrivelse: first.beskrivelse,
      periode: first.periode,
      opprettetDato: first.opprettetDato,
      bokfoertDato: first.kravBokfoertDato,
      fastsettingsmaate: first.fastsettingsmaate,
      hovedstolKravId: first.hovedstolKravId,
      opprinneligOere: sumOere(rows.map((r) => r.beloepOere)),
      gjenstaaendeOere: sumOere(rows.map((r) => r.gjenstaaendeOere)),
      renteberegnes,
      stipulerteRenterOere: renteberegnes ? this.stipulerteRenter(rows) : toOere(0),
      antallForfall: first.antallForfall,
      forfall: rows.map((row) => this.kravforfallView(row)),
    };
  }

  /** Decision 0005: interest on each overdue item's remainder up to and including the view date, summed exactly, truncated once. */
  private stipulerteRenter(rows: readonly KravforfallFakta[]): Oere {
    let sum: ExactOere | undefined;
    for (const row of rows) {
      if (row.gjenstaaendeOere <= 0 || compareDates(row.forfallsdato, this.asOf) >= 0) continue;
      const exact = exactForsinkelsesrente(forsinkelsesrentesatser(), { hovedstolOere: row.gjenstaaendeOere, forfallsdato: row.forfallsdato, sisteRentedag: this.asOf });
      sum = sum ? addExact(sum, exact) : exact;
    }
    return sum ? truncateToWholeKronerOere(sum) : toOere(0);
  }

  private kravforfallView(row: KravforfallFakta): KravforfallView {
    const covering = this.byItem.get(row.kravforfallId) ?? [];
    const on = (kilde: PlasseringKilde) => covering.filter((p) => p.kilde === kilde);
    // Set-off seen from both sides: as the debit item covered, or as the credit item used (by seq).
    const motregning = [...on('motregning'), ...(this.byMotkrav.get(row.kravforfallId) ?? [])].sort((a, b) => a.seq - b.seq);
    const utsettelse = utsettelsePaa(this.fakta.utsettelser.get(row.kravforfallId), this.asOf);
    return {
      kravforfallId: row.kravforfallId,
      nummer: row.nummer,
      forfallsdato: row.forfallsdato,
      forfalt: compareDates(row.forfallsdato, this.asOf) < 0,
      opprinneligOere: row.beloepOere,
      gjenstaaendeOere: row.gjenstaaendeOere,
      kid: row.kid,
      mottakerkonto: row.mottakerkonto ? this.mottakerkonto(row.mottakerkonto) : null,
      plassertInnbetaling: on('innbetaling').map((p) => ({ innbetaling: innbetalingInfo(this.payment(p.innbetalingId!)), plassertOere: p.beloepOere, plassertDato: p.plassertDato })),
      plassertMotkrav: motregning.map((p) => ({
        motkrav: this.ref(p.kravforfallId === row.kravforfallId ? p.motkravForfallId! : p.kravforfallId),
        plassertOere: p.beloepOere,
        plassertDato: p.plassertDato,
        seq: p.seq,
        forsinkelsesrenteOere: this.forsinkelsesrente(p),
      })),
      plassertUtbetaling: on('utbetaling').map((p) => ({ utbetaling: utbetalingInfo(this.payout(p.utbetalingId!)), plassertOere: p.beloepOere, plassertDato: p.plassertDato })),
      utsettelse: utsettelse ? { grunn: utsettelse.grunn, fraOgMed: utsettelse.fraOgMed, tilOgMed: utsettelse.tilOgMed } : null,
    };
  }

  /** One of Skatteetaten's receiving accounts with what is known of it. */
  private mottakerkonto(kontonummer: string): Mottakerkonto {
    const konto = this.kontoer.get(kontonummer);
    return {
      kontonummer,
      kontoeiersNavn: konto?.kontoeiersNavn ?? null,
      iban: konto?.iban ?? null,
      swiftBic: konto?.swiftBic ?? null,
      bankinformasjon: konto?.bankinformasjon ?? null,
    };
  }

  private ref(kravforfallId: string): KravforfallRef {
    const row = this.fakta.kravforfall.get(kravforfallId);
    assertInvariant(row !== undefined, `placement refers to a loaded due item: ${kravforfallId}`);
    return {
      kravforfallId: row.kravforfallId,
      kravId: row.kravId,
      partId: row.partId,
      kravtype: row.kravtype,
      kravtypeApi: kravtypeFor(row.kravtype).apiKravtype,
      kravgruppe: row.kravgruppe,
      beskrivelse: row.beskrivelse,
      periode: row.periode,
      forfallsdato: row.forfallsdato,
      nummer: row.nummer,
      antallForfall: row.antallForfall,
      opprinneligOere: row.beloepOere,
      gjenstaaendeOere: row.gjenstaaendeOere,
    };
  }

  private payment(id: string): InnbetalingFakta {
    const row = this.fakta.innbetalinger.get(id);
    assertInvariant(row !== undefined, `placement refers to a loaded payment: ${id}`);
    return row;
  }

  private payout(id: string): UtbetalingFakta {
    const row = this.fakta.utbetalinger.get(id);
    assertInvariant(row !== undefined, `placement refers to a loaded payout: ${id}`);
    return row;
  }

  /** The second path to every amount: the source derived it, the placements must add up to the same. */
  private assertCovered(items: readonly KravforfallFakta[], payments: readonly InnbetalingFakta[], payouts: readonly UtbetalingFakta[]): void {
    const sum = (rows: readonly PlasseringFakta[] | undefined) => sumOere((rows ?? []).map((p) => p.beloepOere));
    for (const row of items) {
      const covered = toOere(sum(this.byItem.get(row.kravforfallId)) + sum(this.byMotkrav.get(row.kravforfallId)));
      const debit = row.beloepOere > 0;
      assertInvariant(row.gjenstaaendeOere === (debit ? subtractOere(row.beloepOere, covered) : toOere(row.beloepOere + covered)), `due item ${row.kravforfallId}: remaining ≠ original − placements`);
      assertInvariant(debit ? row.gjenstaaendeOere >= 0 && row.gjenstaaendeOere <= row.beloepOere : row.gjenstaaendeOere <= 0 && row.gjenstaaendeOere >= row.beloepOere, `due item ${row.kravforfallId} out of bounds`);
    }
    for (const row of payments) {
      assertInvariant(row.uplassertOere >= 0, `payment ${row.innbetalingId} placed beyond its amount`);
      assertInvariant(row.beloepOere === sum(this.byPayment.get(row.innbetalingId)) + row.uplassertOere, `payment ${row.innbetalingId}: amount ≠ placed + unplaced`);
    }
    for (const row of payouts) {
      assertInvariant(row.beloepOere === sum(this.byPayout.get(row.utbetalingId)), `payout ${row.utbetalingId}: amount ≠ credits paid`);
    }
  }
}

function append<V>(index: Map<string, V[]>, key: string | null, value: V): void {
  if (key === null) return;
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

function innbetalingInfo(row: InnbetalingFakta): InnbetalingInfo {
  return {
    innbetalingId: row.innbetalingId,
    partId: row.partId,
    innbetalingsdato: row.innbetalingsdato,
    beloepOere: row.beloepOere,
    kid: row.kid,
    melding: row.melding,
    betalerNavn: row.betalerNavn,
    betalerKonto: row.betalerKonto,
    mottakerkonto: row.mottakerkonto,
    innbetalingstype: row.innbetalingstype,
    innbetalingstypeTekst: innbetalingstypeTekst[row.innbetalingstype],
    valutakode: row.valutakode,
    bokfoertDato: row.bokfoertDato,
  };
}

function utbetalingInfo(row: UtbetalingFakta): UtbetalingInfo {
  assertInvariant(row.status !== null, `payout ${row.utbetalingId} has a status`);
  return {
    utbetalingId: row.utbetalingId,
    partId: row.partId,
    utbetaltdato: row.utbetaltdato,
    beloepOere: row.beloepOere,
    utbetalingsmaate: row.utbetalingsmaate,
    konto: row.konto,
    mottakerAdresse: row.mottakerAdresse,
    kontoeiersNavn: row.kontoeiersNavn,
    melding: row.melding,
    valutakode: row.valutakode,
    status: row.status,
  };
}
