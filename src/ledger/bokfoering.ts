import { assertInvariant } from '../domain/assert.js';
import { compareDates, type LocalDate } from '../domain/dates.js';
import { makeKid } from '../domain/kid.js';
import { absOere, addOere, subtractOere, sumOere, toOere, type Oere } from '../domain/money.js';
import { emptyBookedRows, postingTables, type BookedRows, type LedgerWriter, type SisteSeq } from './booked-rows.js';
import type { GruppeInnbetaling, GruppeKravforfall, NyInnbetaling, NyLevering, NyttKrav, NyUtbetaling, NyUtsettelse } from './booking-types.js';
import { compareKravId, type DebetPost } from './covering.js';
import { utsettelsePaa, type UtsettelseFakta } from './facts.js';
import { IdReservation, type IdCounts, type NumberSource } from './id-reservation.js';
import { findKravtype, renteregel } from './kodelister.js';
import type { KreditPost } from './motregning.js';
import type { MottakerkontoInfo, Mottakerkontoer } from './mottakerkontoer.js';
import {
  emptyDokument,
  kravforfallFraDokument,
  type ForfallDokument,
  type InnbetalingDokument,
  type KravDokument,
  type PartDokument,
  type UtbetalingDokument,
  type UtsettelseDokument,
} from './read-model.js';
import type { PartRow } from './skyldnergruppe.js';
import type { Utbetalingstatus } from './tables.js';

export type { GruppeInnbetaling, GruppeKravforfall, NyInnbetaling, NyLevering, NyttKrav, NyUtbetaling, NyUtsettelse } from './booking-types.js';
export type { IdCounts } from './id-reservation.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A due item as the session tracks it, with its read-model copy. */
interface SessionItem extends Mutable<GruppeKravforfall> {
  readonly dokument: ForfallDokument;
  /** Open when the session began, or booked in it: the items a KID or an interest claim may name. */
  readonly tracked: boolean;
}

interface SessionPayment extends Mutable<GruppeInnbetaling> {
  readonly dokument: InnbetalingDokument;
}

/** Where a session starts: the locked group's parties and read-model rows, the accounts, the number source and the writer. */
export interface SessionStart {
  readonly parts: readonly PartRow[];
  readonly dokumenter: ReadonlyMap<string, PartDokument>;
  readonly kontoer: Mottakerkontoer;
  readonly sisteBokfoertDato: LocalDate | null;
  readonly numbers: NumberSource;
  readonly writer: LedgerWriter;
}

/**
 * A booking session: one transaction holding the debtor group's lock and the group's read-model
 * rows in memory, and the rows the commands book. Every movement of money goes through a method
 * here, which checks the item and payment bounds as it moves and keeps the read model current;
 * `assertBalanced` checks the group equation after each command; `flush` hands everything to the
 * writer (inserts, or the bulk loader's COPY).
 */
export class Bokfoering {
  readonly #parts: ReadonlyMap<string, PartRow>;
  readonly #kontoer: Mottakerkontoer;
  readonly #dokumenter = new Map<string, PartDokument>();
  readonly #items = new Map<string, SessionItem>();
  readonly #payments = new Map<string, SessionPayment>();
  readonly #payouts = new Map<string, UtbetalingDokument>();
  readonly #touched = new Map<string, LocalDate>();
  readonly #changed = new Set<string>();
  readonly #ids: IdReservation;
  readonly #numbers: NumberSource;
  readonly #writer: LedgerWriter;
  #pending: BookedRows = emptyBookedRows();
  /** The read-model copies of this flush's placements, payout statuses and deferrals, which take their posting number at flush. */
  #pendingDocSeqs: PendingDocSeqs = emptyPendingDocSeqs();
  /** Σ original (signed), Σ payments and Σ payouts of the whole group, for the balance equation. */
  #totals: { opprinnelig: Oere; innbetalt: Oere; utbetalt: Oere } = { opprinnelig: toOere(0), innbetalt: toOere(0), utbetalt: toOere(0) };
  #sisteBokfoertDato: LocalDate | null;
  #current: { idempotencyKey: string; bokfoertDato: LocalDate } | undefined;

  constructor(start: SessionStart) {
    this.#parts = new Map(start.parts.map((part) => [part.part_id, part]));
    this.#kontoer = start.kontoer;
    this.#numbers = start.numbers;
    this.#ids = new IdReservation(start.numbers);
    this.#writer = start.writer;
    this.#sisteBokfoertDato = start.sisteBokfoertDato;
    const items: SessionItem[] = [];
    for (const part of start.parts) {
      const dokument = start.dokumenter.get(part.part_id);
      assertInvariant(dokument !== undefined, `party ${part.part_id} has a read-model row`);
      this.#dokumenter.set(part.part_id, dokument);
      for (const krav of dokument.krav) {
        const facts = kravforfallFraDokument(part.part_id, krav);
        facts.forEach((fact, index) => {
          const { erForsinkelsesrente, renteberegnes } = renteregel(fact);
          items.push({ ...fact, opprinneligOere: fact.beloepOere, erForsinkelsesrente, rentebaerende: renteberegnes, dokument: krav.forfall[index]!, tracked: fact.gjenstaaendeOere !== 0 });
          this.#totals.opprinnelig = addOere(this.#totals.opprinnelig, fact.beloepOere);
        });
      }
      for (const innbetaling of dokument.innbetalinger) {
        this.#payments.set(innbetaling.innbetalingId, { ...paymentOf(part.part_id, innbetaling), dokument: innbetaling });
        this.#totals.innbetalt = addOere(this.#totals.innbetalt, innbetaling.beloepOere);
      }
      for (const utbetaling of dokument.utbetalinger) {
        this.#payouts.set(utbetaling.utbetalingId, utbetaling);
        this.#totals.utbetalt = addOere(this.#totals.utbetalt, utbetaling.beloepOere);
      }
    }
    // Booking order (ids come from sequences), so walks over the group are the same on every database.
    for (const item of items.sort((a, b) => compareKravId(a.kravforfallId, b.kravforfallId))) this.#items.set(item.kravforfallId, item);
    this.assertBalanced();
  }

  get partIds(): string[] {
    return [...this.#parts.keys()];
  }

  part(partId: string): PartRow | undefined {
    return this.#parts.get(partId);
  }

  konto(kontonummer: string): MottakerkontoInfo | undefined {
    return this.#kontoer.get(kontonummer);
  }

  get sisteBokfoertDato(): LocalDate | null {
    return this.#sisteBokfoertDato;
  }

  get bokfoertDato(): LocalDate {
    assertInvariant(this.#current !== undefined, 'no command is running');
    return this.#current.bokfoertDato;
  }

  /** The payout of the group, if any (its statuses in posting order). */
  utbetaling(utbetalingId: string): (UtbetalingDokument & { readonly partId: string }) | undefined {
    for (const [partId, dokument] of this.#dokumenter) {
      const found = dokument.utbetalinger.find((u) => u.utbetalingId === utbetalingId);
      if (found) return { ...found, partId };
    }
    return undefined;
  }

  /** The group's payouts, in booking order, with their party. */
  utbetalinger(): (UtbetalingDokument & { readonly partId: string })[] {
    return [...this.#dokumenter].flatMap(([partId, dokument]) => dokument.utbetalinger.map((u) => ({ ...u, partId }))).sort((a, b) => compareKravId(a.utbetalingId, b.utbetalingId));
  }

  /** Rows booked from now on carry this command's key and business date. */
  beginCommand(idempotencyKey: string, bokfoertDato: LocalDate): void {
    assertInvariant(this.#sisteBokfoertDato === null || compareDates(bokfoertDato, this.#sisteBokfoertDato) >= 0, 'commands of a group go forward in time');
    this.#current = { idempotencyKey, bokfoertDato };
    this.#sisteBokfoertDato = bokfoertDato;
  }

  /** `resultatJson`: the command's result as the JSON it is stored as. */
  endCommand(kommandoType: string, forespoerselHash: string, resultatJson: string): void {
    const { idempotencyKey, bokfoertDato } = this.#stamp();
    this.assertBalanced();
    this.#pending.kommando.push({
      idempotency_key: idempotencyKey,
      kommando_type: kommandoType,
      forespoersel_hash: forespoerselHash,
      resultat: resultatJson,
      bokfoert_dato: bokfoertDato,
    });
    this.#current = undefined;
  }

  item(kravforfallId: string): GruppeKravforfall {
    return this.#item(kravforfallId);
  }

  #item(kravforfallId: string): SessionItem {
    const item = this.#items.get(kravforfallId);
    assertInvariant(item !== undefined, `due item ${kravforfallId} is not in the group`);
    return item;
  }

  /** A tracked item of the claim (its description, period and group), if the session knows the claim. */
  kravInfo(kravId: string): GruppeKravforfall | undefined {
    let first: GruppeKravforfall | undefined;
    for (const item of this.#items.values()) if (item.tracked && item.kravId === kravId && (!first || item.nummer < first.nummer)) first = item;
    return first;
  }

  /** Every due item of a claim booked on the group, in instalment order (none for a claim the group does not have). */
  kravforfallAv(kravId: string): GruppeKravforfall[] {
    return [...this.#items.values()].filter((item) => item.kravId === kravId).sort((a, b) => a.nummer - b.nummer);
  }

  /** The open claim a KID identifies within the group, if any. */
  kravIdForKid(kid: string): string | undefined {
    for (const item of this.#items.values()) if (item.kid === kid && item.gjenstaaendeOere !== 0) return item.kravId;
    return undefined;
  }

  /** The group of a claim booked on the group, if any. */
  kravgruppeAv(kravId: string): string | undefined {
    for (const item of this.#items.values()) if (item.kravId === kravId) return item.kravgruppe;
    return undefined;
  }

  /** The deferral in force on the running command's date for a due item of the group, if any (decision 0160). */
  utsettelse(kravforfallId: string): UtsettelseFakta | undefined {
    return utsettelsePaa(this.#item(kravforfallId).dokument.utsettelser, this.bokfoertDato);
  }

  openDebetPoster(): DebetPost[] {
    return [...this.#items.values()]
      .filter((item) => item.gjenstaaendeOere > 0)
      .map((item) => ({
        ref: { kind: 'kravforfall', kravforfallId: item.kravforfallId },
        kravId: item.kravId,
        nummer: item.nummer,
        forfallsdato: item.forfallsdato,
        kravOpprettetDato: item.opprettetDato,
        kravgruppe: item.kravgruppe,
        mottakerkonto: item.mottakerkonto,
        gjenstaaendeOere: item.gjenstaaendeOere,
        erForsinkelsesrente: item.erForsinkelsesrente,
        rentebaerende: item.rentebaerende,
        utsatt: this.utsettelse(item.kravforfallId) !== undefined,
      }));
  }

  openKreditPoster(partId?: string): (KreditPost & { readonly partId: string })[] {
    return [...this.#items.values()]
      .filter((item) => item.gjenstaaendeOere < 0 && (partId === undefined || item.partId === partId))
      .map((item) => ({
        kravforfallId: item.kravforfallId,
        kravId: item.kravId,
        partId: item.partId,
        nummer: item.nummer,
        forfallsdato: item.forfallsdato,
        kravOpprettetDato: item.opprettetDato,
        gjenstaaendeOere: item.gjenstaaendeOere,
      }));
  }

  /** Payments with an unplaced amount, oldest first. */
  unplacedPayments(): GruppeInnbetaling[] {
    return [...this.#payments.values()]
      .filter((payment) => payment.uplassertOere > 0)
      .sort((a, b) => compareDates(a.innbetalingsdato, b.innbetalingsdato) || compareKravId(a.innbetalingId, b.innbetalingId));
  }

  async bookKrav(nye: readonly NyttKrav[]): Promise<GruppeKravforfall[][]> {
    if (nye.length === 0) return [];
    const { bokfoertDato, idempotencyKey } = this.#stamp();
    const ids = await this.#ids.take({ krav: nye.length, kravforfall: nye.reduce((sum, krav) => sum + krav.forfall.length, 0) });
    let nextItem = 0;
    return nye.map((krav, index) => {
      const kravId = ids.krav[index]!;
      assertInvariant(findKravtype(krav.kravtype) !== undefined, `unknown kravtype ${krav.kravtype}`);
      assertInvariant(this.#parts.has(krav.partId), `claim for ${krav.partId} outside the locked group`);
      assertInvariant(krav.forfall.length > 0, 'a claim has at least one due item');
      assertInvariant(krav.forfall.every((f) => f.beloepOere > 0) || krav.forfall.every((f) => f.beloepOere < 0), 'a claim is debit or credit, not both');
      this.#pending.krav.push({
        krav_id: kravId,
        seq: 0,
        part_id: krav.partId,
        kravtype: krav.kravtype,
        kravgruppe: krav.kravgruppe,
        beskrivelse: krav.beskrivelse,
        periode_beskrivelse: krav.periode.beskrivelse,
        periode_aar: krav.periode.aar ?? null,
        periode_fra: krav.periode.fra ?? null,
        periode_til: krav.periode.til ?? null,
        termin: krav.periode.termin ?? null,
        opprettet_dato: krav.opprettetDato,
        fastsettingsmaate: krav.fastsettingsmaate,
        hovedstol_krav_id: krav.hovedstolKravId,
        bokfoert_dato: bokfoertDato,
        idempotency_key: idempotencyKey,
      });
      const forfallDokumenter: ForfallDokument[] = [];
      this.#dokument(krav.partId).krav.push({
        kravId,
        kravtype: krav.kravtype,
        kravgruppe: krav.kravgruppe,
        beskrivelse: krav.beskrivelse,
        // One key order for the stored document, whoever built the period.
        periode: { beskrivelse: krav.periode.beskrivelse, aar: krav.periode.aar, fra: krav.periode.fra, til: krav.periode.til, termin: krav.periode.termin },
        opprettetDato: krav.opprettetDato,
        bokfoertDato,
        fastsettingsmaate: krav.fastsettingsmaate,
        hovedstolKravId: krav.hovedstolKravId,
        forfall: forfallDokumenter,
      });
      this.#touch(krav.partId);
      return krav.forfall.map((forfall, nummer) => {
        const kravforfallId = ids.kravforfall[nextItem++]!;
        const kid = forfall.kid === 'generer' ? this.#generateKid(kravId, forfall.mottakerkonto) : forfall.kid;
        this.#pending.kravforfall.push({
          kravforfall_id: kravforfallId,
          krav_id: kravId,
          nummer: nummer + 1,
          forfallsdato: forfall.forfallsdato,
          beloep_oere: forfall.beloepOere,
          kid,
          mottakerkonto: forfall.mottakerkonto,
        });
        const dokument: ForfallDokument = { kravforfallId, forfallsdato: forfall.forfallsdato, beloepOere: forfall.beloepOere, kid, mottakerkonto: forfall.mottakerkonto, gjenstaaendeOere: forfall.beloepOere };
        forfallDokumenter.push(dokument);
        const regel = renteregel({ kravtype: krav.kravtype, hovedstolKravId: krav.hovedstolKravId, beloepOere: forfall.beloepOere });
        const item: SessionItem = {
          kravforfallId,
          kravId,
          partId: krav.partId,
          nummer: nummer + 1,
          antallForfall: krav.forfall.length,
          forfallsdato: forfall.forfallsdato,
          opprinneligOere: forfall.beloepOere,
          kid,
          mottakerkonto: forfall.mottakerkonto,
          kravtype: krav.kravtype,
          kravgruppe: krav.kravgruppe,
          beskrivelse: krav.beskrivelse,
          periode: krav.periode,
          opprettetDato: krav.opprettetDato,
          fastsettingsmaate: krav.fastsettingsmaate,
          hovedstolKravId: krav.hovedstolKravId,
          erForsinkelsesrente: regel.erForsinkelsesrente,
          rentebaerende: regel.renteberegnes,
          gjenstaaendeOere: forfall.beloepOere,
          dokument,
          tracked: true,
        };
        this.#items.set(kravforfallId, item);
        this.#totals.opprinnelig = addOere(this.#totals.opprinnelig, forfall.beloepOere);
        return item;
      });
    });
  }

  async bookInnbetaling(ny: NyInnbetaling): Promise<GruppeInnbetaling> {
    const { bokfoertDato, idempotencyKey } = this.#stamp();
    assertInvariant(ny.beloepOere > 0, 'a payment is positive');
    assertInvariant(this.#parts.has(ny.partId), `payment for ${ny.partId} outside the locked group`);
    const innbetalingId = (await this.#ids.take({ innbetaling: 1 })).innbetaling[0]!;
    this.#pending.innbetaling.push({
      innbetaling_id: innbetalingId,
      seq: 0,
      part_id: ny.partId,
      innbetalingsdato: ny.innbetalingsdato,
      beloep_oere: ny.beloepOere,
      kid: ny.kid,
      melding: ny.melding,
      betaler_navn: ny.betalerNavn,
      betaler_konto: ny.betalerKonto,
      mottakerkonto: ny.mottakerkonto,
      innbetalingstype: ny.innbetalingstype,
      valutakode: 'NOK',
      bokfoert_dato: bokfoertDato,
      idempotency_key: idempotencyKey,
      uidentifisert_id: ny.uidentifisertId,
    });
    const dokument: InnbetalingDokument = {
      innbetalingId,
      innbetalingsdato: ny.innbetalingsdato,
      beloepOere: ny.beloepOere,
      kid: ny.kid,
      melding: ny.melding,
      betalerNavn: ny.betalerNavn,
      betalerKonto: ny.betalerKonto,
      mottakerkonto: ny.mottakerkonto,
      innbetalingstype: ny.innbetalingstype,
      valutakode: 'NOK',
      bokfoertDato,
      uplassertOere: ny.beloepOere,
    };
    this.#dokument(ny.partId).innbetalinger.push(dokument);
    const payment: SessionPayment = { ...paymentOf(ny.partId, dokument), dokument };
    this.#payments.set(innbetalingId, payment);
    this.#totals.innbetalt = addOere(this.#totals.innbetalt, ny.beloepOere);
    this.#touch(ny.partId);
    return payment;
  }

  /** A payment covers (part of) a debit item. */
  placeInnbetaling(innbetalingId: string, kravforfallId: string, beloepOere: Oere): void {
    const payment = this.#payments.get(innbetalingId);
    assertInvariant(payment !== undefined, `payment ${innbetalingId} is not in the group`);
    assertInvariant(beloepOere > 0 && beloepOere <= payment.uplassertOere, 'a payment places at most its unplaced amount');
    this.#coverDebit(kravforfallId, beloepOere);
    payment.uplassertOere = subtractOere(payment.uplassertOere, beloepOere);
    payment.dokument.uplassertOere = payment.uplassertOere;
    this.#changed.add(payment.partId);
    this.#pushPlassering({ kilde: 'innbetaling', innbetalingId, motkravForfallId: null, utbetalingId: null, kravforfallId, beloepOere });
    this.#touch(payment.partId);
  }

  /** The payment a payout paid back: when every credit it paid is a refund claim of that one payment (decision 0162). */
  refundertInnbetaling(utbetalingId: string): string | undefined {
    const placements = [...this.#dokumenter.values()].flatMap((dokument) => dokument.plasseringer).filter((p) => p.utbetalingId === utbetalingId);
    const payments = new Set(placements.map((p) => this.#krav(this.#item(p.kravforfallId).kravId)?.refusjonAv));
    const [only] = payments;
    return payments.size === 1 ? only : undefined;
  }

  #krav(kravId: string): KravDokument | undefined {
    for (const dokument of this.#dokumenter.values()) {
      const found = dokument.krav.find((k) => k.kravId === kravId);
      if (found) return found;
    }
    return undefined;
  }

  /** A refund's claim (motpost tilbakebetaling, krav til utbetaling, a returned refund's credit) names the payment it pays back (decision 0162). */
  bookRefusjon(kravId: string, innbetalingId: string): void {
    this.#stamp();
    const payment = this.#payments.get(innbetalingId);
    assertInvariant(payment !== undefined, `payment ${innbetalingId} is in the group`);
    const krav = this.#krav(kravId);
    assertInvariant(krav !== undefined && krav.refusjonAv === undefined, `claim ${kravId} is in the group and refunds no payment yet`);
    this.#pending.refusjon.push({ krav_id: kravId, innbetaling_id: innbetalingId });
    krav.refusjonAv = innbetalingId;
    this.#changed.add(this.kravforfallAv(kravId)[0]!.partId);
  }

  /** A credit item is set off against a debit item: one row, shown on both sides. */
  placeMotregning(kreditForfallId: string, debetForfallId: string, beloepOere: Oere): void {
    this.#coverCredit(kreditForfallId, beloepOere);
    this.#coverDebit(debetForfallId, beloepOere);
    this.#pushPlassering({ kilde: 'motregning', innbetalingId: null, motkravForfallId: kreditForfallId, utbetalingId: null, kravforfallId: debetForfallId, beloepOere });
  }

  async bookUtbetaling(ny: NyUtbetaling): Promise<string> {
    const { bokfoertDato, idempotencyKey } = this.#stamp();
    assertInvariant(ny.poster.length > 0, 'a payout pays at least one credit item');
    assertInvariant((ny.utbetalingsmaate === 'konto') === (ny.konto !== null) && (ny.konto === null) === (ny.mottakerAdresse !== null), 'a payout goes to an account, or by post to an address');
    const beloepOere = sumOere(ny.poster.map((post) => post.beloepOere));
    const utbetalingId = (await this.#ids.take({ utbetaling: 1 })).utbetaling[0]!;
    this.#pending.utbetaling.push({
      utbetaling_id: utbetalingId,
      seq: 0,
      part_id: ny.partId,
      utbetaltdato: bokfoertDato,
      beloep_oere: beloepOere,
      konto: ny.konto,
      kontoeiers_navn: ny.kontoeiersNavn,
      melding: ny.melding,
      valutakode: 'NOK',
      bokfoert_dato: bokfoertDato,
      idempotency_key: idempotencyKey,
      utbetalingsmaate: ny.utbetalingsmaate,
      mottaker_adresse: ny.mottakerAdresse === null ? null : JSON.stringify(ny.mottakerAdresse),
    });
    const dokument: UtbetalingDokument = {
      utbetalingId,
      utbetaltdato: bokfoertDato,
      beloepOere,
      utbetalingsmaate: ny.utbetalingsmaate,
      konto: ny.konto,
      mottakerAdresse: ny.mottakerAdresse,
      kontoeiersNavn: ny.kontoeiersNavn,
      melding: ny.melding,
      valutakode: 'NOK',
      bokfoertDato,
      statuser: [],
    };
    this.#dokument(ny.partId).utbetalinger.push(dokument);
    this.#payouts.set(utbetalingId, dokument);
    for (const post of ny.poster) {
      assertInvariant(this.item(post.kravforfallId).partId === ny.partId, 'a payout pays the credits of its own party');
      this.#coverCredit(post.kravforfallId, post.beloepOere);
      this.#pushPlassering({ kilde: 'utbetaling', innbetalingId: null, motkravForfallId: null, utbetalingId, kravforfallId: post.kravforfallId, beloepOere: post.beloepOere });
    }
    this.#totals.utbetalt = addOere(this.#totals.utbetalt, beloepOere);
    // An order to the bank until its camt.054 confirms the transfer (decision 0172).
    this.bookUtbetalingStatus(utbetalingId, ny.partId, 'underUtbetaling');
    return utbetalingId;
  }

  bookUtbetalingStatus(utbetalingId: string, partId: string, status: Utbetalingstatus): void {
    const { bokfoertDato, idempotencyKey } = this.#stamp();
    const payout = this.#payouts.get(utbetalingId);
    assertInvariant(payout !== undefined, `payout ${utbetalingId} is in the group`);
    this.#pending.utbetaling_status.push({ seq: 0, utbetaling_id: utbetalingId, status, dato: bokfoertDato, idempotency_key: idempotencyKey });
    const copy = { seq: 0, status, dato: bokfoertDato };
    payout.statuser.push(copy);
    this.#pendingDocSeqs.utbetaling_status.push(copy);
    this.#changed.add(partId);
    this.#touch(partId);
  }

  bookLevering(ny: NyLevering): void {
    const { bokfoertDato, idempotencyKey } = this.#stamp();
    assertInvariant(this.#parts.has(ny.partId), `filing for ${ny.partId} outside the locked group`);
    this.#pending.levering.push({
      seq: 0,
      part_id: ny.partId,
      leveringstype: ny.leveringstype,
      periode_aar: ny.periodeAar,
      termin: ny.termin,
      levert_dato: ny.levertDato,
      bokfoert_dato: bokfoertDato,
      idempotency_key: idempotencyKey,
    });
    this.#touch(ny.partId);
  }

  /** A deferral of a debit item's collection: a fact on the item; no money moves. */
  bookUtsettelse(ny: NyUtsettelse): void {
    const { bokfoertDato, idempotencyKey } = this.#stamp();
    const item = this.#item(ny.kravforfallId);
    assertInvariant(item.opprinneligOere > 0, `only a debit item is deferred: ${ny.kravforfallId}`);
    assertInvariant(compareDates(ny.fraOgMed, ny.tilOgMed) <= 0, 'a deferral ends on or after its start');
    this.#pending.utsettelse.push({ seq: 0, kravforfall_id: ny.kravforfallId, grunn: ny.grunn, fra_dato: ny.fraOgMed, til_dato: ny.tilOgMed, bokfoert_dato: bokfoertDato, idempotency_key: idempotencyKey });
    const copy: UtsettelseDokument = { seq: 0, grunn: ny.grunn, fraOgMed: ny.fraOgMed, tilOgMed: ny.tilOgMed, bokfoertDato };
    (item.dokument.utsettelser ??= []).push(copy);
    this.#pendingDocSeqs.utsettelse.push(copy);
    this.#changed.add(item.partId);
    this.#touch(item.partId);
  }

  /**
   * The group equation (docs/ARCHITECTURE.md): Σ remaining (signed) − Σ unplaced =
   * Σ original (signed) − Σ payments + Σ payouts. Nothing is created or lost.
   */
  assertBalanced(): void {
    const rest = sumOere([...this.#items.values()].map((item) => item.gjenstaaendeOere));
    const uplassert = sumOere([...this.#payments.values()].map((payment) => payment.uplassertOere));
    const { opprinnelig, innbetalt, utbetalt } = this.#totals;
    assertInvariant(
      rest - uplassert === opprinnelig - innbetalt + utbetalt,
      `debtor group ${this.partIds.join(',')} out of balance: rest ${rest} − unplaced ${uplassert} ≠ original ${opprinnelig} − paid ${innbetalt} + paid out ${utbetalt}`,
    );
  }

  /** The parties whose facts or newest posting this session changed so far (what caches of their views must drop). */
  get touchedPartIds(): string[] {
    return [...this.#touched.keys()];
  }

  /**
   * Gives the booked rows their posting numbers (in the order the tables were always written),
   * then hands them, the changed read-model rows and the parties' newest posting to the writer.
   */
  async flush(): Promise<void> {
    const p = this.#pending;
    const seqs = await this.#numbers.postingSeqs(postingTables.reduce((sum, table) => sum + p[table].length, 0));
    let next = 0;
    for (const table of postingTables) for (const row of p[table]) row.seq = seqs[next++]!;
    const docs = this.#pendingDocSeqs;
    for (const table of ['utbetaling_status', 'plassering', 'utsettelse'] as const) {
      assertInvariant(docs[table].length === p[table].length, `every booked ${table} row has its read-model copy`);
      docs[table].forEach((copy, i) => (copy.seq = p[table][i]!.seq));
    }
    const sisteSeq: SisteSeq[] = seqs.length === 0 ? [] : [...this.#touched].map(([partId, dato]) => ({ partId, seq: seqs.at(-1)!, dato }));
    const dokumenter = new Map([...this.#changed].map((partId) => [partId, this.#dokument(partId)]));
    await this.#writer({ rows: p, dokumenter, sisteSeq });
    this.#pending = emptyBookedRows();
    this.#pendingDocSeqs = emptyPendingDocSeqs();
    this.#changed.clear();
  }

  /** Reserves, in one round trip, the ids the coming commands are known to need (`IdReservation`). */
  async reserveIds(counts: IdCounts, spare = 0): Promise<void> {
    await this.#ids.reserve(counts, spare);
  }

  #stamp(): { idempotencyKey: string; bokfoertDato: LocalDate } {
    assertInvariant(this.#current !== undefined, 'rows are booked inside a command');
    return this.#current;
  }

  #dokument(partId: string): PartDokument {
    let dokument = this.#dokumenter.get(partId);
    if (dokument === undefined) {
      dokument = emptyDokument();
      this.#dokumenter.set(partId, dokument);
    }
    this.#changed.add(partId);
    return dokument;
  }

  #touch(partId: string): void {
    this.#touched.set(partId, this.#stamp().bokfoertDato);
  }

  #pushPlassering(row: { kilde: 'innbetaling' | 'motregning' | 'utbetaling'; innbetalingId: string | null; motkravForfallId: string | null; utbetalingId: string | null; kravforfallId: string; beloepOere: Oere }): void {
    const { bokfoertDato, idempotencyKey } = this.#stamp();
    this.#pending.plassering.push({
      seq: 0,
      kilde: row.kilde,
      innbetaling_id: row.innbetalingId,
      motkrav_forfall_id: row.motkravForfallId,
      utbetaling_id: row.utbetalingId,
      kravforfall_id: row.kravforfallId,
      beloep_oere: row.beloepOere,
      plassert_dato: bokfoertDato,
      bokfoert_dato: bokfoertDato,
      idempotency_key: idempotencyKey,
    });
    // The placement belongs to the read-model row of the covered item's party.
    const copy = { seq: 0, ...row, plassertDato: bokfoertDato, bokfoertDato };
    this.#dokument(this.#item(row.kravforfallId).partId).plasseringer.push(copy);
    this.#pendingDocSeqs.plassering.push(copy);
  }

  #coverDebit(kravforfallId: string, beloepOere: Oere): void {
    const item = this.#item(kravforfallId);
    assertInvariant(item.opprinneligOere > 0, `only a debit item can be covered: ${kravforfallId}`);
    assertInvariant(beloepOere > 0 && beloepOere <= item.gjenstaaendeOere, `a debit item never goes below zero: ${kravforfallId}`);
    this.#setRemaining(item, subtractOere(item.gjenstaaendeOere, beloepOere));
  }

  #coverCredit(kravforfallId: string, beloepOere: Oere): void {
    const item = this.#item(kravforfallId);
    assertInvariant(item.opprinneligOere < 0, `only a credit item can be used: ${kravforfallId}`);
    assertInvariant(beloepOere > 0 && beloepOere <= absOere(item.gjenstaaendeOere), `a credit item never goes above zero: ${kravforfallId}`);
    this.#setRemaining(item, addOere(item.gjenstaaendeOere, beloepOere));
  }

  #setRemaining(item: SessionItem, gjenstaaendeOere: Oere): void {
    item.gjenstaaendeOere = gjenstaaendeOere;
    item.dokument.gjenstaaendeOere = gjenstaaendeOere;
    this.#changed.add(item.partId);
    this.#touch(item.partId);
  }

  #generateKid(kravId: string, kontonummer: string | null): string {
    const konto = kontonummer === null ? undefined : this.#kontoer.get(kontonummer);
    return makeKid(kravId, konto?.kidAlgoritme ?? 'MOD11');
  }
}

type PendingDocSeqs = Record<'plassering' | 'utbetaling_status' | 'utsettelse', { seq: number }[]>;

function emptyPendingDocSeqs(): PendingDocSeqs {
  return { plassering: [], utbetaling_status: [], utsettelse: [] };
}

function paymentOf(partId: string, dokument: InnbetalingDokument): Mutable<GruppeInnbetaling> {
  return {
    innbetalingId: dokument.innbetalingId,
    partId,
    innbetalingsdato: dokument.innbetalingsdato,
    beloepOere: dokument.beloepOere,
    kid: dokument.kid,
    mottakerkonto: dokument.mottakerkonto,
    uplassertOere: dokument.uplassertOere,
  };
}
