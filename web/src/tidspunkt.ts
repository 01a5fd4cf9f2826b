import { osloDate } from '../../src/domain/dates';
import { formatDato } from '../../src/domain/format';

/** "2026-06-20T09:30:00.000Z" → "20.06.2026": an instant from the API as the date in Oslo. */
export function formatTidspunktSomDato(iso: string): string {
  return formatDato(osloDate(Date.parse(iso)));
}
