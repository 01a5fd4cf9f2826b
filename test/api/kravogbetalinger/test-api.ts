import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import type { PartyAccessChecker } from '../../../src/api/access-hooks.js';
import type { KravOgBetalingerData } from '../../../src/api/kravogbetalinger/index.js';
import type { VerifiedAccessToken } from '../../../src/auth/index.js';
import { kravOgBetalingerFrameworkErrors, kravOgBetalingerPlugin, kravOgBetalingerPrefix } from '../../../src/api/kravogbetalinger/index.js';
import type { AapneKrav, AlleKrav, Innbetalinger, Utbetalinger } from '../../../src/api/kravogbetalinger/index.js';
import { openApiDocs } from '../../../src/api/openapi.js';
import type { Clock } from '../../../src/domain/clock.js';
import { localDate, type LocalDate } from '../../../src/domain/dates.js';
import { readJson } from '../../support/api-schemas.js';

/**
 * A Krav og betalinger API on the real plugin, with a data provider that serves Skatteetaten's
 * published example bodies (test fixtures, never shipped) and an access check that knows one
 * token. The test parties are published test organisations, each in one situation.
 */
export const prefix = kravOgBetalingerPrefix;
export const validToken = 'Bearer gyldig-testtoken';

export const parties = {
  /** The published example party: the example bodies. */
  example: '212201782',
  /** The ledger does not know it: KB-009. */
  unknown: '311851381',
  /** The token is valid but the party gave no consent: KB-005. */
  noConsent: '313367002',
  /** Known, but nothing in any period and no open claims: KB-007 / empty /aapnekrav. */
  empty: '314961900',
  /** The ledger fails: KB-002. */
  failing: '314055403',
  /** Everything shielded: only partIdentifikator, periode and skjermet. */
  shielded: '310478717',
  /** The mapping produced a body its schema rejects: the serializer stops it, KB-001. */
  brokenMapping: '313268489',
  /** The access check itself throws: KB-001. */
  accessCheckThrows: '312496771',
} as const;

const examples = {
  aapneKrav: readJson('test/fixtures/examples/aapnekrav.json') as AapneKrav,
  alleKrav: readJson('test/fixtures/examples/krav.json') as AlleKrav,
  innbetalinger: readJson('test/fixtures/examples/innbetalinger.json') as Innbetalinger,
  utbetalinger: readJson('test/fixtures/examples/utbetalinger.json') as Utbetalinger,
};
export const exampleBodies = examples;

/**
 * An access checker of src/auth's shape that knows one token: the contract tests here are about
 * the API's own rules and order; the real provider check is tested on the real routes
 * (test/auth/provider-security.test.ts).
 */
export const testChecker: PartyAccessChecker = {
  authenticate: async (authorizationHeader) => {
    if (authorizationHeader === undefined) {
      return { granted: false, kind: 'authentication', reason: 'Tilgangstokenet mangler. Send et Maskinporten-token i Authorization: Bearer.' };
    }
    if (authorizationHeader !== validToken) return { granted: false, kind: 'authentication', reason: 'Tilgangstokenet er ikke gyldig.' };
    const token: VerifiedAccessToken = { clientId: 'test', consumerOrgnr: '315600014', issuer: 'test', scopes: [], authorizationDetails: [], expSeconds: 0 };
    return { granted: true, token };
  },
  authorize: async (token, { partIdentifikator, rettighetspakke }) => {
    if (partIdentifikator === parties.accessCheckThrows) throw new Error('token cache corrupt: secret=s3cr3t');
    if (partIdentifikator === parties.noConsent) {
      return { granted: false, kind: 'authorization', reason: `Det finnes ikke et gyldig samtykke fra parten ${partIdentifikator}.` };
    }
    return { granted: true, consumerOrgnr: token.consumerOrgnr, clientId: token.clientId, issuer: token.issuer, partIdentifikator, mechanism: rettighetspakke === 'finans' ? 'samtykke' : 'systembruker' };
  },
};

/** The provider records the queries it gets, so tests can see periods and as-of dates. */
export function fixtureData(versionOf: (partIdentifikator: string) => string | undefined = () => undefined) {
  const queries: unknown[] = [];
  const data: KravOgBetalingerData = {
    aapneKrav: async (query) => {
      queries.push(query);
      return respond(query.partIdentifikator, examples.aapneKrav, (partIdentifikator) => ({
        partIdentifikator,
        skjermet: false,
        totalOversikt: { sumStipulerteRenter: 0, sumForfalteKrav: 0, sumIkkeForfalteKrav: 0, sumUplasserteInnbetalinger: 0, saldo: 0 },
        aapentKravMedGjenstaaendeBeloep: [],
      }));
    },
    alleKrav: async (query) => {
      queries.push(query);
      return respond(query.partIdentifikator, examples.alleKrav, (partIdentifikator, skjermet) => ({ partIdentifikator, periode: query.periode, skjermet, krav: [] }));
    },
    innbetalinger: async (query) => {
      queries.push(query);
      return respond(query.partIdentifikator, examples.innbetalinger, (partIdentifikator, skjermet) => ({ partIdentifikator, periode: query.periode, skjermet }));
    },
    utbetalinger: async (query) => {
      queries.push(query);
      return respond(query.partIdentifikator, examples.utbetalinger, (partIdentifikator, skjermet) => ({ partIdentifikator, periode: query.periode, skjermet }));
    },
    version: async (query) => versionOf(query.partIdentifikator),
  };
  return { data, queries };
}

function respond<T>(partIdentifikator: string, example: T, empty: (partIdentifikator: string, skjermet: boolean) => T) {
  if (partIdentifikator === parties.unknown) return { kind: 'unknownParty' as const };
  if (partIdentifikator === parties.failing) throw new Error('connection to the ledger lost: password=hunter2');
  if (partIdentifikator === parties.empty) return { kind: 'found' as const, body: empty(partIdentifikator, false) };
  if (partIdentifikator === parties.shielded) return { kind: 'found' as const, body: empty(partIdentifikator, true) };
  if (partIdentifikator === parties.brokenMapping) return { kind: 'found' as const, body: { partIdentifikator } as T };
  return { kind: 'found' as const, body: example };
}

export function fixedClock(today: string): Clock {
  const date: LocalDate = localDate(today);
  return { today: () => date, nowEpochMs: () => Date.parse(`${today}T12:00:00Z`) };
}

export interface TestApiOptions {
  readonly today?: string;
  readonly data?: KravOgBetalingerData;
  readonly checker?: PartyAccessChecker;
  readonly logLines?: string[];
  readonly newKorrelasjonsid?: () => string;
}

export async function buildTestApi(options: TestApiOptions = {}): Promise<FastifyInstance> {
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      options.logLines?.push(...chunk.toString('utf8').split('\n').filter((line) => line !== ''));
      done();
    },
  });
  const app = Fastify({
    logger: options.logLines === undefined ? false : { level: 'info', stream: logStream },
    frameworkErrors: kravOgBetalingerFrameworkErrors,
  });
  await app.register(openApiDocs);
  await app.register(kravOgBetalingerPlugin, {
    clock: fixedClock(options.today ?? '2023-09-01'),
    checker: options.checker ?? testChecker,
    data: options.data ?? fixtureData().data,
    ...(options.newKorrelasjonsid === undefined ? {} : { newKorrelasjonsid: options.newKorrelasjonsid }),
  });
  await app.ready();
  return app;
}

export function url(partIdentifikator: string, endpoint: string, query = '', rettighetspakke = 'finans'): string {
  return `${prefix}/${rettighetspakke}/${partIdentifikator}/${endpoint}${query === '' ? '' : `?${query}`}`;
}
