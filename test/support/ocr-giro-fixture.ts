/**
 * A Nets OCR giro file written by hand, field by field, from the system specification "OCR giro"
 * (positions in the comments), independent of our writer: the reader is tested on it and the
 * writer must reproduce it byte for byte.
 */
function record(...fields: string[]): string {
  const line = fields.join('');
  if (line.length !== 80) throw new Error(`fixture record is ${line.length} characters: ${line}`);
  return line;
}

const zeros = (n: number): string => '0'.repeat(n);
const kid = (value: string): string => value.padStart(25, ' ');

export const ocrFixtureKids = {
  /** A published Skatteetaten KID, MOD11. */
  mod11: '7900011880501220017',
  /** MOD10 (Luhn). */
  mod10: '12345678903',
  mod10Other: '20240315000',
} as const;

export const ocrFixtureLines: readonly string[] = [
  // 1 forsendelse start: NY000010, dataavsender 9–16, forsendelsesnummer 17–23, datamottaker 24–31, filler 32–80
  record('NY000010', '00008080', '0170031', '00010200', zeros(49)),
  // 2 oppdrag start: NY090020, avtale-ID 9–17, oppdragsnummer 18–24, oppdragskonto 25–35, filler 36–80
  record('NY090020', '001008566', '0000002', '76940524802', zeros(45)),
  // 3 beløpspost 1, type 10: transaksjonsnr 9–15, oppgjørsdato 16–21, sentral-ID 22–23, dagkode 24–25,
  //   delavregningsnr 26, løpenr 27–31, fortegn 32, beløp 33–49, KID 50–74, kortutsteder 75–76, filler 77–80
  record('NY091030', '0000001', '150324', '01', '15', '1', '00001', '0', '00000000000102000', kid(ocrFixtureKids.mod11), '00', zeros(4)),
  // 4 beløpspost 2, type 10: transaksjonsnr 9–15, blankettnr 16–25, arkivreferanse 26–34, filler 35–41,
  //   oppdragsdato 42–47, debetkonto 48–58, filler 59–80
  record('NY091031', '0000001', '9636827194', '099038562', zeros(7), '140324', '99990512341', zeros(22)),
  // 5–7 type 21 (kjøp med fritekst) without KID, with beløpspost 3: fritekst 16–55, filler 56–80
  record('NY092130', '0000002', '150324', '01', '15', '1', '00002', '0', '00000000000056000', kid(''), '00', zeros(4)),
  record('NY092131', '0000002', '9797596016', '097596016', '1883206', '000000', '12345678903', zeros(22)),
  record('NY092132', '0000002', 'Faktura 1234 fra Ærøy Ås'.padEnd(40, ' '), zeros(25)),
  // 8–9 type 18 (reversering med KID): minus sign
  record('NY091830', '0000003', '180324', '01', '18', '1', '00003', '-', '00000000000050000', kid(ocrFixtureKids.mod10), '00', zeros(4)),
  record('NY091831', '0000003', '0000000000', '000000000', zeros(7), '180324', '99990512341', zeros(22)),
  // 10 oppdrag end: antall transaksjoner 9–16, antall records 17–24, sum beløp 25–41, oppgjørsdato 42–47,
  //   første oppgjørsdato 48–53, siste oppgjørsdato 54–59, filler 60–80
  record('NY090088', '00000003', '00000009', '00000000000208000', '180324', '150324', '180324', zeros(21)),
  // 11–14 a second oppdrag, one BTG payment (type 13) with a MOD10 KID
  record('NY090020', '001008566', '0000003', '76940524802', zeros(45)),
  record('NY091330', '0000001', '180324', '02', '18', '2', '00004', '0', '00000000000000500', kid(ocrFixtureKids.mod10Other), '00', zeros(4)),
  record('NY091331', '0000001', '0000000000', '000000000', zeros(7), '170324', '60110588580', zeros(22)),
  record('NY090088', '00000001', '00000004', '00000000000000500', '180324', '180324', '180324', zeros(21)),
  // 15 forsendelse end: antall transaksjoner 9–16, antall records 17–24, sum beløp 25–41, oppgjørsdato 42–47, filler 48–80
  record('NY000089', '00000004', '00000015', '00000000000208500', '180324', zeros(33)),
];

export const ocrFixture = ocrFixtureLines.map((line) => `${line}\r\n`).join('');
