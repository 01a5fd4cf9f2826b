import { mod11Check } from './mod11.js';

/** A 9-digit organisation number with a valid MOD11 check digit (domain-rules §1.1). */
export type Organisasjonsnummer = string & { readonly kind: 'Organisasjonsnummer' };

const weights = [3, 2, 7, 6, 5, 4, 3, 2] as const;

/** Checksum and length only: synthetic test organisations start with 2 or 3, so the first digit is free. */
export function isValidOrganisasjonsnummer(value: string): value is Organisasjonsnummer {
  return /^\d{9}$/.test(value) && mod11Check(value, weights) === Number(value[8]);
}

/** Completes an 8-digit body with its check digit, or `undefined` when the body has none. */
export function withOrganisasjonsnummerCheckDigit(body: string): Organisasjonsnummer | undefined {
  const check = mod11Check(body, weights);
  return check === undefined ? undefined : ((body + String(check)) as Organisasjonsnummer);
}
