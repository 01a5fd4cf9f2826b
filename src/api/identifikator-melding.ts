import { validatePersonId } from '../domain/foedselsnummer.js';

/** Which identifiers a field accepts. */
export type IdentifikatorFelt = 'partIdentifikator' | 'organisasjonsnummer' | 'foedselsnummer';

const lengthRule: Readonly<Record<IdentifikatorFelt, { pattern: RegExp; text: string }>> = {
  partIdentifikator: { pattern: /^(\d{9}|\d{11})$/, text: 'et organisasjonsnummer med 9 sifre eller et fødselsnummer/D-nummer med 11 sifre' },
  organisasjonsnummer: { pattern: /^\d{9}$/, text: 'et organisasjonsnummer med 9 sifre' },
  foedselsnummer: { pattern: /^\d{11}$/, text: 'et fødselsnummer eller D-nummer med 11 sifre' },
};

/**
 * Why an identifier was refused, as one Norwegian sentence about `subject` (e.g. "Parameteren
 * partIdentifikator (123)"): wrong length or characters, a check digit that does not add up, or
 * a birth date that does not exist. Every surface words identifier errors with this.
 */
export function identifikatorMelding(subject: string, value: string, felt: IdentifikatorFelt): string {
  const rule = lengthRule[felt];
  if (!rule.pattern.test(value)) return `${subject} må være ${rule.text}.`;
  if (value.length === 9) return `${subject} er ikke et gyldig organisasjonsnummer: kontrollsifferet stemmer ikke.`;
  const result = validatePersonId(value);
  if (!result.valid && result.reason === 'date') return `${subject} er ikke et gyldig fødselsnummer eller D-nummer: fødselsdatoen finnes ikke.`;
  return `${subject} er ikke et gyldig fødselsnummer eller D-nummer: kontrollsifrene stemmer ikke.`;
}

