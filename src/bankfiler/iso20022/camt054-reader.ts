import { isValidKidAnyAlgorithm } from '../../domain/kid.js';
import { limits } from '../../domain/limits.js';
import { sumOere } from '../../domain/money.js';
import { quote, readWhole, refuse, type BankfilLesing } from '../bankfil-feil.js';
import { camt054Namespaces, type BankTransactionCode, type Camt054Document, type Camt054Entry, type Camt054Notification, type Camt054Transaction, type Camt054Version, type Party, type ReturnInformation } from './camt054.js';
import { childrenNamed, optionalChild, optionalPath, optionalText, readAmount, readBoolean, readCreditDebit, readDateChoice, readDateTime, requiredChild, textOf, valueError } from './iso-values.js';
import { readAccount } from './iso-account.js';
import { readXmlDocument, type XmlElement } from './xml-document.js';

/**
 * Reads a camt.054 notification, version 02 or 08, strictly: a well-formed document within the
 * limits, every element in the message's namespace, the elements this system uses present and of
 * their type (NOK amounts, dates, CRDT/DBIT, KIDs with a valid check digit), every entry with a
 * reference of the bank's that no other entry shares, and an entry's transactions adding up to
 * the entry. Elements it does not use are let through unread. The first fault refuses the
 * file, naming the element.
 */
export function readCamt054(text: string): BankfilLesing<Camt054Document> {
  return readWhole(() => new Camt054Reading(readXmlDocument(text)).read());
}

/** The camt.054 version a document's root declares, if it is one we read. */
export function camt054VersionOf(namespace: string | undefined): Camt054Version | undefined {
  return (Object.keys(camt054Namespaces) as Camt054Version[]).find((version) => camt054Namespaces[version] === namespace);
}

const kidShape = /^\d{1,24}[\d-]$/;
const notProvided = 'NOTPROVIDED';

class Camt054Reading {
  private readonly version: Camt054Version;
  private readonly references = new Set<string>();
  private transactionCount = 0;

  constructor(private readonly root: XmlElement) {
    const version = camt054VersionOf(root.namespace);
    if (root.name !== 'Document' || version === undefined) {
      const supported = Object.values(camt054Namespaces).join(' / ');
      refuse({
        kode: 'namespace',
        element: root.path,
        melding: `Rotelementet ${root.path} i navnerommet ${quote(root.namespace ?? '')} er ikke en camt.054 som kan leses; ventet Document i ${supported}.`,
        message: `The root element ${root.path} in the namespace ${quote(root.namespace ?? '')} is not a readable camt.054; expected Document in ${supported}.`,
      });
    }
    this.version = version;
  }

  read(): Camt054Document {
    this.checkNamespaces(this.root);
    const message = this.onlyChild(this.root, 'BkToCstmrDbtCdtNtfctn');
    const header = requiredChild(message, 'GrpHdr');
    const notifications = childrenNamed(message, 'Ntfctn');
    if (notifications.length === 0) requiredChild(message, 'Ntfctn');
    return {
      version: this.version,
      messageId: textOf(requiredChild(header, 'MsgId')),
      creationDateTime: readDateTime(requiredChild(header, 'CreDtTm')),
      notifications: notifications.map((notification) => this.notification(notification)),
    };
  }

  private checkNamespaces(element: XmlElement): void {
    if (element.namespace !== this.root.namespace) {
      refuse({
        kode: 'namespace',
        element: element.path,
        melding: `Elementet ${element.path} er i navnerommet ${quote(element.namespace ?? '')}, ikke meldingens ${camt054Namespaces[this.version]}.`,
        message: `The element ${element.path} is in the namespace ${quote(element.namespace ?? '')}, not the message's ${camt054Namespaces[this.version]}.`,
      });
    }
    for (const child of element.children) this.checkNamespaces(child);
  }

  private onlyChild(element: XmlElement, name: string): XmlElement {
    const found = requiredChild(element, name);
    const other = element.children.find((child) => child !== found);
    if (other !== undefined) {
      refuse({ kode: 'value', element: other.path, melding: `Elementet ${other.path} hører ikke hjemme i ${element.path}.`, message: `The element ${other.path} does not belong in ${element.path}.` });
    }
    return found;
  }

  private notification(element: XmlElement): Camt054Notification {
    const created = optionalChild(element, 'CreDtTm');
    if (this.version === 'camt.054.001.02' && created === undefined) requiredChild(element, 'CreDtTm');
    return {
      id: textOf(requiredChild(element, 'Id')),
      creationDateTime: created === undefined ? undefined : readDateTime(created),
      account: readAccount(requiredChild(element, 'Acct')),
      entries: childrenNamed(element, 'Ntry').map((entry) => this.entry(entry)),
    };
  }

  private entry(element: XmlElement): Camt054Entry {
    const amount = requiredChild(element, 'Amt');
    const beloepOere = readAmount(amount);
    const creditDebit = readCreditDebit(requiredChild(element, 'CdtDbtInd'));
    const reversal = optionalChild(element, 'RvslInd');
    const status = this.status(requiredChild(element, 'Sts'));
    const booking = optionalChild(element, 'BookgDt');
    if (status === 'BOOK' && booking === undefined) requiredChild(element, 'BookgDt', ['en bokført post har bokføringsdato', 'a booked entry has a booking date']);
    const valueDate = optionalChild(element, 'ValDt');
    const entryReference = optionalText(element, 'NtryRef');
    const accountServicerReference = optionalText(element, 'AcctSvcrRef');
    if (entryReference === undefined && accountServicerReference === undefined) {
      requiredChild(element, 'AcctSvcrRef', ['posten trenger bankens referanse (AcctSvcrRef eller NtryRef) som identitet', 'the entry needs the bank’s reference (AcctSvcrRef or NtryRef) as its identity']);
    }
    this.unique(element, accountServicerReference === undefined ? `NtryRef ${entryReference}` : `AcctSvcrRef ${accountServicerReference}`);
    const details = childrenNamed(element, 'NtryDtls').flatMap((detail) => childrenNamed(detail, 'TxDtls'));
    const transactions = details.map((tx) => this.transaction(tx, creditDebit));
    this.count(element, Math.max(transactions.length, 1));
    this.checkTransactionAmounts(element, amount, beloepOere, details, transactions);
    return {
      entryReference,
      accountServicerReference,
      beloepOere,
      creditDebit,
      reversal: reversal === undefined ? undefined : readBoolean(reversal),
      status,
      bookingDate: booking === undefined ? undefined : readDateChoice(booking),
      valueDate: valueDate === undefined ? undefined : readDateChoice(valueDate),
      bankTransactionCode: readBankTransactionCode(requiredChild(element, 'BkTxCd')),
      transactions,
    };
  }

  /** Version 02: `<Sts>BOOK</Sts>`; version 08: `<Sts><Cd>BOOK</Cd></Sts>` (or Prtry). */
  private status(element: XmlElement): string {
    if (this.version === 'camt.054.001.02') return textOf(element);
    const code = optionalChild(element, 'Cd') ?? optionalChild(element, 'Prtry');
    return code === undefined ? valueError(element, element.text, 'skal ha Cd eller Prtry (versjon 08)', 'must hold Cd or Prtry (version 08)') : textOf(code);
  }

  private transaction(element: XmlElement, entryDirection: 'CRDT' | 'DBIT'): Camt054Transaction {
    const refs = optionalChild(element, 'Refs');
    const accountServicerReference = optionalText(refs, 'AcctSvcrRef');
    if (accountServicerReference !== undefined) this.unique(element, `Refs/AcctSvcrRef ${accountServicerReference}`);
    const endToEndId = optionalText(refs, 'EndToEndId');
    const direction = optionalChild(element, 'CdtDbtInd');
    const creditDebit = direction === undefined ? undefined : readCreditDebit(direction);
    if (creditDebit !== undefined && creditDebit !== entryDirection) {
      valueError(direction!, creditDebit, `er ikke postens retning (${entryDirection})`, `is not the entry's direction (${entryDirection})`);
    }
    const amount = this.version === 'camt.054.001.08' ? (optionalChild(element, 'Amt') ?? optionalPath(element, 'AmtDtls/TxAmt/Amt')) : (optionalPath(element, 'AmtDtls/TxAmt/Amt') ?? optionalPath(element, 'AmtDtls/InstdAmt/Amt'));
    const parties = optionalChild(element, 'RltdPties');
    const code = optionalChild(element, 'BkTxCd');
    const returnInformation = optionalChild(element, 'RtrInf');
    return {
      accountServicerReference,
      instructionId: optionalText(refs, 'InstrId'),
      endToEndId: endToEndId === notProvided ? undefined : endToEndId,
      beloepOere: amount === undefined ? undefined : readAmount(amount),
      creditDebit,
      bankTransactionCode: code === undefined ? undefined : readBankTransactionCode(code),
      debtor: this.party(parties, 'Dbtr', 'DbtrAcct'),
      creditor: this.party(parties, 'Cdtr', 'CdtrAcct'),
      ...readRemittance(optionalChild(element, 'RmtInf')),
      returnInformation: returnInformation === undefined ? undefined : readReturnInformation(returnInformation),
    };
  }

  /** Version 02: `Dbtr/Nm`; version 08: `Dbtr/Pty/Nm`. */
  private party(parties: XmlElement | undefined, partyName: string, accountName: string): Party | undefined {
    if (parties === undefined) return undefined;
    const party = optionalChild(parties, partyName);
    const account = optionalChild(parties, accountName);
    if (party === undefined && account === undefined) return undefined;
    const name = this.version === 'camt.054.001.08' ? optionalText(party, 'Pty/Nm') : optionalText(party, 'Nm');
    return { name, account: account === undefined ? undefined : readAccount(account) };
  }

  private checkTransactionAmounts(entry: XmlElement, amount: XmlElement, beloepOere: number, details: readonly XmlElement[], transactions: readonly Camt054Transaction[]): void {
    if (transactions.length === 0) return;
    if (transactions.length === 1 && transactions[0]!.beloepOere === undefined) return;
    const missing = transactions.findIndex((tx) => tx.beloepOere === undefined);
    if (missing >= 0) {
      const path = `${details[missing]!.path}/${this.version === 'camt.054.001.08' ? 'Amt' : 'AmtDtls/TxAmt/Amt'}`;
      refuse({
        kode: 'missing-element',
        element: path,
        melding: `Elementet ${path} mangler (en post med flere transaksjoner har beløp på hver).`,
        message: `The element ${path} is missing (an entry of several transactions has an amount on each).`,
      });
    }
    const sum = sumOere(transactions.map((tx) => tx.beloepOere!));
    if (sum !== beloepOere) {
      refuse({
        kode: 'sum-mismatch',
        element: amount.path,
        melding: `${amount.path}: posten er på ${beloepOere} øre, men transaksjonene i ${entry.path} summerer til ${sum} øre.`,
        message: `${amount.path}: the entry is ${beloepOere} øre, but the transactions in ${entry.path} add up to ${sum} øre.`,
      });
    }
  }

  private unique(element: XmlElement, reference: string): void {
    if (this.references.has(reference)) {
      refuse({ kode: 'duplicate', element: element.path, melding: `${element.path}: ${reference} finnes alt i filen.`, message: `${element.path}: ${reference} is already in the file.` });
    }
    this.references.add(reference);
  }

  private count(element: XmlElement, transactions: number): void {
    this.transactionCount += transactions;
    if (this.transactionCount > limits.bankfilTransaksjonerMax) {
      refuse({
        kode: 'too-large',
        element: element.path,
        melding: `${element.path}: filen har flere enn ${limits.bankfilTransaksjonerMax} transaksjoner.`,
        message: `${element.path}: the file has more than ${limits.bankfilTransaksjonerMax} transactions.`,
      });
    }
  }
}

function readBankTransactionCode(element: XmlElement): BankTransactionCode {
  const domain = optionalChild(element, 'Domn');
  const family = domain === undefined ? undefined : requiredChild(domain, 'Fmly');
  return {
    domain: domain === undefined ? undefined : textOf(requiredChild(domain, 'Cd')),
    family: family === undefined ? undefined : textOf(requiredChild(family, 'Cd')),
    subFamily: family === undefined ? undefined : textOf(requiredChild(family, 'SubFmlyCd')),
    proprietary: optionalText(element, 'Prtry/Cd'),
  };
}

/** RmtInf: Ustrd lines, and at most one Strd/CdtrRefInf/Ref (a KID is checked, another reference kept as it is). */
function readRemittance(element: XmlElement | undefined): Pick<Camt054Transaction, 'kid' | 'creditorReference' | 'unstructured'> {
  if (element === undefined) return {};
  const unstructured = childrenNamed(element, 'Ustrd').map(textOf);
  const references = childrenNamed(element, 'Strd').flatMap((strd) => {
    const ref = optionalPath(strd, 'CdtrRefInf/Ref');
    return ref === undefined ? [] : [ref];
  });
  if (references.length > 1) {
    const path = references[1]!.path;
    refuse({ kode: 'value', element: path, melding: `${path}: ${element.path} har mer enn én kreditorreferanse (KID).`, message: `${path}: ${element.path} has more than one creditor reference (KID).` });
  }
  const ref = references[0];
  const value = ref === undefined ? undefined : textOf(ref);
  const isKid = value !== undefined && kidShape.test(value);
  if (isKid && !isValidKidAnyAlgorithm(value)) {
    refuse({
      kode: 'kid-check-digit',
      element: ref!.path,
      melding: `${ref!.path}: KID ${quote(value)} har feil kontrollsiffer (verken MOD10 eller MOD11).`,
      message: `${ref!.path}: KID ${quote(value)} has a wrong check digit (neither MOD10 nor MOD11).`,
    });
  }
  return {
    kid: isKid ? value : undefined,
    creditorReference: isKid ? undefined : value,
    unstructured: unstructured.length === 0 ? undefined : unstructured,
  };
}

function readReturnInformation(element: XmlElement): ReturnInformation {
  const original = optionalChild(element, 'OrgnlBkTxCd');
  const additional = childrenNamed(element, 'AddtlInf').map(textOf);
  return {
    originalBankTransactionCode: original === undefined ? undefined : readBankTransactionCode(original),
    reasonCode: optionalText(element, 'Rsn/Cd'),
    reasonProprietary: optionalText(element, 'Rsn/Prtry'),
    additionalInformation: additional.length === 0 ? undefined : additional.join(' '),
  };
}
