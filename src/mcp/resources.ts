import { ErrorCode, McpError, type ReadResourceResult, type Resource, type ResourceTemplate } from '@modelcontextprotocol/sdk/types.js';
import { ApiFeil, type Periode } from '../../packages/klient/src/index.js';
import { dateParts, type LocalDate } from '../domain/dates.js';
import { limits } from '../domain/limits.js';
import { kontoutskriftCsv } from './kontoutskrift.js';
import { feiltekst } from './feiltekst.js';
import type { Fullmakter } from './tilgang.js';
import { inputFeil, tools } from './tools.js';

export const kontoutskriftTemplate: ResourceTemplate = {
  uriTemplate: 'kontoutskrift://{partIdentifikator}/{aar}',
  name: 'kontoutskrift',
  title: 'Kontoutskrift for et år (CSV)',
  description: 'Årets transaksjoner for en virksomhet eller person som CSV, de samme radene som kontoutskriften i Min side: krav opprettet i året, og årets innbetalinger, utbetalinger og motregninger.',
  mimeType: 'text/csv',
};

const kontoutskriftUri = /^kontoutskrift:\/\/([^/]+)\/(\d{4})$/;
const kravTool = tools.find((tool) => tool.name === 'krav')!;

/**
 * How many years of `/krav` a statement reads, the year itself included: a payment or payout in
 * the year may be on an older claim, and a set-off in the year may be between two older claims.
 * As many years as Min side's year rule ever shows (decision 0100).
 */
export const kravAarForKontoutskrift = limits.portalAarValgMax;

const aarsperiode = (aar: number): Periode => ({ fraOgMed: `${aar}-01-01`, tilOgMed: `${aar}-12-31` });

/**
 * Reads `kontoutskrift://<part>/<år>`: the year's /innbetalinger and /utbetalinger and the /krav of
 * the year and the years before it, through the party's client, checked with the `krav` tool's
 * schema (the API's own parameter rules) before any call.
 */
export async function lesKontoutskrift(uri: string, fullmakter: Fullmakter, asOf: LocalDate): Promise<ReadResourceResult> {
  const match = kontoutskriftUri.exec(uri);
  if (!match) throw new McpError(ErrorCode.InvalidParams, `Ukjent ressurs ${uri}; bruk kontoutskrift://{partIdentifikator}/{aar}.`);
  const [, partIdentifikator, aarTekst] = match as unknown as [string, string, string];
  const aar = Number(aarTekst);
  const feil = inputFeil(kravTool, { partIdentifikator, ...aarsperiode(aar) });
  if (feil) throw new McpError(ErrorCode.InvalidParams, feil);
  const klient = fullmakter.klientFor(partIdentifikator);
  const kravAar = Array.from({ length: kravAarForKontoutskrift }, (_, i) => aar - kravAarForKontoutskrift + 1 + i);
  const [krav, innbetalinger, utbetalinger] = await Promise.all([
    Promise.all(kravAar.map((a) => tomOmIngenting(klient.krav(partIdentifikator, aarsperiode(a))))),
    tomOmIngenting(klient.innbetalinger(partIdentifikator, aarsperiode(aar))),
    tomOmIngenting(klient.utbetalinger(partIdentifikator, aarsperiode(aar))),
  ]);
  return { contents: [{ uri, mimeType: 'text/csv', text: kontoutskriftCsv({ aar, krav, innbetalinger, utbetalinger }, asOf) }] };
}

/**
 * This year's kontoutskrift of every party the access may list (`parter`); none for each
 * business's own system user, which gives no list. The list is a convenience for a client's
 * resource picker, so an access that fails lists nothing (the `parter` tool says why).
 */
export async function kontoutskriftRessurser(fullmakter: Fullmakter, idag: LocalDate): Promise<Resource[]> {
  const aar = dateParts(idag).year;
  try {
    const { parter } = await fullmakter.parter();
    return parter.map(({ partIdentifikator }) => ({ uri: `kontoutskrift://${partIdentifikator}/${aar}`, name: `kontoutskrift ${partIdentifikator} ${aar}`, mimeType: 'text/csv' }));
  } catch (error) {
    if (feiltekst(error) === undefined) throw error;
    return [];
  }
}
/** KB-007 (nothing in the period) is an empty list for the statement, not an error: a year may have no payouts. */
async function tomOmIngenting<T>(svar: Promise<T>): Promise<Partial<T>> {
  try {
    return await svar;
  } catch (error) {
    if (error instanceof ApiFeil && error.kode === 'KB-007') return {};
    throw error;
  }
}
