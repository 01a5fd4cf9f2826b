import { assertInvariant } from '../../domain/assert.js';
import type { LocalDate } from '../../domain/dates.js';
import { limits } from '../../domain/limits.js';
import { isValidOrganisasjonsnummer } from '../../domain/organisasjonsnummer.js';
import { sumOere, type Oere } from '../../domain/money.js';
import { accountNode, type AccountIdentification } from './iso-account.js';
import { assertDateTime, currency, isoIdentifier, isoText, writeAmount } from './iso-values.js';
import { amountNode, writeXmlDocument, type XmlFields } from './xml-writer.js';

/**
 * ISO 20022 pain.001.001.09 (CustomerCreditTransferInitiation): a day's payouts as one payment
 * order from Skatteetaten's account to the bank, one credit transfer per payout. The payout id
 * is the EndToEndId, so the bank's camt.054 for each transfer (or its return) names the payout.
 * Everything that varies is a parameter — the creation time included — so the same payouts give
 * the same bytes.
 */
export const pain001Namespace = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09';

export interface Pain001Order {
  /** GrpHdr/MsgId: unique per order, e.g. built from the payout date. */
  readonly messageId: string;
  /** GrpHdr/CreDtTm: given, never read from a clock. */
  readonly creationDateTime: string;
  /** PmtInf/ReqdExctnDt: the payout date. */
  readonly requestedExecutionDate: LocalDate;
  readonly debtor: Pain001Debtor;
  readonly payments: readonly Pain001Payment[];
}

/** Who pays: Skatteetaten, from its payout account at its bank. */
export interface Pain001Debtor {
  readonly name: string;
  readonly organisasjonsnummer: string;
  readonly account: AccountIdentification;
  /** The BIC of the debtor's bank (DbtrAgt). */
  readonly bic: string;
}

export interface Pain001Payment {
  /** The payout id: InstrId and EndToEndId. */
  readonly endToEndId: string;
  readonly beloepOere: Oere;
  readonly creditorName: string;
  readonly creditorAccount: AccountIdentification;
  /** RmtInf/Ustrd: the message to the recipient. */
  readonly remittanceInformation?: string | undefined;
}

export function writePain001(order: Pain001Order): string {
  const { payments, debtor } = order;
  assertInvariant(payments.length > 0, 'a pain.001 holds at least one credit transfer (a day without payouts has no file)');
  assertInvariant(payments.length <= limits.utbetalingsfilTransaksjonerMax, `at most ${limits.utbetalingsfilTransaksjonerMax} payouts in one file`);
  assertInvariant(new Set(payments.map((p) => p.endToEndId)).size === payments.length, 'each payout once');
  assertInvariant(isValidOrganisasjonsnummer(debtor.organisasjonsnummer), `the debtor's organisasjonsnummer: ${debtor.organisasjonsnummer}`);
  assertInvariant(/^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?$/.test(debtor.bic), `a BIC: ${debtor.bic}`);
  const count = String(payments.length);
  const controlSum = writeAmount(sumOere(payments.map((p) => p.beloepOere)));
  const party = partyNode(debtor);
  return writeXmlDocument(pain001Namespace, 'CstmrCdtTrfInitn', {
    GrpHdr: { MsgId: isoIdentifier(order.messageId), CreDtTm: assertDateTime(order.creationDateTime), NbOfTxs: count, CtrlSum: controlSum, InitgPty: party },
    PmtInf: {
      PmtInfId: isoIdentifier(order.messageId),
      PmtMtd: 'TRF',
      // Each payout is its own booking, so each gets its own camt.054 entry to confirm or return it.
      BtchBookg: 'false',
      NbOfTxs: count,
      CtrlSum: controlSum,
      PmtTpInf: { InstrPrty: 'NORM', SvcLvl: { Cd: 'NURG' } },
      ReqdExctnDt: { Dt: order.requestedExecutionDate },
      Dbtr: party,
      DbtrAcct: accountNode(debtor.account, currency),
      DbtrAgt: { FinInstnId: { BICFI: debtor.bic } },
      CdtTrfTxInf: payments.map(paymentNode),
    },
  });
}

function partyNode(debtor: Pain001Debtor): XmlFields {
  return { Nm: isoText(debtor.name, 140), Id: { OrgId: { Othr: { Id: debtor.organisasjonsnummer, SchmeNm: { Cd: 'CUST' } } } } };
}

function paymentNode(payment: Pain001Payment): XmlFields {
  assertInvariant(payment.beloepOere > 0, `a payout is a positive amount: ${payment.endToEndId}`);
  const message = payment.remittanceInformation === undefined ? '' : isoText(payment.remittanceInformation, 140);
  const creditorName = isoText(payment.creditorName, 140);
  assertInvariant(creditorName !== '', `the recipient of payout ${payment.endToEndId} has a name`);
  return {
    PmtId: { InstrId: isoIdentifier(payment.endToEndId), EndToEndId: isoIdentifier(payment.endToEndId) },
    Amt: { InstdAmt: amountNode(writeAmount(payment.beloepOere), currency) },
    Cdtr: { Nm: creditorName },
    CdtrAcct: accountNode(payment.creditorAccount),
    RmtInf: message === '' ? undefined : { Ustrd: message },
  };
}
