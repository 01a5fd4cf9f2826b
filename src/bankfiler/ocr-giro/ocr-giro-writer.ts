import { assertInvariant } from '../../domain/assert.js';
import { isValidKidAnyAlgorithm } from '../../domain/kid.js';
import { controlSumOere, type OcrGiroForsendelse, type OcrGiroOppdrag, type OcrGiroTransaksjon } from './ocr-giro.js';
import { recordPrefix, writeRecord } from './ocr-giro-felt.js';
import {
  beloepspost1,
  beloepspost2,
  beloepspost3,
  forsendelseSlutt,
  forsendelseStart,
  forsendelseTjenestekode,
  hasFritekst,
  ocrGiroTjenestekode,
  oppdragSlutt,
  oppdragStart,
} from './ocr-giro-poster.js';

/**
 * Writes a forsendelse as Nets would send it: the records in order, the counts, sums and first
 * and last settlement dates of the end records computed from the transactions, lines ending in
 * CRLF. What the reader would refuse (a bad KID, a free text on a type without one, an empty
 * oppdrag) is a programmer error here. The result is text in ISO-8859-1's repertoire; encode it
 * with `encodeOcrGiro` for a file.
 */
export function writeOcrGiro(forsendelse: OcrGiroForsendelse): string {
  const lines = [
    writeRecord(recordPrefix(forsendelseTjenestekode, '00', forsendelseStart), forsendelseStart, forsendelse),
    ...forsendelse.oppdrag.flatMap(oppdragLines),
  ];
  const transaksjoner = forsendelse.oppdrag.flatMap((oppdrag) => oppdrag.transaksjoner);
  lines.push(
    writeRecord(recordPrefix(forsendelseTjenestekode, '00', forsendelseSlutt), forsendelseSlutt, {
      antallTransaksjoner: String(transaksjoner.length),
      antallRecords: String(lines.length + 1),
      sumBeloep: String(controlSumOere(transaksjoner)),
      oppgjoersdato: forsendelse.oppgjoersdato,
    }),
  );
  return lines.map((line) => `${line}\r\n`).join('');
}

/** ISO-8859-1 bytes, the encoding of OCR giro files. */
export function encodeOcrGiro(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

/** The text of an OCR giro file's bytes (ISO-8859-1). */
export function decodeOcrGiro(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1');
}

function oppdragLines(oppdrag: OcrGiroOppdrag): string[] {
  assertInvariant(oppdrag.transaksjoner.length > 0, `oppdrag ${oppdrag.oppdragsnummer} has transactions`);
  const lines = [writeRecord(recordPrefix(ocrGiroTjenestekode, '00', oppdragStart), oppdragStart, oppdrag), ...oppdrag.transaksjoner.flatMap(transactionLines)];
  const dates = oppdrag.transaksjoner.map((t) => t.oppgjoersdato).sort();
  lines.push(
    writeRecord(recordPrefix(ocrGiroTjenestekode, '00', oppdragSlutt), oppdragSlutt, {
      antallTransaksjoner: String(oppdrag.transaksjoner.length),
      antallRecords: String(lines.length + 1),
      sumBeloep: String(controlSumOere(oppdrag.transaksjoner)),
      oppgjoersdato: oppdrag.oppgjoersdato,
      foersteOppgjoersdato: dates[0]!,
      sisteOppgjoersdato: dates.at(-1)!,
    }),
  );
  return lines;
}

function transactionLines(transaksjon: OcrGiroTransaksjon): string[] {
  const type = String(transaksjon.transaksjonstype);
  const kid = transaksjon.kid ?? '';
  assertInvariant(kid === '' ? hasFritekst(transaksjon.transaksjonstype) : isValidKidAnyAlgorithm(kid), `transaction ${transaksjon.transaksjonsnummer} has a valid KID, or none on a free-text type`);
  assertInvariant(transaksjon.fritekst === undefined || hasFritekst(transaksjon.transaksjonstype), 'only types 20 and 21 carry a free text');
  const lines = [
    writeRecord(recordPrefix(ocrGiroTjenestekode, type, beloepspost1), beloepspost1, {
      transaksjonsnummer: transaksjon.transaksjonsnummer,
      oppgjoersdato: transaksjon.oppgjoersdato,
      sentralId: transaksjon.sentralId ?? '00',
      dagkode: transaksjon.dagkode ?? transaksjon.oppgjoersdato.slice(8, 10),
      delavregningsnummer: transaksjon.delavregningsnummer ?? '1',
      loepenummer: transaksjon.loepenummer ?? transaksjon.transaksjonsnummer.slice(-5),
      fortegn: transaksjon.beloepOere < 0 ? '-' : '0',
      beloep: String(Math.abs(transaksjon.beloepOere)),
      kid,
      kortutsteder: transaksjon.kortutsteder ?? '',
    }),
    writeRecord(recordPrefix(ocrGiroTjenestekode, type, beloepspost2), beloepspost2, {
      transaksjonsnummer: transaksjon.transaksjonsnummer,
      blankettnummer: transaksjon.blankettnummer ?? '',
      arkivreferanse: transaksjon.arkivreferanse ?? '',
      bankfelt: transaksjon.bankfelt ?? '',
      oppdragsdato: transaksjon.oppdragsdato ?? '',
      debetkonto: transaksjon.debetkonto,
    }),
  ];
  if (transaksjon.fritekst !== undefined) {
    lines.push(writeRecord(recordPrefix(ocrGiroTjenestekode, type, beloepspost3), beloepspost3, { transaksjonsnummer: transaksjon.transaksjonsnummer, fritekst: transaksjon.fritekst }));
  }
  return lines;
}
