import { describe, expect, it } from 'vitest';
import { isValidNorwegianIban, ibanFromKontonummer, formatIban } from '../../src/domain/iban.js';
import { isValidKid, makeKid } from '../../src/domain/kid.js';
import { isValidKontonummer, maskKontonummer } from '../../src/domain/kontonummer.js';
import { isValidOrganisasjonsnummer, withOrganisasjonsnummerCheckDigit } from '../../src/domain/organisasjonsnummer.js';
import { validatePersonId, withPersonIdCheckDigits } from '../../src/domain/foedselsnummer.js';
import type { Kontonummer } from '../../src/domain/kontonummer.js';

// Example numbers from domain-rules §1.6 (published ones first, then our computed ones).
describe('organisasjonsnummer', () => {
  it.each(['924616733', '310478717', '313367002', '311851381', '314961900', '314055403', '313268489', '312496771', '310032964', '974760673', '123456785', '812345672', '923456783', '310000000'])(
    '%s is valid',
    (orgnr) => expect(isValidOrganisasjonsnummer(orgnr)).toBe(true),
  );
  it.each(['123456789', '12345678', '1234567850', '31336700a', ''])('%s is invalid', (orgnr) =>
    expect(isValidOrganisasjonsnummer(orgnr)).toBe(false),
  );
  it('has no check digit for body 91234567 (c = 10)', () => {
    expect(withOrganisasjonsnummerCheckDigit('91234567')).toBeUndefined();
    expect(withOrganisasjonsnummerCheckDigit('31336700')).toBe('313367002');
  });
});

describe('fødselsnummer and variants', () => {
  it.each([
    ['02013299997', 'fnr'],
    ['30108299920', 'fnr'],
    ['30108299939', 'fnr'], // valid only under the 2032 rule
    ['15058512343', 'fnr'],
    ['01011052335', 'fnr'],
    ['55058512337', 'dnr'],
    ['13527248013', 'hnr'],
    ['15458512326', 'hnr'],
    ['10915596784', 'tnr'],
    ['14817499431', 'tnr'],
    ['15858512309', 'tnr'],
    ['68467038838', 'dnr+hnr'],
  ])('%s is a valid %s', (value, kind) => {
    expect(validatePersonId(value)).toMatchObject({ valid: true, kind });
  });
  it('extracts the birth date after removing offsets', () => {
    expect(validatePersonId('15058512343')).toMatchObject({ birthDate: '1985-05-15' });
    expect(validatePersonId('55058512337')).toMatchObject({ birthDate: '1985-05-15' });
    expect(validatePersonId('01011052335')).toMatchObject({ birthDate: '2010-01-01' });
  });
  it('rejects a bad checksum, a bad format and synthetic numbers in production mode', () => {
    expect(validatePersonId('12345678910')).toMatchObject({ valid: false });
    expect(validatePersonId('1505851234')).toMatchObject({ valid: false, reason: 'format' });
    expect(validatePersonId('14817499431', { allowSynthetic: false })).toMatchObject({ valid: false, reason: 'kind' });
    expect(validatePersonId('15458512326', { allowSynthetic: false, allowHNummer: false })).toMatchObject({ valid: false, reason: 'kind' });
  });
  it('computes legacy check digits for a body', () => {
    expect(withPersonIdCheckDigits('150585123')).toBe('15058512343');
  });
});

describe('kontonummer and IBAN', () => {
  const pairs: [string, string][] = [
    ['76940524802', 'NO42 7694 0524 802'],
    ['76940523121', 'NO33 7694 0523 121'],
    ['76940523903', 'NO65 7694 0523 903'],
    ['76940524357', 'NO29 7694 0524 357'],
    ['76940521005', 'NO32 7694 0521 005'],
    ['63450624804', 'NO42 6345 0624 804'],
    ['76940512057', 'NO98 7694 0512 057'],
    ['12345678903', 'NO71 1234 5678 903'],
    ['15030000002', 'NO15 1503 0000 002'],
  ];
  it.each(pairs)('%s ↔ %s', (konto, iban) => {
    expect(isValidKontonummer(konto)).toBe(true);
    expect(isValidNorwegianIban(iban)).toBe(true);
    expect(formatIban(ibanFromKontonummer(konto as Kontonummer))).toBe(iban);
  });
  it('rejects the dummy account of the API examples and a wrong IBAN check', () => {
    expect(isValidKontonummer('98766543210')).toBe(false);
    expect(isValidNorwegianIban('NO43 7694 0524 802')).toBe(false);
  });
  it('masks to the last five digits like the API', () => {
    expect(maskKontonummer('12345643210')).toBe('******43210');
  });
});

describe('KID', () => {
  it.each([
    ['12345674', 'MOD10'],
    ['0001234566', 'MOD10'],
    ['123456789012347', 'MOD10'],
    ['12345674', 'MOD11'],
    ['0001234560', 'MOD11'],
    ['123456789012340', 'MOD11'],
    ['100008-', 'MOD11'],
    // Published Skatteetaten KIDs are MOD11.
    ['7900011880501220017', 'MOD11'],
    ['18719784330100322000006', 'MOD11'],
  ] as const)('%s is a valid %s KID', (kid, algorithm) => expect(isValidKid(kid, algorithm)).toBe(true));
  it('generates check characters including "-"', () => {
    expect(makeKid('100008', 'MOD11')).toBe('100008-');
    expect(makeKid('1234567', 'MOD10')).toBe('12345674');
  });
  it('rejects wrong check digits, letters and bad lengths', () => {
    expect(isValidKid('12345675', 'MOD10')).toBe(false);
    expect(isValidKid('1234567-', 'MOD10')).toBe(false);
    expect(isValidKid('1', 'MOD11')).toBe(false);
    expect(isValidKid('12a45674', 'MOD10')).toBe(false);
    expect(isValidKid('1'.repeat(26), 'MOD11')).toBe(false);
  });
});
