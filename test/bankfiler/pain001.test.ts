import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { accountIdentification, writePain001, type Pain001Order, type Pain001Payment } from '../../src/bankfiler/index.js';
import { InvariantError } from '../../src/domain/assert.js';
import { localDate } from '../../src/domain/dates.js';
import { toOere } from '../../src/domain/money.js';
import { xsdErrors } from '../support/iso20022-schemas.js';

const debtor = { name: 'Skatteetaten', organisasjonsnummer: '974761076', account: accountIdentification('76940524802'), bic: 'DNBANOKK' } as const;

const order: Pain001Order = {
  messageId: 'UTBETALING-2024-03-18',
  creationDateTime: '2024-03-18T06:00:00+01:00',
  requestedExecutionDate: localDate('2024-03-18'),
  debtor,
  payments: [
    { endToEndId: '74000001', beloepOere: toOere(123_450), creditorName: 'Fjellheim Rørlegger AS', creditorAccount: accountIdentification('12345678903'), remittanceInformation: 'Tilbakebetaling av merverdiavgift 2024-01' },
    { endToEndId: '74000002', beloepOere: toOere(5), creditorName: 'Kari Nordmann', creditorAccount: accountIdentification('NO9386011117947') },
  ],
};

/** An independent reading of the written XML: fast-xml-parser's plain object, one list per repeatable element. */
const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => name === 'CdtTrfTxInf' });
function parsed(xml: string): { GrpHdr: Record<string, unknown>; PmtInf: Record<string, unknown> & { CdtTrfTxInf: Record<string, any>[] } } {
  return (parser.parse(xml) as { Document: { CstmrCdtTrfInitn: any } }).Document.CstmrCdtTrfInitn;
}

describe('pain.001.001.09: a day’s payouts as one credit transfer order', () => {
  const xml = writePain001(order);

  it('is valid against the official XSD (xmllint)', () => {
    expect(xsdErrors(xml, 'pain.001.001.09')).toBe('');
  });

  it('names Skatteetaten as debtor, its account and bank, and the execution date', () => {
    const { GrpHdr, PmtInf } = parsed(xml);
    expect(GrpHdr).toMatchObject({ MsgId: 'UTBETALING-2024-03-18', CreDtTm: '2024-03-18T06:00:00+01:00', NbOfTxs: '2', CtrlSum: '1234.55' });
    expect(PmtInf).toMatchObject({
      PmtMtd: 'TRF',
      BtchBookg: 'false',
      NbOfTxs: '2',
      CtrlSum: '1234.55',
      ReqdExctnDt: { Dt: '2024-03-18' },
      Dbtr: { Nm: 'Skatteetaten', Id: { OrgId: { Othr: { Id: '974761076' } } } },
      DbtrAcct: { Id: { Othr: { Id: '76940524802', SchmeNm: { Cd: 'BBAN' } } }, Ccy: 'NOK' },
      DbtrAgt: { FinInstnId: { BICFI: 'DNBANOKK' } },
    });
  });

  it('has one CdtTrfTxInf per payout, the payout id as EndToEndId', () => {
    const { PmtInf } = parsed(xml);
    expect(PmtInf.CdtTrfTxInf).toEqual([
      {
        PmtId: { InstrId: '74000001', EndToEndId: '74000001' },
        Amt: { InstdAmt: { '#text': '1234.50', '@_Ccy': 'NOK' } },
        Cdtr: { Nm: 'Fjellheim Rørlegger AS' },
        CdtrAcct: { Id: { Othr: { Id: '12345678903', SchmeNm: { Cd: 'BBAN' } } } },
        RmtInf: { Ustrd: 'Tilbakebetaling av merverdiavgift 2024-01' },
      },
      {
        PmtId: { InstrId: '74000002', EndToEndId: '74000002' },
        Amt: { InstdAmt: { '#text': '0.05', '@_Ccy': 'NOK' } },
        Cdtr: { Nm: 'Kari Nordmann' },
        CdtrAcct: { Id: { IBAN: 'NO9386011117947' } },
      },
    ]);
  });

  it('is deterministic: the same payouts and creation time give the same bytes', () => {
    expect(writePain001({ ...order, payments: [...order.payments] })).toBe(xml);
    expect(writePain001({ ...order, creationDateTime: '2024-03-18T07:00:00+01:00' })).toBe(xml.replace('06:00:00', '07:00:00'));
  });

  it('fits the ledger’s texts to the schema: cut to 140 characters, control characters dropped', () => {
    const long = writePain001({ ...order, payments: [{ ...order.payments[0]!, creditorName: `${'Å'.repeat(150)}\u0007`, remittanceInformation: `Linje 1\nLinje 2\t${'x'.repeat(200)}` }] });
    expect(xsdErrors(long, 'pain.001.001.09')).toBe('');
    const [payment] = parsed(long).PmtInf.CdtTrfTxInf;
    expect(payment!.Cdtr.Nm).toBe('Å'.repeat(140));
    expect(payment!.RmtInf.Ustrd).toBe(`Linje 1 Linje 2 ${'x'.repeat(124)}`);
  });

  it('refuses what no bank could carry out, as a programmer error', () => {
    expect(() => writePain001({ ...order, payments: [] })).toThrow(InvariantError);
    expect(() => writePain001({ ...order, payments: [{ ...order.payments[0]!, beloepOere: toOere(0) }] })).toThrow(InvariantError);
    expect(() => writePain001({ ...order, payments: [order.payments[0]!, order.payments[0]!] })).toThrow(InvariantError);
    expect(() => writePain001({ ...order, payments: [{ ...order.payments[0]!, endToEndId: 'x'.repeat(36) }] })).toThrow(InvariantError);
    expect(() => writePain001({ ...order, debtor: { ...debtor, organisasjonsnummer: '974761077' } })).toThrow(InvariantError);
  });
});

const paymentsArbitrary: fc.Arbitrary<Pain001Payment[]> = fc
  .array(
    fc.record({
      beloepOere: fc.integer({ min: 1, max: 100_000_000_000 }).map(toOere),
      creditorName: fc.string({ minLength: 1, maxLength: 200 }).filter((name) => /[\p{L}\p{N}]/u.test(name)),
      creditorAccount: fc.oneof(fc.constant(accountIdentification('12345678903')), fc.constant(accountIdentification('NO9386011117947'))),
      remittanceInformation: fc.option(fc.string({ maxLength: 300 }), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 20 },
  )
  .map((payments) => payments.map((payment, i) => ({ ...payment, endToEndId: String(74_000_001 + i) })));

describe('pain.001.001.09: any day’s payouts', () => {
  it('are valid against the XSD, and the counts and control sums are the payouts’', () => {
    fc.assert(
      fc.property(paymentsArbitrary, (payments) => {
        const xml = writePain001({ ...order, payments });
        expect(xsdErrors(xml, 'pain.001.001.09')).toBe('');
        const { GrpHdr, PmtInf } = parsed(xml);
        const total = payments.reduce((sum, p) => sum + p.beloepOere, 0);
        const kroner = `${Math.trunc(total / 100)}.${String(total % 100).padStart(2, '0')}`;
        expect([GrpHdr.NbOfTxs, GrpHdr.CtrlSum, PmtInf.NbOfTxs, PmtInf.CtrlSum]).toEqual([String(payments.length), kroner, String(payments.length), kroner]);
        expect(PmtInf.CdtTrfTxInf.map((tx) => [tx.PmtId.EndToEndId, Math.round(Number(tx.Amt.InstdAmt['#text']) * 100)])).toEqual(payments.map((p) => [p.endToEndId, p.beloepOere]));
      }),
      { numRuns: 20 },
    );
  });
});
