import { describe, expect, it } from 'vitest';
import { validatePersonId } from '../../src/domain/foedselsnummer.js';
import { isValidKontonummer } from '../../src/domain/kontonummer.js';
import { isValidOrganisasjonsnummer } from '../../src/domain/organisasjonsnummer.js';
import { syntheticFnr, syntheticKontonummer, syntheticOrgnr } from '../../src/testdata/identities.js';
import { demoBusinesses, demoPersons, Prng } from '../../src/testdata/index.js';

describe('synthetic identities', () => {
  const count = 5_000;

  it('organisation numbers are valid, unique, start with 39 and stay clear of the published and demo ones', () => {
    const numbers = Array.from({ length: count }, (_, i) => syntheticOrgnr(i));
    expect(numbers.every(isValidOrganisasjonsnummer)).toBe(true);
    expect(numbers.every((n) => n.startsWith('39'))).toBe(true);
    expect(new Set(numbers).size).toBe(count);
    for (const business of demoBusinesses) expect(numbers).not.toContain(business.orgnr);
  });

  it('persons have valid Tenor numbers (month + 80), unique, none of them a demo person', () => {
    const numbers = Array.from({ length: 2 * count }, (_, i) => syntheticFnr(i));
    expect(numbers.every((n) => { const result = validatePersonId(n); return result.valid && result.kind === 'tnr'; })).toBe(true);
    expect(new Set(numbers).size).toBe(2 * count);
    for (const person of Object.values(demoPersons)) {
      expect(validatePersonId(person.fnr)).toMatchObject({ valid: true, kind: 'tnr' });
      expect(numbers).not.toContain(person.fnr);
    }
  });

  it('account numbers are valid', () => {
    const prng = Prng.of('kontonummer');
    expect(Array.from({ length: 1_000 }, () => syntheticKontonummer(prng)).every(isValidKontonummer)).toBe(true);
  });

  it('a stream is fixed by its name: the same name gives the same draws, another name others', () => {
    const draws = (prng: Prng) => Array.from({ length: 20 }, () => prng.int(0, 1_000_000));
    expect(draws(Prng.of(2026, 'virksomhet', 7))).toEqual(draws(Prng.of(2026, 'virksomhet', 7)));
    expect(draws(Prng.of(2026, 'virksomhet', 7))).not.toEqual(draws(Prng.of(2026, 'virksomhet', 8)));
    expect(draws(Prng.of(2026, 'virksomhet', 7))).not.toEqual(draws(Prng.of(2027, 'virksomhet', 7)));
  });
});
