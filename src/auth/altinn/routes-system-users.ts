import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { callerOf, CallerRejected, requireScope } from '../http.js';
import { scopes } from '../identifiers.js';
import type { AuthServices } from '../services.js';
import type { SystemUserType } from '../tables.js';
import { answerChangeRequest, createChangeRequest, deleteChangeRequest, getChangeRequest, getChangeRequestByExternalRef, listChangeRequestsBySystem } from './change-requests.js';
import type { AltinnActor } from './change-log.js';
import { addClient, agentsOfFirm, availableClients, delegatedClients, removeClient } from './client-delegation.js';
import { altinnUrl } from './context.js';
import { findOrganization } from './organizations.js';
import { AltinnProblem, problem } from './problem.js';
import { answerRequest, createRequest, deleteRequest, getRequest, getRequestByExternalRef, listRequestsBySystem } from './requests.js';
import { ChangeRequestBody, EndUserCreateBody, ExternalRef, Id, OrgNo, RequestBody, SystemId } from './schemas.js';
import { lookupSystemUser } from './system-user-lookup.js';
import { createSystemUserForParty, deleteSystemUser, findSystemUser, findSystemUserByQuery, listSystemUsersBySystem, listSystemUsersOfParty } from './system-users.js';
import { vendorCaller } from './routes-system-register.js';

const IdParams = Type.Object({ id: Id });
const PartyIdParams = Type.Object({ party: OrgNo, id: Id });
const ExternalRefParams = Type.Object({ systemId: SystemId, orgNo: OrgNo, externalRef: ExternalRef });
const SystemParams = Type.Object({ systemId: SystemId });
const AgentQuery = Type.Object({ agent: Id });
const AgentClientQuery = Type.Object({ agent: Id, client: Id });

/**
 * In this sandbox the business acts through a Maskinporten token with scope
 * `altinn:portal/enduser` whose consumer is the business itself (decision 0015); the portal's
 * ID-porten login will call the same functions.
 */
export function endUserParty(request: FastifyRequest, party: string): string {
  const caller = callerOf(request);
  if (caller.consumerOrgnr !== party) {
    throw new CallerRejected(403, `tokenets consumer 0192:${caller.consumerOrgnr} kan ikke handle for ${party}; bruk et token for virksomheten selv (acting for another business)`);
  }
  return party;
}

/** Who acts through an end-user token, for the change log: the Maskinporten client and its org. */
export function endUserActor(request: FastifyRequest): AltinnActor {
  const caller = callerOf(request);
  return { kind: 'client', clientId: caller.clientId, orgnr: caller.consumerOrgnr };
}

const paged = <T>(data: T[]) => ({ links: {}, data });

/**
 * The client lists as Altinn writes them (`ClientInfoPaginated`; docs.altinn.studio, "Client
 * delegation for system vendors"): the agent and its owner, then the clients.
 */
const clientPage = <T>(agent: { id: string; reporteeOrgNo: string }, data: T[]) => ({
  links: {},
  systemUserInformation: { systemUserId: agent.id, systemUserOwnerOrg: agent.reporteeOrgNo },
  data,
});

/** System users, requests, change requests and client delegation (spec §4.4–4.8). */
export function systemUserRoutes(app: FastifyInstance, services: AuthServices): void {
  const ctx = services.altinn;
  const base = '/authentication/api/v1/systemuser';
  const write = { preHandler: requireScope(services.altinnVerifier, [scopes.requestWrite]) };
  const read = { preHandler: requireScope(services.altinnVerifier, [scopes.requestRead, scopes.requestWrite]) };
  const endUser = { preHandler: requireScope(services.altinnVerifier, [scopes.portalEndUser]) };
  const clientDelegation = (scope: string) => ({ preHandler: requireScope(services.altinnVerifier, [scope, scopes.portalEndUser]) });

  for (const userType of ['standard', 'agent'] as const satisfies readonly SystemUserType[]) {
    const vendorPath = `${base}/request/vendor${userType === 'agent' ? '/agent' : ''}`;
    app.post<{ Body: Static<typeof RequestBody> }>(vendorPath, { ...write, schema: { body: RequestBody } }, async (request, reply) => {
      const { request: created, created: isNew } = await createRequest(ctx, vendorCaller(request), userType, request.body);
      // Altinn's Location names the request without /vendor, for both kinds (RequestSystemUserController.CREATEDURIMIDSECTION).
      if (isNew) reply.code(201).header('Location', altinnUrl(ctx, `authentication/api/v1/systemuser/request/${created.id}`));
      return reply.send(created);
    });
    app.get<{ Params: Static<typeof IdParams> }>(`${vendorPath}/:id`, { ...read, schema: { params: IdParams } }, async (request) => getRequest(ctx, vendorCaller(request), userType, request.params.id));
    app.get<{ Params: Static<typeof ExternalRefParams> }>(`${vendorPath}/byexternalref/:systemId/:orgNo/:externalRef`, { ...read, schema: { params: ExternalRefParams } }, async (request) =>
      getRequestByExternalRef(ctx, vendorCaller(request), userType, request.params),
    );
    app.get<{ Params: Static<typeof SystemParams> }>(`${vendorPath}/bysystem/:systemId`, { ...read, schema: { params: SystemParams } }, async (request) =>
      paged(await listRequestsBySystem(ctx, vendorCaller(request), userType, request.params.systemId)),
    );
    const partyPath = `${base}/request${userType === 'agent' ? '/agent' : ''}/:party/:id`;
    for (const answer of ['approve', 'reject'] as const) {
      app.post<{ Params: Static<typeof PartyIdParams> }>(`${partyPath}/${answer}`, { ...endUser, schema: { params: PartyIdParams } }, async (request) =>
        answerRequest(ctx, endUserParty(request, request.params.party), userType, request.params.id, answer === 'approve', endUserActor(request)),
      );
    }
  }
  // Altinn answers a deleted request or change request with 202 and no body.
  app.delete<{ Params: Static<typeof IdParams> }>(`${base}/request/vendor/:id`, { ...write, schema: { params: IdParams } }, async (request, reply) => {
    await deleteRequest(ctx, vendorCaller(request), request.params.id);
    return reply.code(202).send();
  });

  const change = `${base}/changerequest`;
  const ChangeQuery = Type.Object({ 'correlation-id': Id, 'system-user-id': Id });
  app.post<{ Querystring: Static<typeof ChangeQuery>; Body: Static<typeof ChangeRequestBody> }>(`${change}/vendor`, { ...write, schema: { querystring: ChangeQuery, body: ChangeRequestBody } }, async (request, reply) => {
    const result = await createChangeRequest(ctx, vendorCaller(request), { correlationId: request.query['correlation-id'], systemUserId: request.query['system-user-id'] }, request.body);
    if (result.created) reply.code(201).header('Location', altinnUrl(ctx, `authentication/api/v1/systemuser/changerequest/${result.changeRequest.id}`));
    return reply.send(result.changeRequest);
  });
  app.get<{ Params: Static<typeof IdParams> }>(`${change}/vendor/:id`, { ...read, schema: { params: IdParams } }, async (request) => getChangeRequest(ctx, vendorCaller(request), request.params.id));
  app.get<{ Params: Static<typeof ExternalRefParams> }>(`${change}/vendor/byexternalref/:systemId/:orgNo/:externalRef`, { ...read, schema: { params: ExternalRefParams } }, async (request) =>
    getChangeRequestByExternalRef(ctx, vendorCaller(request), request.params),
  );
  app.get<{ Params: Static<typeof SystemParams> }>(`${change}/vendor/bysystem/:systemId`, { ...read, schema: { params: SystemParams } }, async (request) =>
    paged(await listChangeRequestsBySystem(ctx, vendorCaller(request), request.params.systemId)),
  );
  app.delete<{ Params: Static<typeof IdParams> }>(`${change}/vendor/:id`, { ...write, schema: { params: IdParams } }, async (request, reply) => {
    await deleteChangeRequest(ctx, vendorCaller(request), request.params.id);
    return reply.code(202).send();
  });
  for (const answer of ['approve', 'reject'] as const) {
    app.post<{ Params: Static<typeof PartyIdParams> }>(`${change}/:party/:id/${answer}`, { ...endUser, schema: { params: PartyIdParams } }, async (request) =>
      answerChangeRequest(ctx, endUserParty(request, request.params.party), request.params.id, answer === 'approve', endUserActor(request)),
    );
  }

  const ByQuery = Type.Object({ 'system-id': SystemId, orgno: OrgNo, 'external-ref': Type.Optional(ExternalRef) });
  app.get<{ Querystring: Static<typeof ByQuery> }>(`${base}/vendor/byquery`, { ...write, schema: { querystring: ByQuery } }, async (request) =>
    findSystemUserByQuery(ctx, vendorCaller(request), { systemId: request.query['system-id'], orgno: request.query.orgno, externalRef: request.query['external-ref'] }),
  );
  app.get<{ Params: Static<typeof SystemParams> }>(`${base}/vendor/bysystem/:systemId`, { preHandler: requireScope(services.altinnVerifier, [scopes.systemRegisterWrite]), schema: { params: SystemParams } }, async (request) =>
    paged(await listSystemUsersBySystem(ctx, vendorCaller(request), request.params.systemId)),
  );
  const ByExternalId = Type.Object({ clientId: Id, systemProviderOrgNo: OrgNo, systemUserOwnerOrgNo: OrgNo, externalRef: Type.Optional(ExternalRef) });
  app.get<{ Querystring: Static<typeof ByExternalId> }>(
    `${base}/byExternalId`,
    { preHandler: requireScope(services.altinnVerifier, [scopes.maskinportenSystemUserRead]), schema: { querystring: ByExternalId } },
    async (request) => {
      const found = await lookupSystemUser(ctx, { clientId: request.query.clientId, vendorOrgnr: request.query.systemProviderOrgNo, ownerOrgnr: request.query.systemUserOwnerOrgNo, externalRef: request.query.externalRef });
      if (!found.found) throw problem('AUTH-00015', found.reason);
      return (await findSystemUser(ctx.db, found.systemUserId))!;
    },
  );

  const PartyParams = Type.Object({ party: OrgNo });
  const PartyUserParams = Type.Object({ party: OrgNo, systemUserId: Id });
  app.get<{ Params: Static<typeof PartyParams> }>(`${base}/:party`, { ...endUser, schema: { params: PartyParams } }, async (request) => listSystemUsersOfParty(ctx, endUserParty(request, request.params.party)));
  // Altinn answers the created system user with 200 (SystemUserController.CreateAndDelegateSystemUser).
  app.post<{ Params: Static<typeof PartyParams>; Body: Static<typeof EndUserCreateBody> }>(`${base}/:party/create`, { ...endUser, schema: { params: PartyParams, body: EndUserCreateBody } }, async (request) =>
    createSystemUserForParty(ctx, endUserParty(request, request.params.party), request.body, endUserActor(request)),
  );
  // Deleted: a standard system user is 202 with the body `1`, an agent 200 with none (SystemUserController).
  app.delete<{ Params: Static<typeof PartyUserParams> }>(`${base}/:party/:systemUserId`, { ...endUser, schema: { params: PartyUserParams } }, async (request, reply) => {
    await deleteSystemUser(ctx, endUserParty(request, request.params.party), request.params.systemUserId, 'standard', endUserActor(request));
    return reply.code(202).type('application/json').send('1');
  });
  app.delete<{ Params: Static<typeof PartyUserParams> }>(`${base}/agent/:party/:systemUserId`, { ...endUser, schema: { params: PartyUserParams } }, async (request, reply) => {
    await deleteSystemUser(ctx, endUserParty(request, request.params.party), request.params.systemUserId, 'agent', endUserActor(request));
    return reply.code(200).send();
  });

  const endUserBase = '/authentication/api/v1/enduser/systemuser';
  const firm = (request: FastifyRequest) => callerOf(request).consumerOrgnr;
  app.get<{ Querystring: Static<typeof AgentQuery> }>(`${endUserBase}/clients/available`, { ...clientDelegation(scopes.clientDelegationsRead), schema: { querystring: AgentQuery } }, async (request) => {
    const { agent, clients } = await availableClients(ctx, firm(request), request.query.agent);
    return clientPage(agent, clients);
  });
  app.get<{ Querystring: Static<typeof AgentQuery> }>(`${endUserBase}/clients`, { ...clientDelegation(scopes.clientDelegationsRead), schema: { querystring: AgentQuery } }, async (request) => {
    const { agent, clients } = await delegatedClients(ctx, firm(request), request.query.agent);
    return clientPage(agent, clients);
  });
  app.post<{ Querystring: Static<typeof AgentClientQuery> }>(`${endUserBase}/clients`, { ...clientDelegation(scopes.clientDelegationsWrite), schema: { querystring: AgentClientQuery } }, async (request) =>
    addClient(ctx, firm(request), request.query.agent, request.query.client, endUserActor(request)),
  );
  app.delete<{ Querystring: Static<typeof AgentClientQuery> }>(`${endUserBase}/clients`, { ...clientDelegation(scopes.clientDelegationsWrite), schema: { querystring: AgentClientQuery } }, async (request) =>
    removeClient(ctx, firm(request), request.query.agent, request.query.client, endUserActor(request)),
  );
  // `party` is the firm's organisation number, and the answer a plain list (SystemUserClientDelegationController.GetAllAgentSystemUsersForParty).
  const PartyQuery = Type.Object({ party: Id });
  app.get<{ Querystring: Static<typeof PartyQuery> }>(`${endUserBase}/agents`, { ...clientDelegation(scopes.clientDelegationsRead), schema: { querystring: PartyQuery } }, async (request) => {
    const organization = /^[0-9]{9}$/.test(request.query.party) ? await findOrganization(ctx.db, request.query.party) : undefined;
    if (!organization) throw AltinnProblem.http(404, `Fant ingen part med organisasjonsnummer ${request.query.party} (party not found).`);
    return agentsOfFirm(ctx, endUserParty(request, organization.orgnr));
  });
}
