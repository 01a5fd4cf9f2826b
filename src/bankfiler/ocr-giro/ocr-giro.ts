import type { LocalDate } from '../../domain/dates.js';
import type { Oere } from '../../domain/money.js';
import type { Transaksjonstype } from './ocr-giro-poster.js';

/**
 * One Nets OCR giro file (a forsendelse) as the reader returns it and the writer takes it. Names
 * are the specification's. Numbers that are identifiers stay text, leading zeros and all.
 */
export interface OcrGiroForsendelse {
  /** Who made the file (Nets: 00008080). */
  readonly dataavsender: string;
  /** Unique per data sender: with `dataavsender` and `datamottaker` it identifies the file. */
  readonly forsendelsesnummer: string;
  /** The customer unit that receives it. */
  readonly datamottaker: string;
  /** Nets' settlement date, from the end record. */
  readonly oppgjoersdato: LocalDate;
  readonly oppdrag: readonly OcrGiroOppdrag[];
}

export interface OcrGiroOppdrag {
  readonly avtaleId: string;
  /** Unique within the forsendelse. */
  readonly oppdragsnummer: string;
  /** The account the payments were made to. */
  readonly oppdragskonto: string;
  /** From the oppdrag's end record. */
  readonly oppgjoersdato: LocalDate;
  readonly transaksjoner: readonly OcrGiroTransaksjon[];
}

/**
 * One payment: beløpspost 1 and 2, and 3 for the free-text types. The fields marked "writer
 * default" are always set by the reader; the writer fills them when absent.
 */
export interface OcrGiroTransaksjon {
  readonly transaksjonstype: Transaksjonstype;
  /** Unique within the oppdrag: with `oppdragsnummer` it identifies the transaction in the file. */
  readonly transaksjonsnummer: string;
  readonly oppgjoersdato: LocalDate;
  /** Negative when the sign is minus (a reversal, types 18 and 20). */
  readonly beloepOere: Oere;
  /** Absent when the field is blank (allowed only for the free-text types 20 and 21). */
  readonly kid?: string | undefined;
  /** The payer's account. */
  readonly debetkonto: string;
  /** The day the payer's bank received the order; absent when 000000. */
  readonly oppdragsdato?: LocalDate | undefined;
  /** Beløpspost 3, types 20 and 21 only. */
  readonly fritekst?: string | undefined;
  /** The bank's archive reference. Writer default: zeros. */
  readonly arkivreferanse?: string | undefined;
  /** Writer default: zeros. */
  readonly blankettnummer?: string | undefined;
  /** Writer default: 00. */
  readonly sentralId?: string | undefined;
  /** Writer default: the day of `oppgjoersdato`. */
  readonly dagkode?: string | undefined;
  /** Writer default: 1. */
  readonly delavregningsnummer?: string | undefined;
  /** Writer default: the last five digits of `transaksjonsnummer`. */
  readonly loepenummer?: string | undefined;
  /** Writer default: 00. */
  readonly kortutsteder?: string | undefined;
  /** Positions 35–41 of beløpspost 2 (a filler that banks fill). Writer default: zeros. */
  readonly bankfelt?: string | undefined;
  /** The line of beløpspost 1, set by the reader. */
  readonly linje?: number | undefined;
}

/** Sum beløp of an end record: the amount fields as written, without their signs (there is no room for one). */
export function controlSumOere(transaksjoner: readonly OcrGiroTransaksjon[]): bigint {
  return transaksjoner.reduce((sum, t) => sum + BigInt(Math.abs(t.beloepOere)), 0n);
}

/** One payment to put in an OCR giro file: what a sandbox or a test knows about it. */
export interface OcrGiroBetaling {
  readonly beloepOere: Oere;
  /** With a KID the payment is type 10 (giro debited account); without, type 21 with the free text. */
  readonly kid?: string | undefined;
  readonly fritekst?: string | undefined;
  readonly debetkonto: string;
  readonly oppdragsdato?: LocalDate | undefined;
}

/** Nets' data sender number, the dataavsender of every OCR giro file from Nets. */
export const netsDataavsender = '00008080';

/**
 * A forsendelse as Nets would make it of some payments to one account on one settlement date:
 * one oppdrag (numbered as the forsendelse), transactions numbered from 1. At least one payment:
 * Nets sends no empty oppdrag.
 */
export function ocrGiroForsendelse(input: {
  readonly forsendelsesnummer: string;
  readonly datamottaker: string;
  readonly avtaleId: string;
  readonly oppdragskonto: string;
  readonly oppgjoersdato: LocalDate;
  readonly betalinger: readonly OcrGiroBetaling[];
}): OcrGiroForsendelse {
  const { oppgjoersdato } = input;
  return {
    dataavsender: netsDataavsender,
    forsendelsesnummer: input.forsendelsesnummer,
    datamottaker: input.datamottaker,
    oppgjoersdato,
    oppdrag: [
      {
        avtaleId: input.avtaleId,
        oppdragsnummer: input.forsendelsesnummer,
        oppdragskonto: input.oppdragskonto,
        oppgjoersdato,
        transaksjoner: input.betalinger.map((betaling, i) => ({
          transaksjonstype: betaling.kid === undefined ? 21 : 10,
          transaksjonsnummer: String(i + 1).padStart(7, '0'),
          oppgjoersdato,
          beloepOere: betaling.beloepOere,
          kid: betaling.kid,
          debetkonto: betaling.debetkonto,
          oppdragsdato: betaling.oppdragsdato,
          fritekst: betaling.kid === undefined ? (betaling.fritekst ?? '') : undefined,
        })),
      },
    ],
  };
}
