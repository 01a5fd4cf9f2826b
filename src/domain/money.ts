import { assertInvariant } from './assert.js';

/** An amount in øre (1/100 krone). Always a safe integer; negative for credit. */
export type Oere = number & { readonly unit: 'øre' };

export function toOere(value: number): Oere {
  assertInvariant(Number.isSafeInteger(value), `øre must be a safe integer: ${value}`);
  return value as Oere;
}

export const zeroOere = 0 as Oere;

export function addOere(a: Oere, b: Oere): Oere {
  return toOere(a + b);
}

export function subtractOere(a: Oere, b: Oere): Oere {
  return toOere(a - b);
}

export function sumOere(values: Iterable<Oere>): Oere {
  let total = 0;
  for (const value of values) {
    total += value;
    assertInvariant(Number.isSafeInteger(total), 'øre sum overflowed');
  }
  return total as Oere;
}

export function negateOere(a: Oere): Oere {
  return (a === 0 ? 0 : -a) as Oere;
}

export function absOere(a: Oere): Oere {
  return Math.abs(a) as Oere;
}

export function minOere(a: Oere, b: Oere): Oere {
  return (a <= b ? a : b) as Oere;
}

const kronerPattern = /^(-)?(\d{1,13})(?:[.,](\d{1,2}))?$/;

/** Parses a kroner amount written with at most two decimals ("1234.50", "1234,5", "-10"). */
export function parseKroner(text: string): Oere | undefined {
  const match = kronerPattern.exec(text.trim());
  if (!match) return undefined;
  const whole = Number(match[2]);
  const fraction = Number((match[3] ?? '').padEnd(2, '0'));
  const oere = whole * 100 + fraction;
  return toOere(match[1] ? -oere : oere);
}

/**
 * Kroner as a JSON number for the API edge. Øre are integers, so dividing by 100 gives the
 * nearest double to the exact decimal, which prints back exactly (1234.5 → "1234.5").
 */
export function oereToKroner(oere: Oere): number {
  return oere / 100;
}

/** Exact conversion from a kroner number that has at most two decimals. */
export function kronerToOere(kroner: number): Oere {
  const oere = Math.round(kroner * 100);
  assertInvariant(Math.abs(oere - kroner * 100) < 1e-6, `more than two decimals: ${kroner}`);
  return toOere(oere);
}

/** Truncates towards zero to whole kroner. */
export function truncateToWholeKroner(oere: Oere): Oere {
  return toOere(Math.trunc(oere / 100) * 100);
}
