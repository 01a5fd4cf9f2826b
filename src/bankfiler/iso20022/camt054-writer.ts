import { assertInvariant } from '../../domain/assert.js';
import { camt054Namespaces, type BankTransactionCode, type Camt054Document, type Camt054Entry, type Camt054Notification, type Camt054Transaction, type Camt054Version, type Party, type ReturnInformation } from './camt054.js';
import { assertDateTime, currency, isoIdentifier, isoText, writeAmount } from './iso-values.js';
import { accountNode } from './iso-account.js';
import { amountNode, writeXmlDocument, type XmlFields } from './xml-writer.js';

/**
 * Writes a camt.054 notification as a bank would send it, in version 02 or 08, valid against the
 * message's XSD (the tests check it with xmllint). Made for tests and the sandbox, to play the
 * bank; a value the schema cannot hold (a negative amount, a domain code without its family) is a
 * programmer error.
 */
export function writeCamt054(document: Camt054Document): string {
  const { version } = document;
  return writeXmlDocument(camt054Namespaces[version], 'BkToCstmrDbtCdtNtfctn', {
    GrpHdr: { MsgId: isoIdentifier(document.messageId), CreDtTm: assertDateTime(document.creationDateTime) },
    Ntfctn: document.notifications.map((notification) => notificationNode(notification, version)),
  });
}

function notificationNode(notification: Camt054Notification, version: Camt054Version): XmlFields {
  assertInvariant(version !== 'camt.054.001.02' || notification.creationDateTime !== undefined, 'version 02 requires Ntfctn/CreDtTm');
  return {
    Id: isoIdentifier(notification.id),
    CreDtTm: notification.creationDateTime === undefined ? undefined : assertDateTime(notification.creationDateTime),
    Acct: accountNode(notification.account),
    Ntry: notification.entries.map((entry) => entryNode(entry, version)),
  };
}

function entryNode(entry: Camt054Entry, version: Camt054Version): XmlFields {
  return {
    NtryRef: optionalIdentifier(entry.entryReference),
    Amt: amountNode(writeAmount(entry.beloepOere), currency),
    CdtDbtInd: entry.creditDebit,
    RvslInd: entry.reversal === undefined ? undefined : String(entry.reversal),
    Sts: version === 'camt.054.001.02' ? entry.status : { Cd: entry.status },
    BookgDt: entry.bookingDate === undefined ? undefined : { Dt: entry.bookingDate },
    ValDt: entry.valueDate === undefined ? undefined : { Dt: entry.valueDate },
    AcctSvcrRef: optionalIdentifier(entry.accountServicerReference),
    BkTxCd: bankTransactionCodeNode(entry.bankTransactionCode),
    NtryDtls: entry.transactions.length === 0 ? undefined : { TxDtls: entry.transactions.map((tx) => transactionNode(tx, version)) },
  };
}

function transactionNode(tx: Camt054Transaction, version: Camt054Version): XmlFields {
  const v08 = version === 'camt.054.001.08';
  assertInvariant(v08 || tx.creditDebit === undefined, 'version 02 has no CdtDbtInd on a transaction');
  const amount = tx.beloepOere === undefined ? undefined : amountNode(writeAmount(tx.beloepOere), currency);
  const refs = { AcctSvcrRef: optionalIdentifier(tx.accountServicerReference), InstrId: optionalIdentifier(tx.instructionId), EndToEndId: optionalIdentifier(tx.endToEndId) };
  return {
    Refs: Object.values(refs).some((value) => value !== undefined) ? refs : undefined,
    Amt: v08 ? amount : undefined,
    CdtDbtInd: tx.creditDebit,
    AmtDtls: !v08 && amount !== undefined ? { TxAmt: { Amt: amount } } : undefined,
    BkTxCd: tx.bankTransactionCode === undefined ? undefined : bankTransactionCodeNode(tx.bankTransactionCode),
    RltdPties: tx.debtor === undefined && tx.creditor === undefined ? undefined : { ...partyNodes(tx.debtor, 'Dbtr', v08), ...partyNodes(tx.creditor, 'Cdtr', v08) },
    RmtInf: remittanceNode(tx),
    RtrInf: tx.returnInformation === undefined ? undefined : returnNode(tx.returnInformation),
  };
}

function partyNodes(party: Party | undefined, role: 'Dbtr' | 'Cdtr', v08: boolean): XmlFields {
  if (party === undefined) return {};
  const name = party.name === undefined ? undefined : { Nm: isoText(party.name, 140) };
  return {
    [role]: name === undefined ? undefined : v08 ? { Pty: name } : name,
    [`${role}Acct`]: party.account === undefined ? undefined : accountNode(party.account),
  };
}

function remittanceNode(tx: Camt054Transaction): XmlFields | undefined {
  assertInvariant(tx.kid === undefined || tx.creditorReference === undefined, 'one creditor reference: a KID or another');
  const reference = tx.kid ?? tx.creditorReference;
  if (reference === undefined && tx.unstructured === undefined) return undefined;
  return {
    Ustrd: tx.unstructured?.map((line) => isoText(line, 140)),
    Strd: reference === undefined ? undefined : { CdtrRefInf: { Tp: { CdOrPrtry: { Cd: 'SCOR' } }, Ref: isoIdentifier(reference) } },
  };
}

function returnNode(info: ReturnInformation): XmlFields {
  assertInvariant(info.reasonCode === undefined || info.reasonProprietary === undefined, 'a return reason is a code or proprietary, not both');
  const reason = info.reasonCode !== undefined ? { Cd: info.reasonCode } : info.reasonProprietary !== undefined ? { Prtry: info.reasonProprietary } : undefined;
  return {
    OrgnlBkTxCd: info.originalBankTransactionCode === undefined ? undefined : bankTransactionCodeNode(info.originalBankTransactionCode),
    Rsn: reason,
    AddtlInf: info.additionalInformation === undefined ? undefined : isoText(info.additionalInformation, 105),
  };
}

function bankTransactionCodeNode(code: BankTransactionCode): XmlFields {
  const hasDomain = code.domain !== undefined;
  assertInvariant(hasDomain === (code.family !== undefined) && hasDomain === (code.subFamily !== undefined), 'a bank transaction code has domain, family and sub-family together');
  return {
    Domn: hasDomain ? { Cd: code.domain!, Fmly: { Cd: code.family!, SubFmlyCd: code.subFamily! } } : undefined,
    Prtry: code.proprietary === undefined ? undefined : { Cd: isoIdentifier(code.proprietary) },
  };
}

function optionalIdentifier(value: string | undefined): string | undefined {
  return value === undefined ? undefined : isoIdentifier(value);
}
