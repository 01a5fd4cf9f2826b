import { XMLParser } from 'fast-xml-parser';
import { expect, it } from 'vitest';
import { lagUtbetalingsfil, mottaInnbetalingsfil } from '../../src/bank/index.js';
import { bokfoerKrav, buildPartView, kjoerOppgjoer, kontrollerInvarianter } from '../../src/ledger/index.js';
import { camt054Fil } from '../support/bankfil-builders.js';
import { describeEachDatabase } from '../support/databases.js';
import { xsdErrors } from '../support/iso20022-schemas.js';
import { d, kr, krav, nyttAs } from '../ledger/fixtures.js';

interface Transfer {
  PmtId: { InstrId: string; EndToEndId: string };
  Amt: { InstdAmt: { '#text': string; '@_Ccy': string } };
  Cdtr: { Nm: string };
  CdtrAcct: { Id: { Othr: { Id: string } } };
  RmtInf?: { Ustrd: string };
}

/** The transfers of a pain.001 as an independent parser reads them. */
function transfers(xml: string): { order: Record<string, unknown>; transfers: Transfer[] } {
  const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'CdtTrfTxInf', parseTagValue: false }).parse(xml);
  const order = parsed.Document.CstmrCdtTrfInitn;
  return { order, transfers: order.PmtInf.CdtTrfTxInf };
}

describeEachDatabase('payouts out as pain.001, confirmed or returned by camt.054', ({ handle }) => {
  it('payout → pain.001 → the bank’s confirming camt.054 → bekreftet; a returned one → returnert and its money back as a credit', async () => {
    const { db } = handle();
    const konto = '12345678903';
    const first = await nyttAs(db, { utbetalingskonto: konto, navn: 'Tilgode AS' });
    const second = await nyttAs(db, { utbetalingskonto: '86011117947', navn: 'Retur AS' });
    for (const partId of [first, second]) await bokfoerKrav(db, krav(partId, d('2024-04-01'), [['2024-04-01', -1_250.5]], { kravtype: 'tilgodeMva', beskrivelse: 'Mva-melding' }));
    const payouts = [...(await kjoerOppgjoer(db, { bokfoertDato: d('2024-04-02'), partId: first })), ...(await kjoerOppgjoer(db, { bokfoertDato: d('2024-04-02'), partId: second }))].flatMap((run) => run.utbetalinger);
    const [paid, returned] = payouts;

    const fil = (await lagUtbetalingsfil(db, d('2024-04-02')))!;
    expect(fil).toMatchObject({ messageId: 'KOB-UTB-2024-04-02', antall: 2, beloepOere: kr(2_501) });
    expect(xsdErrors(fil.xml, 'pain.001.001.09')).toBe('');
    const { order, transfers: sent } = transfers(fil.xml);
    expect(order).toMatchObject({ GrpHdr: { MsgId: 'KOB-UTB-2024-04-02', NbOfTxs: '2', CtrlSum: '2501.00' }, PmtInf: { ReqdExctnDt: { Dt: '2024-04-02' }, DbtrAcct: { Id: { Othr: { Id: '76940524802' } } } } });
    expect(sent.map((t) => [t.PmtId.EndToEndId, t.Amt.InstdAmt['#text'], t.Cdtr.Nm, t.CdtrAcct.Id.Othr.Id, t.RmtInf?.Ustrd])).toEqual([
      [paid!.utbetalingId, '1250.50', 'Tilgode AS', konto, 'Tilgode Mva-melding'],
      [returned!.utbetalingId, '1250.50', 'Retur AS', '86011117947', 'Tilgode Mva-melding'],
    ]);
    // The same day's file again is the same bytes (the bank refuses a MsgId it has seen); a day without payouts has none.
    expect((await lagUtbetalingsfil(db, d('2024-04-02')))!.xml).toBe(fil.xml);
    expect(await lagUtbetalingsfil(db, d('2024-04-03'))).toBeUndefined();

    const status = async (partId: string, asOf: string) => (await buildPartView(db, { partId, asOf: d(asOf), utbetalt: { fraOgMed: d('2024-01-01'), tilOgMed: d('2024-12-31') } })).utbetalinger![0]!.status;
    expect(await status(first, '2024-04-02')).toBe('underUtbetaling');

    // The bank carries out the first transfer and sends the second back (closed account), each naming the payout by its EndToEndId.
    const camt = camt054Fil({
      msgId: 'CAMT-20240403-1',
      bokfoeringsdato: '2024-04-03',
      poster: [
        { art: 'utbetaling', ref: 'U1', beloepOere: kr(1_250.5), utbetalingId: sent[0]!.PmtId.EndToEndId, mottaker: sent[0]!.Cdtr.Nm, mottakerKonto: sent[0]!.CdtrAcct.Id.Othr.Id },
        { art: 'retur', ref: 'U2', beloepOere: kr(1_250.5), utbetalingId: sent[1]!.PmtId.EndToEndId, aarsak: 'AC04' },
      ],
    });
    expect(xsdErrors(camt, 'camt.054.001.08')).toBe('');
    const mottak = await mottaInnbetalingsfil(db, { innhold: camt, bokfoertDato: d('2024-04-03') });
    expect(mottak).toMatchObject({ kind: 'bokfoert', rapport: { antallUtbetalingerBekreftet: 1, antallUtbetalingerReturnert: 1, antallAvvist: 0, bokfoertOere: 0 } });
    expect(await status(first, '2024-04-03')).toBe('bekreftet');
    expect(await status(second, '2024-04-03')).toBe('returnert');
    const open = (await buildPartView(db, { partId: second, asOf: d('2024-04-03'), aapne: true })).aapne!;
    expect(open.krav.map((k) => [k.kravtype, k.gjenstaaendeOere])).toEqual([['returnertUtbetaling', -kr(1_250.5)]]);
    for (const partId of [first, second]) await kontrollerInvarianter(db, partId, d('2024-04-03'));
  });
});
