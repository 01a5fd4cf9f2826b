import { sql, type InsertObject, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { assertInvariant } from '../domain/assert.js';
import { compareDates, type LocalDate } from '../domain/dates.js';
import { makeKid, type KidAlgorithm } from '../domain/kid.js';
import { absOere, addOere, subtractOere, sumOere, toOere, type Oere } from '../domain/money.js';
import { compareKravId, type DebetPost } from './covering.js';
import { findKravtype } from './kodelister.js';
import { kravperiodeFraRad, type Kravperiode } from './kravperiode.js';
import type { KreditPost } from './motregning.js';
import { innbetalingQuery, kravforfallQuery, type KravforfallRow } from './queries.js';
import type { PartRow } from './skyldnergruppe.js';
import type { Innbetalingstype, Leveringstype, Utbetalingstatus } from './tables.js';

/** A due item of the group as the session tracks it. */
export interface GruppeKravforfall {
  readonly kravforfallId: string;
  readonly kravId: string;
  readonly partId: string;
  readonly nummer: number;
  readonly antallForfall: number;
  readonly forfallsdato: LocalDate;
  readonly opprinneligOere: Oere;
  readonly kid: string | null;
  readonly mottakerkonto: string | null;
  readonly kravtype: string;
  readonly kravgruppe: string;
  readonly beskrivelse: string;
  readonly periode: Kravperiode;
  readonly opprettetDato: LocalDate;
  readonly hovedstolKravId: string | null;
  readonly erForsinkelsesrente: boolean;
  readonly rentebaerende: boolean;
  /** Changes only through the session's placement methods. */
  readonly gjenstaaendeOere: Oere;
}

export interface GruppeInnbetaling {
  readonly innbetalingId: string;
  readonly partId: string;
  readonly innbetalingsdato: LocalDate;
  readonly beloepOere: Oere;
  readonly kid: string | null;
  readonly mottakerkonto: string;
  /** Changes only through the session's placement methods. */
  readonly uplassertOere: Oere;
}

export interface NyttKrav {
  readonly partId: string;
  readonly kravtype: string;
  readonly kravgruppe: string;
  readonly beskrivelse: string;
  readonly periode: Kravperiode;
  readonly opprettetDato: LocalDate;
  readonly fastsettingsmaate: string | null;
  readonly hovedstolKravId: string | null;
  /** `kid: 'generer'` makes a KID from the claim id with the receiving account's algorithm. */
  readonly forfall: readonly { forfallsdato: LocalDate; beloepOere: Oere; kid: string | 'generer' | null; mottakerkonto: string | null }[];
}

export interface NyInnbetaling {
  readonly partId: string;
  readonly innbetalingsdato: LocalDate;
  readonly beloepOere: Oere;
  readonly kid: string | null;
  readonly melding: string | null;
  readonly betalerNavn: string | null;
  readonly betalerKonto: string | null;
  readonly mottakerkonto: string;
  readonly innbetalingstype: Innbetalingstype;
}

export interface NyUtbetaling {
  readonly partId: string;
  readonly konto: string;
  readonly kontoeiersNavn: string | null;
  readonly melding: string | null;
  /** The credit items paid and how much of each (positive). */
  readonly poster: readonly { kravforfallId: string; beloepOere: Oere }[];
}

export interface NyLevering {
  readonly partId: string;
  readonly leveringstype: Leveringstype;
  readonly periodeAar: number;
  readonly termin: string | null;
  readonly levertDato: LocalDate;
}

export interface Mottakerkonto {
  readonly kontonummer: string;
  readonly kidAlgoritme: KidAlgorithm;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The identifier sequences: claims, due items, payments, payouts. */
const idSequences = ['krav', 'kravforfall', 'innbetaling', 'utbetaling'] as const;
type IdSequence = (typeof idSequences)[number];
export type IdCounts = Partial<Record<IdSequence, number>>;
type Insert<T extends keyof Database> = InsertObject<Database, T>;
type Row<T extends keyof Database> = Omit<Insert<T>, 'seq' | 'bokfoert_dato' | 'idempotency_key'>;

interface Pending {
  krav: Insert<'krav'>[];
  kravforfall: Insert<'kravforfall'>[];
  innbetaling: Insert<'innbetaling'>[];
  utbetaling: Insert<'utbetaling'>[];
  utbetaling_status: Insert<'utbetaling_status'>[];
  plassering: Insert<'plassering'>[];
  levering: Insert<'levering'>[];
  kommando: Insert<'kommando'>[];
}

/** Each booked row takes the next posting number as it is inserted, in insertion order. */
const nextPostingSeq = sql<number>`nextval('postering_seq')`;

const insertChunkRows = 500;

/**
 * A booking session: one transaction holding the debtor group's lock, the group's open items and
 * unplaced payments in memory, and the rows the commands book. Every movement of money goes
 * through a method here, which checks the item and payment bounds as it moves; `assertBalanced`
 * checks the group equation after each command; `flush` writes everything in a few inserts.
 */
export class Bokfoering {
  /** The transaction, for command-specific reads; every write goes through the methods below. */
  readonly trx: Kysely<Database>;
  readonly #parts: ReadonlyMap<string, PartRow>;
  readonly #kontoer: ReadonlyMap<string, Mottakerkonto>;
  readonly #items = new Map<string, Mutable<GruppeKravforfall>>();
  readonly #payments = new Map<string, Mutable<GruppeInnbetaling>>();
  readonly #touched = new Map<string, LocalDate>();
  readonly #idPool: Record<IdSequence, string[]> = { krav: [], kravforfall: [], innbetaling: [], utbetaling: [] };
  #idSpare = 0;
  readonly #pending: Pending = { krav: [], kravforfall: [], innbetaling: [], utbetaling: [], utbetaling_status: [], plassering: [], levering: [], kommando: [] };
  /** Σ original (signed), Σ payments and Σ payouts of the whole group, for the balance equation. */
  #totals: { opprinnelig: Oere; innbetalt: Oere; utbetalt: Oere };
  #sisteBokfoertDato: LocalDate | null;
  #current: { idempotencyKey: string; bokfoertDato: LocalDate } | undefined;

  private constructor(
    trx: Kysely<Database>,
    parts: readonly PartRow[],
    kontoer: readonly Mottakerkonto[],
    totals: { opprinnelig: Oere; innbetalt: Oere; utbetalt: Oere },
    sisteBokfoertDato: LocalDate | null,
  ) {
    this.trx = trx;
    this.#parts = new Map(parts.map((part) => [part.part_id, part]));
    this.#kontoer = new Map(kontoer.map((konto) => [konto.kontonummer, konto]));
    this.#totals = totals;
    this.#sisteBokfoertDato = sisteBokfoertDato;
  }

  /** Loads the locked group's open items, unplaced payments and totals (a handful of queries). */
  static async open(trx: Kysely<Database>, parts: readonly PartRow[]): Promise<Bokfoering> {
    const ids = parts.map((part) => part.part_id);
    const [items, payments, totals, siste, kontoer] = await Promise.all([
      kravforfallQuery(trx, undefined).selectAll().where('f.part_id', 'in', ids).where('f.gjenstaaende_oere', '<>', toOere(0)).execute(),
      innbetalingQuery(trx, undefined).selectAll().where('i.part_id', 'in', ids).where('i.uplassert_oere', '>', toOere(0)).execute(),
      sql<{ opprinnelig: Oere; innbetalt: Oere; utbetalt: Oere }>`
        select
          (select coalesce(sum(f.beloep_oere), 0)::bigint from kravforfall f join krav k on k.krav_id = f.krav_id where k.part_id in (${sql.join(ids)})) as opprinnelig,
          (select coalesce(sum(beloep_oere), 0)::bigint from innbetaling where part_id in (${sql.join(ids)})) as innbetalt,
          (select coalesce(sum(beloep_oere), 0)::bigint from utbetaling where part_id in (${sql.join(ids)})) as utbetalt`.execute(trx),
      trx.selectFrom('part_siste_seq').select((eb) => eb.fn.max('siste_bokfoert_dato').as('siste_bokfoert_dato')).where('part_id', 'in', ids).executeTakeFirstOrThrow(),
      trx.selectFrom('mottakerkonto').select(['kontonummer', 'kid_algoritme']).execute(),
    ]);
    const session = new Bokfoering(
      trx,
      parts,
      kontoer.map((konto) => ({ kontonummer: konto.kontonummer, kidAlgoritme: konto.kid_algoritme })),
      totals.rows[0]!,
      (siste.siste_bokfoert_dato as LocalDate | null) ?? null,
    );
    for (const row of items) session.#items.set(row.kravforfall_id, fromRow(row));
    for (const row of payments) {
      session.#payments.set(row.innbetaling_id, {
        innbetalingId: row.innbetaling_id,
        partId: row.part_id,
        innbetalingsdato: row.innbetalingsdato,
        beloepOere: row.beloep_oere,
        kid: row.kid,
        mottakerkonto: row.mottakerkonto,
        uplassertOere: row.uplassert_oere,
      });
    }
    session.assertBalanced();
    return session;
  }

  get partIds(): string[] {
    return [...this.#parts.keys()];
  }

  part(partId: string): PartRow | undefined {
    return this.#parts.get(partId);
  }

  konto(kontonummer: string): Mottakerkonto | undefined {
    return this.#kontoer.get(kontonummer);
  }

  get sisteBokfoertDato(): LocalDate | null {
    return this.#sisteBokfoertDato;
  }

  get bokfoertDato(): LocalDate {
    assertInvariant(this.#current !== undefined, 'no command is running');
    return this.#current.bokfoertDato;
  }

  /** Rows booked from now on carry this command's key and business date. */
  beginCommand(idempotencyKey: string, bokfoertDato: LocalDate): void {
    assertInvariant(this.#sisteBokfoertDato === null || compareDates(bokfoertDato, this.#sisteBokfoertDato) >= 0, 'commands of a group go forward in time');
    this.#current = { idempotencyKey, bokfoertDato };
    this.#sisteBokfoertDato = bokfoertDato;
  }

  endCommand(kommandoType: string, forespoerselHash: string, resultat: unknown): void {
    const { idempotencyKey, bokfoertDato } = this.#stamp();
    this.assertBalanced();
    this.#pending.kommando.push({
      idempotency_key: idempotencyKey,
      kommando_type: kommandoType,
      forespoersel_hash: forespoerselHash,
      resultat: sql`${JSON.stringify(resultat)}::jsonb`,
      bokfoert_dato: bokfoertDato,
    });
    this.#current = undefined;
  }

  item(kravforfallId: string): GruppeKravforfall {
    return this.#item(kravforfallId);
  }

  #item(kravforfallId: string): Mutable<GruppeKravforfall> {
    const item = this.#items.get(kravforfallId);
    assertInvariant(item !== undefined, `due item ${kravforfallId} is not in the group`);
    return item;
  }

  /** A tracked item of the claim (its description, period and group), if the session knows the claim. */
  kravInfo(kravId: string): GruppeKravforfall | undefined {
    let first: GruppeKravforfall | undefined;
    for (const item of this.#items.values()) if (item.kravId === kravId && (!first || item.nummer < first.nummer)) first = item;
    return first;
  }

  /** The open claim a KID identifies within the group, if any. */
  kravIdForKid(kid: string): string | undefined {
    for (const item of this.#items.values()) if (item.kid === kid && item.gjenstaaendeOere !== 0) return item.kravId;
    return undefined;
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
    const ids = await this.#takeIds({ krav: nye.length, kravforfall: sumCount(nye.map((krav) => krav.forfall.length)) });
    let nextItem = 0;
    return nye.map((krav, index) => {
      const kravId = ids.krav[index]!;
      const kravtype = findKravtype(krav.kravtype);
      assertInvariant(kravtype !== undefined, `unknown kravtype ${krav.kravtype}`);
      assertInvariant(this.#parts.has(krav.partId), `claim for ${krav.partId} outside the locked group`);
      assertInvariant(krav.forfall.length > 0, 'a claim has at least one due item');
      assertInvariant(krav.forfall.every((f) => f.beloepOere > 0) || krav.forfall.every((f) => f.beloepOere < 0), 'a claim is debit or credit, not both');
      this.#pending.krav.push({
        krav_id: kravId,
        seq: nextPostingSeq,
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
        const item: Mutable<GruppeKravforfall> = {
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
          hovedstolKravId: krav.hovedstolKravId,
          erForsinkelsesrente: kravtype.erForsinkelsesrente || krav.hovedstolKravId !== null,
          rentebaerende: kravtype.rentebaerende && krav.hovedstolKravId === null,
          gjenstaaendeOere: forfall.beloepOere,
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
    const innbetalingId = (await this.#takeIds({ innbetaling: 1 })).innbetaling[0]!;
    this.#pending.innbetaling.push({
      innbetaling_id: innbetalingId,
      seq: nextPostingSeq,
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
    });
    const payment: Mutable<GruppeInnbetaling> = {
      innbetalingId,
      partId: ny.partId,
      innbetalingsdato: ny.innbetalingsdato,
      beloepOere: ny.beloepOere,
      kid: ny.kid,
      mottakerkonto: ny.mottakerkonto,
      uplassertOere: ny.beloepOere,
    };
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
    this.#pushPlassering({ kilde: 'innbetaling', innbetaling_id: innbetalingId, motkrav_forfall_id: null, utbetaling_id: null, kravforfall_id: kravforfallId, beloep_oere: beloepOere });
    this.#touch(payment.partId);
  }

  /** A credit item is set off against a debit item: one row, shown on both sides. */
  placeMotregning(kreditForfallId: string, debetForfallId: string, beloepOere: Oere): void {
    this.#coverCredit(kreditForfallId, beloepOere);
    this.#coverDebit(debetForfallId, beloepOere);
    this.#pushPlassering({ kilde: 'motregning', innbetaling_id: null, motkrav_forfall_id: kreditForfallId, utbetaling_id: null, kravforfall_id: debetForfallId, beloep_oere: beloepOere });
  }

  async bookUtbetaling(ny: NyUtbetaling): Promise<string> {
    const { bokfoertDato, idempotencyKey } = this.#stamp();
    assertInvariant(ny.poster.length > 0, 'a payout pays at least one credit item');
    const beloepOere = sumOere(ny.poster.map((post) => post.beloepOere));
    const utbetalingId = (await this.#takeIds({ utbetaling: 1 })).utbetaling[0]!;
    this.#pending.utbetaling.push({
      utbetaling_id: utbetalingId,
      seq: nextPostingSeq,
      part_id: ny.partId,
      utbetaltdato: bokfoertDato,
      beloep_oere: beloepOere,
      konto: ny.konto,
      kontoeiers_navn: ny.kontoeiersNavn,
      melding: ny.melding,
      valutakode: 'NOK',
      bokfoert_dato: bokfoertDato,
      idempotency_key: idempotencyKey,
    });
    for (const post of ny.poster) {
      assertInvariant(this.item(post.kravforfallId).partId === ny.partId, 'a payout pays the credits of its own party');
      this.#coverCredit(post.kravforfallId, post.beloepOere);
      this.#pushPlassering({ kilde: 'utbetaling', innbetaling_id: null, motkrav_forfall_id: null, utbetaling_id: utbetalingId, kravforfall_id: post.kravforfallId, beloep_oere: post.beloepOere });
    }
    this.#totals.utbetalt = addOere(this.#totals.utbetalt, beloepOere);
    this.bookUtbetalingStatus(utbetalingId, ny.partId, 'bekreftet');
    return utbetalingId;
  }

  bookUtbetalingStatus(utbetalingId: string, partId: string, status: Utbetalingstatus): void {
    const { bokfoertDato, idempotencyKey } = this.#stamp();
    this.#pending.utbetaling_status.push({ seq: nextPostingSeq, utbetaling_id: utbetalingId, status, dato: bokfoertDato, idempotency_key: idempotencyKey });
    this.#touch(partId);
  }

  bookLevering(ny: NyLevering): void {
    const { bokfoertDato, idempotencyKey } = this.#stamp();
    assertInvariant(this.#parts.has(ny.partId), `filing for ${ny.partId} outside the locked group`);
    this.#pending.levering.push({
      seq: nextPostingSeq,
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

  /** Writes the booked rows (one insert per table and chunk) and the parties' newest sequence. */
  async flush(): Promise<void> {
    const trx = this.trx;
    const p = this.#pending;
    await insertChunks(p.krav, (rows) => trx.insertInto('krav').values(rows).execute());
    await insertChunks(p.kravforfall, (rows) => trx.insertInto('kravforfall').values(rows).execute());
    await insertChunks(p.innbetaling, (rows) => trx.insertInto('innbetaling').values(rows).execute());
    await insertChunks(p.utbetaling, (rows) => trx.insertInto('utbetaling').values(rows).execute());
    await insertChunks(p.utbetaling_status, (rows) => trx.insertInto('utbetaling_status').values(rows).execute());
    await insertChunks(p.plassering, (rows) => trx.insertInto('plassering').values(rows).execute());
    await insertChunks(p.levering, (rows) => trx.insertInto('levering').values(rows).execute());
    await insertChunks(p.kommando, (rows) => trx.insertInto('kommando').values(rows).execute());
    if (this.#touched.size > 0) {
      // Every touching row took a value from postering_seq in this transaction, so currval is
      // at least each of them; the group lock keeps another writer's higher values out.
      await trx
        .insertInto('part_siste_seq')
        .values([...this.#touched].map(([partId, dato]) => ({ part_id: partId, siste_seq: sql<number>`currval('postering_seq')`, siste_bokfoert_dato: dato })))
        .onConflict((oc) =>
          oc.column('part_id').doUpdateSet({
            siste_seq: (eb) => eb.ref('excluded.siste_seq'),
            siste_bokfoert_dato: sql`greatest(part_siste_seq.siste_bokfoert_dato, excluded.siste_bokfoert_dato)`,
          }),
        )
        .execute();
    }
    for (const rows of Object.values(p)) rows.length = 0;
    this.#touched.clear();
  }

  #stamp(): { idempotencyKey: string; bokfoertDato: LocalDate } {
    assertInvariant(this.#current !== undefined, 'rows are booked inside a command');
    return this.#current;
  }

  #touch(partId: string): void {
    this.#touched.set(partId, this.#stamp().bokfoertDato);
  }

  #pushPlassering(row: Omit<Row<'plassering'>, 'plassert_dato'>): void {
    const { bokfoertDato, idempotencyKey } = this.#stamp();
    this.#pending.plassering.push({ ...row, seq: nextPostingSeq, plassert_dato: bokfoertDato, bokfoert_dato: bokfoertDato, idempotency_key: idempotencyKey });
  }

  #coverDebit(kravforfallId: string, beloepOere: Oere): void {
    const item = this.#item(kravforfallId);
    assertInvariant(item.opprinneligOere > 0, `only a debit item can be covered: ${kravforfallId}`);
    assertInvariant(beloepOere > 0 && beloepOere <= item.gjenstaaendeOere, `a debit item never goes below zero: ${kravforfallId}`);
    item.gjenstaaendeOere = subtractOere(item.gjenstaaendeOere, beloepOere);
    this.#touch(item.partId);
  }

  #coverCredit(kravforfallId: string, beloepOere: Oere): void {
    const item = this.#item(kravforfallId);
    assertInvariant(item.opprinneligOere < 0, `only a credit item can be used: ${kravforfallId}`);
    assertInvariant(beloepOere > 0 && beloepOere <= absOere(item.gjenstaaendeOere), `a credit item never goes above zero: ${kravforfallId}`);
    item.gjenstaaendeOere = addOere(item.gjenstaaendeOere, beloepOere);
    this.#touch(item.partId);
  }

  #generateKid(kravId: string, kontonummer: string | null): string {
    const konto = kontonummer === null ? undefined : this.#kontoer.get(kontonummer);
    return makeKid(kravId, konto?.kidAlgoritme ?? 'MOD11');
  }

  /**
   * Reserves, in one round trip, the ids the coming commands are known to need. In a batch, a
   * shortfall later (interest and refund claims, payouts) fetches `spare` more at once; ids left
   * over are skipped. Both are deterministic, so the same commands still get the same ids.
   */
  async reserveIds(counts: IdCounts, spare = 0): Promise<void> {
    this.#idSpare = spare;
    await this.#fillPool(counts);
  }

  async #fillPool(counts: IdCounts): Promise<void> {
    const ids = await this.#fetchIds(counts);
    for (const name of idSequences) this.#idPool[name].push(...ids[name]);
  }

  /** Ids in booking order: first the reserved ones, then fresh ones when the reserve runs out. */
  async #takeIds(counts: IdCounts): Promise<Record<IdSequence, string[]>> {
    const short = (name: IdSequence) => Math.max(0, (counts[name] ?? 0) - this.#idPool[name].length);
    if (idSequences.some((name) => short(name) > 0)) {
      await this.#fillPool(Object.fromEntries(idSequences.map((name) => [name, short(name) > 0 ? short(name) + this.#idSpare : 0])));
    }
    return Object.fromEntries(idSequences.map((name) => [name, this.#idPool[name].splice(0, counts[name] ?? 0)])) as Record<IdSequence, string[]>;
  }

  async #fetchIds(counts: IdCounts): Promise<Record<IdSequence, string[]>> {
    const n = (name: IdSequence) => counts[name] ?? 0;
    const result = await sql<Record<IdSequence, string[]>>`
      select
        array(select nextval('krav_nr_seq')::text from generate_series(1, ${n('krav')}::int)) as krav,
        array(select nextval('kravforfall_nr_seq')::text from generate_series(1, ${n('kravforfall')}::int)) as kravforfall,
        array(select nextval('innbetaling_nr_seq')::text from generate_series(1, ${n('innbetaling')}::int)) as innbetaling,
        array(select nextval('utbetaling_nr_seq')::text from generate_series(1, ${n('utbetaling')}::int)) as utbetaling`.execute(this.trx);
    const row = result.rows[0]!;
    return Object.fromEntries(idSequences.map((name) => [name, [...row[name]].sort(compareKravId)])) as Record<IdSequence, string[]>;
  }
}

function fromRow(row: KravforfallRow): GruppeKravforfall {
  const kravtype = findKravtype(row.kravtype);
  assertInvariant(kravtype !== undefined, `booked claim ${row.krav_id} has unknown kravtype ${row.kravtype}`);
  return {
    kravforfallId: row.kravforfall_id,
    kravId: row.krav_id,
    partId: row.part_id,
    nummer: row.nummer,
    antallForfall: row.antall_forfall,
    forfallsdato: row.forfallsdato,
    opprinneligOere: row.beloep_oere,
    kid: row.kid,
    mottakerkonto: row.mottakerkonto,
    kravtype: row.kravtype,
    kravgruppe: row.kravgruppe,
    beskrivelse: row.beskrivelse,
    periode: kravperiodeFraRad(row),
    opprettetDato: row.opprettet_dato,
    hovedstolKravId: row.hovedstol_krav_id,
    erForsinkelsesrente: kravtype.erForsinkelsesrente || row.hovedstol_krav_id !== null,
    rentebaerende: kravtype.rentebaerende && row.hovedstol_krav_id === null,
    gjenstaaendeOere: row.gjenstaaende_oere,
  };
}

function sumCount(counts: readonly number[]): number {
  return counts.reduce((a, b) => a + b, 0);
}

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += insertChunkRows) await insert(rows.slice(start, start + insertChunkRows));
}
