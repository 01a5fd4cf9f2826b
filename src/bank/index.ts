/**
 * Skatteetaten's side of the bank (decisions 0170–0174): payment files in (Nets OCR giro,
 * camt.054) booked through the ledger's commands with a report, and the day's payouts out as
 * pain.001. It reads and writes files with src/bankfiler and books with src/ledger; the CLI and
 * the sandbox's test-support API call it.
 */
export { innbetalingsfilTekst } from './filtekst.js';
export { mottaInnbetalingsfil, innbetalingsfilrapport, type Mottak } from './innbetalingsfil-mottak.js';
export type { Innbetalingsfilrapport, Transaksjonsutfall } from './rapport.js';
export { lagUtbetalingsfil, skatteetatenOrganisasjonsnummer, type Utbetalingsfil } from './utbetalingsfil.js';
