import { endSubscriptionsUnder } from '../../kalender/index.js';
import { logChange, type AltinnActor } from './change-log.js';
import { nowDate, type AltinnContext } from './context.js';
import { clientsOfFirm, findOrganizationByPartyUuid, organizationsNamed, type Organization } from './organizations.js';
import { AltinnProblem, invalid, problem } from './problem.js';
import { accessPackages } from './resource-registry.js';
import { findSystemUser, type SystemUserDto } from './system-users.js';
import type { ErRole } from '../tables.js';
import { announcingTransaction } from '../../db/change-notifications.js';
import { accessChange } from './access-changes.js';

/**
 * Client delegation (spec §4.7): the accounting firm's client administrator gives its agent
 * system user specific clients. A client can be assigned only while the firm holds, for that
 * client, the ER role behind one of the agent's client packages.
 */
export interface ClientDto {
  clientId: string;
  clientOrganizationNumber: string;
  clientOrganizationName: string;
}

/** An agent system user and clients of its firm. */
export interface AgentClients {
  readonly agent: SystemUserDto;
  readonly clients: ClientDto[];
}

export async function availableClients(ctx: AltinnContext, firmOrgnr: string, agentId: string): Promise<AgentClients> {
  const agent = await firmAgent(ctx, firmOrgnr, agentId);
  return { agent, clients: (await clientsOfFirm(ctx.db, firmOrgnr, clientRolesOf(agent))).map(toClientDto) };
}

export async function delegatedClients(ctx: AltinnContext, firmOrgnr: string, agentId: string): Promise<AgentClients> {
  const agent = await firmAgent(ctx, firmOrgnr, agentId);
  const rows = await ctx.db
    .selectFrom('altinn_client_delegation as d')
    .innerJoin(organizationsNamed(ctx.db).as('o'), 'o.orgnr', 'd.client_orgnr')
    .where('d.system_user_id', '=', agentId)
    .select(['o.orgnr', 'o.name', 'o.party_uuid'])
    .orderBy('o.orgnr')
    .execute();
  return { agent, clients: rows.map((row) => toClientDto({ orgnr: row.orgnr, name: row.name, partyUuid: row.party_uuid })) };
}

export async function addClient(ctx: AltinnContext, firmOrgnr: string, agentId: string, clientPartyUuid: string, actor: AltinnActor): Promise<{ agent: string; client: string }> {
  const agent = await firmAgent(ctx, firmOrgnr, agentId);
  const client = await findOrganizationByPartyUuid(ctx.db, clientPartyUuid);
  if (!client) throw problem('AUTH-00079', `Klienten ${clientPartyUuid} finnes ikke (unknown client party).`);
  const available = await clientsOfFirm(ctx.db, firmOrgnr, clientRolesOf(agent));
  if (!available.some((org) => org.orgnr === client.orgnr)) {
    throw problem('AUTH-00068', `${firmOrgnr} har ikke en ER-rolle for ${client.orgnr} som gir systembrukerens klientpakker (has not access by a delegation of role in ER or Altinn).`);
  }
  const now = nowDate(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const added = await trx
      .insertInto('altinn_client_delegation')
      .values({ system_user_id: agentId, client_orgnr: client.orgnr, created_at: now })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(added.numInsertedOrUpdatedRows ?? 0) === 1) await logChange(trx, { at: now, party: firmOrgnr, action: 'client.added', objectId: agentId, actor });
  });
  return { agent: agentId, client: clientPartyUuid };
}

export async function removeClient(ctx: AltinnContext, firmOrgnr: string, agentId: string, clientPartyUuid: string, actor: AltinnActor): Promise<{ agent: string; client: string }> {
  await firmAgent(ctx, firmOrgnr, agentId);
  const client = await findOrganizationByPartyUuid(ctx.db, clientPartyUuid);
  const removed = await announcingTransaction(ctx.db, async (trx, announce) => {
    if (!client) return false;
    announce([accessChange.systemUser(agentId)]);
    const deleted = await trx.deleteFrom('altinn_client_delegation').where('system_user_id', '=', agentId).where('client_orgnr', '=', client.orgnr).executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) return false;
    const now = nowDate(ctx);
    // The agent's calendar subscriptions for this client end with the delegation (decision 0089).
    await endSubscriptionsUnder(trx, {
      tilgang: { kind: 'systembruker', id: agentId },
      partId: client.orgnr,
      endedMs: now.getTime(),
      endedBy: 'Avsluttet fordi klientdelegeringen det ble laget med, ble fjernet',
    });
    await logChange(trx, { at: now, party: firmOrgnr, action: 'client.removed', objectId: agentId, actor });
    return true;
  });
  if (!removed) throw problem('AUTH-00038', `Klienten ${clientPartyUuid} er ikke delegert til ${agentId} (no such delegation).`);
  return { agent: agentId, client: clientPartyUuid };
}

export async function agentsOfFirm(ctx: AltinnContext, firmOrgnr: string): Promise<SystemUserDto[]> {
  const rows = await ctx.db
    .selectFrom('altinn_system_user')
    .where('owner_orgnr', '=', firmOrgnr)
    .where('user_type', '=', 'agent')
    .where('is_deleted', '=', false)
    .select('id')
    .orderBy('created_at')
    .execute();
  return Promise.all(rows.map(async (row) => (await findSystemUser(ctx.db, row.id))!));
}

async function firmAgent(ctx: AltinnContext, firmOrgnr: string, agentId: string): Promise<SystemUserDto> {
  const agent = await findSystemUser(ctx.db, agentId);
  if (!agent || agent.isDeleted) throw invalid('AUTH.VLD-00014', '/$QUERY/agent', `Klientsystembrukeren ${agentId} finnes ikke (unknown agent system user).`);
  if (agent.userType !== 'agent') throw invalid('AUTH.VLD-00015', '/$QUERY/agent', `Systembrukeren ${agentId} er ikke en klientsystembruker (not an agent system user).`);
  // Altinn asks its decision point whether the caller may administer the owner's clients, and answers Forbid().
  if (agent.reporteeOrgNo !== firmOrgnr) throw AltinnProblem.http(403, `Klientsystembrukeren ${agentId} tilhører ${agent.reporteeOrgNo}, ikke ${firmOrgnr}.`);
  return agent;
}

function clientRolesOf(agent: SystemUserDto): ErRole[] {
  return [...new Set(agent.accessPackages.map((pkg) => accessPackages[pkg.urn]?.clientRole).filter((role): role is ErRole => role !== undefined))];
}

function toClientDto(org: Organization): ClientDto {
  return { clientId: org.partyUuid, clientOrganizationNumber: org.orgnr, clientOrganizationName: org.name };
}

