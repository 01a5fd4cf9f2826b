import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, localDate, makeDate } from '../../../src/domain/dates.js';
import {
  fristDatoer,
  obligationsForPeriod,
  oppgaveStatus,
  restskattForfall,
  type MvaTermintype,
  type Registreringer,
} from '../../../src/domain/deadlines/index.js';
import { isWorkingDay } from '../../../src/domain/holidays.js';
import { toOere } from '../../../src/domain/money.js';

const anyDate = fc
  .integer({ min: 0, max: daysBetween(localDate('1990-01-01'), localDate('2150-12-31')) })
  .map((offset) => addDays(localDate('1990-01-01'), offset));

const anyRegistreringer: fc.Arbitrary<Registreringer> = fc.record({
  organisasjonsform: fc.constantFrom('ENK', 'AS', 'ASA', 'ANS', 'person'),
  mvaTermintype: fc.constantFrom<MvaTermintype | null>('tomaaneders', 'aarlig', 'primaernaering', null),
  arbeidsgiver: fc.boolean(),
  forskuddspliktig: fc.boolean(),
});

const anyPeriod = fc
  .tuple(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 730 }))
  .map(([year, month, length]) => {
    const fraOgMed = makeDate(year, month, 1);
    return { fraOgMed, tilOgMed: addDays(fraOgMed, length) };
  });

describe('deadline invariants (property-based)', () => {
  it('any nominal date: the effective date is a working day, not before it, at most 5 days later', () => {
    fc.assert(
      fc.property(anyDate, (nominal) => {
        const { effective } = fristDatoer(nominal);
        expect(isWorkingDay(effective)).toBe(true);
        expect(effective >= nominal).toBe(true);
        expect(daysBetween(nominal, effective)).toBeLessThanOrEqual(5);
        // Already effective dates stay put.
        expect(fristDatoer(effective).effective).toBe(effective);
      }),
      { numRuns: 2000 },
    );
  });

  it('every obligation of any registrations: effective is a working day ≥ nominal, ≤ 5 days later, inside the period; ids unique', () => {
    fc.assert(
      fc.property(anyRegistreringer, anyPeriod, (registreringer, periode) => {
        const obligations = obligationsForPeriod(registreringer, periode);
        for (const o of obligations) {
          expect(isWorkingDay(o.frist)).toBe(true);
          expect(o.frist >= o.nominellFrist).toBe(true);
          expect(daysBetween(o.nominellFrist, o.frist)).toBeLessThanOrEqual(5);
          expect(o.frist >= periode.fraOgMed && o.frist <= periode.tilOgMed).toBe(true);
        }
        const ids = obligations.map((o) => o.id);
        expect(new Set(ids).size).toBe(ids.length);
      }),
      { numRuns: 300 },
    );
  });

  it('a period split in two gives the same obligations as the whole', () => {
    fc.assert(
      fc.property(anyRegistreringer, anyPeriod, fc.nat(), (registreringer, periode, cut) => {
        const split = addDays(periode.fraOgMed, cut % (daysBetween(periode.fraOgMed, periode.tilOgMed) + 1));
        const whole = obligationsForPeriod(registreringer, periode).map((o) => o.id);
        const first = obligationsForPeriod(registreringer, { fraOgMed: periode.fraOgMed, tilOgMed: split });
        const second = split < periode.tilOgMed ? obligationsForPeriod(registreringer, { fraOgMed: addDays(split, 1), tilOgMed: periode.tilOgMed }) : [];
        expect([...first, ...second].map((o) => o.id)).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });

  it('restskatt instalments add up to the amount, or nothing when it lapses', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 10_000_000_00 }), fc.constantFrom('personlig' as const, 'upersonlig' as const), (skatteoppgjoerDato, beloep, skattytertype) => {
        const items = restskattForfall({ skatteoppgjoerDato, beloepOere: toOere(beloep), skattytertype });
        const sum = items.reduce((total, i) => total + i.beloepOere, 0);
        expect(sum === beloep || (items.length === 0 && skattytertype === 'personlig' && beloep < 100_00)).toBe(true);
        for (const i of items) expect(isWorkingDay(i.effective)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('payment status: fullført exactly when nothing remains of a debt, forfalt only after the deadline', () => {
    const [obligation] = obligationsForPeriod(
      { organisasjonsform: 'AS', mvaTermintype: 'aarlig', arbeidsgiver: false, forskuddspliktig: false },
      { fraOgMed: localDate('2026-03-01'), tilOgMed: localDate('2026-03-31') },
    ).filter((o) => o.oppgaveType === 'betalingskrav');
    if (!obligation) throw new Error('expected the annual VAT payment');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000_00 }), fc.nat(), fc.integer({ min: -60, max: 60 }), (original, paidSeed, offset) => {
        const remaining = paidSeed % (original + 1);
        const idag = addDays(obligation.frist, offset);
        const { oppgavestatus } = oppgaveStatus(
          obligation,
          { kind: 'betaling', kravforfall: [{ kravforfallId: 'x', opprinneligBeloepOere: toOere(original), gjenstaaendeBeloepOere: toOere(remaining) }] },
          idag,
        );
        expect(oppgavestatus === 'fullført').toBe(remaining === 0);
        if (oppgavestatus === 'forfalt') expect(idag > obligation.frist).toBe(true);
        if (remaining > 0 && idag > obligation.frist) expect(oppgavestatus).toBe('forfalt');
      }),
      { numRuns: 500 },
    );
  });
});
