import { parseLocalDate, type LocalDate } from '../../domain/dates.js';

/**
 * The change feed's cursor (`etter`, `neste`), opaque to clients: base64url of one of
 *
 *   a|<date>|<start horizon>|<after party>             a full listing of the readable parties
 *   e|<date>|<from xid>|<to xid or empty>|<after party>  the parties changed in [from, to)
 *
 * The date is the business date the etags were given for: the next day every view changes
 * (interest runs to the date), so a cursor from an earlier day starts a new full listing.
 */
export type FeedCursor =
  | { readonly kind: 'alle'; readonly dato: LocalDate; readonly startXid: string; readonly etterPartId: string }
  | { readonly kind: 'endringer'; readonly dato: LocalDate; readonly fraXid: string; readonly tilXid: string | undefined; readonly etterPartId: string };

/** Longer is never ours: refused before decoding. */
export const feedCursorLengthMax = 200;

const xid = '(0|[1-9][0-9]{0,19})';
const party = '([0-9]{9}|[0-9]{11})?';
const date = '([0-9]{4}-[0-9]{2}-[0-9]{2})';
const alle = new RegExp(`^a\\|${date}\\|${xid}\\|${party}$`);
const endringer = new RegExp(`^e\\|${date}\\|${xid}\\|${xid}?\\|${party}$`);

export function encodeFeedCursor(cursor: FeedCursor): string {
  const fields = cursor.kind === 'alle' ? ['a', cursor.dato, cursor.startXid, cursor.etterPartId] : ['e', cursor.dato, cursor.fraXid, cursor.tilXid ?? '', cursor.etterPartId];
  return Buffer.from(fields.join('|'), 'utf8').toString('base64url');
}

/** The cursor, or undefined for anything this endpoint did not write. */
export function decodeFeedCursor(text: string): FeedCursor | undefined {
  if (text.length > feedCursorLengthMax || !/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  const decoded = Buffer.from(text, 'base64url').toString('utf8');
  // Only the canonical spelling, so one position has one cursor.
  if (Buffer.from(decoded, 'utf8').toString('base64url') !== text) return undefined;
  const full = alle.exec(decoded);
  const changed = endringer.exec(decoded);
  const dato = parseLocalDate((full ?? changed)?.[1] ?? '');
  if (dato === undefined) return undefined;
  if (full) return { kind: 'alle', dato, startXid: full[2]!, etterPartId: full[3] ?? '' };
  return { kind: 'endringer', dato, fraXid: changed![2]!, tilXid: changed![3], etterPartId: changed![4] ?? '' };
}
