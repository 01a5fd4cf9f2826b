import { describe, expect, it } from 'vitest';
import { localDate } from '../../../src/domain/dates.js';
import { oppgaveFraKrav, oppgaveStatus, type KravforfallFakta } from '../../../src/domain/deadlines/index.js';
import { toOere } from '../../../src/domain/money.js';
import { enkObligation as obligation, restskattKravforfall } from './fixtures.js';

// Term 4 2026: nominal 10 October (Saturday), effective Monday 12 October.
const mvaMelding = obligation('mva-melding-2026-04');
const mvaBetaling = obligation('mva-betaling-2026-04');
const day = localDate;

function item(opprinnelig: number, gjenstaaende: number): KravforfallFakta {
  return { kravforfallId: `kf-${opprinnelig}-${gjenstaaende}`, opprinneligBeloepOere: toOere(opprinnelig), gjenstaaendeBeloepOere: toOere(gjenstaaende) };
}

describe('reporting obligations', () => {
  it('not delivered, deadline ahead: ikkeStartet with the days left to the effective deadline', () => {
    expect(oppgaveStatus(mvaMelding, { kind: 'levering', levertDato: null }, day('2026-09-12'))).toEqual({
      oppgavestatus: 'ikkeStartet',
      visningsstatus: '30 dager igjen',
      dagerIgjen: 30,
    });
  });

  it('counts to the effective date, not the nominal one: on Saturday 10 October two days are left', () => {
    expect(oppgaveStatus(mvaMelding, { kind: 'levering', levertDato: null }, day('2026-10-10'))).toMatchObject({
      oppgavestatus: 'ikkeStartet',
      visningsstatus: '2 dager igjen',
    });
    expect(oppgaveStatus(mvaMelding, { kind: 'levering', levertDato: null }, day('2026-10-11')).visningsstatus).toBe('1 dag igjen');
    expect(oppgaveStatus(mvaMelding, { kind: 'levering', levertDato: null }, day('2026-10-12'))).toMatchObject({
      oppgavestatus: 'ikkeStartet',
      visningsstatus: 'Frist i dag',
      dagerIgjen: 0,
    });
  });

  it('not delivered the day after the effective deadline: forfalt, "Ikke levert"', () => {
    expect(oppgaveStatus(mvaMelding, { kind: 'levering', levertDato: null }, day('2026-10-13'))).toEqual({
      oppgavestatus: 'forfalt',
      visningsstatus: 'Ikke levert',
      dagerIgjen: -1,
    });
  });

  it('delivered (in time or late): fullført, "Levert"', () => {
    expect(oppgaveStatus(mvaMelding, { kind: 'levering', levertDato: day('2026-10-01') }, day('2026-10-02'))).toMatchObject({
      oppgavestatus: 'fullført',
      visningsstatus: 'Levert',
    });
    expect(oppgaveStatus(mvaMelding, { kind: 'levering', levertDato: day('2026-11-01') }, day('2026-12-01'))).toMatchObject({
      oppgavestatus: 'fullført',
      visningsstatus: 'Levert',
    });
  });

  it('a delivery dated after the business date does not count yet', () => {
    expect(oppgaveStatus(mvaMelding, { kind: 'levering', levertDato: day('2026-10-05') }, day('2026-10-01')).oppgavestatus).toBe('ikkeStartet');
  });
});

describe('payment obligations', () => {
  const before = day('2026-10-01');
  const after = day('2026-10-13');

  it('paid in full: fullført, "Betalt" — before and after the deadline', () => {
    const fakta = { kind: 'betaling', kravforfall: [item(500_000, 0)] } as const;
    expect(oppgaveStatus(mvaBetaling, fakta, before)).toMatchObject({ oppgavestatus: 'fullført', visningsstatus: 'Betalt' });
    expect(oppgaveStatus(mvaBetaling, fakta, after)).toMatchObject({ oppgavestatus: 'fullført', visningsstatus: 'Betalt' });
  });

  it('partly paid before the deadline: pågående, "Delvis betalt"', () => {
    const fakta = { kind: 'betaling', kravforfall: [item(500_000, 100_000)] } as const;
    expect(oppgaveStatus(mvaBetaling, fakta, before)).toEqual({ oppgavestatus: 'pågående', visningsstatus: 'Delvis betalt', dagerIgjen: 11 });
  });

  it('not (fully) paid after the effective deadline: forfalt, "Forfalt"', () => {
    expect(oppgaveStatus(mvaBetaling, { kind: 'betaling', kravforfall: [item(500_000, 500_000)] }, after)).toMatchObject({
      oppgavestatus: 'forfalt',
      visningsstatus: 'Forfalt',
    });
    expect(oppgaveStatus(mvaBetaling, { kind: 'betaling', kravforfall: [item(500_000, 1)] }, after).oppgavestatus).toBe('forfalt');
  });

  it('overdue but everything still owed deferred: pågående, "Utsatt til" the first day a deferral ends (decision 0161)', () => {
    const deferred = (utsattTil: string, opprinnelig = 500_000, gjenstaaende = opprinnelig) => ({ ...item(opprinnelig, gjenstaaende), utsattTil: day(utsattTil) });
    expect(oppgaveStatus(mvaBetaling, { kind: 'betaling', kravforfall: [deferred('2026-12-31')] }, after)).toEqual({
      oppgavestatus: 'pågående',
      visningsstatus: 'Utsatt til 31.12.2026',
      dagerIgjen: -1,
    });
    const aga = obligation('aga-forskuddstrekk-2026-02');
    const both = { kind: 'betaling', kravforfall: [deferred('2026-08-31', 300_000), { ...deferred('2026-07-31', 200_000, 0) }, deferred('2026-06-30', 100_000)] } as const;
    expect(oppgaveStatus(aga, both, day('2026-06-01')).visningsstatus).toBe('Utsatt til 30.06.2026');
    // One open debt not deferred: the task is overdue. Before the deadline a deferral changes nothing.
    expect(oppgaveStatus(aga, { kind: 'betaling', kravforfall: [deferred('2026-08-31', 300_000), item(200_000, 200_000)] }, day('2026-06-01')).oppgavestatus).toBe('forfalt');
    expect(oppgaveStatus(mvaBetaling, { kind: 'betaling', kravforfall: [deferred('2026-12-31')] }, before).oppgavestatus).toBe('ikkeStartet');
  });

  it('nothing paid, deadline ahead: ikkeStartet with days left', () => {
    expect(oppgaveStatus(mvaBetaling, { kind: 'betaling', kravforfall: [item(500_000, 500_000)] }, before)).toMatchObject({
      oppgavestatus: 'ikkeStartet',
      visningsstatus: '11 dager igjen',
    });
  });

  it('adds up several claims (AGA and forskuddstrekk of one term)', () => {
    const aga = obligation('aga-forskuddstrekk-2026-02'); // 15 May 2026
    const partly = { kind: 'betaling', kravforfall: [item(300_000, 0), item(200_000, 200_000)] } as const;
    expect(oppgaveStatus(aga, partly, day('2026-05-10')).oppgavestatus).toBe('pågående');
    const both = { kind: 'betaling', kravforfall: [item(300_000, 0), item(200_000, 0)] } as const;
    expect(oppgaveStatus(aga, both, day('2026-05-10')).oppgavestatus).toBe('fullført');
  });

  it('no claim yet before the deadline: ikkeStartet (the amount is not known)', () => {
    expect(oppgaveStatus(mvaBetaling, { kind: 'betaling', kravforfall: [] }, before).oppgavestatus).toBe('ikkeStartet');
  });

  it('a credit, or no claim after the deadline: nothing to pay', () => {
    expect(oppgaveStatus(mvaBetaling, { kind: 'betaling', kravforfall: [item(-20_000, -20_000)] }, before)).toMatchObject({
      oppgavestatus: 'fullført',
      visningsstatus: 'Ingenting å betale',
    });
    expect(oppgaveStatus(mvaBetaling, { kind: 'betaling', kravforfall: [] }, after)).toMatchObject({
      oppgavestatus: 'fullført',
      visningsstatus: 'Ingenting å betale',
    });
  });

  it('ignores credits next to a debt', () => {
    const fakta = { kind: 'betaling', kravforfall: [item(-20_000, 0), item(500_000, 500_000)] } as const;
    expect(oppgaveStatus(mvaBetaling, fakta, after).oppgavestatus).toBe('forfalt');
  });

  it('works the same for a task made from a claim', () => {
    const restskatt = oppgaveFraKrav(restskattKravforfall);
    const open = { kind: 'betaling', kravforfall: [{ ...item(250_000, 250_000), kravforfallId: '360000042' }] } as const;
    expect(oppgaveStatus(restskatt, open, day('2026-06-14')).visningsstatus).toBe('30 dager igjen');
    expect(oppgaveStatus(restskatt, open, day('2026-07-15')).oppgavestatus).toBe('forfalt');
  });
});

describe('programmer errors', () => {
  it('refuses facts of the wrong kind', () => {
    expect(() => oppgaveStatus(mvaMelding, { kind: 'betaling', kravforfall: [] }, day('2026-10-01'))).toThrow(/delivery facts/);
    expect(() => oppgaveStatus(mvaBetaling, { kind: 'levering', levertDato: null }, day('2026-10-01'))).toThrow(/payment facts/);
  });

  it('refuses a remaining amount outside 0..original', () => {
    expect(() => oppgaveStatus(mvaBetaling, { kind: 'betaling', kravforfall: [item(100, 200)] }, day('2026-10-01'))).toThrow(/remaining/);
    expect(() => oppgaveStatus(mvaBetaling, { kind: 'betaling', kravforfall: [item(100, -1)] }, day('2026-10-01'))).toThrow(/remaining/);
  });
});
