import type { LocalDate } from '../domain/dates.js';

/** The period a claim relates to (API `Kravperiode`): a term, an income year, a date range. */
export interface Kravperiode {
  readonly beskrivelse: string;
  readonly aar?: number | undefined;
  readonly fra?: LocalDate | undefined;
  readonly til?: LocalDate | undefined;
  /** VAT terms "01"–"06", employer terms "1"–"6". */
  readonly termin?: string | undefined;
}

/** The period as stored on a `krav` row (absent parts are null there, omitted here). */
export function kravperiodeFraRad(row: {
  periode_beskrivelse: string;
  periode_aar: number | null;
  periode_fra: LocalDate | null;
  periode_til: LocalDate | null;
  termin: string | null;
}): Kravperiode {
  return {
    beskrivelse: row.periode_beskrivelse,
    aar: row.periode_aar ?? undefined,
    fra: row.periode_fra ?? undefined,
    til: row.periode_til ?? undefined,
    termin: row.termin ?? undefined,
  };
}
