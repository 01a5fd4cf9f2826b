import { describe, expect, it } from 'vitest';
import { localDate } from '../../src/domain/dates.js';
import { postKey } from '../../src/ledger/covering.js';
import { planMotregning, type KreditPost } from '../../src/ledger/motregning.js';
import { forsinkelsesrentesatser } from '../../src/ledger/rentesatser.js';
import type { DebetPost } from '../../src/ledger/covering.js';
import { debet, kreditt } from './planner-fixtures.js';

function plan(dato: string, kreditter: KreditPost[], poster: DebetPost[]) {
  const result = planMotregning({ dato: localDate(dato), kreditter, poster, rentesatser: forsinkelsesrentesatser() });
  return {
    covered: result.motregninger.map((m) => [m.kreditForfallId, postKey(m.post), m.beloepOere / 100]),
    renter: result.renter.map((r) => [r.hovedstolKravId, r.beloepOere / 100]),
  };
}

describe('planMotregning (decision 0004)', () => {
  it('follows skatt → forskuddstrekk → arbeidsgiveravgift → their interest → merverdiavgift → other groups', () => {
    const due = '2024-03-01';
    const poster = [
      debet('andre', 1, due, { kravgruppe: 'andreKrav' }),
      debet('mva', 1, due, { kravgruppe: 'merverdiavgift' }),
      debet('aga-rente', 1, due, { kravgruppe: 'arbeidsgiveravgift', erForsinkelsesrente: true }),
      debet('aga', 1, due, { kravgruppe: 'arbeidsgiveravgift' }),
      debet('trekk', 1, due, { kravgruppe: 'forskuddstrekk' }),
      debet('skatt', 1, due, { kravgruppe: 'skatt' }),
      debet('saer', 1, due, { kravgruppe: 'særavgifter' }),
      debet('ovrige', 1, due, { kravgruppe: 'øvrigeOffentligeKrav' }),
    ];
    const result = plan('2024-03-02', [kreditt('K', 8, '2024-03-02')], poster);
    expect(result.covered.map((c) => c[1])).toEqual(['skatt', 'trekk', 'aga', 'aga-rente', 'mva', 'saer', 'andre', 'ovrige']);
  });

  it('oldest first within a group; merverdiavgift interest sits with merverdiavgift by due date', () => {
    const poster = [
      debet('mva-new', 10, '2024-02-10', { kravgruppe: 'merverdiavgift' }),
      debet('mva-rente-old', 10, '2024-01-20', { kravgruppe: 'merverdiavgift', erForsinkelsesrente: true }),
      debet('mva-old', 10, '2023-12-10', { kravgruppe: 'merverdiavgift' }),
    ];
    const result = plan('2023-12-11', [kreditt('K', 100, '2023-12-11')], poster);
    expect(result.covered.map((c) => c[1])).toEqual(['mva-old']);
    const later = plan('2024-02-11', [kreditt('K', 30, '2024-02-11')], poster);
    expect(later.covered.map((c) => c[1])).toEqual(['mva-old', 'mva-rente-old', 'mva-new']);
  });

  it('uses only credits available on the date, oldest first, against overdue debts only', () => {
    const poster = [debet('overdue', 50, '2024-01-10'), debet('due-today', 50, '2024-02-01')];
    const kreditter = [kreditt('later', 100, '2024-03-01'), kreditt('newer', 30, '2024-01-20'), kreditt('older', 30, '2024-01-15')];
    const result = plan('2024-02-01', kreditter, poster);
    expect(result.covered.filter((c) => c[1] === 'overdue')).toEqual([
      ['older', 'overdue', 30],
      ['newer', 'overdue', 20],
    ]);
    expect(result.covered.some((c) => c[1] === 'due-today' || c[0] === 'later')).toBe(false);
  });

  it('posts interest up to the set-off date and covers it with what is left of the credit', () => {
    // 51 321 kr due 2021-12-10 set off 2022-01-17: 439 kr, as if paid that day.
    const result = plan('2022-01-17', [kreditt('K', 60_000, '2022-01-01')], [debet('mva', 51_321, '2021-12-10', { kravgruppe: 'merverdiavgift' })]);
    expect(result.renter).toEqual([['kmva', 439]]);
    expect(result.covered).toEqual([
      ['K', 'mva', 51_321],
      ['K', 'rente#0', 439],
    ]);
  });

  it('does nothing without usable credits', () => {
    expect(plan('2024-02-01', [], [debet('a', 10, '2024-01-01')]).covered).toEqual([]);
  });
});
