import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { callerOf, requireScope } from '../http.js';
import { altinnConsentIssuer, scopes } from '../identifiers.js';
import type { AuthServices } from '../services.js';
import { signAltinnToken } from './altinn-tokens.js';
import { altinnUrl } from './context.js';
import { altinn2ConsentClaims, answerConsentRequest, createAltinn2ConsentRequest, createConsentRequest, getConsentRequest, revokeConsent } from './consents.js';
import { decide } from './decision-point.js';
import { invalid } from './problem.js';
import { endUserActor } from './routes-system-users.js';
import { Altinn2ConsentRequestBody, AuthorizeBody, ConsentRequestBody, Id } from './schemas.js';

/** Altinn 2 consent tokens live about 30 s and are fetched again while the consent is valid (spec §7.1). */
export const altinn2ConsentTokenLifetimeSeconds = 30;
const IdParams = Type.Object({ id: Id });

/** Consents (spec §7) and the decision point (spec §5). */
export function consentRoutes(app: FastifyInstance, services: AuthServices): void {
  const ctx = services.altinn;
  const consumer = (request: Parameters<typeof callerOf>[0]) => callerOf(request).consumerOrgnr;
  const base = '/accessmanagement/api/v1';
  const consentRequestUrl = (id: string) => altinnUrl(ctx, `accessmanagement/api/v1/enterprise/consentrequests/${id}`);

  app.post<{ Body: Static<typeof ConsentRequestBody> }>(
    `${base}/enterprise/consentrequests`,
    { preHandler: requireScope(services.altinnVerifier, [scopes.consentRequestsWrite]), schema: { body: ConsentRequestBody } },
    async (request, reply) => {
      // A repeated id for the same parties returns the request with 200 (Altinn's ConsentController.CreateRequest).
      const { consentRequest, created } = await createConsentRequest(ctx, consumer(request), request.body);
      if (created) reply.code(201).header('Location', consentRequestUrl(consentRequest.id));
      return reply.send(consentRequest);
    },
  );
  app.get<{ Params: Static<typeof IdParams> }>(
    `${base}/enterprise/consentrequests/:id`,
    { preHandler: requireScope(services.altinnVerifier, [scopes.consentRequestsRead, scopes.consentRequestsWrite]), schema: { params: IdParams } },
    async (request) => getConsentRequest(ctx, consumer(request), request.params.id),
  );
  // The party's side (sandbox: a token for the party itself with altinn:portal/enduser, decision 0015).
  const endUser = { preHandler: requireScope(services.altinnVerifier, [scopes.portalEndUser]), schema: { params: IdParams } };
  for (const answer of ['accept', 'reject'] as const) {
    app.post<{ Params: Static<typeof IdParams> }>(`${base}/enduser/consentrequests/:id/${answer}`, endUser, async (request) =>
      answerConsentRequest(ctx, consumer(request), request.params.id, answer === 'accept', endUserActor(request)),
    );
  }
  app.post<{ Params: Static<typeof IdParams> }>(`${base}/enduser/consents/:id/revoke`, endUser, async (request) => revokeConsent(ctx, consumer(request), request.params.id, endUserActor(request)));

  app.post<{ Body: Static<typeof Altinn2ConsentRequestBody> }>(
    '/api/consentRequests',
    { preHandler: requireScope(services.altinnVerifier, [scopes.consentRequestsWrite]), schema: { body: Altinn2ConsentRequestBody } },
    async (request, reply) => {
      const created = await createAltinn2ConsentRequest(ctx, consumer(request), request.body);
      // One consent table serves both generations: the Altinn 3 view of the same request.
      return reply.code(201).header('Location', consentRequestUrl(created.AuthorizationCode)).send(created);
    },
  );
  const TokenQuery = Type.Object({ authcode: Id });
  app.get<{ Querystring: Static<typeof TokenQuery> }>(
    '/api/authorization/token',
    { preHandler: requireScope(services.altinnVerifier, [scopes.consentTokens]), schema: { querystring: TokenQuery } },
    async (request, reply) => {
      const claims = await altinn2ConsentClaims(ctx, consumer(request), request.query.authcode);
      const nowSeconds = Math.floor(services.clock.nowEpochMs() / 1000);
      const token = await signAltinnToken(services.altinnKeys, { ...claims, iss: altinnConsentIssuer, exp: nowSeconds + altinn2ConsentTokenLifetimeSeconds, nbf: nowSeconds });
      return reply.type('text/plain').send(token);
    },
  );
  app.get('/api/authorization/jwk', async () => services.altinnKeys.publishedJwks());

  app.post<{ Body: Static<typeof AuthorizeBody> }>(
    '/authorization/api/v1/authorize',
    { preHandler: requireScope(services.altinnVerifier, [scopes.authorize]), schema: { body: AuthorizeBody } },
    async (request) => {
      const input = readXacmlRequest(request.body);
      const result = await decide(ctx, input);
      request.log.info({ korrelasjonsid: request.id, decision: result.decision, reason: result.reason }, 'PDP');
      return { Response: [{ Decision: result.decision, Status: { StatusCode: { Value: 'urn:oasis:names:tc:xacml:1.0:status:ok' } }, Obligations: [] }] };
    },
  );
}

/** Reads subject, action, resource and party from a XACML JSON request in either casing. */
function readXacmlRequest(body: Record<string, unknown>): { systemUserId: string; action: string; resource: string; party: string } {
  const get = (object: unknown, name: string): unknown => {
    if (typeof object !== 'object' || object === null) return undefined;
    const record = object as Record<string, unknown>;
    return record[name] ?? record[name[0]!.toLowerCase() + name.slice(1)];
  };
  const attributes = (category: string): Record<string, string> => {
    const first = (get(get(body, 'Request'), category) as unknown[] | undefined)?.[0];
    const list = (get(first, 'Attribute') as unknown[] | undefined) ?? [];
    const found: Record<string, string> = {};
    for (const attribute of list.slice(0, 20)) {
      const id = get(attribute, 'AttributeId');
      const value = get(attribute, 'Value');
      if (typeof id === 'string' && typeof value === 'string') found[id] = value;
    }
    return found;
  };
  const subject = attributes('AccessSubject')['urn:altinn:systemuser:uuid'];
  const action = attributes('Action')['urn:oasis:names:tc:xacml:1.0:action:action-id'];
  const resource = attributes('Resource');
  const party = resource['urn:altinn:organization:identifier-no'];
  if (!subject || !action || !resource['urn:altinn:resource'] || !party) {
    throw invalid('STD.VLD-00002', '/Request', 'XACML-forespørselen må ha AccessSubject urn:altinn:systemuser:uuid, Action action-id og Resource urn:altinn:resource + urn:altinn:organization:identifier-no.');
  }
  return { systemUserId: subject, action, resource: resource['urn:altinn:resource'], party };
}
