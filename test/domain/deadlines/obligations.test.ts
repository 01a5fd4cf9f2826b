import { describe, expect, it } from 'vitest';
import { localDate } from '../../../src/domain/dates.js';
import {
  oppgaveFraKrav,
  sortObligations,
  obligationsForPeriod,
  obligationsForReferenceYear,
  type Obligation,
  type Registreringer,
} from '../../../src/domain/deadlines/index.js';
import { enkRegistreringer, restskattKravforfall } from './fixtures.js';

const enk = enkRegistreringer;
const as: Registreringer = { organisasjonsform: 'AS', mvaTermintype: 'aarlig', arbeidsgiver: false, forskuddspliktig: true };
const person: Registreringer = { organisasjonsform: 'person', mvaTermintype: null, arbeidsgiver: false, forskuddspliktig: true };

const year2026 = { fraOgMed: localDate('2026-01-01'), tilOgMed: localDate('2026-12-31') };

function rows(obligations: readonly Obligation[]): string[] {
  return obligations.map((o) => `${o.frist} ${o.oppgaveBeskrivelse}`);
}

describe('obligationsForPeriod', () => {
  it('ENK, two-monthly VAT, employer, forskuddsskatt: every deadline of 2026 in order', () => {
    expect(rows(obligationsForPeriod(enk, year2026))).toEqual([
      '2026-01-05 Lever a-melding for desember 2025',
      '2026-01-15 Betal arbeidsgiveravgift og forskuddstrekk for 6. termin 2025',
      '2026-02-05 Lever a-melding for januar 2026',
      '2026-02-10 Lever mva-melding for 6. termin 2025',
      '2026-02-10 Betal merverdiavgift for 6. termin 2025',
      '2026-03-05 Lever a-melding for februar 2026',
      '2026-03-16 Betal arbeidsgiveravgift og forskuddstrekk for 1. termin 2026',
      '2026-03-16 Betal forskuddsskatt 1. termin 2026',
      '2026-04-07 Lever a-melding for mars 2026',
      '2026-04-10 Lever mva-melding for 1. termin 2026',
      '2026-04-10 Betal merverdiavgift for 1. termin 2026',
      '2026-05-05 Lever a-melding for april 2026',
      '2026-05-15 Betal arbeidsgiveravgift og forskuddstrekk for 2. termin 2026',
      '2026-05-15 Betal forskuddsskatt 2. termin 2026',
      '2026-06-01 Lever skattemelding for 2025',
      '2026-06-05 Lever a-melding for mai 2026',
      '2026-06-10 Lever mva-melding for 2. termin 2026',
      '2026-06-10 Betal merverdiavgift for 2. termin 2026',
      '2026-07-06 Lever a-melding for juni 2026',
      '2026-07-15 Betal arbeidsgiveravgift og forskuddstrekk for 3. termin 2026',
      '2026-08-05 Lever a-melding for juli 2026',
      '2026-08-31 Lever mva-melding for 3. termin 2026',
      '2026-08-31 Betal merverdiavgift for 3. termin 2026',
      '2026-09-07 Lever a-melding for august 2026',
      '2026-09-15 Betal arbeidsgiveravgift og forskuddstrekk for 4. termin 2026',
      '2026-09-15 Betal forskuddsskatt 3. termin 2026',
      '2026-10-05 Lever a-melding for september 2026',
      '2026-10-12 Lever mva-melding for 4. termin 2026',
      '2026-10-12 Betal merverdiavgift for 4. termin 2026',
      '2026-11-05 Lever a-melding for oktober 2026',
      '2026-11-16 Betal arbeidsgiveravgift og forskuddstrekk for 5. termin 2026',
      '2026-11-16 Betal forskuddsskatt 4. termin 2026',
      '2026-12-07 Lever a-melding for november 2026',
      '2026-12-10 Lever mva-melding for 5. termin 2026',
      '2026-12-10 Betal merverdiavgift for 5. termin 2026',
    ]);
  });

  it('AS with annual VAT and forskuddsskatt: 2026 holds the previous income year\'s deadlines', () => {
    expect(rows(obligationsForPeriod(as, year2026))).toEqual([
      '2026-02-16 Betal forskuddsskatt 1. termin 2025',
      '2026-03-10 Lever mva-melding for årstermin 2025',
      '2026-03-10 Betal merverdiavgift for årstermin 2025',
      '2026-04-15 Betal forskuddsskatt 2. termin 2025',
      '2026-06-01 Lever skattemelding for 2025',
    ]);
  });

  it('person: forskuddsskatt in the income year and the skattemelding by 30 April', () => {
    expect(rows(obligationsForPeriod(person, year2026))).toEqual([
      '2026-03-16 Betal forskuddsskatt 1. termin 2026',
      '2026-04-30 Lever skattemelding for 2025',
      '2026-05-15 Betal forskuddsskatt 2. termin 2026',
      '2026-09-15 Betal forskuddsskatt 3. termin 2026',
      '2026-11-16 Betal forskuddsskatt 4. termin 2026',
    ]);
  });

  it('fills the calendar fields of §5.8 for each kind', () => {
    const byId = new Map(obligationsForPeriod(enk, year2026).map((o) => [o.id, o]));
    const fields = (id: string) => {
      const o = byId.get(id);
      return o && [o.oppgaveType, o.fristType, o.produktomraade, o.myndighet];
    };
    expect(fields('mva-melding-2026-03')).toEqual(['rapporteringskrav', 'leveringsfrist', 'MVA', 'Skatteetaten']);
    expect(fields('mva-betaling-2026-03')).toEqual(['betalingskrav', 'betalingsfrist', 'MVA', 'Skatteetaten']);
    expect(fields('a-melding-2026-03')).toEqual(['rapporteringskrav', 'leveringsfrist', 'A-ordningen', 'Skatteetaten']);
    expect(fields('aga-forskuddstrekk-2026-02')).toEqual(['betalingskrav', 'betalingsfrist', 'Arbeidsgiveravgift', 'Skatteetaten']);
    expect(fields('forskuddsskatt-2026-02')).toEqual(['betalingskrav', 'betalingsfrist', 'Skatt', 'Skatteetaten']);
    expect(fields('skattemelding-2025')).toEqual(['rapporteringskrav', 'leveringsfrist', 'Skatt', 'Skatteetaten']);
  });

  it('keeps the nominal date next to the effective one (skattemelding 2025: 31 May is a Sunday)', () => {
    const skattemelding = obligationsForPeriod(enk, year2026).find((o) => o.id === 'skattemelding-2025');
    expect(skattemelding).toMatchObject({ nominellFrist: '2026-05-31', frist: '2026-06-01' });
  });

  it('carries the reference period and the matching key', () => {
    const byId = new Map(obligationsForPeriod(enk, year2026).map((o) => [o.id, o]));
    expect(byId.get('mva-melding-2026-03')).toMatchObject({
      periode: { aar: 2026, termin: 3, fraOgMed: '2026-05-01', tilOgMed: '2026-06-30' },
      noekkel: { kind: 'levering', leveringstype: 'mva-melding', aar: 2026, termin: 3 },
    });
    expect(byId.get('aga-forskuddstrekk-2026-02')?.noekkel).toEqual({
      kind: 'betaling',
      kravtyper: ['arbeidsgiveravgift', 'forskuddstrekk'],
      aar: 2026,
      termin: 2,
      forfallNummer: null,
    });
    expect(byId.get('forskuddsskatt-2026-02')?.noekkel).toEqual({
      kind: 'betaling',
      kravtyper: ['utskrevetForskuddsskattPerson', 'utskrevetForskuddsskatt'],
      aar: 2026,
      termin: null,
      forfallNummer: 2,
    });
    expect(byId.get('a-melding-2026-02')?.periode).toEqual({ aar: 2026, termin: 2, fraOgMed: '2026-02-01', tilOgMed: '2026-02-28' });
  });

  it('includes both ends of the period, by effective date', () => {
    const oneDay = (d: string) => obligationsForPeriod(enk, { fraOgMed: localDate(d), tilOgMed: localDate(d) }).map((o) => o.id);
    expect(oneDay('2026-06-01')).toEqual(['skattemelding-2025']);
    expect(oneDay('2026-05-31')).toEqual([]); // the nominal date alone does not count
    expect(oneDay('2026-04-10')).toEqual(['mva-melding-2026-01', 'mva-betaling-2026-01']);
  });

  it('leaves out periods that ended before the registration', () => {
    const registeredInMarch = { ...enk, registrertDato: localDate('2026-03-10') };
    const ids = obligationsForPeriod(registeredInMarch, year2026).map((o) => o.id);
    expect(ids).not.toContain('a-melding-2026-02');
    expect(ids).not.toContain('mva-melding-2026-01');
    expect(ids).not.toContain('skattemelding-2025');
    expect(ids).toContain('a-melding-2026-03'); // March is partly registered
    expect(ids).toContain('mva-melding-2026-02');
    expect(ids).toContain('forskuddsskatt-2026-01'); // the income year 2026 is partly registered
  });

  it('gives nothing to register for a party without registrations but the skattemelding', () => {
    const nothing: Registreringer = { organisasjonsform: 'AS', mvaTermintype: null, arbeidsgiver: false, forskuddspliktig: false };
    expect(obligationsForPeriod(nothing, year2026).map((o) => o.id)).toEqual(['skattemelding-2025']);
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => obligationsForPeriod(enk, { fraOgMed: localDate('2026-02-01'), tilOgMed: localDate('2026-01-01') })).toThrow(
      /ends before it starts/,
    );
  });

  it('returns frozen obligations', () => {
    const [first] = obligationsForPeriod(enk, year2026);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first?.periode)).toBe(true);
    expect(Object.isFrozen(first?.noekkel)).toBe(true);
  });
});

describe('sortObligations', () => {
  it('merges tasks from claims into the registrations\' deadlines by date', () => {
    const july = obligationsForPeriod(enk, { fraOgMed: localDate('2026-07-01'), tilOgMed: localDate('2026-07-31') });
    const restskatt = oppgaveFraKrav(restskattKravforfall); // 2026-07-14
    expect(sortObligations([restskatt, ...july]).map((o) => o.id)).toEqual([
      'a-melding-2026-06',
      'kravforfall-360000042',
      'aga-forskuddstrekk-2026-03',
    ]);
  });
});

describe('stable ids', () => {
  it('are made of kind, year and term', () => {
    expect(obligationsForReferenceYear(enk, 2026).map((o) => o.id).filter((id) => id.startsWith('mva'))).toEqual([
      'mva-melding-2026-01', 'mva-betaling-2026-01', 'mva-melding-2026-02', 'mva-betaling-2026-02',
      'mva-melding-2026-03', 'mva-betaling-2026-03', 'mva-melding-2026-04', 'mva-betaling-2026-04',
      'mva-melding-2026-05', 'mva-betaling-2026-05', 'mva-melding-2026-06', 'mva-betaling-2026-06',
    ]);
    expect(obligationsForReferenceYear(as, 2026).map((o) => o.id)).toEqual([
      'mva-melding-2026', 'mva-betaling-2026', 'forskuddsskatt-2026-01', 'forskuddsskatt-2026-02', 'skattemelding-2026',
    ]);
  });

  it('do not depend on the period asked for or on other registrations', () => {
    const wide = obligationsForPeriod(enk, { fraOgMed: localDate('2025-06-01'), tilOgMed: localDate('2026-12-31') });
    const narrow = obligationsForPeriod({ ...enk, arbeidsgiver: false }, { fraOgMed: localDate('2026-08-01'), tilOgMed: localDate('2026-09-30') });
    const wideById = new Map(wide.map((o) => [o.id, o]));
    expect(narrow.length).toBeGreaterThan(0);
    for (const o of narrow) expect(wideById.get(o.id)).toEqual(o);
  });

  it('are unique over several years of every kind of registration', () => {
    for (const registreringer of [enk, as, person, { ...enk, mvaTermintype: 'primaernaering' as const }]) {
      const ids = obligationsForPeriod(registreringer, { fraOgMed: localDate('2024-01-01'), tilOgMed: localDate('2028-12-31') }).map((o) => o.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});
