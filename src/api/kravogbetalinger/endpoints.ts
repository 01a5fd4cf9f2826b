import type { Static, TSchema } from 'typebox';
import aapneKravExample from '../../../data/examples/kravogbetalinger/aapnekrav.json' with { type: 'json' };
import alleKravExample from '../../../data/examples/kravogbetalinger/krav.json' with { type: 'json' };
import innbetalingerExample from '../../../data/examples/kravogbetalinger/innbetalinger.json' with { type: 'json' };
import utbetalingerExample from '../../../data/examples/kravogbetalinger/utbetalinger.json' with { type: 'json' };
import type { KravOgBetalingerData, Lookup, PartQuery, PeriodQuery } from './data.js';
import type { ResolvedPeriode } from './period.js';
import { AapneKrav, AlleKrav, Innbetalinger, Utbetalinger } from './schemas/svar.js';

/**
 * The four published endpoints (spec §3) as data: path, body schema, where the body comes
 * from, and — for the period endpoints — which list must not be empty (KB-007). Routes and
 * OpenAPI operations are generated from this list. `partEndpoint`/`periodEndpoint` check each
 * definition against its schema's type and hand the routes one uniform shape.
 */
export interface Endpoint {
  readonly path: string;
  /** The OpenAPI operationId: what a generated client names the method (decision 0152). */
  readonly operationId: string;
  readonly schema: TSchema;
  readonly summary: string;
  readonly description: string;
  /** Skatteetaten's published example body (data/examples/kravogbetalinger). */
  readonly example: unknown;
  readonly period: boolean;
  /** Reads the body; `periode` is set exactly for the period endpoints. */
  readonly read: (data: KravOgBetalingerData, query: PartQuery, periode: ResolvedPeriode | undefined) => Promise<Lookup<unknown>>;
  /** For a period body with nothing in it (and nothing shielded): the noun of the KB-007 melding. */
  readonly emptyPeriodNoun: (body: unknown) => string | undefined;
}

interface Definition<S extends TSchema> {
  readonly path: string;
  readonly operationId: string;
  readonly schema: S;
  readonly summary: string;
  readonly description: string;
  readonly example: Static<S>;
}

function partEndpoint<S extends TSchema>(
  definition: Definition<S>,
  read: (data: KravOgBetalingerData, query: PartQuery) => Promise<Lookup<Static<S>>>,
): Endpoint {
  return { ...definition, period: false, read: (data, query) => read(data, query), emptyPeriodNoun: () => undefined };
}

function periodEndpoint<S extends TSchema>(
  definition: Definition<S>,
  read: (data: KravOgBetalingerData, query: PeriodQuery) => Promise<Lookup<Static<S>>>,
  items: (body: Static<S>) => { readonly list: readonly unknown[] | undefined; readonly skjermet: boolean },
  itemsNoun: string,
): Endpoint {
  return {
    ...definition,
    period: true,
    read: (data, query, periode) => {
      if (periode === undefined) throw new Error(`${definition.path} needs a period`);
      return read(data, { ...query, periode });
    },
    emptyPeriodNoun: (body) => {
      const { list, skjermet } = items(body as Static<S>);
      return !skjermet && (list === undefined || list.length === 0) ? itemsNoun : undefined;
    },
  };
}

const periodNote =
  'Perioden angis med fraOgMed og tilOgMed (ÅÅÅÅ-MM-DD, begge dager med) og kan være høyst ett år. ' +
  'Uten tilOgMed brukes dagens dato, uten fraOgMed tilOgMed minus ett år pluss én dag. ' +
  'Finnes ingenting i perioden, svarer tjenesten KB-007.';

export const endpoints: readonly Endpoint[] = [
  partEndpoint(
    {
      path: 'aapnekrav',
      operationId: 'hentAapneKrav',
      schema: AapneKrav,
      summary: 'Åpne krav',
      description:
        'Krav med gjenstående beløp, innbetalinger med uplassert beløp og summer per kravgruppe, per dagens dato. ' +
        'Uten åpne krav er listene utelatt og summene 0.',
      example: aapneKravExample as AapneKrav,
    },
    (data, query) => data.aapneKrav(query),
  ),
  periodEndpoint(
    {
      path: 'krav',
      operationId: 'hentKrav',
      schema: AlleKrav,
      summary: 'Krav',
      description: `Alle krav (åpne og oppgjorte) opprettet i perioden. ${periodNote}`,
      example: alleKravExample as AlleKrav,
    },
    (data, query) => data.alleKrav(query),
    (body) => ({ list: body.krav, skjermet: body.skjermet }),
    'krav',
  ),
  periodEndpoint(
    {
      path: 'innbetalinger',
      operationId: 'hentInnbetalinger',
      schema: Innbetalinger,
      summary: 'Innbetalinger',
      description: `Innbetalinger med innbetalingsdato i perioden, med kravene de er plassert på. ${periodNote}`,
      example: innbetalingerExample as Innbetalinger,
    },
    (data, query) => data.innbetalinger(query),
    (body) => ({ list: body.innbetaling, skjermet: body.skjermet }),
    'innbetalinger',
  ),
  periodEndpoint(
    {
      path: 'utbetalinger',
      operationId: 'hentUtbetalinger',
      schema: Utbetalinger,
      summary: 'Utbetalinger',
      description: `Utbetalinger med utbetalingsdato i perioden, med kreditkravene de gjør opp. ${periodNote}`,
      example: utbetalingerExample as Utbetalinger,
    },
    (data, query) => data.utbetalinger(query),
    (body) => ({ list: body.utbetaling, skjermet: body.skjermet }),
    'utbetalinger',
  ),
];
