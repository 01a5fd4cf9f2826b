import { mod11Check } from './mod11.js';

/** Norwegian bank account number, 11 digits with a MOD11 check digit (domain-rules §1.4). */
export type Kontonummer = string & { readonly kind: 'Kontonummer' };

const weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

/** Accepts "76940524802" and the printed forms "7694 05 24802" / "7694.05.24802". */
export function normalizeKontonummer(value: string): string {
  return value.replace(/[\s.]/g, '');
}

export function isValidKontonummer(value: string): value is Kontonummer {
  return /^\d{11}$/.test(value) && mod11Check(value, weights) === Number(value[10]);
}

export function withKontonummerCheckDigit(body: string): Kontonummer | undefined {
  const check = mod11Check(body, weights);
  return check === undefined ? undefined : ((body + String(check)) as Kontonummer);
}

/** "7694 05 24802", the usual printed form. */
export function formatKontonummer(kontonummer: Kontonummer): string {
  return `${kontonummer.slice(0, 4)} ${kontonummer.slice(4, 6)} ${kontonummer.slice(6)}`;
}

/** The API masks payer accounts to the last five digits ("******43210"). */
export function maskKontonummer(kontonummer: string): string {
  return '*'.repeat(Math.max(0, kontonummer.length - 5)) + kontonummer.slice(-5);
}

/**
 * "12345678903" → "**** ** 78903": the printed form with only the last five digits, as Min side
 * shows the account a payment came from or a payout went to (decision 0067). Other lengths
 * (foreign accounts) keep the API's plain mask. An account the API already masked prints the same.
 */
export function formatMaskertKontonummer(kontonummer: string): string {
  const masked = maskKontonummer(kontonummer);
  return /^[\d*]{11}$/.test(kontonummer) ? formatKontonummer(masked as Kontonummer) : masked;
}
