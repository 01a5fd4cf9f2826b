import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction, RouteOptions } from 'fastify';
import type { Clock } from '../domain/clock.js';
import { parseLocalDate, type LocalDate } from '../domain/dates.js';
import { echo, type ApiError } from './error-catalogue.js';
import { syncHook } from './sync-hook.js';

/**
 * The sandbox's two request headers on every API surface (Krav og betalinger, Kalendertjenesten,
 * Frister API; decision 0175), so a vendor's tests can move time and provoke errors:
 *
 * - `Kob-Forretningsdato: YYYY-MM-DD` — the answer as of that business date: an earlier date
 *   shows what was booked up to it, a later one items falling due and interest accruing;
 * - `Kob-Testscenario: KB-001|KB-002|KB-007|KB-009|TREG` — after every check has passed, the
 *   surface's own error of that meaning (its normal body, with korrelasjonsid), or the normal
 *   answer after `slowAnswerMs` (TREG).
 *
 * Outside a sandbox the headers do nothing. A value the sandbox cannot read is the surface's
 * invalid-input error.
 */
export const forretningsdatoHeader = 'kob-forretningsdato';
export const testscenarioHeader = 'kob-testscenario';

export const testscenarier = ['KB-001', 'KB-002', 'KB-007', 'KB-009', 'TREG'] as const;
export type Testscenario = (typeof testscenarier)[number];
export type Feilscenario = Exclude<Testscenario, 'TREG'>;

/** How a sandbox answers its headers; absent outside a sandbox. */
export interface SandboxHeaders {
  /** How long TREG holds an answer. */
  readonly slowAnswerMs: number;
}

/** Default hold of TREG: long enough that a client's short timeout fires, short of the server's request timeout. */
export const defaultSlowAnswerMs = 10_000;

export interface SurfaceScenarioErrors {
  /** The surface's invalid-input error (KB-006, KAL-006, FRI-006). */
  invalidInput(melding: string): ApiError;
  /** The surface's error with the scenario's meaning, or undefined when the surface has none. */
  scenario(code: Feilscenario, request: FastifyRequest): ApiError | undefined;
}

/** The business date of a request: the clock's, or the sandbox's header. */
export type RequestClock = (request: FastifyRequest) => Clock;

/**
 * Sets the headers up inside a surface: reads them in onRequest and adds the scenario as the last
 * preHandler of every route registered after this call. Returns the clock of each request.
 */
export function useSandboxHeaders(api: FastifyInstance, clock: Clock, sandbox: SandboxHeaders | undefined, errors: SurfaceScenarioErrors): RequestClock {
  if (sandbox === undefined) return () => clock;
  const read = new WeakMap<FastifyRequest, { dato?: LocalDate; scenario?: Testscenario }>();
  api.addHook(
    'onRequest',
    syncHook((request) => {
      const dato = forretningsdato(request, errors);
      const scenario = testscenario(request, errors);
      // Most calls carry neither header: nothing to remember.
      if (dato !== undefined || scenario !== undefined) read.set(request, { dato, scenario });
    }),
  );
  const applyScenario = (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    const scenario = read.get(request)?.scenario;
    if (scenario === undefined) return done();
    if (scenario === 'TREG') {
      setTimeout(done, sandbox.slowAnswerMs);
      return;
    }
    const error = errors.scenario(scenario, request);
    done(error ?? errors.invalidInput(`Headeren Kob-Testscenario: ${scenario} har ingen tilsvarende feil i denne tjenesten.`));
  };
  // Every route, hidden ones too (the gateway path's): a catch-all refuses in onRequest before it matters.
  api.addHook('onRoute', (route: RouteOptions) => {
    route.preHandler = [...asArray(route.preHandler), applyScenario] as RouteOptions['preHandler'];
    // Documented on each route (the onRequest hook has checked them before validation runs).
    const headers = (route.schema?.headers ?? { type: 'object' }) as { properties?: Record<string, unknown> };
    route.schema = { ...route.schema, headers: { ...headers, properties: { ...headers.properties, ...sandboxHeaderDocs } } };
  });
  return (request) => {
    const dato = read.get(request)?.dato;
    return dato === undefined ? clock : { today: () => dato, nowEpochMs: () => clock.nowEpochMs() };
  };
}

function forretningsdato(request: FastifyRequest, errors: SurfaceScenarioErrors): LocalDate | undefined {
  const value = single(request, forretningsdatoHeader, errors);
  if (value === undefined) return undefined;
  const dato = parseLocalDate(value);
  if (dato === undefined) throw errors.invalidInput(`Headeren Kob-Forretningsdato (${echo(value)}) er ikke en gyldig dato på formen ÅÅÅÅ-MM-DD.`);
  return dato;
}

function testscenario(request: FastifyRequest, errors: SurfaceScenarioErrors): Testscenario | undefined {
  const value = single(request, testscenarioHeader, errors);
  if (value === undefined) return undefined;
  if (!(testscenarier as readonly string[]).includes(value)) {
    throw errors.invalidInput(`Headeren Kob-Testscenario (${echo(value)}) er ukjent. Gyldige verdier er ${testscenarier.join(', ')}.`);
  }
  return value as Testscenario;
}

function single(request: FastifyRequest, name: string, errors: SurfaceScenarioErrors): string | undefined {
  const value = request.headers[name];
  if (Array.isArray(value)) throw errors.invalidInput(`Headeren ${name} er oppgitt ${value.length} ganger; oppgi den høyst én gang.`);
  return value;
}

function asArray<T>(value: T | readonly T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? [...(value as T[])] : [value as T];
}

/** The headers as the OpenAPI document shows them on each route of a sandbox. */
export const sandboxHeaderDocs = {
  [forretningsdatoHeader]: {
    type: 'string',
    format: 'date',
    description: 'Bare i sandkassen: svaret slik det er per denne forretningsdatoen (ÅÅÅÅ-MM-DD). Tidligere dato viser det som var bokført da; senere dato viser forfall og påløpte renter.',
  },
  [testscenarioHeader]: {
    type: 'string',
    enum: [...testscenarier],
    description: 'Bare i sandkassen: når alle kontroller er bestått, svar med tjenestens feil med denne betydningen (vanlig feilkropp med korrelasjonsid), eller med vanlig svar etter en stund (TREG).',
  },
} as const;
