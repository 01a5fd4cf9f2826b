import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import { callerOf, requireScope } from '../http.js';
import { scopes } from '../identifiers.js';
import type { AuthServices } from '../services.js';
import { problem } from './problem.js';
import { AccessPackagesBody, RightsBody, SystemBody, SystemId } from './schemas.js';
import { deleteSystem, findSystem, listSystems, registerSystem, replaceSystem, replaceSystemAccessPackages, replaceSystemRights, type SystemDto, type VendorCaller } from './system-register.js';

type SystemParams = { systemId: Static<typeof SystemId> };
const systemParams = { type: 'object', properties: { systemId: SystemId }, required: ['systemId'] } as const;

export function vendorCaller(request: FastifyRequest): VendorCaller {
  const caller = callerOf(request);
  return { orgnr: caller.consumerOrgnr, admin: caller.scopes.includes(scopes.systemRegisterAdmin) };
}

function systemInput(body: Static<typeof SystemBody>): SystemDto {
  return {
    id: body.id,
    vendor: body.vendor,
    name: body.name,
    description: body.description,
    rights: body.rights ?? [],
    accessPackages: body.accessPackages ?? [],
    clientId: body.clientId,
    allowedRedirectUrls: body.allowedRedirectUrls ?? [],
    isVisible: body.isVisible ?? false,
  };
}

/** Altinn's answer to a change of the register (`SystemRegisterUpdateResult`, SystemRegisterController). */
const updated = { succeeded: true } as const;

/** `/authentication/api/v1/systemregister` (spec §4.3). */
export function systemRegisterRoutes(app: FastifyInstance, services: AuthServices): void {
  const base = '/authentication/api/v1/systemregister';
  const vendor = { preHandler: requireScope(services.altinnVerifier, [scopes.systemRegisterWrite, scopes.systemRegisterAdmin]) };
  const { db, clock } = services;

  app.post<{ Body: Static<typeof SystemBody> }>(`${base}/vendor`, { ...vendor, schema: { body: SystemBody } }, async (request, reply) => {
    const internalId = await registerSystem(db, clock, vendorCaller(request), systemInput(request.body));
    return reply.type('application/json').send(JSON.stringify(internalId));
  });
  app.get(`${base}/vendor`, vendor, async (request) => listSystems(db, vendorCaller(request).orgnr));
  app.get<{ Params: SystemParams }>(`${base}/vendor/:systemId`, { ...vendor, schema: { params: systemParams } }, async (request) => {
    const system = await findSystem(db, request.params.systemId);
    const caller = vendorCaller(request);
    if (!system || (!caller.admin && system.vendor.ID !== `0192:${caller.orgnr}`)) throw problem('AUTH-00011', `Systemet "${request.params.systemId}" finnes ikke blant dine systemer.`);
    return system;
  });
  app.put<{ Params: SystemParams; Body: Static<typeof SystemBody> }>(`${base}/vendor/:systemId`, { ...vendor, schema: { params: systemParams, body: SystemBody } }, async (request) => {
    await replaceSystem(db, clock, vendorCaller(request), request.params.systemId, systemInput(request.body));
    return updated;
  });
  app.put<{ Params: SystemParams; Body: Static<typeof RightsBody> }>(`${base}/vendor/:systemId/rights`, { ...vendor, schema: { params: systemParams, body: RightsBody } }, async (request) => {
    await replaceSystemRights(db, clock, vendorCaller(request), request.params.systemId, request.body);
    return updated;
  });
  app.put<{ Params: SystemParams; Body: Static<typeof AccessPackagesBody> }>(
    `${base}/vendor/:systemId/accesspackages`,
    { ...vendor, schema: { params: systemParams, body: AccessPackagesBody } },
    async (request) => {
      await replaceSystemAccessPackages(db, clock, vendorCaller(request), request.params.systemId, request.body);
      return updated;
    },
  );
  app.delete<{ Params: SystemParams }>(`${base}/vendor/:systemId`, { ...vendor, schema: { params: systemParams } }, async (request) => {
    await deleteSystem(db, clock, vendorCaller(request), request.params.systemId);
    return updated;
  });

  // Portal reads: the register is public in Altinn (what a business may choose from).
  app.get(`${base}`, async () => (await listSystems(db)).filter((system) => system.isVisible).map(publicView));
  app.get<{ Params: SystemParams }>(`${base}/:systemId`, { schema: { params: systemParams } }, async (request) => publicView(await publicSystem(services, request.params.systemId)));
  app.get<{ Params: SystemParams }>(`${base}/:systemId/rights`, { schema: { params: systemParams } }, async (request) => (await publicSystem(services, request.params.systemId)).rights);
  app.get<{ Params: SystemParams }>(`${base}/:systemId/accesspackages`, { schema: { params: systemParams } }, async (request) => (await publicSystem(services, request.params.systemId)).accessPackages);
}

async function publicSystem(services: AuthServices, systemId: string): Promise<SystemDto> {
  const system = await findSystem(services.db, systemId);
  if (!system) throw problem('AUTH-00011', `Systemet "${systemId}" finnes ikke.`);
  return system;
}

/** What the portal shows: never the client ids. */
function publicView(system: SystemDto) {
  const { clientId: _clientIds, ...rest } = system;
  return rest;
}
