/**
 * Bank files in and out: Nets OCR giro and ISO 20022 camt.054 (payments in, payouts confirmed or
 * returned), pain.001 (payouts out). Pure formats: text in, values out, and back; no ledger.
 */
export type { BankfilFeil, BankfilFeilkode, BankfilLesing } from './bankfil-feil.js';
export { readInnbetalingsfil, type Bankfilformat, type Banktransaksjon, type Banktransaksjonsart, type Innbetalingsfil } from './innbetalingsfil.js';
export { netsDataavsender, ocrGiroForsendelse, type OcrGiroBetaling, type OcrGiroForsendelse, type OcrGiroOppdrag, type OcrGiroTransaksjon } from './ocr-giro/ocr-giro.js';
export { transaksjonstyper, type Transaksjonstype } from './ocr-giro/ocr-giro-poster.js';
export { readOcrGiro } from './ocr-giro/ocr-giro-reader.js';
export { decodeOcrGiro, encodeOcrGiro, writeOcrGiro } from './ocr-giro/ocr-giro-writer.js';
export {
  camt054Namespaces,
  type BankTransactionCode,
  type Camt054Document,
  type Camt054Entry,
  type Camt054Notification,
  type Camt054Transaction,
  type Camt054Version,
  type CreditDebit,
  type Party,
  type ReturnInformation,
} from './iso20022/camt054.js';
export { readCamt054 } from './iso20022/camt054-reader.js';
export { writeCamt054 } from './iso20022/camt054-writer.js';
export { accountIdentification, norwegianAccountNumber, type AccountIdentification } from './iso20022/iso-account.js';
export { pain001Namespace, writePain001, type Pain001Debtor, type Pain001Order, type Pain001Payment } from './iso20022/pain001-writer.js';
