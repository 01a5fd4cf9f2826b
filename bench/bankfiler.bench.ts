import {
  accountIdentification,
  ocrGiroForsendelse,
  readCamt054,
  readInnbetalingsfil,
  readOcrGiro,
  writeCamt054,
  writeOcrGiro,
  writePain001,
  type BankfilLesing,
  type Camt054Transaction,
} from '../src/bankfiler/index.js';
import { localDate } from '../src/domain/dates.js';
import { makeKid } from '../src/domain/kid.js';
import { limits } from '../src/domain/limits.js';
import { toOere } from '../src/domain/money.js';
import { median } from './support/statistics.js';

/**
 * The bank file formats near their limits: a Nets OCR giro file of `bankfilTransaksjonerMax` KID
 * payments, a camt.054.001.08 of as many as fit in `bankfilBytesMax` (one batch entry, as banks
 * send KID payments), both read strictly; a pain.001 of `utbetalingsfilTransaksjonerMax` payouts
 * written. The median of five rounds after one warm-up.
 */
const count = limits.bankfilTransaksjonerMax;
const camtCount = 15_000;
const dato = localDate('2024-03-18');
const kid = (i: number): string => makeKid(String(250_000_000 + i), 'MOD11');

const ocr = writeOcrGiro(
  ocrGiroForsendelse({
    forsendelsesnummer: '0000001',
    datamottaker: '00010200',
    avtaleId: '001008566',
    oppdragskonto: '76940524802',
    oppgjoersdato: dato,
    betalinger: Array.from({ length: count }, (_, i) => ({ beloepOere: toOere(10_000 + i), kid: kid(i), debetkonto: '12345678903' })),
  }),
);

const transactions: Camt054Transaction[] = Array.from({ length: camtCount }, (_, i) => ({
  accountServicerReference: `20240318${String(i).padStart(7, '0')}`,
  beloepOere: toOere(10_000 + i),
  kid: kid(i),
  debtor: { name: `Betaler ${i}`, account: accountIdentification('12345678903') },
}));
const camt054 = writeCamt054({
  version: 'camt.054.001.08',
  messageId: 'BENCH',
  creationDateTime: '2024-03-18T06:00:00',
  notifications: [
    {
      id: 'N',
      account: accountIdentification('76940524802'),
      entries: [
        {
          accountServicerReference: '20240318',
          beloepOere: toOere(transactions.reduce((sum, tx) => sum + tx.beloepOere!, 0)),
          creditDebit: 'CRDT',
          status: 'BOOK',
          bookingDate: dato,
          bankTransactionCode: { domain: 'PMNT', family: 'RCDT', subFamily: 'DMCT' },
          transactions,
        },
      ],
    },
  ],
});

const payouts = Array.from({ length: limits.utbetalingsfilTransaksjonerMax }, (_, i) => ({
  endToEndId: String(74_000_001 + i),
  beloepOere: toOere(10_000 + i),
  creditorName: `Mottaker ${i}`,
  creditorAccount: accountIdentification('12345678903'),
  remittanceInformation: 'Tilbakebetaling',
}));

function measure(name: string, transactionCount: number, bytes: number, work: () => unknown): void {
  work();
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    const start = process.hrtime.bigint();
    work();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const ms = median(times);
  console.log(`${name.padEnd(32)} ${ms.toFixed(0).padStart(6)} ms  ${(bytes / 1e6 / (ms / 1000)).toFixed(1).padStart(5)} MB/s  (${(bytes / 1024 / 1024).toFixed(1)} MiB, ${transactionCount} transactions)`);
}

function value<T>(reading: BankfilLesing<T>): T {
  if (!reading.ok) throw new Error(reading.feil.message);
  return reading.value;
}

export async function run(): Promise<void> {
  const forsendelse = value(readOcrGiro(ocr));
  const order = { messageId: 'BENCH', creationDateTime: '2024-03-18T06:00:00', requestedExecutionDate: dato, debtor: { name: 'Skatteetaten', organisasjonsnummer: '974761076', account: accountIdentification('76940524802'), bic: 'DNBANOKK' }, payments: payouts };
  const pain001Bytes = writePain001(order).length;
  measure('read OCR giro', count, ocr.length, () => value(readOcrGiro(ocr)));
  measure('read OCR giro as payments in', count, ocr.length, () => value(readInnbetalingsfil(ocr)));
  measure('write OCR giro', count, ocr.length, () => writeOcrGiro(forsendelse));
  measure('read camt.054.001.08', camtCount, camt054.length, () => value(readCamt054(camt054)));
  measure('read camt.054 as payments in', camtCount, camt054.length, () => value(readInnbetalingsfil(camt054)));
  measure('write pain.001.001.09', payouts.length, pain001Bytes, () => writePain001(order));
}
