import type { LocalDate } from '../domain/dates.js';
import { absOere, type Oere } from '../domain/money.js';
import type { BankfilLesing } from './bankfil-feil.js';
import type { Camt054Document, Camt054Entry, Camt054Transaction, Camt054Version } from './iso20022/camt054.js';
import { readCamt054 } from './iso20022/camt054-reader.js';
import { norwegianAccountNumber } from './iso20022/iso-account.js';
import type { OcrGiroForsendelse } from './ocr-giro/ocr-giro.js';
import { readOcrGiro } from './ocr-giro/ocr-giro-reader.js';

/**
 * A bank file of payments in, whichever format it came in, as the transactions the ledger acts
 * on. The format is told from the content: XML in a camt.054 namespace, or OCR giro records.
 */
export type Bankfilformat = 'ocr-giro' | Camt054Version;

export interface Innbetalingsfil {
  readonly format: Bankfilformat;
  /** The file's identity: the same file delivered again has the same one. */
  readonly identitet: string;
  readonly transaksjoner: readonly Banktransaksjon[];
}

/**
 * - `innbetaling`: money in (a credit).
 * - `innbetalingTilbakefoert`: a payment in taken back (an OCR reversal, a debit marked as a return).
 * - `utbetalingBekreftet`: money out — the bank's confirmation of a payout (a debit).
 * - `utbetalingReturnert`: a payout that came back (a credit with return information, the
 *   sub-family RRTN, or a reversal).
 */
export type Banktransaksjonsart = 'innbetaling' | 'innbetalingTilbakefoert' | 'utbetalingBekreftet' | 'utbetalingReturnert';

export interface Banktransaksjon {
  /** Unique within the file, the same in every delivery of it: with the file's, the idempotency key. */
  readonly identitet: string;
  /** Where in the file, for a report: `linje 3`, `Ntfctn[1]/Ntry[2]/TxDtls[1]`. */
  readonly sted: string;
  readonly art: Banktransaksjonsart;
  /** Booked by the bank (camt.054 status BOOK; OCR giro always). Only booked transactions move money. */
  readonly bokfoert: boolean;
  /** Positive; `art` says which way. */
  readonly beloepOere: Oere;
  /** The bank's booking date (OCR giro: the settlement date); absent for an entry not yet booked. */
  readonly bokfoeringsdato?: LocalDate | undefined;
  /** The day the payment counts as made: OCR giro's oppdragsdato, camt.054's value date, else the booking date. */
  readonly betalingsdato?: LocalDate | undefined;
  readonly kid?: string | undefined;
  /** Free text: OCR giro's fritekst; camt.054's unstructured remittance and a non-KID creditor reference. */
  readonly melding?: string | undefined;
  /** The other party: the payer of a payment in, the recipient of a payout. */
  readonly motpart: { readonly navn?: string | undefined; readonly konto?: string | undefined };
  /** Our account the transaction is on (a Norwegian account number), when the file names one. */
  readonly mottakerkonto?: string | undefined;
  /** A payout's id (camt.054 EndToEndId, from our pain.001). */
  readonly utbetalingId?: string | undefined;
  /** Why a payout came back: the ISO return reason code and the bank's text. */
  readonly returaarsak?: string | undefined;
}

export function readInnbetalingsfil(text: string): BankfilLesing<Innbetalingsfil> {
  const content = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const start = content.trimStart();
  if (start.startsWith('<')) {
    const reading = readCamt054(content);
    return reading.ok ? { ok: true, value: fromCamt054(reading.value) } : reading;
  }
  if (start.startsWith('NY') || start === '') {
    const reading = readOcrGiro(content);
    return reading.ok ? { ok: true, value: fromOcrGiro(reading.value) } : reading;
  }
  return {
    ok: false,
    feil: {
      kode: 'unknown-format',
      linje: 1,
      melding: 'Filen er verken Nets OCR giro (records som starter med NY) eller ISO 20022 camt.054 (XML).',
      message: 'The file is neither Nets OCR giro (records starting with NY) nor ISO 20022 camt.054 (XML).',
    },
  };
}

function fromOcrGiro(forsendelse: OcrGiroForsendelse): Innbetalingsfil {
  return {
    format: 'ocr-giro',
    identitet: `ocr-giro:${forsendelse.dataavsender}:${forsendelse.datamottaker}:${forsendelse.forsendelsesnummer}`,
    transaksjoner: forsendelse.oppdrag.flatMap((oppdrag) =>
      oppdrag.transaksjoner.map((t) => ({
        identitet: `${oppdrag.oppdragsnummer}:${t.transaksjonsnummer}`,
        sted: `linje ${t.linje}`,
        art: t.beloepOere < 0 ? 'innbetalingTilbakefoert' : 'innbetaling',
        bokfoert: true,
        beloepOere: absOere(t.beloepOere),
        bokfoeringsdato: t.oppgjoersdato,
        betalingsdato: t.oppdragsdato ?? t.oppgjoersdato,
        kid: t.kid,
        melding: t.fritekst === '' ? undefined : t.fritekst,
        motpart: { konto: t.debetkonto },
        mottakerkonto: oppdrag.oppdragskonto,
      })),
    ),
  };
}

function fromCamt054(document: Camt054Document): Innbetalingsfil {
  return {
    format: document.version,
    identitet: `camt.054:${document.messageId}`,
    transaksjoner: document.notifications.flatMap((notification, n) =>
      notification.entries.flatMap((entry, e) => {
        const place = `Ntfctn[${n + 1}]/Ntry[${e + 1}]`;
        const reference = entry.accountServicerReference ?? `NtryRef:${entry.entryReference}`;
        const mottakerkonto = norwegianAccountNumber(notification.account);
        if (entry.transactions.length === 0) return [fromEntry(entry, {}, { identitet: reference, sted: place, mottakerkonto })];
        return entry.transactions.map((tx, t) =>
          fromEntry(entry, tx, {
            identitet: tx.accountServicerReference === undefined ? (entry.transactions.length === 1 ? reference : `${reference}:${t + 1}`) : `${reference}:${tx.accountServicerReference}`,
            sted: `${place}/TxDtls[${t + 1}]`,
            mottakerkonto,
          }),
        );
      }),
    ),
  };
}

function fromEntry(entry: Camt054Entry, tx: Camt054Transaction, where: Pick<Banktransaksjon, 'identitet' | 'sted' | 'mottakerkonto'>): Banktransaksjon {
  const credit = (tx.creditDebit ?? entry.creditDebit) === 'CRDT';
  const code = tx.bankTransactionCode ?? entry.bankTransactionCode;
  const isReturn = tx.returnInformation !== undefined || entry.reversal === true || code.subFamily === 'RRTN';
  const art = credit ? (isReturn ? 'utbetalingReturnert' : 'innbetaling') : isReturn ? 'innbetalingTilbakefoert' : 'utbetalingBekreftet';
  const counterparty = credit && !isReturn ? tx.debtor : tx.creditor;
  const melding = [tx.creditorReference, ...(tx.unstructured ?? [])].filter((part) => part !== undefined).join(' ');
  const reason = tx.returnInformation;
  const returaarsak = reason === undefined ? undefined : [reason.reasonCode ?? reason.reasonProprietary, reason.additionalInformation].filter((part) => part !== undefined).join(': ');
  return {
    ...where,
    art,
    bokfoert: entry.status === 'BOOK',
    beloepOere: tx.beloepOere ?? entry.beloepOere,
    bokfoeringsdato: entry.bookingDate,
    betalingsdato: entry.valueDate ?? entry.bookingDate,
    kid: tx.kid,
    melding: melding === '' ? undefined : melding,
    motpart: { navn: counterparty?.name, konto: counterparty?.account === undefined ? undefined : (norwegianAccountNumber(counterparty.account) ?? accountText(counterparty.account)) },
    utbetalingId: art === 'utbetalingBekreftet' || art === 'utbetalingReturnert' ? tx.endToEndId : undefined,
    returaarsak: returaarsak === '' ? undefined : returaarsak,
  };
}

function accountText(account: { readonly iban: string } | { readonly other: string }): string {
  return 'iban' in account ? account.iban : account.other;
}
