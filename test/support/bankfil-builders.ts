/**
 * Bank files written by hand from the published specifications, independent of src/bankfiler's
 * writers (as `ocr-giro-fixture.ts` is): Nets OCR giro record by record with the positions of
 * *OCR giro – Systemspesifikasjon* (docs/bankfiler.md), and camt.054.001.08 element by element
 * from the message definition, valid against its XSD (the tests check it with xmllint). A test
 * says what the bank did; these write the file the bank would send.
 */

/** One payment in an OCR giro file. */
export interface OcrBetaling {
  /** Øre. */
  readonly beloepOere: number;
  /** With a KID the transaction is type 10 (giro debited account); without, type 21 with the free text. */
  readonly kid?: string;
  readonly fritekst?: string;
  readonly debetkonto?: string;
  /** YYYY-MM-DD: the day the payer's bank took the order. */
  readonly oppdragsdato?: string;
}

export interface OcrFil {
  readonly forsendelsesnummer: string;
  /** Our account the payments came to (Skatteetaten's tax-collection account by default). */
  readonly oppdragskonto?: string;
  /** YYYY-MM-DD, Nets' settlement date. */
  readonly oppgjoersdato: string;
  readonly betalinger: readonly OcrBetaling[];
}

const digits = (value: number | string, width: number): string => {
  const text = String(value);
  if (!/^\d*$/.test(text) || text.length > width) throw new Error(`fixture field "${text}" is not ${width} digits`);
  return text.padStart(width, '0');
};
const zeros = (n: number): string => '0'.repeat(n);
/** YYYY-MM-DD → DDMMYY. */
const ddmmyy = (date: string): string => `${date.slice(8, 10)}${date.slice(5, 7)}${date.slice(2, 4)}`;

function record(...fields: string[]): string {
  const line = fields.join('');
  if (line.length !== 80) throw new Error(`fixture record is ${line.length} characters: ${line}`);
  return line;
}

/** The records of an OCR giro forsendelse from Nets (dataavsender 00008080) with one oppdrag. */
export function ocrGiroRecords(fil: OcrFil): string[] {
  const konto = fil.oppdragskonto ?? '76940524802';
  const dato = ddmmyy(fil.oppgjoersdato);
  const transactions = fil.betalinger.flatMap((betaling, index) => {
    const nr = digits(index + 1, 7);
    const type = betaling.kid === undefined ? '21' : '10';
    const lines = [
      // beløpspost 1: transaksjonsnr 9–15, oppgjørsdato 16–21, sentral-ID 22–23, dagkode 24–25, delavregningsnr 26,
      // løpenr 27–31, fortegn 32, beløp 33–49, KID 50–74, kortutsteder 75–76, filler 77–80
      record(`NY09${type}30`, nr, dato, '01', dato.slice(0, 2), '1', digits(index + 1, 5), '0', digits(betaling.beloepOere, 17), (betaling.kid ?? '').padStart(25, ' '), '00', zeros(4)),
      // beløpspost 2: transaksjonsnr 9–15, blankettnr 16–25, arkivreferanse 26–34, filler 35–41, oppdragsdato 42–47, debetkonto 48–58, filler 59–80
      record(`NY09${type}31`, nr, zeros(10), digits(index + 1, 9), zeros(7), betaling.oppdragsdato === undefined ? zeros(6) : ddmmyy(betaling.oppdragsdato), digits(betaling.debetkonto ?? '12345678903', 11), zeros(22)),
    ];
    // beløpspost 3 (types 20/21 only): transaksjonsnr 9–15, fritekst 16–55, filler 56–80
    if (type === '21') lines.push(record(`NY09${type}32`, nr, (betaling.fritekst ?? '').padEnd(40, ' '), zeros(25)));
    return lines;
  });
  const count = fil.betalinger.length;
  const sum = fil.betalinger.reduce((total, b) => total + b.beloepOere, 0);
  return [
    // forsendelse start: dataavsender 9–16, forsendelsesnummer 17–23, datamottaker 24–31, filler 32–80
    record('NY000010', '00008080', digits(fil.forsendelsesnummer, 7), '00010200', zeros(49)),
    // oppdrag start: avtale-ID 9–17, oppdragsnummer 18–24, oppdragskonto 25–35, filler 36–80
    record('NY090020', '001008566', digits(fil.forsendelsesnummer, 7), digits(konto, 11), zeros(45)),
    ...transactions,
    // oppdrag end: antall transaksjoner 9–16, antall records 17–24 (its start and end included), sum beløp 25–41,
    // oppgjørsdato 42–47, første and siste oppgjørsdato 48–59, filler 60–80
    record('NY090088', digits(count, 8), digits(transactions.length + 2, 8), digits(sum, 17), dato, dato, dato, zeros(21)),
    // forsendelse end: antall transaksjoner 9–16, antall records 17–24 (every line), sum beløp 25–41, oppgjørsdato 42–47, filler 48–80
    record('NY000089', digits(count, 8), digits(transactions.length + 4, 8), digits(sum, 17), dato, zeros(33)),
  ];
}

export function ocrGiroFil(fil: OcrFil): string {
  return ocrGiroRecords(fil).map((line) => `${line}\r\n`).join('');
}

/** One entry of a camt.054: a payment in, our payout carried out, or our payout sent back. */
export type Camt054Post =
  | { readonly art: 'innbetaling'; readonly ref: string; readonly beloepOere: number; readonly kid?: string; readonly melding?: string; readonly betaler?: string; readonly betalerKonto?: string; readonly valutadato?: string }
  | { readonly art: 'utbetaling'; readonly ref: string; readonly beloepOere: number; readonly utbetalingId: string; readonly mottaker: string; readonly mottakerKonto: string }
  | { readonly art: 'retur'; readonly ref: string; readonly beloepOere: number; readonly utbetalingId: string; readonly aarsak: string };

export interface Camt054Fil {
  readonly msgId: string;
  /** YYYY-MM-DD: the bank's booking date of every entry. */
  readonly bokfoeringsdato: string;
  /** Our account (default the tax-collection account), as its IBAN. */
  readonly kontoIban?: string;
  readonly poster: readonly Camt054Post[];
}

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const amount = (oere: number): string => `${Math.trunc(oere / 100)}.${String(oere % 100).padStart(2, '0')}`;
const bban = (konto: string): string => `<Id><Othr><Id>${konto}</Id><SchmeNm><Cd>BBAN</Cd></SchmeNm></Othr></Id>`;
const code = (family: string, subFamily: string): string => `<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>${family}</Cd><SubFmlyCd>${subFamily}</SubFmlyCd></Fmly></Domn></BkTxCd>`;

/** A camt.054.001.08 BankToCustomerDebitCreditNotification: one notification, one entry per post, each with its transaction details. */
export function camt054Fil(fil: Camt054Fil): string {
  const entries = fil.poster.map((post) => {
    const credit = post.art !== 'utbetaling';
    const [family, subFamily] = post.art === 'innbetaling' ? ['RCDT', 'DMCT'] : post.art === 'utbetaling' ? ['ICDT', 'DMCT'] : ['ICDT', 'RRTN'];
    const direction = credit ? 'CRDT' : 'DBIT';
    const refs = `<Refs><AcctSvcrRef>${post.ref}-1</AcctSvcrRef>${post.art === 'innbetaling' ? '' : `<EndToEndId>${post.utbetalingId}</EndToEndId>`}</Refs>`;
    const parties =
      post.art === 'innbetaling'
        ? `<RltdPties>${post.betaler === undefined ? '' : `<Dbtr><Pty><Nm>${escapeXml(post.betaler)}</Nm></Pty></Dbtr>`}<DbtrAcct>${bban(post.betalerKonto ?? '12345678903')}</DbtrAcct></RltdPties>`
        : post.art === 'utbetaling'
          ? `<RltdPties><Cdtr><Pty><Nm>${escapeXml(post.mottaker)}</Nm></Pty></Cdtr><CdtrAcct>${bban(post.mottakerKonto)}</CdtrAcct></RltdPties>`
          : '';
    const remittance =
      post.art !== 'innbetaling'
        ? ''
        : `<RmtInf>${post.melding === undefined ? '' : `<Ustrd>${escapeXml(post.melding)}</Ustrd>`}${post.kid === undefined ? '' : `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>${post.kid}</Ref></CdtrRefInf></Strd>`}</RmtInf>`;
    const returned = post.art === 'retur' ? `<RtrInf><Rsn><Cd>${post.aarsak}</Cd></Rsn></RtrInf>` : '';
    const valueDate = post.art === 'innbetaling' && post.valutadato !== undefined ? `<ValDt><Dt>${post.valutadato}</Dt></ValDt>` : '';
    return (
      `<Ntry><Amt Ccy="NOK">${amount(post.beloepOere)}</Amt><CdtDbtInd>${direction}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>` +
      `<BookgDt><Dt>${fil.bokfoeringsdato}</Dt></BookgDt>${valueDate}<AcctSvcrRef>${post.ref}</AcctSvcrRef>${code(family, subFamily)}` +
      `<NtryDtls><TxDtls>${refs}<Amt Ccy="NOK">${amount(post.beloepOere)}</Amt><CdtDbtInd>${direction}</CdtDbtInd>${parties}${remittance}${returned}</TxDtls></NtryDtls></Ntry>`
    );
  });
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn>' +
    `<GrpHdr><MsgId>${fil.msgId}</MsgId><CreDtTm>${fil.bokfoeringsdato}T06:00:00+01:00</CreDtTm></GrpHdr>` +
    `<Ntfctn><Id>NTF-${fil.msgId}</Id><Acct><Id><IBAN>${fil.kontoIban ?? 'NO4276940524802'}</IBAN></Id><Ccy>NOK</Ccy></Acct>${entries.join('')}</Ntfctn>` +
    '</BkToCstmrDbtCdtNtfctn></Document>\n'
  );
}
