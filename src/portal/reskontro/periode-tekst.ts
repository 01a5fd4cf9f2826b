import type { Kravperiode } from '../../ledger/index.js';

/**
 * The period a claim relates to, as one line of text: "september - oktober 2024" (VAT terms),
 * "2. termin 2024" (employer terms, stored as "Termin" + number), "Inntektsår 2024". The year is
 * added unless the description already names it.
 */
export function periodeTekst(periode: Kravperiode): string {
  const beskrivelse = periode.termin !== undefined && /^termin$/i.test(periode.beskrivelse.trim()) ? `${Number(periode.termin)}. termin` : periode.beskrivelse;
  return periode.aar !== undefined && !beskrivelse.includes(String(periode.aar)) ? `${beskrivelse} ${periode.aar}` : beskrivelse;
}
