import type { LocalDate } from '../../domain/dates.js';
import type { Oere } from '../../domain/money.js';
import type { AccountIdentification } from './iso-account.js';

/**
 * ISO 20022 camt.054 (BankToCustomerDebitCreditNotification) as the reader returns it and the
 * writer takes it: the part of the message this system uses, with the standard's own names in
 * English. Versions 02 and 08 carry the same content; they differ in where some of it sits.
 */
export const camt054Namespaces = Object.freeze({
  'camt.054.001.02': 'urn:iso:std:iso:20022:tech:xsd:camt.054.001.02',
  'camt.054.001.08': 'urn:iso:std:iso:20022:tech:xsd:camt.054.001.08',
} as const);

export type Camt054Version = keyof typeof camt054Namespaces;

export interface Camt054Document {
  readonly version: Camt054Version;
  /** GrpHdr/MsgId: the bank's identity of the message. */
  readonly messageId: string;
  /** GrpHdr/CreDtTm, as written. */
  readonly creationDateTime: string;
  readonly notifications: readonly Camt054Notification[];
}

/** Ntfctn: the entries of one account. */
export interface Camt054Notification {
  readonly id: string;
  /** Required in version 02, optional in 08. */
  readonly creationDateTime?: string | undefined;
  /** Acct: the account the entries are on (ours). */
  readonly account: AccountIdentification;
  readonly entries: readonly Camt054Entry[];
}

/** Ntry: one booking on the account, of one or more transactions (a batch). */
export interface Camt054Entry {
  /** NtryRef. */
  readonly entryReference?: string | undefined;
  /** AcctSvcrRef: the bank's unique reference of the entry. An entry has this or NtryRef. */
  readonly accountServicerReference?: string | undefined;
  readonly beloepOere: Oere;
  readonly creditDebit: CreditDebit;
  /** RvslInd: the entry reverses an earlier one. */
  readonly reversal?: boolean | undefined;
  /** Sts (02) or Sts/Cd (08): BOOK, PDNG or INFO. */
  readonly status: string;
  /** BookgDt: required for a booked entry. */
  readonly bookingDate?: LocalDate | undefined;
  readonly valueDate?: LocalDate | undefined;
  /** BkTxCd, required by the schema (it may be empty). */
  readonly bankTransactionCode: BankTransactionCode;
  /** NtryDtls/TxDtls; empty when the entry has no details. */
  readonly transactions: readonly Camt054Transaction[];
}

export type CreditDebit = 'CRDT' | 'DBIT';

/** BkTxCd: Domn/Cd, Domn/Fmly/Cd and Domn/Fmly/SubFmlyCd (e.g. PMNT/RCDT/DMCT), or Prtry/Cd. */
export interface BankTransactionCode {
  readonly domain?: string | undefined;
  readonly family?: string | undefined;
  readonly subFamily?: string | undefined;
  readonly proprietary?: string | undefined;
}

/** TxDtls: one payment within an entry. */
export interface Camt054Transaction {
  /** Refs/AcctSvcrRef: the bank's unique reference of the transaction. */
  readonly accountServicerReference?: string | undefined;
  /** Refs/InstrId. */
  readonly instructionId?: string | undefined;
  /** Refs/EndToEndId: for an outgoing payout, our payout id (from pain.001). */
  readonly endToEndId?: string | undefined;
  /** Amt (08) or AmtDtls/TxAmt/Amt (02); required when an entry holds several transactions. */
  readonly beloepOere?: Oere | undefined;
  /** CdtDbtInd, version 08 only; the entry's otherwise. */
  readonly creditDebit?: CreditDebit | undefined;
  readonly bankTransactionCode?: BankTransactionCode | undefined;
  /** RltdPties/Dbtr and DbtrAcct. */
  readonly debtor?: Party | undefined;
  /** RltdPties/Cdtr and CdtrAcct. */
  readonly creditor?: Party | undefined;
  /** RmtInf/Strd/CdtrRefInf/Ref when it is a KID (2–25 digits, MOD10 or MOD11). */
  readonly kid?: string | undefined;
  /** RmtInf/Strd/CdtrRefInf/Ref when it is another reference (e.g. an RF reference). */
  readonly creditorReference?: string | undefined;
  /** RmtInf/Ustrd, each line. */
  readonly unstructured?: readonly string[] | undefined;
  /** RtrInf: the transaction returns an earlier payment. */
  readonly returnInformation?: ReturnInformation | undefined;
}

export interface Party {
  readonly name?: string | undefined;
  readonly account?: AccountIdentification | undefined;
}

export interface ReturnInformation {
  readonly originalBankTransactionCode?: BankTransactionCode | undefined;
  /** Rsn/Cd, an ISO external return reason code (AC01 wrong account number, AC04 closed account, …). */
  readonly reasonCode?: string | undefined;
  /** Rsn/Prtry. */
  readonly reasonProprietary?: string | undefined;
  readonly additionalInformation?: string | undefined;
}
