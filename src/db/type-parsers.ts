import { assertInvariant } from '../domain/assert.js';

/**
 * One reading of column types for both drivers: bigint (int8) as a safe-integer number (øre and
 * sequence numbers never leave the safe range; asserted), date as the plain `YYYY-MM-DD` text the
 * API prints (never a JS Date, which would drag a time zone in).
 */
export const oid = Object.freeze({ int8: 20, date: 1082 });

export function parseInt8(text: string): number {
  const value = Number(text);
  assertInvariant(Number.isSafeInteger(value), `int8 outside the safe integer range: ${text}`);
  return value;
}

export function parseDate(text: string): string {
  return text;
}
