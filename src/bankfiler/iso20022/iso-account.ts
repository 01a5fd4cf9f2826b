import { isValidKontonummer } from '../../domain/kontonummer.js';
import { isValidNorwegianIban } from '../../domain/iban.js';
import { assertInvariant } from '../../domain/assert.js';
import { isoIdentifier, optionalText, requiredChild, textOf } from './iso-values.js';
import type { XmlElement } from './xml-document.js';
import type { XmlFields } from './xml-writer.js';

/** An account in ISO 20022: Id/IBAN, or Id/Othr/Id with its scheme (`BBAN` for a Norwegian account number). */
export type AccountIdentification = { readonly iban: string } | { readonly other: string; readonly scheme?: string | undefined };

/** A Norwegian account number (11 digits) as BBAN, anything else as an IBAN. */
export function accountIdentification(kontonummerOrIban: string): AccountIdentification {
  if (isValidKontonummer(kontonummerOrIban)) return { other: kontonummerOrIban, scheme: 'BBAN' };
  assertInvariant(/^[A-Z]{2}\d{2}[A-Za-z0-9]{1,30}$/.test(kontonummerOrIban), `an account number or IBAN: ${kontonummerOrIban}`);
  return { iban: kontonummerOrIban };
}

/** The Norwegian account number (11 digits) an account identification names, if it names one. */
export function norwegianAccountNumber(account: AccountIdentification | undefined): string | undefined {
  if (account === undefined) return undefined;
  if ('iban' in account) return isValidNorwegianIban(account.iban) ? account.iban.slice(4) : undefined;
  return /^\d{11}$/.test(account.other) ? account.other : undefined;
}

export function readAccount(element: XmlElement): AccountIdentification {
  const id = requiredChild(element, 'Id');
  const iban = optionalText(id, 'IBAN');
  if (iban !== undefined) return { iban };
  const other = requiredChild(id, 'Othr', ['kontoen identifiseres med IBAN eller Othr', 'the account is identified by IBAN or Othr']);
  return { other: textOf(requiredChild(other, 'Id')), scheme: optionalText(other, 'SchmeNm/Cd') ?? optionalText(other, 'SchmeNm/Prtry') };
}

/** A `CashAccount`: its Id, and the currency when given. */
export function accountNode(account: AccountIdentification, ccy?: string): XmlFields {
  const scheme = 'iban' in account || account.scheme === undefined ? undefined : account.scheme.length <= 4 ? { Cd: account.scheme } : { Prtry: account.scheme };
  const id = 'iban' in account ? { IBAN: account.iban } : { Othr: { Id: isoIdentifier(account.other, 34), SchmeNm: scheme } };
  return { Id: id, Ccy: ccy };
}
