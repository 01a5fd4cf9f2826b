import type { LocalDate } from '../../domain/dates.js';
import { isValidKidAnyAlgorithm } from '../../domain/kid.js';
import { limits } from '../../domain/limits.js';
import { toOere } from '../../domain/money.js';
import { quote, readWhole, refuse, type BankfilFeil, type BankfilLesing } from '../bankfil-feil.js';
import { controlSumOere, type OcrGiroForsendelse, type OcrGiroOppdrag, type OcrGiroTransaksjon } from './ocr-giro.js';
import { readRecord, type ValuesOf } from './ocr-giro-felt.js';
import {
  beloepspost1,
  beloepspost2,
  beloepspost3,
  forsendelseSlutt,
  forsendelseStart,
  hasFritekst,
  isTransaksjonstype,
  oppdragSlutt,
  oppdragStart,
  recordLength,
  type RecordLayout,
  type Transaksjonstype,
} from './ocr-giro-poster.js';

/**
 * Reads a Nets OCR giro file strictly: every record 80 characters and of a known type, in the
 * order the specification gives (forsendelse start, oppdrag of beløpsposter, forsendelse end),
 * every field of its kind, every KID with a valid MOD10 or MOD11 check digit, and the counts,
 * sums and dates of the end records equal to what the file holds. The first fault refuses the
 * whole file, naming its line. Lines end in LF or CRLF; one final line end is allowed.
 */
export function readOcrGiro(text: string): BankfilLesing<OcrGiroForsendelse> {
  return readWhole(() => {
    if (text.length > limits.bankfilBytesMax) {
      refuse({
        kode: 'too-large',
        melding: `Filen er større enn ${limits.bankfilBytesMax} byte.`,
        message: `The file is larger than ${limits.bankfilBytesMax} bytes.`,
      });
    }
    return new OcrGiroReading(splitLines(text)).read();
  });
}

function splitLines(text: string): string[] {
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

type Expecting = 'forsendelse-start' | 'oppdrag-or-end' | 'first-transaction' | 'beloepspost-2' | 'next-transaction' | 'nothing';

interface OpenOppdrag {
  readonly start: { readonly avtaleId: string; readonly oppdragsnummer: string; readonly oppdragskonto: string };
  readonly startLine: number;
  readonly transaksjoner: OcrGiroTransaksjon[];
  readonly numbers: Set<string>;
}

interface OpenTransaction {
  readonly type: Transaksjonstype;
  readonly post1: ValuesOf<typeof beloepspost1>;
  readonly line: number;
  post2?: ValuesOf<typeof beloepspost2>;
  fritekst?: string;
}

/** An end record being checked, and what it counts in Norwegian and English. */
interface EndRecord {
  readonly lineNumber: number;
  readonly layout: RecordLayout;
  readonly holds: readonly [string, string];
}

class OcrGiroReading {
  private expecting: Expecting = 'forsendelse-start';
  private forsendelse: { dataavsender: string; forsendelsesnummer: string; datamottaker: string } | undefined;
  private readonly oppdrag: OcrGiroOppdrag[] = [];
  private readonly oppdragsnumre = new Set<string>();
  private open: OpenOppdrag | undefined;
  private transaction: OpenTransaction | undefined;
  private result: OcrGiroForsendelse | undefined;
  private transactionCount = 0;

  constructor(private readonly lines: readonly string[]) {}

  read(): OcrGiroForsendelse {
    if (this.lines.length === 0) {
      refuse({
        kode: 'empty',
        linje: 1,
        melding: 'Linje 1: filen er tom; ventet startrecord for forsendelse (NY000010).',
        message: 'Line 1: the file is empty; expected the transmission start record (NY000010).',
      });
    }
    this.lines.forEach((line, index) => this.readLine(line, index + 1));
    if (this.result === undefined) this.missingEnd();
    return this.result;
  }

  private readLine(line: string, lineNumber: number): void {
    if (line.length !== recordLength) {
      refuse({
        kode: 'record-length',
        linje: lineNumber,
        melding: `Linje ${lineNumber} har ${line.length} tegn; en record i OCR giro har ${recordLength}.`,
        message: `Line ${lineNumber} has ${line.length} characters; an OCR giro record has ${recordLength}.`,
      });
    }
    const prefix = line.slice(0, 8);
    if (this.expecting === 'nothing') this.unexpected(lineNumber, prefix);
    switch (prefix) {
      case 'NY000010':
        return this.forsendelseStart(line, lineNumber, prefix);
      case 'NY090020':
        return this.oppdragStart(line, lineNumber, prefix);
      case 'NY090088':
        return this.oppdragEnd(line, lineNumber, prefix);
      case 'NY000089':
        return this.forsendelseEnd(line, lineNumber, prefix);
    }
    const beloepspost = /^NY09(\d\d)(3[012])$/.exec(prefix);
    if (beloepspost === null) {
      refuse({
        kode: 'record-type',
        linje: lineNumber,
        melding: `Linje ${lineNumber}: ukjent recordtype ${quote(prefix)} (posisjon 1–8); OCR giro har NY000010, NY090020, NY09tt30/31/32, NY090088 og NY000089.`,
        message: `Line ${lineNumber}: unknown record type ${quote(prefix)} (positions 1–8); OCR giro has NY000010, NY090020, NY09tt30/31/32, NY090088 and NY000089.`,
      });
    }
    const type = Number(beloepspost[1]);
    if (!isTransaksjonstype(type)) {
      refuse({
        kode: 'record-type',
        linje: lineNumber,
        melding: `Linje ${lineNumber}: ukjent transaksjonstype ${quote(beloepspost[1]!)} (posisjon 5–6); OCR giro har 10–21.`,
        message: `Line ${lineNumber}: unknown transaction type ${quote(beloepspost[1]!)} (positions 5–6); OCR giro has 10–21.`,
      });
    }
    if (beloepspost[2] === '30') return this.beloepspost1(line, lineNumber, prefix, type);
    if (beloepspost[2] === '31') return this.beloepspost2(line, lineNumber, prefix, type);
    return this.beloepspost3(line, lineNumber, prefix, type);
  }

  private forsendelseStart(line: string, lineNumber: number, prefix: string): void {
    if (this.expecting !== 'forsendelse-start') this.unexpected(lineNumber, prefix);
    const values = readRecord(line, lineNumber, forsendelseStart);
    this.forsendelse = { dataavsender: values.dataavsender, forsendelsesnummer: values.forsendelsesnummer, datamottaker: values.datamottaker };
    this.expecting = 'oppdrag-or-end';
  }

  private oppdragStart(line: string, lineNumber: number, prefix: string): void {
    if (this.expecting !== 'oppdrag-or-end') this.unexpected(lineNumber, prefix);
    const values = readRecord(line, lineNumber, oppdragStart);
    if (this.oppdragsnumre.has(values.oppdragsnummer)) {
      this.duplicate(lineNumber, `oppdragsnummer ${values.oppdragsnummer} finnes alt i forsendelsen`, `assignment number ${values.oppdragsnummer} is already in the transmission`);
    }
    this.oppdragsnumre.add(values.oppdragsnummer);
    this.open = {
      start: { avtaleId: values.avtaleId, oppdragsnummer: values.oppdragsnummer, oppdragskonto: values.oppdragskonto },
      startLine: lineNumber,
      transaksjoner: [],
      numbers: new Set(),
    };
    this.expecting = 'first-transaction';
  }

  private beloepspost1(line: string, lineNumber: number, prefix: string, type: Transaksjonstype): void {
    if (this.expecting !== 'first-transaction' && this.expecting !== 'next-transaction') this.unexpected(lineNumber, prefix);
    this.closeTransaction();
    const values = readRecord(line, lineNumber, beloepspost1);
    const open = this.open!;
    if (open.numbers.has(values.transaksjonsnummer)) {
      this.duplicate(lineNumber, `transaksjonsnummer ${values.transaksjonsnummer} finnes alt i oppdraget`, `transaction number ${values.transaksjonsnummer} is already in the assignment`);
    }
    open.numbers.add(values.transaksjonsnummer);
    this.checkKid(values.kid, type, lineNumber);
    this.checkAmount(values.beloep, lineNumber);
    this.transactionCount += 1;
    if (this.transactionCount > limits.bankfilTransaksjonerMax) {
      refuse({
        kode: 'too-large',
        linje: lineNumber,
        melding: `Linje ${lineNumber}: filen har flere enn ${limits.bankfilTransaksjonerMax} transaksjoner.`,
        message: `Line ${lineNumber}: the file has more than ${limits.bankfilTransaksjonerMax} transactions.`,
      });
    }
    this.transaction = { type, post1: values, line: lineNumber };
    this.expecting = 'beloepspost-2';
  }

  private beloepspost2(line: string, lineNumber: number, prefix: string, type: Transaksjonstype): void {
    if (this.expecting !== 'beloepspost-2') this.unexpected(lineNumber, prefix);
    const values = readRecord(line, lineNumber, beloepspost2);
    const transaction = this.transaction!;
    this.checkSameTransaction(transaction, type, values.transaksjonsnummer, lineNumber, beloepspost2);
    transaction.post2 = values;
    this.expecting = 'next-transaction';
  }

  private beloepspost3(line: string, lineNumber: number, prefix: string, type: Transaksjonstype): void {
    const transaction = this.transaction;
    if (this.expecting !== 'next-transaction' || transaction === undefined || transaction.fritekst !== undefined) this.unexpected(lineNumber, prefix);
    if (!hasFritekst(type)) {
      refuse({
        kode: 'record-order',
        linje: lineNumber,
        melding: `Linje ${lineNumber}: beløpspost 3 (fritekst) hører bare til transaksjonstype 20 og 21, ikke ${type}.`,
        message: `Line ${lineNumber}: amount record 3 (free text) belongs only to transaction types 20 and 21, not ${type}.`,
      });
    }
    const values = readRecord(line, lineNumber, beloepspost3);
    this.checkSameTransaction(transaction, type, values.transaksjonsnummer, lineNumber, beloepspost3);
    transaction.fritekst = values.fritekst;
  }

  private oppdragEnd(line: string, lineNumber: number, prefix: string): void {
    if (this.expecting === 'first-transaction') {
      this.orderError(lineNumber, prefix, 'minst én transaksjon (beløpspost 1) før sluttrecord for oppdrag', 'at least one transaction (amount record 1) before the assignment end record');
    }
    if (this.expecting !== 'next-transaction') this.unexpected(lineNumber, prefix);
    this.closeTransaction();
    const values = readRecord(line, lineNumber, oppdragSlutt);
    const open = this.open!;
    const transaksjoner = open.transaksjoner;
    const at = { lineNumber, layout: oppdragSlutt, holds: ['oppdraget', 'the assignment'] } as const;
    this.checkCount(at, 'antall transaksjoner', values.antallTransaksjoner, transaksjoner.length);
    this.checkCount(at, 'antall records', values.antallRecords, lineNumber - open.startLine + 1);
    this.checkSum(at, values.sumBeloep, transaksjoner);
    const dates = transaksjoner.map((t) => t.oppgjoersdato).sort();
    this.checkDate(at, 'første oppgjørsdato', values.foersteOppgjoersdato, dates[0]!);
    this.checkDate(at, 'siste oppgjørsdato', values.sisteOppgjoersdato, dates.at(-1)!);
    this.oppdrag.push({ ...open.start, oppgjoersdato: values.oppgjoersdato as LocalDate, transaksjoner });
    this.open = undefined;
    this.expecting = 'oppdrag-or-end';
  }

  private forsendelseEnd(line: string, lineNumber: number, prefix: string): void {
    if (this.expecting !== 'oppdrag-or-end') this.unexpected(lineNumber, prefix);
    const values = readRecord(line, lineNumber, forsendelseSlutt);
    const transaksjoner = this.oppdrag.flatMap((o) => o.transaksjoner);
    const at = { lineNumber, layout: forsendelseSlutt, holds: ['forsendelsen', 'the transmission'] } as const;
    this.checkCount(at, 'antall transaksjoner', values.antallTransaksjoner, transaksjoner.length);
    this.checkCount(at, 'antall records', values.antallRecords, lineNumber);
    this.checkSum(at, values.sumBeloep, transaksjoner);
    this.result = { ...this.forsendelse!, oppgjoersdato: values.oppgjoersdato as LocalDate, oppdrag: this.oppdrag };
    this.expecting = 'nothing';
  }

  private closeTransaction(): void {
    const transaction = this.transaction;
    if (transaction === undefined) return;
    const { post1, type } = transaction;
    const post2 = transaction.post2!;
    const beloep = Number(post1.beloep);
    this.open!.transaksjoner.push({
      transaksjonstype: type,
      transaksjonsnummer: post1.transaksjonsnummer,
      oppgjoersdato: post1.oppgjoersdato as LocalDate,
      beloepOere: toOere(post1.fortegn === '-' && beloep !== 0 ? -beloep : beloep),
      kid: post1.kid === '' ? undefined : post1.kid,
      debetkonto: post2.debetkonto,
      oppdragsdato: post2.oppdragsdato === '' ? undefined : (post2.oppdragsdato as LocalDate),
      fritekst: transaction.fritekst,
      arkivreferanse: post2.arkivreferanse,
      blankettnummer: post2.blankettnummer,
      sentralId: post1.sentralId,
      dagkode: post1.dagkode,
      delavregningsnummer: post1.delavregningsnummer,
      loepenummer: post1.loepenummer,
      kortutsteder: post1.kortutsteder,
      bankfelt: post2.bankfelt,
      linje: transaction.line,
    });
    this.transaction = undefined;
  }

  private checkKid(kid: string, type: Transaksjonstype, lineNumber: number): void {
    if (kid === '') {
      if (hasFritekst(type)) return;
      refuse({
        kode: 'field',
        linje: lineNumber,
        melding: `Linje ${lineNumber} (beløpspost 1), posisjon 50–74 (KID): KID mangler; bare transaksjonstype 20 og 21 kan være uten KID.`,
        message: `Line ${lineNumber} (amount record 1), positions 50–74 (KID): the KID is missing; only transaction types 20 and 21 may lack one.`,
      });
    }
    if (!isValidKidAnyAlgorithm(kid)) {
      refuse({
        kode: 'kid-check-digit',
        linje: lineNumber,
        melding: `Linje ${lineNumber} (beløpspost 1), posisjon 50–74 (KID): KID ${quote(kid)} har feil kontrollsiffer (verken MOD10 eller MOD11) eller feil lengde (2–25).`,
        message: `Line ${lineNumber} (amount record 1), positions 50–74 (KID): KID ${quote(kid)} has a wrong check digit (neither MOD10 nor MOD11) or a wrong length (2–25).`,
      });
    }
  }

  private checkAmount(beloep: string, lineNumber: number): void {
    if (Number(beloep) > limits.beloepOereMax) {
      refuse({
        kode: 'field',
        linje: lineNumber,
        melding: `Linje ${lineNumber} (beløpspost 1), posisjon 33–49 (beløp): ${Number(beloep)} øre er over grensen på ${limits.beloepOereMax} øre.`,
        message: `Line ${lineNumber} (amount record 1), positions 33–49 (amount): ${Number(beloep)} øre is over the limit of ${limits.beloepOereMax} øre.`,
      });
    }
  }

  private checkSameTransaction(transaction: OpenTransaction, type: Transaksjonstype, number: string, lineNumber: number, layout: RecordLayout): void {
    const first = transaction.post1.transaksjonsnummer;
    if (type === transaction.type && number === first) return;
    refuse({
      kode: 'record-order',
      linje: lineNumber,
      melding: `Linje ${lineNumber}: ${layout.label} gjelder transaksjon ${number} av type ${type}, men beløpspost 1 på linje ${transaction.line} var transaksjon ${first} av type ${transaction.type}.`,
      message: `Line ${lineNumber}: ${layout.labelEn} is for transaction ${number} of type ${type}, but amount record 1 on line ${transaction.line} was transaction ${first} of type ${transaction.type}.`,
    });
  }

  private checkCount(at: EndRecord, field: string, written: string, actual: number): void {
    if (Number(written) === actual) return;
    refuse({
      kode: 'count-mismatch',
      linje: at.lineNumber,
      melding: `Linje ${at.lineNumber} (${at.layout.label}): ${field} er ${Number(written)}, men ${at.holds[0]} har ${actual}.`,
      message: `Line ${at.lineNumber} (${at.layout.labelEn}): ${field} is ${Number(written)}, but ${at.holds[1]} has ${actual}.`,
    });
  }

  private checkSum(at: EndRecord, written: string, transaksjoner: readonly OcrGiroTransaksjon[]): void {
    const actual = controlSumOere(transaksjoner);
    if (BigInt(written) === actual) return;
    refuse({
      kode: 'sum-mismatch',
      linje: at.lineNumber,
      melding: `Linje ${at.lineNumber} (${at.layout.label}): sum beløp er ${BigInt(written)} øre, men beløpspostene i ${at.holds[0]} summerer til ${actual} øre.`,
      message: `Line ${at.lineNumber} (${at.layout.labelEn}): sum beløp is ${BigInt(written)} øre, but the amount records of ${at.holds[1]} add up to ${actual} øre.`,
    });
  }

  private checkDate(at: EndRecord, field: string, written: string, actual: string): void {
    if (written === actual) return;
    refuse({
      kode: 'date-mismatch',
      linje: at.lineNumber,
      melding: `Linje ${at.lineNumber} (${at.layout.label}): ${field} er ${written}, men transaksjonene sier ${actual}.`,
      message: `Line ${at.lineNumber} (${at.layout.labelEn}): ${field} is ${written}, but the transactions say ${actual}.`,
    });
  }

  private duplicate(lineNumber: number, melding: string, message: string): never {
    return refuse({ kode: 'duplicate', linje: lineNumber, melding: `Linje ${lineNumber}: ${melding}.`, message: `Line ${lineNumber}: ${message}.` });
  }

  private unexpected(lineNumber: number, prefix: string): never {
    const [nb, en] = expectationText[this.expecting];
    return this.orderError(lineNumber, prefix, nb, en);
  }

  private orderError(lineNumber: number, prefix: string, expectedNb: string, expectedEn: string): never {
    return refuse({
      kode: 'record-order',
      linje: lineNumber,
      melding: `Linje ${lineNumber}: ventet ${expectedNb}, fant ${quote(prefix)}.`,
      message: `Line ${lineNumber}: expected ${expectedEn}, found ${quote(prefix)}.`,
    });
  }

  private missingEnd(): never {
    const last = this.lines.length;
    const inOppdrag = this.open !== undefined;
    const record = inOppdrag ? oppdragSlutt : forsendelseSlutt;
    const code = inOppdrag ? 'NY090088' : 'NY000089';
    const feil: BankfilFeil = {
      kode: 'missing-end-record',
      linje: last,
      melding: `Filen slutter på linje ${last} uten ${record.label} (${code}).`,
      message: `The file ends at line ${last} without the ${record.labelEn} (${code}).`,
    };
    return refuse(feil);
  }
}

const expectationText: Record<Expecting, readonly [string, string]> = {
  'forsendelse-start': ['startrecord for forsendelse (NY000010) først', 'the transmission start record (NY000010) first'],
  'oppdrag-or-end': ['startrecord for oppdrag (NY090020) eller sluttrecord for forsendelse (NY000089)', 'an assignment start record (NY090020) or the transmission end record (NY000089)'],
  'first-transaction': ['beløpspost 1 (NY09tt30)', 'amount record 1 (NY09tt30)'],
  'beloepspost-2': ['beløpspost 2 (NY09tt31) for samme transaksjon', 'amount record 2 (NY09tt31) of the same transaction'],
  'next-transaction': ['beløpspost 1 (NY09tt30), beløpspost 3 (NY09tt32) eller sluttrecord for oppdrag (NY090088)', 'amount record 1 (NY09tt30), amount record 3 (NY09tt32) or the assignment end record (NY090088)'],
  nothing: ['ingenting etter sluttrecord for forsendelse', 'nothing after the transmission end record'],
};

