import { assertInvariant } from '../domain/assert.js';
import { compareDates, type LocalDate } from '../domain/dates.js';
import {
  bankbekreftelseKommando,
  innbetalingKommando,
  kravKommando,
  leveringKommando,
  oppgjoerKommando,
  utsettelseKommando,
  type InnbetalingInput,
  type Kommando,
  type KravInput,
  type LeveringInput,
  type UtsettelseInput,
} from '../ledger/index.js';

/**
 * One thing that happens to a debtor group, planned before anything is booked. `navn` is unique
 * within the group and makes the idempotency key (`<keyPrefix>:<navn>`), so re-running the same
 * seed books nothing new. `dato` is the business date it is booked.
 */
export type Hendelse =
  | { readonly kind: 'levering'; readonly navn: string; readonly dato: LocalDate; readonly input: Omit<LeveringInput, 'idempotencyKey' | 'bokfoertDato'> }
  | { readonly kind: 'krav'; readonly navn: string; readonly dato: LocalDate; readonly input: Omit<KravInput, 'idempotencyKey' | 'bokfoertDato'> }
  | { readonly kind: 'innbetaling'; readonly navn: string; readonly dato: LocalDate; readonly input: Omit<InnbetalingInput, 'idempotencyKey' | 'bokfoertDato'> }
  /** A deferral of a claim's collection; the claim is named by its KID, known before it is booked. */
  | { readonly kind: 'utsettelse'; readonly navn: string; readonly dato: LocalDate; readonly input: Omit<UtsettelseInput, 'idempotencyKey' | 'bokfoertDato'> }
  /** The daily run for the group (set-off, payouts; refunds of unplaced payments when asked). */
  | { readonly kind: 'oppgjoer'; readonly navn: string; readonly dato: LocalDate; readonly refunderUplassert: boolean }
  /** The bank's statement confirms the payouts of earlier daily runs (`bankbekreftelseKommando`). */
  | { readonly kind: 'bankbekreftelse'; readonly navn: string; readonly dato: LocalDate };

/** On one business date: the bank's confirmations of earlier days, filings, then claims, then payments, then deferrals, then the daily run. */
const rank: Readonly<Record<Hendelse['kind'], number>> = { bankbekreftelse: 0, levering: 1, krav: 2, innbetaling: 3, utsettelse: 4, oppgjoer: 5 };

/**
 * The group's history up to and including `til`, as ledger commands in booking order. The ledger
 * refuses to go back in time within a group, so order is by date, then kind, then plan order.
 * `anker` is the group's lowest party id: the daily run is named after it (as `kjoerOppgjoer` does).
 */
export function kommandoerFor(hendelser: readonly Hendelse[], options: { keyPrefix: string; anker: string; til: LocalDate }): Kommando<unknown>[] {
  const names = new Set<string>();
  const kept = hendelser
    .map((hendelse, order) => ({ hendelse, order }))
    .filter(({ hendelse }) => compareDates(hendelse.dato, options.til) <= 0)
    .sort((a, b) => compareDates(a.hendelse.dato, b.hendelse.dato) || rank[a.hendelse.kind] - rank[b.hendelse.kind] || a.order - b.order);
  const kommandoer: Kommando<unknown>[] = [];
  for (const { hendelse } of kept) {
    if (names.has(hendelse.navn)) {
      // Two reasons for a daily run on one date are one run, confirmed by the bank once.
      if (hendelse.kind === 'oppgjoer' || hendelse.kind === 'bankbekreftelse') continue;
      assertInvariant(false, `event ${hendelse.navn} is planned twice`);
    }
    names.add(hendelse.navn);
    const key = { idempotencyKey: `${options.keyPrefix}:${hendelse.navn}`, bokfoertDato: hendelse.dato };
    switch (hendelse.kind) {
      case 'levering':
        kommandoer.push(leveringKommando({ ...key, ...hendelse.input }));
        break;
      case 'krav':
        kommandoer.push(kravKommando({ ...key, ...hendelse.input }));
        break;
      case 'innbetaling':
        kommandoer.push(innbetalingKommando({ ...key, ...hendelse.input }));
        break;
      case 'utsettelse':
        kommandoer.push(utsettelseKommando({ ...key, ...hendelse.input }));
        break;
      case 'oppgjoer':
        kommandoer.push(oppgjoerKommando(options.anker, { bokfoertDato: hendelse.dato, refunderUplassert: hendelse.refunderUplassert }));
        break;
      case 'bankbekreftelse':
        kommandoer.push(bankbekreftelseKommando({ ...key, partId: options.anker }));
        break;
    }
  }
  return kommandoer;
}
