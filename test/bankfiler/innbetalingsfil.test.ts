import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { accountIdentification, readInnbetalingsfil, writeCamt054, writePain001, type Camt054Version, type Innbetalingsfil } from '../../src/bankfiler/index.js';
import { localDate } from '../../src/domain/dates.js';
import { toOere } from '../../src/domain/money.js';
import { ocrFixture, ocrFixtureKids } from '../support/ocr-giro-fixture.js';

function read(text: string): Innbetalingsfil {
  const reading = readInnbetalingsfil(text);
  if (!reading.ok) throw new Error(reading.feil.message);
  return reading.value;
}

describe('a bank file in, whichever format: told from its content', () => {
  it('reads Nets OCR giro as payments in, a reversal as a payment taken back', () => {
    const fil = read(ocrFixture);
    expect(fil.format).toBe('ocr-giro');
    expect(fil.identitet).toBe('ocr-giro:00008080:00010200:0170031');
    expect(fil.transaksjoner).toEqual([
      {
        identitet: '0000002:0000001',
        sted: 'linje 3',
        art: 'innbetaling',
        bokfoert: true,
        beloepOere: 102_000,
        bokfoeringsdato: '2024-03-15',
        betalingsdato: '2024-03-14',
        kid: ocrFixtureKids.mod11,
        melding: undefined,
        motpart: { konto: '99990512341' },
        mottakerkonto: '76940524802',
      },
      expect.objectContaining({ identitet: '0000002:0000002', sted: 'linje 5', art: 'innbetaling', beloepOere: 56_000, kid: undefined, melding: 'Faktura 1234 fra Ærøy Ås', betalingsdato: '2024-03-15' }),
      expect.objectContaining({ identitet: '0000002:0000003', sted: 'linje 8', art: 'innbetalingTilbakefoert', beloepOere: 50_000, kid: ocrFixtureKids.mod10 }),
      expect.objectContaining({ identitet: '0000003:0000001', sted: 'linje 12', art: 'innbetaling', beloepOere: 500, kid: ocrFixtureKids.mod10Other }),
    ]);
  });

  it.each(['camt.054.001.02', 'camt.054.001.08'] as Camt054Version[])('reads %s: payments in, a payout confirmed, a payout returned', (version) => {
    const fil = read(readFileSync(`test/fixtures/bankfiler/camt054-v${version.slice(-2)}.xml`, 'utf8'));
    expect(fil.format).toBe(version);
    expect(fil.identitet).toBe('camt.054:CAMT054-20240318-0001');
    expect(fil.transaksjoner).toEqual([
      {
        identitet: '2024031800001:2024031800001-1',
        sted: 'Ntfctn[1]/Ntry[1]/TxDtls[1]',
        art: 'innbetaling',
        bokfoert: true,
        beloepOere: 102_000,
        bokfoeringsdato: '2024-03-18',
        betalingsdato: '2024-03-15',
        kid: '7900011880501220017',
        melding: undefined,
        motpart: { navn: 'Fjellheim Rørlegger AS', konto: '12345678903' },
        mottakerkonto: '76940524802',
        utbetalingId: undefined,
        returaarsak: undefined,
      },
      expect.objectContaining({ identitet: '2024031800002:2024031800002-1', art: 'innbetaling', beloepOere: 60_000, kid: '12345678903' }),
      expect.objectContaining({ identitet: '2024031800002:2024031800002-2', art: 'innbetaling', beloepOere: 500, kid: undefined, melding: 'Betaling uten KID, org.nr. 313367002' }),
      expect.objectContaining({ identitet: '2024031800003', art: 'utbetalingBekreftet', beloepOere: 123_450, utbetalingId: '74000001', motpart: { navn: 'Ola Nordmann', konto: '60110588585' } }),
      expect.objectContaining({ identitet: '2024032000001', art: 'utbetalingReturnert', beloepOere: 50_000, utbetalingId: '74000002', returaarsak: 'AC04: Kontoen er avsluttet', bokfoeringsdato: '2024-03-20' }),
    ]);
  });

  it('gives a re-delivered file the same identities, however it is laid out', () => {
    const v02 = readFileSync('test/fixtures/bankfiler/camt054-v02.xml', 'utf8');
    expect(read(v02.replace(/>\s+</g, '><'))).toEqual(read(v02));
    expect(read(ocrFixture.replaceAll('\r\n', '\n'))).toEqual(read(ocrFixture));
  });

  it('refuses what is neither format, and passes on each reader’s refusal', () => {
    expect(readInnbetalingsfil('Dato;Beløp;KID\n2024-03-18;100;123')).toMatchObject({ ok: false, feil: { kode: 'unknown-format', linje: 1 } });
    expect(readInnbetalingsfil('')).toMatchObject({ ok: false, feil: { kode: 'empty' } });
    expect(readInnbetalingsfil('NY000010')).toMatchObject({ ok: false, feil: { kode: 'record-length', linje: 1 } });
    expect(readInnbetalingsfil('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"/>')).toMatchObject({ ok: false, feil: { kode: 'namespace' } });
  });

  it('classifies a debit that returns a payment in, and a reversal of a payout', () => {
    const base = { messageId: 'M', creationDateTime: '2024-03-18T06:00:00', version: 'camt.054.001.08' as const };
    const entry = { status: 'BOOK', bookingDate: localDate('2024-03-18'), beloepOere: toOere(100), bankTransactionCode: {} };
    const fil = read(
      writeCamt054({
        ...base,
        notifications: [
          {
            id: 'N',
            account: accountIdentification('76940524802'),
            entries: [
              { ...entry, accountServicerReference: 'A', creditDebit: 'DBIT', transactions: [{ returnInformation: { reasonCode: 'MD06' } }] },
              { ...entry, accountServicerReference: 'B', creditDebit: 'CRDT', reversal: true, transactions: [{ endToEndId: '74000009' }] },
              { ...entry, accountServicerReference: 'C', creditDebit: 'CRDT', status: 'PDNG', transactions: [] },
            ],
          },
        ],
      }),
    );
    expect(fil.transaksjoner.map((t) => [t.identitet, t.art, t.bokfoert, t.utbetalingId])).toEqual([
      ['A', 'innbetalingTilbakefoert', true, undefined],
      ['B', 'utbetalingReturnert', true, '74000009'],
      ['C', 'innbetaling', false, undefined],
    ]);
  });
});

describe('payouts → pain.001 → the bank’s camt.054 → confirmed payouts', () => {
  it('carries each payout id through the bank and back as the transaction’s EndToEndId', () => {
    const pain001 = writePain001({
      messageId: 'UTBETALING-2024-03-18',
      creationDateTime: '2024-03-18T06:00:00+01:00',
      requestedExecutionDate: localDate('2024-03-18'),
      debtor: { name: 'Skatteetaten', organisasjonsnummer: '974761076', account: accountIdentification('76940524802'), bic: 'DNBANOKK' },
      payments: [
        { endToEndId: '74000001', beloepOere: toOere(123_450), creditorName: 'Ola Nordmann', creditorAccount: accountIdentification('12345678903') },
        { endToEndId: '74000002', beloepOere: toOere(50_000), creditorName: 'Kari Nordmann', creditorAccount: accountIdentification('99990512341') },
      ],
    });
    // The bank, played by a reading of the order: one booked debit per transfer (BtchBookg=false).
    const order = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'CdtTrfTxInf', parseTagValue: false }).parse(pain001).Document.CstmrCdtTrfInitn;
    const transfers: { PmtId: { EndToEndId: string }; Amt: { InstdAmt: { '#text': string } }; Cdtr: { Nm: string } }[] = order.PmtInf.CdtTrfTxInf;
    const camt054 = writeCamt054({
      version: 'camt.054.001.08',
      messageId: 'CAMT054-20240318-0002',
      creationDateTime: '2024-03-18T18:00:00+01:00',
      notifications: [
        {
          id: 'N2',
          account: accountIdentification(order.PmtInf.DbtrAcct.Id.Othr.Id),
          entries: transfers.map((transfer, i) => ({
            accountServicerReference: `2024031890${i}`,
            beloepOere: toOere(Math.round(Number(transfer.Amt.InstdAmt['#text']) * 100)),
            creditDebit: 'DBIT' as const,
            status: 'BOOK',
            bookingDate: localDate(order.PmtInf.ReqdExctnDt.Dt),
            bankTransactionCode: { domain: 'PMNT', family: 'ICDT', subFamily: 'DMCT' },
            transactions: [{ endToEndId: transfer.PmtId.EndToEndId, creditor: { name: transfer.Cdtr.Nm } }],
          })),
        },
      ],
    });
    expect(read(camt054).transaksjoner.map((t) => [t.art, t.utbetalingId, t.beloepOere, t.mottakerkonto])).toEqual([
      ['utbetalingBekreftet', '74000001', 123_450, '76940524802'],
      ['utbetalingBekreftet', '74000002', 50_000, '76940524802'],
    ]);
  });
});
