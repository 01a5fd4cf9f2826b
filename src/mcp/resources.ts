import { ErrorCode, McpError, type ReadResourceResult, type ResourceTemplate } from '@modelcontextprotocol/sdk/types.js';
import { ApiFeil, type KravOgBetalingerKlient } from '../../packages/klient/src/index.js';
import type { LocalDate } from '../domain/dates.js';
import { kontoutskriftCsv } from './kontoutskrift.js';
import { inputFeil, tools } from './tools.js';

export const kontoutskriftTemplate: ResourceTemplate = {
  uriTemplate: 'kontoutskrift://{partIdentifikator}/{aar}',
  name: 'kontoutskrift',
  title: 'Kontoutskrift for et år (CSV)',
  description: 'Årets transaksjoner for en virksomhet eller person som CSV, med samme kolonner som kontoutskriften i Min side: krav opprettet i året, og årets innbetalinger, utbetalinger og motregninger.',
  mimeType: 'text/csv',
};

const kontoutskriftUri = /^kontoutskrift:\/\/([^/]+)\/(\d{4})$/;
const kravTool = tools.find((tool) => tool.name === 'krav')!;

/**
 * Reads `kontoutskrift://<part>/<år>`: the year's /krav, /innbetalinger and /utbetalinger through
 * the client, checked with the `krav` tool's schema (the API's own parameter rules) before any call.
 */
export async function lesKontoutskrift(uri: string, klientFor: (part: string) => KravOgBetalingerKlient, asOf: LocalDate): Promise<ReadResourceResult> {
  const match = kontoutskriftUri.exec(uri);
  if (!match) throw new McpError(ErrorCode.InvalidParams, `Ukjent ressurs ${uri}; bruk kontoutskrift://{partIdentifikator}/{aar}.`);
  const [, partIdentifikator, aar] = match as unknown as [string, string, string];
  const periode = { fraOgMed: `${aar}-01-01`, tilOgMed: `${aar}-12-31` };
  const feil = inputFeil(kravTool, { partIdentifikator, ...periode });
  if (feil) throw new McpError(ErrorCode.InvalidParams, feil);
  const klient = klientFor(partIdentifikator);
  const [krav, innbetalinger, utbetalinger] = await Promise.all([
    tomOmIngenting(klient.krav(partIdentifikator, periode)),
    tomOmIngenting(klient.innbetalinger(partIdentifikator, periode)),
    tomOmIngenting(klient.utbetalinger(partIdentifikator, periode)),
  ]);
  return { contents: [{ uri, mimeType: 'text/csv', text: kontoutskriftCsv({ aar: Number(aar), krav, innbetalinger, utbetalinger }, asOf) }] };
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
