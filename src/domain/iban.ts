import { isValidKontonummer, type Kontonummer } from './kontonummer.js';

/** Norwegian IBAN: "NO" + 2 check digits + the 11-digit account number (domain-rules §1.5). */
export function isValidNorwegianIban(value: string): boolean {
  const compact = value.replace(/\s/g, '').toUpperCase();
  if (!/^NO\d{13}$/.test(compact)) return false;
  return mod97(compact.slice(4) + compact.slice(0, 4)) === 1 && isValidKontonummer(compact.slice(4));
}

export function ibanFromKontonummer(kontonummer: Kontonummer): string {
  const check = 98 - mod97(`${kontonummer}NO00`);
  return `NO${String(check).padStart(2, '0')}${kontonummer}`;
}

/** "NO42 7694 0524 802", printed in groups of four. */
export function formatIban(iban: string): string {
  return iban.replace(/\s/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/** ISO 7064 MOD 97-10 over the text with letters as numbers (A = 10 … Z = 35). */
function mod97(text: string): number {
  let remainder = 0;
  for (const char of text) {
    const code = char.charCodeAt(0);
    const digits = code >= 65 ? String(code - 55) : char;
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}
