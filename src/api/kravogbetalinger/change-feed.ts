import type { FastifyInstance, FastifyRequest } from 'fastify';
import Type, { type Static } from 'typebox';
import { scopes } from '../../auth/index.js';
import type { RequestClock } from '../sandbox-headers.js';
import { accessHooks, type PartyAccessChecker } from '../access-hooks.js';
import { cacheControl } from '../etag.js';
import { errorResponses, korrelasjonsidHeaderDoc } from '../openapi-errors.js';
import { negotiateFormat } from '../negotiation.js';
import type { ChangeSource, KravOgBetalingerData, PartQuery } from './data.js';
import { decodeFeedCursor, encodeFeedCursor, feedCursorLengthMax, type FeedCursor } from './feed-cursor.js';
import { apiErrors } from './errors.js';
import { documentedErrors, maskinportenScope } from './openapi-docs.js';
import { ApiHeaders, isRettighetspakke, PartParams, type Rettighetspakke } from './parameters.js';
import { fromBackend, viewEtag } from './routes.js';

/**
 * `GET /{rettighetspakke}/endringer?etter=&antall=` (decision 0126), our extension: the parties
 * the caller may read whose view changed after the cursor, each with the ETag `/aapnekrav` has
 * now (JSON), so a bank polls once for all its customers and reads only what changed. The first
 * call (no `etter`), and the first on a new business date, lists every readable party; then
 * only changes. Access is the four endpoints' check: the token (KB-004), then `authorize` for
 * every party listed (src/auth/provider/access-check.ts, `readableParties`).
 */
export const changeFeedPath = 'endringer';
export const feedPageSizeDefault = 100;
export const feedPageSizeMax = 1_000;

const FeedParams = Type.Object({ rettighetspakke: PartParams.properties.rettighetspakke });
type FeedParams = Static<typeof FeedParams>;

const FeedQuery = Type.Object({
  etter: Type.Optional(
    Type.String({ maxLength: feedCursorLengthMax, description: 'Markøren fra `neste` i forrige svar. Uten den: alle parter du har tilgang til.' }),
  ),
  antall: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$', description: `Høyst så mange parter i svaret (1–${feedPageSizeMax}). Standard ${feedPageSizeDefault}.` })),
});
type FeedQuery = Static<typeof FeedQuery>;

export const Endringer = Type.Object(
  {
    endringer: Type.Array(
      Type.Object({
        partIdentifikator: Type.String({ description: 'Parten som er endret.' }),
        etag: Type.String({ description: 'ETag-en `/aapnekrav` (JSON) har nå for parten: lik den du har, så er ingenting endret.' }),
      }),
    ),
    neste: Type.String({ description: 'Send som `etter` i neste kall. Er listen full (lik antall), kall igjen med en gang; ellers vent til neste runde.' }),
  },
  { additionalProperties: false },
);

export interface ChangeFeedOptions {
  readonly clockOf: RequestClock;
  readonly checker: PartyAccessChecker;
  readonly readableParties: NonNullable<PartyAccessChecker['readableParties']>;
  readonly changes: ChangeSource;
  readonly version: NonNullable<KravOgBetalingerData['version']>;
}

export function registerChangeFeed(api: FastifyInstance, options: ChangeFeedOptions): void {
  const access = accessHooks({
    checker: options.checker,
    scope: scopes.kravOgBetalinger,
    parties: () => [],
    rettighetspakke: (request) => (request.params as FeedParams).rettighetspakke,
    authenticationError: apiErrors.authentication,
    authorizationError: (refused) => apiErrors.authorization(refused[0]!.reason),
  });

  const checkRouteAndAccept = async (request: FastifyRequest) => {
    const { rettighetspakke } = request.params as { rettighetspakke: string };
    if (!isRettighetspakke(rettighetspakke)) throw apiErrors.unknownRettighetspakke(rettighetspakke);
    if (negotiateFormat(request.headers.accept) !== 'json') throw apiErrors.notAcceptable(request.headers.accept ?? '');
  };

  api.get(
    `/:rettighetspakke/${changeFeedPath}`,
    {
      schema: { params: FeedParams, querystring: FeedQuery, headers: ApiHeaders, ...feedDocs },
      onRequest: checkRouteAndAccept,
      preValidation: access.authenticate,
    },
    async (request, reply) => {
      const { rettighetspakke } = request.params as FeedParams;
      const query = request.query as FeedQuery;
      const antall = pageSize(query.antall);
      const asOf = options.clockOf(request).today();
      const given = query.etter === undefined ? undefined : decodeFeedCursor(query.etter);
      if (query.etter !== undefined && given === undefined) {
        throw apiErrors.invalidInput('Parameteren etter er ikke en markør fra dette endepunktet; bruk neste fra forrige svar, eller utelat etter for å starte på nytt.');
      }
      const readable = await options.readableParties(access.token(request), rettighetspakke);
      if (!readable.granted) {
        request.log.info({ kind: 'authorization', reason: readable.reason }, 'tilgang avvist');
        throw apiErrors.authorization(readable.reason);
      }
      const { changes, version } = options;
      const cursor: FeedCursor = given !== undefined && given.dato === asOf ? given : { kind: 'alle', dato: asOf, startXid: await fromBackend(request, () => changes.horizon()), etterPartId: '' };
      const page = await fromBackend(request, () => nextPage(changes, cursor, readable.parties, antall));
      // A page's versions are read together (most are kept in memory; the rest are one query each).
      const queries = page.parties.map((partIdentifikator): PartQuery => ({ rettighetspakke, partIdentifikator, asOf }));
      const versions = await fromBackend(request, () => Promise.all(queries.map((partQuery) => version(partQuery))));
      const endringer = queries.flatMap((partQuery, index) => {
        const partVersion = versions[index];
        return partVersion === undefined ? [] : [{ partIdentifikator: partQuery.partIdentifikator, etag: viewEtag(partVersion, partQuery, 'aapnekrav', undefined, 'json') }];
      });
      return reply.header('Cache-Control', cacheControl).send({ endringer, neste: encodeFeedCursor(page.next) });
    },
  );
}

/** One page from the cursor: the parties, and the cursor after them. */
async function nextPage(changes: ChangeSource, cursor: FeedCursor, readable: readonly string[], antall: number): Promise<{ parties: string[]; next: FeedCursor }> {
  if (cursor.kind === 'alle') {
    const sorted = [...readable].sort();
    const after = sorted.filter((party) => party > cursor.etterPartId);
    const parties = after.slice(0, antall);
    const next: FeedCursor =
      after.length > antall
        ? { ...cursor, etterPartId: parties.at(-1)! }
        : { kind: 'endringer', dato: cursor.dato, fraXid: cursor.startXid, tilXid: undefined, etterPartId: '' };
    return { parties, next };
  }
  const toXid = cursor.tilXid ?? (await changes.horizon());
  const found = await changes.changed({ partIds: readable, fromXid: cursor.fraXid, toXid, afterPartId: cursor.etterPartId, count: antall + 1 });
  const parties = found.slice(0, antall);
  const next: FeedCursor =
    found.length > antall
      ? { kind: 'endringer', dato: cursor.dato, fraXid: cursor.fraXid, tilXid: toXid, etterPartId: parties.at(-1)! }
      : { kind: 'endringer', dato: cursor.dato, fraXid: toXid, tilXid: undefined, etterPartId: '' };
  return { parties, next };
}

function pageSize(antall: string | undefined): number {
  if (antall === undefined) return feedPageSizeDefault;
  const count = Number(antall);
  if (count < 1 || count > feedPageSizeMax) throw apiErrors.invalidInput(`Parameteren antall (${antall}) må være et heltall fra 1 til ${feedPageSizeMax}.`);
  return count;
}

const feedDocs = {
  operationId: 'hentEndringer',
  summary: 'Endringer siden forrige kall (utvidelse)',
  description:
    '**Utvidelse i krav-og-betalinger, ikke en del av Skatteetatens API.** Parter du har tilgang til i rettighetspakken, der visningen er endret etter markøren, ' +
    'hver med ETag-en `/aapnekrav` (JSON) har nå. Første kall uten `etter` (og første kall på en ny virkedag) gir alle parter; deretter bare endringer. ' +
    'Hent `/aapnekrav` med `If-None-Match` for parter med ny ETag.',
  tags: ['Utvidelser'],
  'x-kob-utvidelse': true,
  security: [{ maskinporten: [maskinportenScope] }],
  response: {
    200: { description: 'Endrede parter og neste markør.', headers: { ...korrelasjonsidHeaderDoc, 'Cache-Control': { type: 'string' } }, content: { 'application/json': { schema: Endringer } } },
    ...errorResponses(documentedErrors, ['KB-001', 'KB-002', 'KB-003', 'KB-004', 'KB-005', 'KB-006', 'KB-008']),
  },
};
