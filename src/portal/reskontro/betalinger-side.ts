import { formatKontonummer } from '../../domain/format.js';
import type { Kontonummer } from '../../domain/kontonummer.js';
import type { InnbetalingView, Utbetalingstatus, UtbetalingView } from '../../ledger/index.js';
import type { InnbetalingSide, UtbetalingSide } from '../api/reskontro-schemas.js';
import { dekketKrav, type Leser } from './krav-side.js';

/** A payment and the due items it covered. */
export function innbetalingSide(innbetaling: InnbetalingView, { partId, personvern }: Leser): InnbetalingSide {
  return {
    innbetalingId: innbetaling.innbetalingId,
    innbetalingsdato: innbetaling.innbetalingsdato,
    beloepOere: innbetaling.beloepOere,
    type: innbetaling.innbetalingstypeTekst,
    kid: innbetaling.kid,
    betalerNavn: personvern.tekst(innbetaling.betalerNavn),
    betaltFraKonto: personvern.konto(innbetaling.betalerKonto),
    innbetaltTilKonto: formatKontonummer(innbetaling.mottakerkonto as Kontonummer),
    uplassertOere: innbetaling.uplassertOere,
    gjelderInnehaver: innbetaling.partId !== partId,
    dekket: innbetaling.plasseringer.map((p) => dekketKrav(p.krav, p.plassertOere, p.plassertDato)),
  };
}

/** A payout's status in words, in Min side and its account statement. */
export const utbetalingStatusTekst: Readonly<Record<Utbetalingstatus, string>> = { underUtbetaling: 'Under utbetaling', bekreftet: 'Utbetalt', returnert: 'Returnert' };

/** A payout and the credits it settled. */
export function utbetalingSide(utbetaling: UtbetalingView, { partId, personvern }: Leser): UtbetalingSide {
  return {
    utbetalingId: utbetaling.utbetalingId,
    utbetaltdato: utbetaling.utbetaltdato,
    beloepOere: utbetaling.beloepOere,
    tilKonto: personvern.konto(utbetaling.konto),
    melding: personvern.tekst(utbetaling.melding),
    status: utbetalingStatusTekst[utbetaling.status],
    gjelderInnehaver: utbetaling.partId !== partId,
    oppgjort: utbetaling.kreditKrav.map((k) => dekketKrav(k.krav, k.utbetaltOere, utbetaling.utbetaltdato)),
  };
}
