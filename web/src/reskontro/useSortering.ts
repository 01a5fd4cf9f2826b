import type { SortState } from '@skatteetaten/ds-table';
import { useMemo, useState } from 'react';

/**
 * Sorting for the design system's Table: it draws the sortable headers and keeps `sortState`;
 * the rows are sorted here by the value each column key gives (text in Norwegian order).
 */
export function useSortering<T>(rader: readonly T[], verdier: Readonly<Record<string, (rad: T) => string | number>>) {
  const [sortState, setSortState] = useState<SortState>({ direction: 'none' });
  const sorterte = useMemo(() => {
    const verdi = sortState.sortKey === undefined ? undefined : verdier[sortState.sortKey];
    if (!verdi || sortState.direction === 'none') return rader;
    const retning = sortState.direction === 'ascending' ? 1 : -1;
    return [...rader].sort((a, b) => {
      const [x, y] = [verdi(a), verdi(b)];
      return retning * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'nb'));
    });
  }, [rader, sortState, verdier]);
  return { sortState, setSortState, sorterte };
}
