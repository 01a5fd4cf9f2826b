import { parseLocalDate, type LocalDate } from './dates.js';
import { weightedSum } from './mod11.js';

/**
 * Fødselsnummer, D-nummer, H-nummer and synthetic numbers (domain-rules §1.2). Check digits are
 * computed over the digits as written; the offsets only matter for the birth date.
 */
export type Foedselsnummer = string & { readonly kind: 'Foedselsnummer' };

export type PersonIdKind = 'fnr' | 'dnr' | 'hnr' | 'tnr' | 'dnr+hnr' | 'dnr+tnr';

export interface PersonIdOptions {
  /** Accept NAV (+40) and Tenor (+80) synthetic numbers. On by default: all test data is synthetic. */
  readonly allowSynthetic?: boolean;
  readonly allowHNummer?: boolean;
}

export type PersonIdResult =
  | { readonly valid: true; readonly kind: PersonIdKind; readonly birthDate: LocalDate }
  | { readonly valid: false; readonly reason: 'format' | 'date' | 'checksum' | 'kind' };

const k1Weights = [3, 7, 6, 1, 8, 9, 4, 5, 2] as const;
const k2Weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

export function validatePersonId(value: string, options: PersonIdOptions = {}): PersonIdResult {
  const { allowSynthetic = true, allowHNummer = true } = options;
  if (!/^\d{11}$/.test(value)) return { valid: false, reason: 'format' };
  if (!checkDigitsValid(value)) return { valid: false, reason: 'checksum' };
  let day = Number(value.slice(0, 2));
  let month = Number(value.slice(2, 4));
  const isD = day > 40;
  if (isD) day -= 40;
  let monthKind: 'plain' | 'hnr' | 'tnr' = 'plain';
  if (month > 80) {
    monthKind = 'tnr';
    month -= 80;
  } else if (month > 40) {
    monthKind = 'hnr';
    month -= 40;
  }
  if (monthKind === 'tnr' && !allowSynthetic) return { valid: false, reason: 'kind' };
  if (monthKind === 'hnr' && !(allowHNummer || allowSynthetic)) return { valid: false, reason: 'kind' };
  const birthDate = parseLocalDate(`${birthYear(value)}-${pad2(month)}-${pad2(day)}`);
  if (!birthDate) return { valid: false, reason: 'date' };
  const kind: PersonIdKind =
    monthKind === 'plain' ? (isD ? 'dnr' : 'fnr') : monthKind === 'hnr' ? (isD ? 'dnr+hnr' : 'hnr') : isD ? 'dnr+tnr' : 'tnr';
  return { valid: true, kind, birthDate };
}

export function isValidPersonId(value: string, options?: PersonIdOptions): value is Foedselsnummer {
  return validatePersonId(value, options).valid;
}

/** Adds both check digits to a 9-digit body (legacy rule), or `undefined` when it has none. */
export function withPersonIdCheckDigits(body: string): Foedselsnummer | undefined {
  const k1 = (11 - (weightedSum(body, k1Weights) % 11)) % 11;
  if (k1 === 10) return undefined;
  const withK1 = body + String(k1);
  const k2 = (11 - (weightedSum(withK1, k2Weights) % 11)) % 11;
  if (k2 === 10) return undefined;
  return (withK1 + String(k2)) as Foedselsnummer;
}

/**
 * Accepts the legacy rule and the rule for numbers issued from 2032, which lets k1 take any value
 * with `(s1 + k1) mod 11 ∈ {0,1,2,3}`; k2 is unchanged (a superset of the legacy rule).
 */
function checkDigitsValid(value: string): boolean {
  const k1 = Number(value[9]);
  const k2 = Number(value[10]);
  const s1 = weightedSum(value, k1Weights);
  if ((s1 + k1) % 11 > 3) return false;
  return (weightedSum(value, k2Weights) + k2) % 11 === 0;
}

/** Century from the individnummer (legacy numbers); good enough to validate the date. */
function birthYear(value: string): number {
  const yy = Number(value.slice(4, 6));
  const individ = Number(value.slice(6, 9));
  if (individ <= 499) return 1900 + yy;
  if (individ <= 749 && yy >= 54) return 1800 + yy;
  if (individ >= 900 && yy >= 40) return 1900 + yy;
  return 2000 + yy;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
