import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCamt054, writeCamt054, type BankfilFeilkode, type Camt054Document, type Camt054Entry, type Camt054Transaction, type Camt054Version } from '../../src/bankfiler/index.js';
import { epochDay, fromEpochDay, localDate } from '../../src/domain/dates.js';
import { makeKid } from '../../src/domain/kid.js';
import { limits } from '../../src/domain/limits.js';
import { toOere } from '../../src/domain/money.js';
import { xsdErrors } from '../support/iso20022-schemas.js';

const fixtures = {
  'camt.054.001.02': readFileSync('test/fixtures/bankfiler/camt054-v02.xml', 'utf8'),
  'camt.054.001.08': readFileSync('test/fixtures/bankfiler/camt054-v08.xml', 'utf8'),
} as const;

function read(xml: string): Camt054Document {
  const reading = readCamt054(xml);
  if (!reading.ok) throw new Error(reading.feil.message);
  return reading.value;
}

describe.each(Object.keys(fixtures) as Camt054Version[])('%s built by the message definition', (version) => {
  const xml = fixtures[version];
  const document = read(xml);

  it('is valid against the XSD (so the fixture is what a bank may send)', () => {
    expect(xsdErrors(xml, version)).toBe('');
  });

  it('gives the message its identity and each notification its account', () => {
    expect(document).toMatchObject({ version, messageId: 'CAMT054-20240318-0001', creationDateTime: '2024-03-18T06:15:00+01:00' });
    expect(document.notifications).toHaveLength(1);
    expect(document.notifications[0]).toMatchObject({ id: 'NTF-20240318-76940524802', account: { iban: 'NO4276940524802' } });
  });

  const entries = (): readonly Camt054Entry[] => document.notifications[0]!.entries;

  it('reads a credit: KID from RmtInf/Strd/CdtrRefInf/Ref, amount, booking and value date, debtor name and account, the bank reference', () => {
    const [credit] = entries();
    expect(credit).toMatchObject({
      entryReference: '1',
      accountServicerReference: '2024031800001',
      beloepOere: 102_000,
      creditDebit: 'CRDT',
      status: 'BOOK',
      bookingDate: '2024-03-18',
      valueDate: '2024-03-15',
      bankTransactionCode: { domain: 'PMNT', family: 'RCDT', subFamily: 'DMCT' },
    });
    expect(credit!.transactions).toEqual([
      expect.objectContaining({
        accountServicerReference: '2024031800001-1',
        beloepOere: 102_000,
        kid: '7900011880501220017',
        debtor: { name: 'Fjellheim Rørlegger AS', account: { other: '12345678903', scheme: 'BBAN' } },
      }),
    ]);
  });

  it('reads a batch entry: each transaction with its own amount, KID or free text', () => {
    const batch = entries()[1]!;
    expect(batch.beloepOere).toBe(60_500);
    expect(batch.transactions.map((tx) => [tx.accountServicerReference, tx.beloepOere, tx.kid, tx.unstructured])).toEqual([
      ['2024031800002-1', 60_000, '12345678903', undefined],
      ['2024031800002-2', 500, undefined, ['Betaling uten KID, org.nr. 313367002']],
    ]);
  });

  it('tells a debit confirming a payout from a returned payout', () => {
    const [, , confirmed, returned] = entries();
    expect(confirmed).toMatchObject({ creditDebit: 'DBIT', beloepOere: 123_450, bankTransactionCode: { family: 'ICDT', subFamily: 'DMCT' } });
    expect(confirmed!.transactions[0]).toMatchObject({ endToEndId: '74000001', instructionId: '74000001', creditor: { name: 'Ola Nordmann', account: { other: '60110588585' } }, returnInformation: undefined });
    expect(returned).toMatchObject({ creditDebit: 'CRDT', beloepOere: 50_000, bookingDate: '2024-03-20', bankTransactionCode: { family: 'ICDT', subFamily: 'RRTN' } });
    expect(returned!.transactions[0]).toMatchObject({
      endToEndId: '74000002',
      returnInformation: { reasonCode: 'AC04', additionalInformation: 'Kontoen er avsluttet', originalBankTransactionCode: { domain: 'PMNT', family: 'ICDT', subFamily: 'DMCT' } },
    });
  });

  it('writes what it read so that it reads the same again, valid against the XSD', () => {
    const written = writeCamt054(document);
    expect(xsdErrors(written, version)).toBe('');
    expect(read(written)).toEqual(document);
  });
});

describe('camt.054 versions 02 and 08 say the same', () => {
  it('reads the two fixtures to the same content', () => {
    const v02 = read(fixtures['camt.054.001.02']);
    const v08 = read(fixtures['camt.054.001.08']);
    // Version 08 repeats the direction on each transaction; version 02 has no place for it.
    const withoutDirection = (document: Camt054Document): unknown =>
      document.notifications.map((n) => n.entries.map((e) => e.transactions.map(({ creditDebit: _creditDebit, ...tx }) => tx)));
    expect(withoutDirection(v08)).toEqual(withoutDirection(v02));
    expect({ ...v08, version: 'x', notifications: [] }).toEqual({ ...v02, version: 'x', notifications: [] });
  });
});

const identifier = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,34}$/);
const words = fc.stringMatching(/^[A-Za-zÆØÅæøå0-9&<>'"][A-Za-zÆØÅæøå0-9&<>'".,]{0,19}( [A-Za-zÆØÅæøå0-9.,]{1,10}){0,3}$/);
const dateArbitrary = fc.integer({ min: epochDay(localDate('2000-01-01')), max: epochDay(localDate('2099-12-31')) }).map(fromEpochDay);
const oere = fc.integer({ min: 0, max: 1_000_000_000 }).map(toOere);
const account = fc.oneof(
  fc.constantFrom({ iban: 'NO4276940524802' }, { iban: 'NO9386011117947' }),
  fc.record({ other: fc.stringMatching(/^\d{11}$/), scheme: fc.constantFrom('BBAN', undefined) }),
);
const party = fc.option(
  fc.record({ name: fc.option(words, { nil: undefined }), account: fc.option(account, { nil: undefined }) }).filter((p) => p.name !== undefined || p.account !== undefined),
  { nil: undefined },
);
const code = fc.record({
  domain: fc.constant('PMNT'),
  family: fc.constantFrom('RCDT', 'ICDT'),
  subFamily: fc.constantFrom('DMCT', 'ESCT', 'RRTN'),
  proprietary: fc.option(identifier, { nil: undefined }),
});
const kid = fc.tuple(fc.stringMatching(/^\d{1,24}$/), fc.constantFrom('MOD10' as const, 'MOD11' as const)).map(([body, algorithm]) => makeKid(body, algorithm));
const reference = fc.oneof(
  kid.map((value) => ({ kid: value, creditorReference: undefined })),
  fc.stringMatching(/^RF\d{2}[A-Z0-9]{1,21}$/).map((value) => ({ kid: undefined, creditorReference: value })),
  fc.constant({ kid: undefined, creditorReference: undefined }),
);
const returnInformation = fc.option(
  fc.record({
    originalBankTransactionCode: fc.option(code, { nil: undefined }),
    reason: fc.oneof(fc.constantFrom('AC01', 'AC04', 'MS03').map((c) => ({ reasonCode: c, reasonProprietary: undefined })), identifier.map((p) => ({ reasonCode: undefined, reasonProprietary: p }))),
    additionalInformation: fc.option(words, { nil: undefined }),
  }).map(({ reason, ...rest }) => ({ ...rest, ...reason })),
  { nil: undefined },
);

function transactionArbitrary(version: Camt054Version): fc.Arbitrary<Omit<Camt054Transaction, 'beloepOere' | 'accountServicerReference' | 'creditDebit'> & { withDirection: boolean; withReference: boolean }> {
  return fc
    .record({
      instructionId: fc.option(identifier, { nil: undefined }),
      endToEndId: fc.option(identifier, { nil: undefined }),
      bankTransactionCode: fc.option(code, { nil: undefined }),
      debtor: party,
      creditor: party,
      reference,
      unstructured: fc.option(fc.array(words, { minLength: 1, maxLength: 3 }), { nil: undefined }),
      returnInformation,
      withDirection: fc.boolean().map((b) => b && version === 'camt.054.001.08'),
      withReference: fc.boolean(),
    })
    .map(({ reference: ref, ...rest }) => ({ ...rest, ...ref }));
}

function documentArbitrary(version: Camt054Version): fc.Arbitrary<Camt054Document> {
  const entry = fc.record({
    withAccountServicerReference: fc.boolean(),
    entryReference: fc.option(identifier, { nil: undefined }),
    creditDebit: fc.constantFrom('CRDT' as const, 'DBIT' as const),
    reversal: fc.option(fc.boolean(), { nil: undefined }),
    status: fc.constantFrom('BOOK', 'PDNG', 'INFO'),
    bookingDate: dateArbitrary,
    pendingHasBookingDate: fc.boolean(),
    valueDate: fc.option(dateArbitrary, { nil: undefined }),
    bankTransactionCode: fc.oneof(code, fc.constant({})),
    amount: oere,
    transactions: fc.array(fc.tuple(transactionArbitrary(version), oere), { maxLength: 3 }),
    singleAmountGiven: fc.boolean(),
  });
  return fc
    .record({
      messageId: identifier,
      creationDateTime: fc.constantFrom('2024-03-18T06:15:00+01:00', '2024-03-18T05:15:00Z', '2024-03-18T06:15:00'),
      notifications: fc.array(fc.record({ id: identifier, withCreationDateTime: fc.boolean(), account, entries: fc.array(entry, { maxLength: 4 }) }), { minLength: 1, maxLength: 2 }),
    })
    .map(({ notifications, ...rest }) => ({
      version,
      ...rest,
      notifications: notifications.map(({ withCreationDateTime, entries, ...n }, i) => ({
        ...n,
        creationDateTime: withCreationDateTime || version === 'camt.054.001.02' ? '2024-03-18T06:15:00+01:00' : undefined,
        entries: entries.map(({ withAccountServicerReference, entryReference, pendingHasBookingDate, bookingDate, amount, transactions, singleAmountGiven, ...e }, j): Camt054Entry => {
          const several = transactions.length > 1;
          const beloepOere = several ? toOere(transactions.reduce((sum, [, a]) => sum + a, 0)) : amount;
          return {
            ...e,
            accountServicerReference: withAccountServicerReference ? `E${i}-${j}` : undefined,
            entryReference: withAccountServicerReference ? entryReference : `R${i}-${j}`,
            bookingDate: e.status === 'BOOK' || pendingHasBookingDate ? bookingDate : undefined,
            beloepOere,
            transactions: transactions.map(([{ withDirection, withReference, ...tx }, a], k) => ({
              ...tx,
              accountServicerReference: withReference ? `T${i}-${j}-${k}` : undefined,
              beloepOere: several ? a : singleAmountGiven ? beloepOere : undefined,
              creditDebit: withDirection ? e.creditDebit : undefined,
            })),
          };
        }),
      })),
    }));
}

describe.each(['camt.054.001.02', 'camt.054.001.08'] as const)('%s: write → read', (version) => {
  it('reads back every notification the writer writes', () => {
    fc.assert(
      fc.property(documentArbitrary(version), (document) => {
        expect(read(writeCamt054(document))).toEqual(document);
      }),
    );
  });

  it('writes only files valid against the XSD (xmllint)', () => {
    fc.assert(
      fc.property(documentArbitrary(version), (document) => {
        expect(xsdErrors(writeCamt054(document), version)).toBe('');
      }),
      { numRuns: 20 },
    );
  });
});

const v02 = fixtures['camt.054.001.02'];
const v08 = fixtures['camt.054.001.08'];
const entryPath = '/Document/BkToCstmrDbtCdtNtfctn/Ntfctn/Ntry';

const malformed: readonly (readonly [string, string, BankfilFeilkode, string | undefined])[] = [
  ['a camt.053 statement', v02.replaceAll('camt.054.001.02', 'camt.053.001.02'), 'namespace', '/Document'],
  ['camt.054 version 04, which is not read', v02.replaceAll('camt.054.001.02', 'camt.054.001.04'), 'namespace', '/Document'],
  ['no namespace at all', v02.replace(' xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"', ''), 'namespace', '/Document'],
  ['an element in another namespace', v02.replace('<MsgId>', '<x:MsgId xmlns:x="urn:example">').replace('</MsgId>', '</x:MsgId>'), 'namespace', '/Document/BkToCstmrDbtCdtNtfctn/GrpHdr/MsgId'],
  ['an undeclared prefix', v08.replace('<c:MsgId>', '<d:MsgId>').replace('</c:MsgId>', '</d:MsgId>'), 'namespace', '/Document/BkToCstmrDbtCdtNtfctn/GrpHdr/MsgId'],
  ['another root element', v02.replace('<BkToCstmrDbtCdtNtfctn>', '<BkToCstmrStmt>').replace('</BkToCstmrDbtCdtNtfctn>', '</BkToCstmrStmt>'), 'missing-element', '/Document/BkToCstmrDbtCdtNtfctn'],
  ['no message id', v02.replace(/<MsgId>[^<]*<\/MsgId>/, ''), 'missing-element', '/Document/BkToCstmrDbtCdtNtfctn/GrpHdr/MsgId'],
  ['an amount with three decimals', v02.replace('<Amt Ccy="NOK">1020.00</Amt>', '<Amt Ccy="NOK">1020.005</Amt>'), 'value', `${entryPath}[1]/Amt`],
  ['a negative amount', v02.replace('<Amt Ccy="NOK">1020.00</Amt>', '<Amt Ccy="NOK">-1020.00</Amt>'), 'value', `${entryPath}[1]/Amt`],
  ['an amount in euro', v02.replace('<Amt Ccy="NOK">1020.00</Amt>', '<Amt Ccy="EUR">1020.00</Amt>'), 'value', `${entryPath}[1]/Amt`],
  ['an amount over the limit', v02.replace('<Amt Ccy="NOK">1020.00</Amt>', `<Amt Ccy="NOK">${limits.beloepOereMax / 100 + 1}.00</Amt>`), 'value', `${entryPath}[1]/Amt`],
  ['a direction that is neither CRDT nor DBIT', v02.replace('<CdtDbtInd>CRDT</CdtDbtInd>', '<CdtDbtInd>CREDIT</CdtDbtInd>'), 'value', `${entryPath}[1]/CdtDbtInd`],
  ['a booking date that does not exist', v02.replace('<Dt>2024-03-18</Dt>', '<Dt>2024-02-30</Dt>'), 'value', `${entryPath}[1]/BookgDt/Dt`],
  ['a booked entry without a booking date', v02.replace(/<BookgDt>\s*<Dt>2024-03-18<\/Dt>\s*<\/BookgDt>/, ''), 'missing-element', `${entryPath}[1]/BookgDt`],
  ['an entry without the bank’s reference', v02.replace('<NtryRef>1</NtryRef>', '').replace('<AcctSvcrRef>2024031800001</AcctSvcrRef>', ''), 'missing-element', `${entryPath}[1]/AcctSvcrRef`],
  ['two entries with one reference', v02.replace('2024031800002<', '2024031800001<'), 'duplicate', `${entryPath}[2]`],
  ['a KID with a wrong check digit', v02.replace('<Ref>7900011880501220017</Ref>', '<Ref>7900011880501220018</Ref>'), 'kid-check-digit', `${entryPath}[1]/NtryDtls/TxDtls/RmtInf/Strd/CdtrRefInf/Ref`],
  ['a batch whose transactions do not add up', v02.replace('<Amt Ccy="NOK">5.00</Amt>', '<Amt Ccy="NOK">5.01</Amt>'), 'sum-mismatch', `${entryPath}[2]/Amt`],
  ['a batch transaction without an amount', v02.replace(/<AmtDtls>\s*<TxAmt>\s*<Amt Ccy="NOK">5.00<\/Amt>\s*<\/TxAmt>\s*<\/AmtDtls>/, ''), 'missing-element', `${entryPath}[2]/NtryDtls/TxDtls[2]/AmtDtls/TxAmt/Amt`],
  ['a transaction going the other way than its entry (08)', v08.replace('<c:CdtDbtInd>CRDT</c:CdtDbtInd>\n            <c:RltdPties>', '<c:CdtDbtInd>DBIT</c:CdtDbtInd>\n            <c:RltdPties>'), 'value', `${entryPath}[1]/NtryDtls/TxDtls/CdtDbtInd`],
  ['a status in the version 02 form in version 08', v08.replace(/<c:Sts>\s*<c:Cd>BOOK<\/c:Cd>\s*<\/c:Sts>/, '<c:Sts>BOOK</c:Sts>'), 'value', `${entryPath}[1]/Sts`],
  ['two creditor references in one transaction', v02.replace('</Strd>\n            </RmtInf>', '</Strd><Strd><CdtrRefInf><Ref>12345678903</Ref></CdtrRefInf></Strd>\n            </RmtInf>'), 'value', `${entryPath}[1]/NtryDtls/TxDtls/RmtInf/Strd[2]/CdtrRefInf/Ref`],
  ['a message id given twice', v02.replace('<CreDtTm>2024-03-18T06:15:00+01:00</CreDtTm>', '<MsgId>X</MsgId><CreDtTm>2024-03-18T06:15:00+01:00</CreDtTm>'), 'value', '/Document/BkToCstmrDbtCdtNtfctn/GrpHdr/MsgId[2]'],
  ['text mixed with elements', v02.replace('<GrpHdr>', '<GrpHdr>tekst'), 'value', '/Document/BkToCstmrDbtCdtNtfctn/GrpHdr'],
  ['an empty message id', v02.replace(/<MsgId>[^<]*<\/MsgId>/, '<MsgId></MsgId>'), 'value', '/Document/BkToCstmrDbtCdtNtfctn/GrpHdr/MsgId'],
  ['a tag left open', v02.replace('</GrpHdr>', ''), 'xml-syntax', undefined],
  ['a DOCTYPE', v02.replace('<Document', '<!DOCTYPE Document [<!ENTITY x "y">]>\n<Document'), 'doctype', undefined],
  ['an entity XML does not define', v02.replace('Fjellheim', 'Fjellheim &nbsp;'), 'xml-syntax', undefined],
  ['two root elements', `${v02}<Document/>`, 'xml-syntax', undefined],
  ['not XML at all', 'hello', 'xml-syntax', undefined],
  ['an element named __proto__', v02.replace('<GrpHdr>', '<GrpHdr><__proto__/>'), 'xml-syntax', undefined],
  ['an element named constructor', v02.replace('<GrpHdr>', '<GrpHdr><constructor>x</constructor>'), 'xml-syntax', undefined],
  ['an attribute named __proto__', v02.replace('<GrpHdr>', '<GrpHdr __proto__="x">'), 'xml-syntax', undefined],
];

describe('camt.054: a malformed file is refused whole, naming the element', () => {
  it.each(malformed)('%s', (_, xml, kode, element) => {
    const reading = readCamt054(xml);
    expect(reading).toMatchObject({ ok: false, feil: { kode } });
    if (reading.ok) return;
    expect(reading.feil.element).toBe(element);
    if (element !== undefined) {
      expect(reading.feil.melding).toContain(element);
      expect(reading.feil.message).toContain(element);
    }
  });

  it('names the line and column of a syntax error', () => {
    expect(readCamt054(v02.replace('</GrpHdr>', ''))).toMatchObject({ feil: { melding: expect.stringMatching(/^Ugyldig XML på linje \d+, kolonne \d+/), message: expect.stringMatching(/^Malformed XML at line \d+, column \d+/) } });
  });

  it('refuses nesting deeper than the limit, naming where', () => {
    const depth = limits.bankfilXmlDepthMax;
    const deep = v02.replace('<AddtlInf>Kontoen er avsluttet</AddtlInf>', `<AddtlInf>${'<X>'.repeat(depth)}${'</X>'.repeat(depth)}</AddtlInf>`);
    expect(readCamt054(deep)).toMatchObject({ ok: false, feil: { kode: 'xml-depth', element: expect.stringMatching(/\/RtrInf\/AddtlInf(\/X){25}$/) } });
    const absurd = `<Document xmlns="${'urn:iso:std:iso:20022:tech:xsd:camt.054.001.02'}">${'<X>'.repeat(10_000)}${'</X>'.repeat(10_000)}</Document>`;
    expect(readCamt054(absurd)).toMatchObject({ ok: false, feil: { kode: 'xml-depth' } });
  });

  it('refuses a file over the size limit before parsing it', () => {
    const huge = v02.replace('<GrpHdr>', `<GrpHdr><!--${' '.repeat(limits.bankfilBytesMax)}-->`);
    expect(readCamt054(huge)).toMatchObject({ ok: false, feil: { kode: 'too-large' } });
  });

  it('reads character references and the five XML entities', () => {
    const document = read(v02.replace('Fjellheim Rørlegger AS', 'Fjellheim R&#248;rlegger &amp; s&#xF8;nn &lt;AS&gt;'));
    expect(document.notifications[0]!.entries[0]!.transactions[0]!.debtor?.name).toBe('Fjellheim Rørlegger & sønn <AS>');
  });

  it('ignores an ISO element it does not use, and a byte order mark', () => {
    const withExtra = `\uFEFF${v02.replace('<Ccy>NOK</Ccy>', '<Ccy>NOK</Ccy><Nm>Skatteetaten</Nm>')}`;
    expect(read(withExtra)).toEqual(read(v02));
  });
});
