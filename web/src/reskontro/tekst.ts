import { formatBeloep, formatDato, formatKroner } from '../../../src/domain/format';
import type { LocalDate } from '../../../src/domain/dates';
import type { Oere } from '../../../src/domain/money';

/** The API sends øre and `YYYY-MM-DD`; these give the Norwegian text (src/domain/format.ts). */
export const kroner = (oere: number) => formatKroner(oere as Oere);
/** An amount in a column headed "Beløp (kroner)": the number without the unit. */
export const beloep = (oere: number) => formatBeloep(oere as Oere);
export const dato = (verdi: string) => formatDato(verdi as LocalDate);

/** " (1 av 4)" for an instalment, nothing for a claim with one due date. */
export const delAv = (nummer: number, antall: number) => (antall > 1 ? ` (${nummer} av ${antall})` : '');
