/**
 * KID (kundeidentifikasjon), domain-rules §1.3: 2–25 characters, the last one a MOD10 (Luhn)
 * or MOD11 check character. MOD11 may end in "-". Which algorithm applies is agreed per
 * receiving account, so validation takes the algorithm as a parameter.
 */
export type KidAlgorithm = 'MOD10' | 'MOD11';

const kidLengthMin = 2;
const kidLengthMax = 25;

export function mod10CheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

export function mod11CheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    sum += Number(body[body.length - 1 - i]) * (2 + (i % 6));
  }
  const remainder = sum % 11;
  if (remainder === 0) return '0';
  const check = 11 - remainder;
  return check === 10 ? '-' : String(check);
}

export function makeKid(body: string, algorithm: KidAlgorithm): string {
  const checkDigit = algorithm === 'MOD10' ? mod10CheckDigit(body) : mod11CheckDigit(body);
  return body + checkDigit;
}

export function isValidKid(kid: string, algorithm: KidAlgorithm): boolean {
  if (kid.length < kidLengthMin || kid.length > kidLengthMax) return false;
  const body = kid.slice(0, -1);
  if (!/^\d+$/.test(body)) return false;
  const check = kid.slice(-1);
  return algorithm === 'MOD10' ? mod10CheckDigit(body) === check : mod11CheckDigit(body) === check;
}

/** True when the KID passes either algorithm (used where the account's algorithm is unknown). */
export function isValidKidAnyAlgorithm(kid: string): boolean {
  return isValidKid(kid, 'MOD10') || isValidKid(kid, 'MOD11');
}
