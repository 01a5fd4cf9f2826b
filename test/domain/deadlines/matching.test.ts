import { describe, expect, it } from 'vitest';
import { localDate } from '../../../src/domain/dates.js';
import {
  matcherKravforfall,
  matcherLevering,
  oppgaveFraKrav,
  terminNummer,
  type KravforfallReferanse,
  type Matchnoekkel,
} from '../../../src/domain/deadlines/index.js';
import { enkObligation, restskattKravforfall as restskatt } from './fixtures.js';

function key(id: string): Matchnoekkel {
  return enkObligation(id).noekkel;
}
function kravforfall(overrides: Partial<KravforfallReferanse>): KravforfallReferanse {
  return { kravforfallId: '360000001', kravtype: 'åBetaleMva', periodeAar: 2026, termin: '03', forfallNummer: 1, ...overrides };
}

describe('terminNummer', () => {
  it('reads booked terms in both published spellings', () => {
    expect(terminNummer('03')).toBe(3);
    expect(terminNummer('3')).toBe(3);
    expect(terminNummer('12')).toBe(12);
    expect(terminNummer('aar')).toBeNull();
    expect(terminNummer(null)).toBeNull();
    expect(terminNummer('Termin')).toBeUndefined();
  });
});

describe('matching a filing', () => {
  it('by type, year and term', () => {
    const mva3 = key('mva-melding-2026-03');
    expect(matcherLevering(mva3, { leveringstype: 'mva-melding', periodeAar: 2026, termin: '03' })).toBe(true);
    expect(matcherLevering(mva3, { leveringstype: 'mva-melding', periodeAar: 2026, termin: '04' })).toBe(false);
    expect(matcherLevering(mva3, { leveringstype: 'mva-melding', periodeAar: 2025, termin: '03' })).toBe(false);
    expect(matcherLevering(mva3, { leveringstype: 'a-melding', periodeAar: 2026, termin: '03' })).toBe(false);
    expect(matcherLevering(key('a-melding-2026-12'), { leveringstype: 'a-melding', periodeAar: 2026, termin: '12' })).toBe(true);
    expect(matcherLevering(key('skattemelding-2026'), { leveringstype: 'skattemelding', periodeAar: 2026, termin: null })).toBe(true);
  });

  it('a payment key never matches a filing, nor a filing key a claim', () => {
    expect(matcherLevering(key('mva-betaling-2026-03'), { leveringstype: 'mva-melding', periodeAar: 2026, termin: '03' })).toBe(false);
    expect(matcherKravforfall(key('mva-melding-2026-03'), kravforfall({}))).toBe(false);
  });
});

describe('matching claims', () => {
  it('mva: the term\'s payable or credit claim, not its interest', () => {
    const mva3 = key('mva-betaling-2026-03');
    expect(matcherKravforfall(mva3, kravforfall({}))).toBe(true);
    expect(matcherKravforfall(mva3, kravforfall({ kravtype: 'tilgodeMva' }))).toBe(true);
    expect(matcherKravforfall(mva3, kravforfall({ kravtype: 'forsinkelsesrenterMva' }))).toBe(false);
    expect(matcherKravforfall(mva3, kravforfall({ termin: '02' }))).toBe(false);
    expect(matcherKravforfall(mva3, kravforfall({ periodeAar: 2025 }))).toBe(false);
  });

  it('AGA and forskuddstrekk: both claims of the term ("2" as the published examples write it)', () => {
    const aga2 = key('aga-forskuddstrekk-2026-02');
    expect(matcherKravforfall(aga2, kravforfall({ kravtype: 'arbeidsgiveravgift', termin: '2' }))).toBe(true);
    expect(matcherKravforfall(aga2, kravforfall({ kravtype: 'forskuddstrekk', termin: '2' }))).toBe(true);
    expect(matcherKravforfall(aga2, kravforfall({ kravtype: 'arbeidsgiveravgift', termin: '3' }))).toBe(false);
  });

  it('forskuddsskatt: the instalment of the year\'s claim with the term\'s number', () => {
    const fs2 = key('forskuddsskatt-2026-02');
    const issued = { kravtype: 'utskrevetForskuddsskattPerson', termin: null };
    expect(matcherKravforfall(fs2, kravforfall({ ...issued, forfallNummer: 2 }))).toBe(true);
    expect(matcherKravforfall(fs2, kravforfall({ ...issued, forfallNummer: 3 }))).toBe(false);
    expect(matcherKravforfall(fs2, kravforfall({ kravtype: 'restskattPerson', termin: null, forfallNummer: 2 }))).toBe(false);
  });
});

describe('oppgaveFraKrav', () => {
  it('makes a payment task identified by the due item', () => {
    expect(oppgaveFraKrav(restskatt)).toEqual({
      id: 'kravforfall-360000042',
      kind: 'krav',
      periode: { aar: 2025, termin: null, fraOgMed: '2025-01-01', tilOgMed: '2025-12-31' },
      nominellFrist: '2026-07-14',
      frist: '2026-07-14',
      myndighet: 'Skatteetaten',
      produktomraade: 'Skatt',
      oppgaveType: 'betalingskrav',
      fristType: 'betalingsfrist',
      oppgaveBeskrivelse: 'Betal restskatt for 2025, 1. termin',
      noekkel: { kind: 'kravforfall', kravforfallId: '360000042' },
    });
  });

  it('the id stays when everything but the due item changes', () => {
    const moved = oppgaveFraKrav({ ...restskatt, forfallsdato: localDate('2026-08-01'), kravbeskrivelse: 'Restskatt, person' });
    expect(moved.id).toBe(oppgaveFraKrav(restskatt).id);
  });

  it('moves a due date that is not a working day and keeps the booked one as nominal', () => {
    const weekend = oppgaveFraKrav({ ...restskatt, forfallsdato: localDate('2026-10-10'), antallForfall: 1 });
    expect(weekend).toMatchObject({ nominellFrist: '2026-10-10', frist: '2026-10-12' });
  });

  it('describes interest and other claims from their own description and period', () => {
    const renter = oppgaveFraKrav({
      ...restskatt,
      kravforfallId: '360000099',
      kravtype: 'forsinkelsesrenterMva',
      produktomraade: 'MVA',
      kravbeskrivelse: 'Forsinkelsesrenter - Mva-melding september - oktober',
      periodeAar: 2021,
      termin: '05',
      periodeFra: localDate('2021-09-01'),
      periodeTil: localDate('2021-10-31'),
      antallForfall: 1,
    });
    expect(renter.oppgaveBeskrivelse).toBe('Betal forsinkelsesrenter - Mva-melding september - oktober for 2021');
    expect(renter.produktomraade).toBe('MVA');
    expect(renter.periode).toEqual({ aar: 2021, termin: 5, fraOgMed: '2021-09-01', tilOgMed: '2021-10-31' });
    const gebyr = oppgaveFraKrav({ ...restskatt, kravbeskrivelse: 'MVA-gebyr 2025', periodeAar: 2025, antallForfall: 1 });
    expect(gebyr.oppgaveBeskrivelse).toBe('Betal MVA-gebyr 2025');
    const utenPeriode = oppgaveFraKrav({ ...restskatt, periodeAar: null, antallForfall: 1 });
    expect(utenPeriode.periode).toBeNull();
    expect(utenPeriode.oppgaveBeskrivelse).toBe('Betal restskatt');
  });

  it('keeps the description within the calendar\'s 4000 characters', () => {
    const long = oppgaveFraKrav({ ...restskatt, kravbeskrivelse: 'x'.repeat(4000) });
    expect(Array.from(long.oppgaveBeskrivelse)).toHaveLength(4000);
  });

  it('its key matches its own due item only', () => {
    const task = oppgaveFraKrav(restskatt);
    expect(matcherKravforfall(task.noekkel, kravforfall({ kravforfallId: '360000042', kravtype: 'restskattPerson' }))).toBe(true);
    expect(matcherKravforfall(task.noekkel, kravforfall({ kravforfallId: '360000043', kravtype: 'restskattPerson' }))).toBe(false);
  });
});
