import Type, { type TObject } from 'typebox';
import { createApiAjv } from '../api/ajv.js';
import { PartParams, PeriodeQuery, parameterMelding } from '../api/kravogbetalinger/parameters.js';
import { FristerParams } from '../api/frister/schemas.js';
import { ApiFeil, TokenFeil, type AapneKrav, type Frister, type Innbetalinger, type Krav, type KravOgBetalingerKlient, type Utbetalinger } from '../../packages/klient/src/index.js';
import type { Oppsummeringsgrunnlag } from './summary.js';

/**
 * The MCP tools: read-only, one per endpoint, each input schema built from the very TypeBox
 * schemas the API validates with (so a tool cannot take a parameter the API does not have).
 * `rettighetspakke` is fixed by the access (decision 0181): system users read `regnskapssystem`,
 * consents `finans`.
 */
export interface Tool {
  readonly name: string;
  readonly description: string;
  /** The OpenAPI path of the endpoint the tool wraps. */
  readonly path: string;
  readonly inputSchema: TObject;
  call(klient: KravOgBetalingerKlient, input: Record<string, string>): Promise<unknown>;
  /** What of the answer the summary speaks of (and what else the summary needs, read through the same client). */
  grunnlag(data: unknown, klient: KravOgBetalingerKlient, input: Record<string, string>): Oppsummeringsgrunnlag | Promise<Oppsummeringsgrunnlag>;
}

const kb = '/api/innkreving/kravogbetalinger/v1/{rettighetspakke}/{partIdentifikator}';
const closed = { additionalProperties: false } as const;
const partOnly = Type.Object({ partIdentifikator: PartParams.properties.partIdentifikator }, closed);
const partAndPeriod = Type.Object({ partIdentifikator: PartParams.properties.partIdentifikator, ...PeriodeQuery.properties }, closed);
const organisasjon = Type.Object(FristerParams.properties, closed);
const periode = (input: Record<string, string>) => ({ fraOgMed: input.fraOgMed!, tilOgMed: input.tilOgMed! });

export const tools: readonly Tool[] = Object.freeze([
  {
    name: 'aapne_krav',
    description: 'Åpne krav hos Skatteetaten for en virksomhet eller person i dag: forfalt, neste betaling (beløp, KID, konto, forfall), uplasserte innbetalinger.',
    path: `${kb}/aapnekrav`,
    inputSchema: partOnly,
    call: (klient, input) => klient.aapneKrav(input.partIdentifikator!),
    grunnlag: async (data, klient, input) => ({
      krav: (data as AapneKrav).aapentKravMedGjenstaaendeBeloep ?? [],
      totalOversikt: (data as AapneKrav).totalOversikt,
      frister: await fristerForVirksomhet(klient, input.partIdentifikator!),
    }),
  },
  {
    name: 'krav',
    description: 'Krav opprettet i en periode (høyst ett år), med forfall og hva som er betalt.',
    path: `${kb}/krav`,
    inputSchema: partAndPeriod,
    call: (klient, input) => klient.krav(input.partIdentifikator!, periode(input)),
    grunnlag: (data) => ({ krav: (data as Krav).krav ?? [] }),
  },
  {
    name: 'innbetalinger',
    description: 'Innbetalinger i en periode (høyst ett år) og hvilke krav de ble plassert på.',
    path: `${kb}/innbetalinger`,
    inputSchema: partAndPeriod,
    call: (klient, input) => klient.innbetalinger(input.partIdentifikator!, periode(input)),
    grunnlag: (data) => ({ innbetalinger: (data as Innbetalinger).innbetaling ?? [] }),
  },
  {
    name: 'utbetalinger',
    description: 'Utbetalinger (tilbakebetalinger) i en periode (høyst ett år).',
    path: `${kb}/utbetalinger`,
    inputSchema: partAndPeriod,
    call: (klient, input) => klient.utbetalinger(input.partIdentifikator!, periode(input)),
    grunnlag: (data) => ({ utbetalinger: (data as Utbetalinger).utbetaling ?? [] }),
  },
  {
    name: 'frister',
    description: 'Kommende frister for mva-melding og skattemelding for en virksomhet, tolv måneder fram.',
    path: '/api/frister/v1/{organisasjonsnummer}',
    inputSchema: organisasjon,
    call: (klient, input) => klient.frister(input.organisasjonsnummer!),
    grunnlag: (data) => ({ frister: data as Frister }),
  },
]);

/**
 * The next deadlines for the summary of open claims: the Frister API knows organisations only, so
 * a fødselsnummer gets none (and the summary says nothing of deadlines); an error there, or a key
 * without the Frister API's scope (a bank's, often), leaves them out rather than failing the open claims.
 */
async function fristerForVirksomhet(klient: KravOgBetalingerKlient, partIdentifikator: string): Promise<Frister | undefined> {
  if (partIdentifikator.length !== 9) return undefined;
  try {
    return await klient.frister(partIdentifikator);
  } catch (error) {
    if (error instanceof ApiFeil || error instanceof TokenFeil) return undefined;
    throw error;
  }
}

const ajv = createApiAjv();
const validators = new Map(tools.map((tool) => [tool.name, ajv.compile(tool.inputSchema)]));

/** `undefined` when the input is valid; otherwise the API's own sentence for the rule it breaks. */
export function inputFeil(tool: Tool, input: unknown): string | undefined {
  const validate = validators.get(tool.name)!;
  if (validate(input)) return undefined;
  const error = validate.errors![0]!;
  if (error.keyword === 'required') return `Parameteren ${String(error.params.missingProperty)} mangler.`;
  if (error.keyword === 'additionalProperties') return `Parameteren ${String(error.params.additionalProperty)} finnes ikke i API-et.`;
  const name = error.instancePath.slice(1);
  if (name === 'organisasjonsnummer') return parameterMelding('partIdentifikator', (input as Record<string, unknown>)[name]).replace('partIdentifikator', 'organisasjonsnummer');
  return parameterMelding(name, (input as Record<string, unknown>)[name]);
}
