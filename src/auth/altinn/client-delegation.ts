import { endSubscriptionsUnder } from '../../kalender/index.js';
import { logChange, type AltinnActor } from './change-log.js';
import { nowDate, type AltinnContext } from './context.js';
import { clientsOfFirm, findOrganizationByPartyUuid, type Organization } from './organizations.js';
import { badRequest, forbidden, notFound } from './problem.js';
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

export async function availableClients(ctx: AltinnContext, firmOrgnr: string, agentId: string): Promise<ClientDto[]> {
  const agent = await firmAgent(ctx, firmOrgnr, agentId);
  return (await clientsOfFirm(ctx.db, firmOrgnr, clientRolesOf(agent))).map(toClientDto);
}

export async function delegatedClients(ctx: AltinnContext, firmOrgnr: string, agentId: string): Promise<ClientDto[]> {
  await firmAgent(ctx, firmOrgnr, agentId);
  const rows = await ctx.db
    .selectFrom('altinn_client_delegation as d')
    .innerJoin('altinn_organization as o', 'o.orgnr', 'd.client_orgnr')
    .where('d.system_user_id', '=', agentId)
    .select(['o.orgnr', 'o.name', 'o.party_uuid'])
    .orderBy('o.orgnr')
    .execute();
  return rows.map((row) => toClientDto({ orgnr: row.orgnr, name: row.name, partyUuid: row.party_uuid }));
}

export async function addClient(ctx: AltinnContext, firmOrgnr: string, agentId: string, clientPartyUuid: string, actor: AltinnActor): Promise<{ agent: string; client: string }> {
  const agent = await firmAgent(ctx, firmOrgnr, agentId);
  const client = await findOrganizationByPartyUuid(ctx.db, clientPartyUuid);
  if (!client) throw notFound('AUTH-00016', `Klienten ${clientPartyUuid} finnes ikke (unknown client party).`);
  const available = await clientsOfFirm(ctx.db, firmOrgnr, clientRolesOf(agent));
  if (!available.some((org) => org.orgnr === client.orgnr)) {
    throw badRequest('AUTH-00068', `${firmOrgnr} har ikke en ER-rolle for ${client.orgnr} som gir systembrukerens klientpakker (has not access by a delegation of role in ER or Altinn).`);
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

export async function removeClient(ctx: AltinnContext, firmOrgnr: string, agentId: string, clientPartyUuid: string, actor: AltinnActor): Promise<void> {
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
  if (!removed) throw notFound('AUTH-00016', `Klienten ${clientPartyUuid} er ikke delegert til ${agentId} (no such delegation).`);
}

export async function agentsOfFirm(ctx: AltinnContext, firmOrgnr: string): Promise<(SystemUserDto & { clientCount: number })[]> {
  const rows = await ctx.db
    .selectFrom('altinn_system_user as u')
    .leftJoin('altinn_client_delegation as d', 'd.system_user_id', 'u.id')
    .where('u.owner_orgnr', '=', firmOrgnr)
    .where('u.user_type', '=', 'agent')
    .where('u.is_deleted', '=', false)
    .groupBy('u.id')
    .select(['u.id', (eb) => eb.fn.count<number>('d.client_orgnr').as('client_count')])
    .execute();
  const agents = await Promise.all(rows.map(async (row) => ({ ...(await findSystemUser(ctx.db, row.id))!, clientCount: Number(row.client_count) })));
  return agents;
}

async function firmAgent(ctx: AltinnContext, firmOrgnr: string, agentId: string): Promise<SystemUserDto> {
  const agent = await findSystemUser(ctx.db, agentId);
  if (!agent || agent.isDeleted || agent.userType !== 'agent') throw notFound('AUTH-00010', `Klientsystembrukeren ${agentId} finnes ikke (unknown agent system user).`);
  if (agent.reporteeOrgNo !== firmOrgnr) throw forbidden('AUTH-00041', `Klientsystembrukeren ${agentId} tilhører ${agent.reporteeOrgNo}, ikke ${firmOrgnr}.`);
  return agent;
}

function clientRolesOf(agent: SystemUserDto): ErRole[] {
  return [...new Set(agent.accessPackages.map((pkg) => accessPackages[pkg.urn]?.clientRole).filter((role): role is ErRole => role !== undefined))];
}

function toClientDto(org: Organization): ClientDto {
  return { clientId: org.partyUuid, clientOrganizationNumber: org.orgnr, clientOrganizationName: org.name };
}

