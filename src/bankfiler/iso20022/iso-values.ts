import { assertInvariant } from '../../domain/assert.js';
import { parseLocalDate, type LocalDate } from '../../domain/dates.js';
import { limits } from '../../domain/limits.js';
import { toOere, type Oere } from '../../domain/money.js';
import { quote, refuse } from '../bankfil-feil.js';
import type { XmlElement } from './xml-document.js';

/**
 * Reading the values of an ISO 20022 document strictly, each fault naming its element, and
 * writing the same values back. Amounts are NOK (the ledger's currency) with at most two
 * decimals that count: ISO allows five, so 100.50000 is 100,50 kr but 100.505 is refused.
 */
export const currency = 'NOK';

/** The only child of that name, or undefined; a repeated one is refused. */
export function optionalChild(element: XmlElement, name: string): XmlElement | undefined {
  const found = element.children.filter((child) => child.name === name);
  if (found.length > 1) {
    const path = found[1]!.path;
    refuse({ kode: 'value', element: path, melding: `Elementet ${path} er ett for mange: ${name} kan stå bare én gang i ${element.path}.`, message: `The element ${path} is one too many: ${name} may occur only once in ${element.path}.` });
  }
  return found[0];
}

export function requiredChild(element: XmlElement, name: string, why?: readonly [string, string]): XmlElement {
  const found = optionalChild(element, name);
  if (found !== undefined) return found;
  return refuse({
    kode: 'missing-element',
    element: `${element.path}/${name}`,
    melding: `Elementet ${element.path}/${name} mangler${why === undefined ? '' : ` (${why[0]})`}.`,
    message: `The element ${element.path}/${name} is missing${why === undefined ? '' : ` (${why[1]})`}.`,
  });
}

export function childrenNamed(element: XmlElement, name: string): readonly XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

/** Follows a path of single children (`RmtInf/Strd`); undefined where one is absent. */
export function optionalPath(element: XmlElement | undefined, path: string): XmlElement | undefined {
  let current = element;
  for (const step of path.split('/')) {
    if (current === undefined) return undefined;
    current = optionalChild(current, step);
  }
  return current;
}

/** The text of a leaf; an empty one is refused (ISO text types have at least one character). */
export function textOf(element: XmlElement): string {
  if (element.children.length > 0 || element.text === '') {
    refuse({ kode: 'value', element: element.path, melding: `Elementet ${element.path} skal ha en tekstverdi.`, message: `The element ${element.path} must hold a text value.` });
  }
  return element.text;
}

export function optionalText(element: XmlElement | undefined, path: string): string | undefined {
  const found = optionalPath(element, path);
  return found === undefined ? undefined : textOf(found);
}

export function valueError(element: XmlElement, value: string, melding: string, message: string): never {
  return refuse({ kode: 'value', element: element.path, melding: `${element.path}: ${quote(value)} ${melding}.`, message: `${element.path}: ${quote(value)} ${message}.` });
}

const amountPattern = /^(\d{1,13})(?:\.(\d{1,5}))?$/;

/** An `ActiveOrHistoricCurrencyAndAmount` in NOK as øre. */
export function readAmount(element: XmlElement): Oere {
  const text = textOf(element);
  const ccy = element.attributes.get('Ccy');
  if (ccy !== currency) {
    refuse({
      kode: 'value',
      element: element.path,
      melding: `${element.path}: valuta ${quote(ccy ?? '')}; bare ${currency} kan bokføres.`,
      message: `${element.path}: currency ${quote(ccy ?? '')}; only ${currency} can be booked.`,
    });
  }
  const match = amountPattern.exec(text);
  const fraction = (match?.[2] ?? '').padEnd(5, '0');
  if (match === null || !fraction.endsWith('000')) {
    valueError(element, text, 'er ikke et beløp i kroner med høyst to desimaler', 'is not an amount in kroner with at most two decimals');
  }
  const oere = Number(match[1]) * 100 + Number(fraction.slice(0, 2));
  if (oere > limits.beloepOereMax) {
    valueError(element, text, `er over grensen på ${limits.beloepOereMax / 100} kr`, `is over the limit of ${limits.beloepOereMax / 100} kr`);
  }
  return toOere(oere);
}

/** Øre as an ISO amount: `1234.50`. */
export function writeAmount(oere: Oere): string {
  assertInvariant(oere >= 0, `ISO amounts are not negative: ${oere}`);
  return `${Math.trunc(oere / 100)}.${String(oere % 100).padStart(2, '0')}`;
}

/** An `ISODate`, or the date part of an `ISODateTime` (the bank's local date as written). */
export function readDate(element: XmlElement): LocalDate {
  const text = textOf(element);
  const date = /^\d{4}-\d{2}-\d{2}(?:$|T\d{2}:\d{2}:\d{2})/.test(text) ? parseLocalDate(text.slice(0, 10)) : undefined;
  return date ?? valueError(element, text, 'er ikke en dato (ÅÅÅÅ-MM-DD)', 'is not a date (YYYY-MM-DD)');
}

/** A `DateAndDateTimeChoice`: `Dt` or `DtTm`. */
export function readDateChoice(element: XmlElement): LocalDate {
  const date = optionalChild(element, 'Dt') ?? optionalChild(element, 'DtTm');
  return readDate(date ?? requiredChild(element, 'Dt'));
}

export function readCreditDebit(element: XmlElement): 'CRDT' | 'DBIT' {
  const text = textOf(element);
  if (text === 'CRDT' || text === 'DBIT') return text;
  return valueError(element, text, 'skal være CRDT eller DBIT', 'must be CRDT or DBIT');
}

export function readBoolean(element: XmlElement): boolean {
  const text = textOf(element);
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  return valueError(element, text, 'skal være true eller false', 'must be true or false');
}

const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?$/;

/** An `ISODateTime` as written. */
export function readDateTime(element: XmlElement): string {
  const text = textOf(element);
  if (isoDateTime.test(text) && parseLocalDate(text.slice(0, 10)) !== undefined) return text;
  return valueError(element, text, 'er ikke et tidspunkt (ÅÅÅÅ-MM-DDTtt:mm:ss)', 'is not a date-time (YYYY-MM-DDThh:mm:ss)');
}

export function assertDateTime(value: string): string {
  assertInvariant(isoDateTime.test(value), `an ISO date-time: ${value}`);
  return value;
}

/**
 * Text for an ISO `MaxNText` element: characters XML 1.0 cannot carry and those outside the Basic
 * Multilingual Plane (no bank's character set has them) dropped, whitespace runs made one space,
 * cut to the length the element allows. Names and messages come from the ledger, which allows
 * longer texts than the bank formats do.
 */
export function isoText(value: string, lengthMax: number): string {
  const clean = value
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return Array.from(clean).slice(0, lengthMax).join('').trimEnd();
}

/** An identifier that must fit as it is (an id cut short would name something else). */
export function isoIdentifier(value: string, lengthMax = 35): string {
  assertInvariant(value.length >= 1 && value.length <= lengthMax && value.trim() === value, `an ISO identifier of 1–${lengthMax} characters: ${JSON.stringify(value)}`);
  return value;
}
