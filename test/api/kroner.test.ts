import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactOere, formatKroner } from '../../src/api/kroner.js';
import { InvariantError } from '../../src/domain/assert.js';
import { oereToKroner, toOere } from '../../src/domain/money.js';

describe('formatKroner prints amounts like the published bodies (decision 0025)', () => {
  it.each([
    [10000, '10000.0'],
    [-1, '-1.0'],
    [0, '0.0'],
    [-0, '0.0'],
    [62374, '62374.0'],
    [1234.5, '1234.5'],
    [1234.05, '1234.05'],
    [-4595711.75, '-4595711.75'],
    [0.01, '0.01'],
    [-0.1, '-0.1'],
    [10_000_000, '10000000.0'],
    [1_000_000_000, '1000000000.0'],
  ])('%s → %s', (kroner, text) => {
    expect(formatKroner(kroner)).toBe(text);
  });

  it('refuses what is not whole øre: more decimals, float noise, NaN, infinities (a mapping bug)', () => {
    for (const bad of [0.001, 1234.567, 0.1 + 0.2, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => formatKroner(bad)).toThrow(InvariantError);
      expect(exactOere(bad)).toBeUndefined();
    }
  });

  it('prints every øre amount exactly: the text parses back to the same øre', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000_000_000, max: 100_000_000_000 }), (oere) => {
        const text = formatKroner(oereToKroner(toOere(oere)));
        expect(text).toMatch(/^-?\d+\.\d{1,2}$/);
        const [whole, fraction] = text.replace('-', '').split('.') as [string, string];
        const parsed = (Number(whole) * 100 + Number(fraction.padEnd(2, '0'))) * (text.startsWith('-') ? -1 : 1);
        expect(parsed).toBe(oere === 0 ? 0 : oere);
        expect(JSON.parse(text)).toBe(oereToKroner(toOere(oere)));
      }),
    );
  });
});
