import { isoInstant, nowDate, type AltinnContext } from './context.js';
import { effectiveStatus } from './requests.js';

/**
 * What Maskinporten asks Altinn at issuance (spec §3.6 step 7, Altinn's `byExternalId`): the
 * system user of (client id, vendor org, owner org, externalRef). When there is none, the answer
 * says which of the causes behind Maskinporten's opaque MP-303 applies (spec §9 item 1): the
 * client is on no system, the request is still waiting or was rejected, the system user was
 * deleted, the externalRef differs, or an agent's client org was put in `systemuser_org`.
 */
export type SystemUserLookup =
  | { readonly found: true; readonly systemUserId: string; readonly systemId: string; readonly userType: 'standard' | 'agent' }
  | { readonly found: false; readonly reason: string };

export interface SystemUserLookupKey {
  readonly clientId: string;
  readonly vendorOrgnr: string;
  readonly ownerOrgnr: string;
  /** Defaults to the owner org number, as in Altinn. */
  readonly externalRef: string | undefined;
}

export async function lookupSystemUser(ctx: AltinnContext, key: SystemUserLookupKey): Promise<SystemUserLookup> {
  const externalRef = key.externalRef ?? key.ownerOrgnr;
  // The common case in one query; the explanations below run only when it finds nothing.
  const match = await ctx.db
    .selectFrom('altinn_system_client as c')
    .innerJoin('altinn_system as s', 's.system_id', 'c.system_id')
    .innerJoin('altinn_system_user as u', 'u.system_id', 's.system_id')
    .where('c.client_id', '=', key.clientId)
    .where('s.is_deleted', '=', false)
    .where('s.vendor_orgnr', '=', key.vendorOrgnr)
    .where('u.owner_orgnr', '=', key.ownerOrgnr)
    .where('u.external_ref', '=', externalRef)
    .where('u.is_deleted', '=', false)
    .select(['u.id', 'u.system_id', 'u.user_type'])
    .executeTakeFirst();
  if (match) return { found: true, systemUserId: match.id, systemId: match.system_id, userType: match.user_type };
  const system = await ctx.db
    .selectFrom('altinn_system_client as c')
    .innerJoin('altinn_system as s', 's.system_id', 'c.system_id')
    .where('c.client_id', '=', key.clientId)
    .where('s.is_deleted', '=', false)
    .select(['s.system_id', 's.vendor_orgnr'])
    .executeTakeFirst();
  if (!system) {
    return notFound(`klient ${key.clientId} står ikke som clientId på noe system i systemregisteret; legg den til systemet (PUT /altinn/authentication/api/v1/systemregister/vendor/{systemId}) (client is on no system in the system register)`);
  }
  if (system.vendor_orgnr !== key.vendorOrgnr) {
    return notFound(`systemet ${system.system_id} tilhører leverandør ${system.vendor_orgnr}, men klienten ${key.clientId} eies av ${key.vendorOrgnr} (system and client belong to different organisations)`);
  }
  const users = await ctx.db
    .selectFrom('altinn_system_user')
    .where('system_id', '=', system.system_id)
    .where('owner_orgnr', '=', key.ownerOrgnr)
    .select(['id', 'external_ref', 'user_type', 'is_deleted', 'deleted_at'])
    .orderBy('created_at', 'desc')
    .execute();
  return notFound(await explainMissing(ctx, system.system_id, key, externalRef, users));
}

async function explainMissing(
  ctx: AltinnContext,
  systemId: string,
  key: SystemUserLookupKey,
  externalRef: string,
  users: readonly { external_ref: string; is_deleted: boolean; deleted_at: Date | null }[],
): Promise<string> {
  const owner = `systemuser_org 0192:${key.ownerOrgnr}`;
  const otherRefs = users.filter((user) => !user.is_deleted).map((user) => user.external_ref);
  if (otherRefs.length > 0) {
    return `${owner} har systembruker for ${systemId} med externalRef ${otherRefs.map((ref) => `"${ref}"`).join(', ')}, men grantet ba om "${externalRef}"; send riktig externalRef i authorization_details (externalRef mismatch)`;
  }
  const deleted = users.find((user) => user.is_deleted && user.external_ref === externalRef);
  if (deleted?.deleted_at) {
    return `systembrukeren ${owner} hadde for ${systemId} ble slettet av virksomheten ${isoInstant(deleted.deleted_at)}; send en ny forespørsel (the system user was revoked)`;
  }
  const request = await ctx.db
    .selectFrom('altinn_request')
    .where('system_id', '=', systemId)
    .where('party_orgnr', '=', key.ownerOrgnr)
    .where('external_ref', '=', externalRef)
    .select(['id', 'status', 'timeout_at'])
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (request) {
    const status = effectiveStatus(request, nowDate(ctx));
    if (status === 'New') return `${owner} har ingen godkjent systembruker for klient ${key.clientId}: forespørsel ${request.id} venter på godkjenning fra virksomheten (status New); vent på godkjenning og spør status med GET …/systemuser/request/vendor/${request.id} (request not approved yet)`;
    return `${owner} har ingen godkjent systembruker for klient ${key.clientId}: forespørsel ${request.id} har status ${status}; slett den og send en ny (request ${status})`;
  }
  const agent = await ctx.db
    .selectFrom('altinn_client_delegation as d')
    .innerJoin('altinn_system_user as u', 'u.id', 'd.system_user_id')
    .where('d.client_orgnr', '=', key.ownerOrgnr)
    .where('u.system_id', '=', systemId)
    .where('u.is_deleted', '=', false)
    .select('u.owner_orgnr')
    .executeTakeFirst();
  if (agent) {
    return `0192:${key.ownerOrgnr} er klient av klientsystembrukeren til ${agent.owner_orgnr}; sett systemuser_org til regnskapsførerens 0192:${agent.owner_orgnr} og bruk klientens orgnr i API-stien (put the accounting firm in systemuser_org, the client in the URL)`;
  }
  return `${owner} har ingen godkjent systembruker for klient ${key.clientId} (system ${systemId}); send en forespørsel med POST /altinn/authentication/api/v1/systemuser/request/vendor og la virksomheten godkjenne den (no system user)`;
}

function notFound(reason: string): SystemUserLookup {
  return { found: false, reason };
}
