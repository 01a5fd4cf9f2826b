import { describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../src/domain/dates.js';
import { exactForsinkelsesrente } from '../../src/domain/interest.js';
import { toOere } from '../../src/domain/money.js';
import { forsinkelsesrentesatser, sistePubliserteRentedag } from '../../src/ledger/index.js';

describe('the ledger’s rate table (decision 0041)', () => {
  it('carries the newest published rate forward after the last published day', () => {
    const last = sistePubliserteRentedag();
    const satser = forsinkelsesrentesatser();
    const published = satser.find((sats) => sats.tilOgMed === last)!;
    const carried = satser.at(-1)!;
    expect(carried.fraOgMed).toBe(addDays(last, 1));
    expect(carried.satsBasispunkter).toBe(published.satsBasispunkter);
  });

  it('computes interest across the boundary as if the rate went on: 365 days of 100 000 kr at the last rate', () => {
    const last = sistePubliserteRentedag();
    const rate = forsinkelsesrentesatser().at(-1)!.satsBasispunkter;
    const forfallsdato = addDays(last, -100);
    const exact = exactForsinkelsesrente(forsinkelsesrentesatser(), { hovedstolOere: toOere(10_000_000), forfallsdato, sisteRentedag: addDays(forfallsdato, 365) });
    const published = forsinkelsesrentesatser().find((sats) => sats.tilOgMed === last)!;
    // All 365 days fall in the last published period and its continuation, which share a rate.
    expect(published.satsBasispunkter).toBe(rate);
    expect(Number(exact.numerator) / Number(exact.denominator)).toBeCloseTo(10_000_000 * (rate / 10_000), 6);
  });

  it('leaves the published periods as the data file has them', () => {
    expect(forsinkelsesrentesatser().find((sats) => sats.fraOgMed === localDate('2022-07-01'))?.satsBasispunkter).toBe(925);
  });
});
