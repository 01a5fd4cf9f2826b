import { InvariantError } from '../domain/assert.js';

/**
 * Kroner numbers at the API edge. Inside, money is integer øre (`src/domain/money.ts`); the
 * mapping turns øre into kroner numbers (`oereToKroner`) and this module prints them the way
 * Skatteetaten's published bodies do (decision 0025).
 */

/**
 * The øre of a kroner number, or `undefined` unless the number is exactly what `oereToKroner`
 * gives for some øre (more decimals, float noise from summing kroner, NaN, ∞, too large).
 */
export function exactOere(kroner: number): number | undefined {
  const oere = Math.round(kroner * 100);
  return Number.isSafeInteger(oere) && oere / 100 === kroner ? oere : undefined;
}

/**
 * Prints kroner like the published bodies: whole kroner with one decimal (`10000.0`, `-1.0`,
 * `0.0`), otherwise the decimals that are needed (`1234.5`, `1234.05`). Exact: the digits come
 * from the integer øre, never from binary float formatting. A number that is not whole øre
 * (say `0.1 + 0.2`: kroner summed as floats) is a mapping bug and stops the response.
 */
export function formatKroner(kroner: number): string {
  if (Number.isSafeInteger(kroner)) return kroner === 0 ? '0.0' : `${kroner}.0`;
  const oere = exactOere(kroner);
  if (oere === undefined) throw new InvariantError(`not a kroner amount with at most two decimals: ${kroner}`);
  const sign = oere < 0 ? '-' : '';
  const abs = Math.abs(oere);
  const whole = Math.trunc(abs / 100);
  const fraction = abs % 100;
  if (fraction === 0) return `${sign}${whole}.0`;
  return `${sign}${whole}.${fraction % 10 === 0 ? fraction / 10 : String(fraction).padStart(2, '0')}`;
}
