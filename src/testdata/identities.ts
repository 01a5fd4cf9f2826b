import { withPersonIdCheckDigits } from '../domain/foedselsnummer.js';
import { withKontonummerCheckDigit } from '../domain/kontonummer.js';
import { withOrganisasjonsnummerCheckDigit } from '../domain/organisasjonsnummer.js';
import type { Prng } from './prng.js';

/**
 * Synthetic identifiers with valid check digits (the domain's own functions make them):
 * organisation numbers starting with 39 (Skatteetaten's test organisations start with 3; 39 keeps
 * clear of the published ones and the demo's 3156000xx), and Tenor-style fødselsnummer (month +
 * 80). Party n always gets the same numbers, whatever the seed: the seed decides what happens to
 * them. Numbers are spread by a fixed permutation so neighbours do not look sequential.
 */

const orgBodySpace = 1_000_000;
const orgMultiplier = 387_419;

/** Tenor persons: day 1–28, month 1–12 (+80), born 1940–1999, individnummer 000–399 (400–499 are the demo's). */
const personDays = 28;
const personMonths = 12;
const personYears = 60;
const personIndivids = 400;
const personSpace = personDays * personMonths * personYears * personIndivids;
const personMultiplier = 7_777_781;

const orgnrCache: string[] = [];
let orgCandidate = 0;
const fnrCache: string[] = [];
let personCandidate = 0;

/** The organisation number of synthetic organisation `index` (0-based). */
export function syntheticOrgnr(index: number): string {
  while (orgnrCache.length <= index) {
    const body = `39${String((orgCandidate * orgMultiplier + 123_457) % orgBodySpace).padStart(6, '0')}`;
    orgCandidate += 1;
    const orgnr = withOrganisasjonsnummerCheckDigit(body);
    if (orgnr) orgnrCache.push(orgnr);
  }
  return orgnrCache[index]!;
}

/** The Tenor fødselsnummer of synthetic person `index` (0-based). */
export function syntheticFnr(index: number): string {
  while (fnrCache.length <= index) {
    let rest = (personCandidate * personMultiplier + 1_234_567) % personSpace;
    personCandidate += 1;
    const individ = rest % personIndivids;
    rest = Math.floor(rest / personIndivids);
    const year = 1940 + (rest % personYears);
    rest = Math.floor(rest / personYears);
    const month = (rest % personMonths) + 1;
    const day = Math.floor(rest / personMonths) + 1;
    const fnr = tenorFnr(day, month, year, individ);
    if (fnr) fnrCache.push(fnr);
  }
  return fnrCache[index]!;
}

/**
 * A Tenor fødselsnummer for a born-in-the-1900s person with individnummer 400–499 (reserved for
 * the demo cast), or `undefined` when that body has no check digits.
 */
export function demoFnr(day: number, month: number, year: number, individ: number): string | undefined {
  if (individ < personIndivids || individ > 499) return undefined;
  return tenorFnr(day, month, year, individ);
}

function tenorFnr(day: number, month: number, year: number, individ: number): string | undefined {
  const body = `${pad2(day)}${pad2(month + 80)}${pad2(year % 100)}${String(individ).padStart(3, '0')}`;
  return withPersonIdCheckDigits(body);
}

const banks: readonly string[] = Object.freeze(['1503', '1506', '1254', '3000', '4200', '9710', '6345', '1822']);

/** A valid kontonummer at one of a few bank registration numbers. */
export function syntheticKontonummer(prng: Prng): string {
  for (;;) {
    const kontonummer = withKontonummerCheckDigit(`${prng.pick(banks)}${String(prng.int(0, 999_999)).padStart(6, '0')}`);
    if (kontonummer) return kontonummer;
  }
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
