import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { compareDates, dateParts, type LocalDate } from '../domain/dates.js';
import { absOere, sumOere, toOere, type Oere } from '../domain/money.js';
import { assertInvariant } from '../domain/assert.js';
import type { Bokfoering, NyUtbetaling } from './bokfoering.js';
import { bokfoer, kommando, type Kommando, type Utfall } from './kommando.js';
import { kravgruppeFor } from './kodelister.js';
import { motregn } from './motregning-commands.js';
import { parterMedOppgjoer } from './read-model.js';
import type { Motregning, RenteKrav } from './resultater.js';
import { skyldnergruppe, type PartRow } from './skyldnergruppe.js';
import type { Utbetalingsmaate } from './tables.js';
import { checkDato, checkPartId } from './validation.js';

/**
 * The daily run (decision 0006), per debtor group: set credits off against overdue debts, refund
 * unplaced payments when asked (the tax ledger's way: a debit "motpost tilbakebetaling" takes the
 * unplaced amount and a credit "krav til utbetaling" is paid out, both naming the payment,
 * decision 0162), and pay remaining credits to each party's registered account, or without one
 * by a cheque (an organisation) or a payout card (a person) to its address (decision 0163).
 * Amounts below 100 kr are not paid out (sktbf § 10-4-1); they stay open and visible, as do
 * credits of a party with neither account nor address.
 */
export interface OppgjoerInput {
  readonly bokfoertDato: LocalDate;
  /** Only this party's debtor group; all groups with open credits or unplaced payments when absent. */
  readonly partId?: string | undefined;
  readonly refunderUplassert?: boolean | undefined;
}

export interface Refusjon {
  readonly innbetalingId: string;
  readonly partId: string;
  readonly beloepOere: Oere;
  readonly motpostKravId: string;
  readonly utbetalingKravId: string;
}

export interface Utbetalt {
  readonly utbetalingId: string;
  readonly partId: string;
  readonly beloepOere: Oere;
  readonly utbetalingsmaate: Utbetalingsmaate;
  /** The account paid to; null for a cheque or payout card. */
  readonly konto: string | null;
  readonly melding: string;
  readonly kreditter: readonly { kravforfallId: string; kravId: string; beskrivelse: string; beloepOere: Oere }[];
}

export interface IkkeUtbetalt {
  readonly partId: string;
  readonly beloepOere: Oere;
  /** `ingenUtbetalingskonto`: neither an account nor an address to send a cheque or payout card to. */
  readonly grunn: 'ingenUtbetalingskonto' | 'underMinstebeloep';
  /** Set when the amount is a payment's unplaced rest that was to be refunded. */
  readonly innbetalingId?: string | undefined;
}

export interface OppgjoerResultat {
  readonly partIds: readonly string[];
  readonly motregninger: readonly Motregning[];
  readonly renteKrav: readonly RenteKrav[];
  readonly refusjoner: readonly Refusjon[];
  readonly utbetalinger: readonly Utbetalt[];
  readonly ikkeUtbetalt: readonly IkkeUtbetalt[];
}

/** A refund's debit and credit claims sit in this group (as in the published ledger), payable to its account. */
const refusjonGruppe = 'andreKrav';

/** Refunds and payouts below this lapse (sktbf § 10-4-1): 100 kr. */
export const utbetalingMinsteOere = toOere(10_000);


/**
 * Runs the daily run for one party's debtor group, or for every group with something to settle:
 * the read model flags the parties with an open credit or an unplaced payment, so the run reads
 * an index of those and never the others. `onProgress(done, total)` after each group.
 */
export async function kjoerOppgjoer(db: Kysely<Database>, input: OppgjoerInput, onProgress?: (done: number, total: number) => void): Promise<Utfall<OppgjoerResultat>[]> {
  const bokfoertDato = checkDato(input.bokfoertDato, 'bokfoertDato');
  const kandidater = input.partId === undefined ? await parterMedOppgjoer(db) : [checkPartId(input.partId)];
  const done = new Set<string>();
  const results: Utfall<OppgjoerResultat>[] = [];
  for (const [index, partId] of kandidater.entries()) {
    if (done.has(partId)) continue;
    const gruppe = await skyldnergruppe(db, partId);
    const result = await bokfoer(db, oppgjoerKommando(gruppe[0]!, { bokfoertDato, refunderUplassert: input.refunderUplassert ?? false }));
    for (const id of gruppe) done.add(id);
    results.push(result);
    onProgress?.(index + 1, kandidater.length);
  }
  return results;
}

/**
 * The daily run for the debtor group of `partId`, as a command (for batches). One run per group,
 * party named and business date: running it again answers from the first run. `kjoerOppgjoer`
 * names each group by its lowest party id, so the run for an ENK and for its owner is the same.
 */
export function oppgjoerKommando(partId: string, options: { bokfoertDato: LocalDate; refunderUplassert: boolean }): Kommando<OppgjoerResultat> {
  const mode = options.refunderUplassert ? 'refusjon' : 'standard';
  return kommando(
    'kjoerOppgjoer',
    { idempotencyKey: `oppgjoer:${partId}:${options.bokfoertDato}:${mode}`, bokfoertDato: options.bokfoertDato, partId, refunderUplassert: options.refunderUplassert },
    { partId: checkPartId(partId), refunderUplassert: options.refunderUplassert },
    (session, request) => apply(session, request.refunderUplassert),
  );
}

async function apply(session: Bokfoering, refunderUplassert: boolean): Promise<OppgjoerResultat> {
  const { motregninger, renteKrav } = await motregn(session);
  const ikkeUtbetalt: IkkeUtbetalt[] = [];
  const meldinger = new Map<string, string>();
  const refusjoner = refunderUplassert ? await refunder(session, ikkeUtbetalt, meldinger) : [];
  const utbetalinger = await betalUt(session, ikkeUtbetalt, meldinger);
  return { partIds: session.partIds, motregninger, renteKrav, refusjoner, utbetalinger, ikkeUtbetalt };
}

async function refunder(session: Bokfoering, ikkeUtbetalt: IkkeUtbetalt[], meldinger: Map<string, string>): Promise<Refusjon[]> {
  const dato = session.bokfoertDato;
  const refusjoner: Refusjon[] = [];
  for (const payment of session.unplacedPayments()) {
    const beloepOere = payment.uplassertOere;
    const grunn = refusjonHinder(session, payment.partId, beloepOere);
    if (grunn) {
      ikkeUtbetalt.push({ partId: payment.partId, beloepOere, grunn, innbetalingId: payment.innbetalingId });
      continue;
    }
    const krav = (kravtype: string, beskrivelse: string, beloep: Oere) => ({
      partId: payment.partId,
      kravtype,
      kravgruppe: refusjonGruppe,
      beskrivelse,
      periode: { beskrivelse: 'Inntektsår', aar: dateParts(dato).year },
      opprettetDato: dato,
      fastsettingsmaate: null,
      hovedstolKravId: null,
      forfall: [{ forfallsdato: dato, beloepOere: beloep, kid: null, mottakerkonto: kravgruppeFor(refusjonGruppe).mottakerkonto }],
    });
    const [motpost, utbetalingKrav] = await session.bookKrav([
      krav('motpostTilbakebetaling', 'Motpost tilbakebetaling', beloepOere),
      krav('kravTilUtbetaling', 'Krav til utbetaling', toOere(-beloepOere)),
    ]);
    session.placeInnbetaling(payment.innbetalingId, motpost![0]!.kravforfallId, beloepOere);
    session.bookRefusjon(motpost![0]!.kravId, payment.innbetalingId);
    session.bookRefusjon(utbetalingKrav![0]!.kravId, payment.innbetalingId);
    meldinger.set(utbetalingKrav![0]!.kravforfallId, `For mye betalt ${kortDato(payment.innbetalingsdato)}`);
    refusjoner.push({ innbetalingId: payment.innbetalingId, partId: payment.partId, beloepOere, motpostKravId: motpost![0]!.kravId, utbetalingKravId: utbetalingKrav![0]!.kravId });
  }
  return refusjoner;
}

async function betalUt(session: Bokfoering, ikkeUtbetalt: IkkeUtbetalt[], meldinger: ReadonlyMap<string, string>): Promise<Utbetalt[]> {
  const dato = session.bokfoertDato;
  const utbetalinger: Utbetalt[] = [];
  for (const partId of session.partIds) {
    const kreditter = session.openKreditPoster(partId).filter((k) => compareDates(k.forfallsdato, dato) <= 0);
    if (kreditter.length === 0) continue;
    const beloepOere = sumOere(kreditter.map((k) => absOere(k.gjenstaaendeOere)));
    const grunn = refusjonHinder(session, partId, beloepOere);
    if (grunn) {
      ikkeUtbetalt.push({ partId, beloepOere, grunn });
      continue;
    }
    const part = session.part(partId)!;
    const first = session.item(kreditter[0]!.kravforfallId);
    const melding = meldinger.get(first.kravforfallId) ?? `Tilgode ${first.beskrivelse}`;
    const poster = kreditter.map((k) => ({ kravforfallId: k.kravforfallId, beloepOere: absOere(k.gjenstaaendeOere) }));
    const maate = utbetalingsmaate(part);
    const utbetalingId = await session.bookUtbetaling({ partId, ...maate, kontoeiersNavn: part.navn, melding, poster });
    utbetalinger.push({
      utbetalingId,
      partId,
      beloepOere,
      utbetalingsmaate: maate.utbetalingsmaate,
      konto: maate.konto,
      melding,
      kreditter: poster.map((p) => ({ ...p, kravId: session.item(p.kravforfallId).kravId, beskrivelse: session.item(p.kravforfallId).beskrivelse })),
    });
  }
  return utbetalinger;
}

/**
 * How a party gets its money (decision 0163): to its registered account; without one, by post to
 * its address, as a cheque to an organisation or a payout card to a person (cashed at a bank or
 * the post office).
 */
function utbetalingsmaate(part: PartRow): Pick<NyUtbetaling, 'utbetalingsmaate' | 'konto' | 'mottakerAdresse'> {
  if (part.utbetalingskonto !== null) return { utbetalingsmaate: 'konto', konto: part.utbetalingskonto, mottakerAdresse: null };
  assertInvariant(part.postadresse !== null, `party ${part.part_id} has an account or an address`);
  return { utbetalingsmaate: part.part_type === 'person' ? 'utbetalingskort' : 'sjekk', konto: null, mottakerAdresse: part.postadresse };
}

function refusjonHinder(session: Bokfoering, partId: string, beloepOere: Oere): IkkeUtbetalt['grunn'] | undefined {
  const part = session.part(partId);
  if (!part?.utbetalingskonto && !part?.postadresse) return 'ingenUtbetalingskonto';
  if (beloepOere < utbetalingMinsteOere) return 'underMinstebeloep';
  return undefined;
}

/** "17.01.22", as the published payout message writes the payment date. */
function kortDato(date: LocalDate): string {
  const { year, month, day } = dateParts(date);
  return `${String(day).padStart(2, '0')}.${String(month).padStart(2, '0')}.${String(year % 100).padStart(2, '0')}`;
}
