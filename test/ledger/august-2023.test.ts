import { expect, it } from 'vitest';
import type { LocalDate } from '../../src/domain/dates.js';
import { buildPartView, kontrollerInvarianter, type KravView } from '../../src/ledger/index.js';
import { describeEachDatabase } from '../support/databases.js';
import { bookHistory, eier, enk } from './august-2023-history.js';
import { d, kr } from './fixtures.js';

describeEachDatabase('the published August 2023 example, booked through the ledger', ({ handle }) => {
  let booked: Awaited<ReturnType<typeof bookHistory>>;
  const view = (asOf: LocalDate, query: Partial<Parameters<typeof buildPartView>[1]> = {}) => buildPartView(handle().db, { partId: enk, asOf, ...query });

  it('books the history: 439 kr interest on the late VAT payment, 50 + 52 kr on the 2021/4 terms, 18 335 kr refunded', async () => {
    booked = await bookHistory(handle().db);
    expect(booked.late.renteKrav.map((r) => [r.hovedstolKravId, r.beloepOere, r.forfallsdato, r.beskrivelse])).toEqual([
      [booked.aga21_4.kravId, kr(50), '2021-10-19', 'Forsinkelsesrente Arbeidsgiveravgift - 2021/4'],
      [booked.ft21_4.kravId, kr(52), '2021-10-19', 'Forsinkelsesrente Forskuddstrekk - 2021/4'],
    ]);
    expect(booked.mvaPayment.renteKrav.map((r) => [r.hovedstolKravId, r.beloepOere, r.forfallsdato, r.kravgruppe])).toEqual([[booked.mva21_5.kravId, kr(439), '2022-01-17', 'merverdiavgift']]);
    expect(booked.mvaPayment.plasseringer.map((p) => [p.kravId, p.plassertOere])).toEqual([
      [booked.mva21_5.kravId, kr(51_321)],
      [booked.mvaPayment.renteKrav[0]!.kravId, kr(112)],
    ]);
    // The owner's payment: the ENK's two interest claims (overdue), its two employer terms (due that day).
    expect(booked.ownerPayment.plasseringer.map((p) => [p.partId, p.beskrivelse, p.plassertOere])).toEqual([
      [enk, 'Forsinkelsesrente Arbeidsgiveravgift - 2021/4', kr(50)],
      [enk, 'Forsinkelsesrente Forskuddstrekk - 2021/4', kr(52)],
      [enk, 'Forskuddstrekk - 2021/6', kr(7_617)],
      [enk, 'Arbeidsgiveravgift - 2021/6', kr(8_946)],
    ]);
    expect(booked.ownerPayment.uplassertOere).toBe(kr(18_335));
    expect(booked.refund[0]!.refusjoner).toEqual([expect.objectContaining({ partId: eier, beloepOere: kr(18_335) })]);
    expect(booked.refund[0]!.utbetalinger).toEqual([expect.objectContaining({ partId: eier, beloepOere: kr(18_335), konto: '54221361434', melding: 'For mye betalt 17.01.22' })]);
    expect(booked.credit.motregninger.map((m) => [m.debet.kravId, m.beloepOere, m.debet.gjenstaaendeOere])).toEqual([[booked.mvaPayment.renteKrav[0]!.kravId, kr(10), kr(317)]]);
    expect(booked.interestPayment.plasseringer.map((p) => [p.kravId, p.plassertOere, p.gjenstaaendeOere])).toEqual([[booked.mvaPayment.renteKrav[0]!.kravId, kr(317), 0]]);
    for (const payment of [booked.employerPayment, booked.forskuddPayment]) {
      expect(payment.renteKrav).toEqual([]);
      expect(payment.uplassertOere).toBe(0);
    }
    await kontrollerInvarianter(handle().db, enk, d('2023-08-28'));
  });

  it('as of 2023-08-28 gives the published sums per group, exactly', async () => {
    const { aapne } = await view(d('2023-08-28'), { aapne: true });
    expect(aapne!.oversikt.perKravgruppe.map((g) => [g.kravgruppeTekst, g.sumForfalteKravOere / 100, g.sumIkkeForfalteKravOere / 100])).toEqual([
      ['Merverdiavgift', 61_244, 62_500],
      ['Arbeidsgiveravgift', 6_373, 0],
      ['Forskuddstrekk', 22_600, 0],
      ['Skatt', 71_250, 0],
    ]);
    expect(aapne!.oversikt.total).toMatchObject({ sumForfalteKravOere: kr(161_467), sumIkkeForfalteKravOere: kr(62_500), sumUplasserteInnbetalingerOere: 0 });
    // The claims behind the sums: four with overdue items (the forskuddsskatt once, for three instalments), one not yet due.
    expect(aapne!.oversikt.total).toMatchObject({ antallKravForfalt: 4, antallKravIkkeForfalt: 1 });
    expect(aapne!.innbetalinger).toEqual([]);
    expect(aapne!.krav.map((k) => [k.partId, k.kravtypeApi, k.opprinneligOere / 100, k.gjenstaaendeOere / 100, k.opprettetDato])).toEqual([
      [enk, 'Mva-melding', 61_244, 61_244, '2022-04-13'],
      [enk, 'ARBGAVG', 6_373, 6_373, '2022-05-12'],
      [enk, 'FORSKTREKK', 22_600, 22_600, '2022-05-12'],
      [enk, 'Fasts § 12-1 (1) 1. pkt.', 62_500, 62_500, '2023-08-18'],
      [eier, 'UTSKR_FORSKSKATT', 95_000, 71_250, '2022-03-29'],
    ]);
    const skatt = aapne!.krav.find((k) => k.partId === eier)!;
    expect(skatt.forfall.map((f) => [f.forfallsdato, f.gjenstaaendeOere / 100, f.kid])).toEqual([
      ['2022-03-15', 0, '7900011880501220017'],
      ['2022-06-15', 23_750, '7900011880501220017'],
      ['2022-09-15', 23_750, '7900011880501220017'],
      ['2022-12-15', 23_750, '7900011880501220017'],
    ]);
    expect(skatt.forfall[0]!.plassertInnbetaling.map((p) => [p.innbetaling.partId, p.innbetaling.beloepOere, p.plassertOere])).toEqual([[eier, kr(23_750), kr(23_750)]]);
  });

  it('stipulerteRenter by our rule (decision 0005): 8 424 as published; 824, 2 924 and 7 082 where the publisher shows 800, 2 839 and 7 061', async () => {
    const { aapne } = await view(d('2023-08-28'), { aapne: true });
    const renter = (k: KravView) => [k.kravtypeApi, k.stipulerteRenterOere / 100];
    expect(aapne!.krav.map(renter)).toEqual([
      ['Mva-melding', 8_424],
      ['ARBGAVG', 824],
      ['FORSKTREKK', 2_924],
      ['Fasts § 12-1 (1) 1. pkt.', 0],
      ['UTSKR_FORSKSKATT', 7_082],
    ]);
  });

  it('shows the published placements from both sides: the 439 kr interest claim, the set-off, the refund', async () => {
    const { kravOpprettet } = await view(d('2023-08-28'), { kravOpprettet: { fraOgMed: d('2022-01-01'), tilOgMed: d('2022-12-31') } });
    const rente = kravOpprettet!.find((k) => k.kravtypeApi === 'Forsinkelsesrente' && k.opprinneligOere === kr(439))!;
    expect(rente).toMatchObject({ hovedstolKravId: booked.mva21_5.kravId, kravgruppeTekst: 'Merverdiavgift', opprettetDato: '2022-01-17', gjenstaaendeOere: 0 });
    const item = rente.forfall[0]!;
    expect(item.plassertInnbetaling.map((p) => [p.innbetaling.beloepOere / 100, p.plassertOere / 100, p.plassertDato, p.innbetaling.innbetalingstypeTekst])).toEqual([
      [51_433, 112, '2022-01-17', 'Innbetalt OCR'],
      [317, 317, '2022-03-28', 'Bankoverføring'],
    ]);
    expect(item.plassertMotkrav.map((p) => [p.motkrav.kravtypeApi, p.plassertOere / 100, p.plassertDato, p.motkrav.forfallsdato])).toEqual([['Fors.rente kredit', 10, '2022-02-01', '2022-02-01']]);
    const kreditt = kravOpprettet!.find((k) => k.kravtypeApi === 'Fors.rente kredit')!;
    expect(kreditt).toMatchObject({ opprinneligOere: -kr(10), gjenstaaendeOere: 0, hovedstolKravId: booked.mva21_5.kravId, kravgruppeTekst: 'Merverdiavgift', fastsettingsmaate: 'blank' });
    expect(kreditt.forfall[0]!.plassertMotkrav.map((p) => [p.motkrav.kravtypeApi, p.motkrav.forfallsdato, p.plassertOere / 100])).toEqual([['Forsinkelsesrente', '2022-01-17', 10]]);

    const owner = await buildPartView(handle().db, {
      partId: eier,
      asOf: d('2023-08-28'),
      kravOpprettet: { fraOgMed: d('2022-01-01'), tilOgMed: d('2022-12-31') },
      utbetalt: { fraOgMed: d('2022-01-01'), tilOgMed: d('2022-12-31') },
    });
    expect(owner.kravOpprettet!.map((k) => [k.kravtypeApi, k.opprinneligOere / 100, k.gjenstaaendeOere / 100])).toEqual([
      ['MOTP_TILB_BET', 18_335, 0],
      ['KRAV_UTBET_KRED', -18_335, 0],
      ['UTSKR_FORSKSKATT', 95_000, 71_250],
    ]);
    expect(owner.utbetalinger!.map((u) => [u.utbetaltdato, u.beloepOere / 100, u.status, u.kreditKrav.map((k) => k.krav.kravtypeApi)])).toEqual([
      ['2022-01-19', 18_335, 'bekreftet', ['KRAV_UTBET_KRED']],
    ]);
  });

  it('as of earlier dates shows what was open then', async () => {
    const before = await view(d('2022-01-16'), { aapne: true });
    expect(before.aapne!.krav.map((k) => k.kravId)).toContain(booked.mva21_5.kravId);
    const after = await view(d('2022-01-17'), { aapne: true });
    expect(after.aapne!.krav.map((k) => k.kravId)).not.toContain(booked.mva21_5.kravId);
    expect(after.aapne!.krav.find((k) => k.hovedstolKravId === booked.mva21_5.kravId)?.gjenstaaendeOere).toBe(kr(327));
    const unplaced = await view(d('2022-01-18'), { aapne: true });
    expect(unplaced.aapne!.innbetalinger.map((i) => [i.partId, i.uplassertOere])).toEqual([[eier, kr(18_335)]]);
    expect(unplaced.aapne!.oversikt.total.sumUplasserteInnbetalingerOere).toBe(kr(18_335));
  });
});
