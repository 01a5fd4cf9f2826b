import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../domain/clock.js';
import { orgnrFromIso6523Id } from '../identifiers.js';
import { toJson, type AccessPackageRef, type LocalizedText, type Right } from '../tables.js';
import { AltinnProblem, invalid, problem } from './problem.js';
import { isClientPackage } from './resource-registry.js';
import { validateAccessPackages, validateRights } from './rights.js';
import { announcingTransaction } from '../../db/change-notifications.js';
import { accessChange } from './access-changes.js';

/** The body of `POST /systemregister/vendor` and of the reads (spec §4.3). */
export interface SystemDto {
  id: string;
  vendor: { ID: string };
  name: LocalizedText;
  description: LocalizedText;
  rights: Right[];
  accessPackages: AccessPackageRef[];
  clientId: string[];
  allowedRedirectUrls: string[];
  isVisible: boolean;
  isDeleted?: boolean;
}

/** Who calls: the vendor org from the token's `consumer`, and whether it holds the admin scope. */
export interface VendorCaller {
  readonly orgnr: string;
  readonly admin: boolean;
}

export async function registerSystem(db: Kysely<Database>, clock: Clock, caller: VendorCaller, input: SystemDto): Promise<string> {
  const vendorOrgnr = validateSystem(caller, input);
  const internalId = randomUUID();
  const now = new Date(clock.nowEpochMs());
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('altinn_system').where('system_id', '=', input.id).select('system_id').executeTakeFirst();
    if (existing) throw invalid('AUTH.VLD-00002', '/id', `Systemet "${input.id}" finnes allerede (system id already exists).`);
    await trx
      .insertInto('altinn_system')
      .values({
        system_id: input.id,
        internal_id: internalId,
        vendor_orgnr: vendorOrgnr,
        name: toJson(input.name),
        description: toJson(input.description),
        rights: toJson(input.rights),
        access_packages: toJson(input.accessPackages),
        allowed_redirect_urls: toJson(input.allowedRedirectUrls),
        is_visible: input.isVisible,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await setClientIds(trx, input.id, input.clientId);
  });
  return internalId;
}

export async function replaceSystem(db: Kysely<Database>, clock: Clock, caller: VendorCaller, systemId: string, input: SystemDto): Promise<void> {
  if (input.id !== systemId) throw invalid('AUTH.VLD-00012', '/id', `id i body (${input.id}) er ikke lik id i URL (${systemId}) (id in body differs from id in URL).`);
  validateSystem(caller, input);
  await announcingTransaction(db, async (trx, announce) => {
    announce([accessChange.system(systemId)]);
    await ownSystem(trx, caller, systemId);
    await trx
      .updateTable('altinn_system')
      .set({
        name: toJson(input.name),
        description: toJson(input.description),
        rights: toJson(input.rights),
        access_packages: toJson(input.accessPackages),
        allowed_redirect_urls: toJson(input.allowedRedirectUrls),
        is_visible: input.isVisible,
        updated_at: new Date(clock.nowEpochMs()),
      })
      .where('system_id', '=', systemId)
      .execute();
    await setClientIds(trx, systemId, input.clientId);
  });
}

export async function replaceSystemRights(db: Kysely<Database>, clock: Clock, caller: VendorCaller, systemId: string, rights: Right[]): Promise<void> {
  validateRights(rights, '');
  const system = await ownSystem(db, caller, systemId);
  await db.updateTable('altinn_system').set({ rights: toJson(rights), updated_at: new Date(clock.nowEpochMs()) }).where('system_id', '=', system.id).execute();
}

export async function replaceSystemAccessPackages(db: Kysely<Database>, clock: Clock, caller: VendorCaller, systemId: string, packages: AccessPackageRef[]): Promise<void> {
  validateAccessPackages(packages, '');
  const system = await ownSystem(db, caller, systemId);
  checkVisibleWithClientPackages(system.isVisible, packages, '');
  await db.updateTable('altinn_system').set({ access_packages: toJson(packages), updated_at: new Date(clock.nowEpochMs()) }).where('system_id', '=', system.id).execute();
}

/** Soft delete: the system disappears from lists and its clients can no longer get system-user tokens. */
export async function deleteSystem(db: Kysely<Database>, clock: Clock, caller: VendorCaller, systemId: string): Promise<void> {
  await ownSystem(db, caller, systemId);
  await announcingTransaction(db, async (trx, announce) => {
    announce([accessChange.system(systemId)]);
    await trx.updateTable('altinn_system').set({ is_deleted: true, updated_at: new Date(clock.nowEpochMs()) }).where('system_id', '=', systemId).execute();
    await trx.deleteFrom('altinn_system_client').where('system_id', '=', systemId).execute();
  });
}

export async function findSystem(db: Kysely<Database>, systemId: string): Promise<SystemDto | undefined> {
  const row = await db.selectFrom('altinn_system').where('system_id', '=', systemId).where('is_deleted', '=', false).selectAll().executeTakeFirst();
  if (!row) return undefined;
  const clients = await db.selectFrom('altinn_system_client').where('system_id', '=', systemId).select('client_id').orderBy('client_id').execute();
  return {
    id: row.system_id,
    vendor: { ID: `0192:${row.vendor_orgnr}` },
    name: row.name,
    description: row.description,
    rights: row.rights,
    accessPackages: row.access_packages,
    clientId: clients.map((client) => client.client_id),
    allowedRedirectUrls: row.allowed_redirect_urls,
    isVisible: row.is_visible,
    isDeleted: row.is_deleted,
  };
}

/** All systems (portal list), or the vendor's own. */
export async function listSystems(db: Kysely<Database>, vendorOrgnr?: string): Promise<SystemDto[]> {
  let query = db.selectFrom('altinn_system').where('is_deleted', '=', false).select('system_id').orderBy('system_id');
  if (vendorOrgnr !== undefined) query = query.where('vendor_orgnr', '=', vendorOrgnr);
  const ids = await query.execute();
  const systems = await Promise.all(ids.map((row) => findSystem(db, row.system_id)));
  return systems.filter((system): system is SystemDto => system !== undefined);
}

/** The caller's system, or 404 (unknown) / 403 (another vendor's, unless admin; Altinn's `Forbid()`). */
export async function ownSystem(db: Kysely<Database>, caller: VendorCaller, systemId: string): Promise<SystemDto> {
  const system = await findSystem(db, systemId);
  if (!system) throw problem('AUTH-00011', `Systemet "${systemId}" finnes ikke i systemregisteret (unknown system id).`);
  if (!caller.admin && system.vendor.ID !== `0192:${caller.orgnr}`) {
    throw AltinnProblem.http(403, `Systemet "${systemId}" tilhører ${system.vendor.ID}, ikke tokenets consumer 0192:${caller.orgnr} (the system belongs to another vendor).`);
  }
  return system;
}

/**
 * Whether a request or change request may name `redirectUrl` (Altinn's
 * `AuthenticationHelper.ValidateRedirectUrl`, decision 0158): the system must list redirect URLs
 * (AUTH-00026 otherwise), and one of them must have the same scheme, host, port and path. The
 * query and fragment may differ, so a vendor can carry its own reference back. None given: nothing
 * to check.
 */
export function checkRedirectUrl(system: Pick<SystemDto, 'id' | 'allowedRedirectUrls'>, redirectUrl: string | undefined): void {
  if (!redirectUrl) return;
  if (system.allowedRedirectUrls.length === 0) {
    throw problem('AUTH-00026', `Systemet ${system.id} har ingen redirect-URL-er (allowedRedirectUrls); registrer den i systemregisteret først (no redirect URLs on the system).`);
  }
  const wanted = upToPath(redirectUrl);
  if (wanted === undefined || !system.allowedRedirectUrls.some((allowed) => upToPath(allowed) === wanted)) {
    throw problem('AUTH-00021', `redirectUrl ${redirectUrl} har ikke samme adresse og sti som noen av systemets (${system.allowedRedirectUrls.join(', ')}) (redirect URL not registered on the system).`);
  }
}

/** Scheme, host, port (when not the default) and path: .NET's `Uri.GetLeftPart(UriPartial.Path)`. */
function upToPath(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}

function validateSystem(caller: VendorCaller, input: SystemDto): string {
  const vendorOrgnr = orgnrFromIso6523Id(input.vendor.ID);
  if (!vendorOrgnr) throw invalid('AUTH.VLD-00000', '/vendor/ID', `vendor.ID må være "0192:<orgnr>", fikk "${input.vendor.ID}" (vendor id must be ISO 6523 0192:<orgnr>).`);
  if (!caller.admin && vendorOrgnr !== caller.orgnr) {
    throw AltinnProblem.http(403, `vendor.ID ${input.vendor.ID} er ikke tokenets consumer 0192:${caller.orgnr} (a vendor registers only its own systems).`);
  }
  if (/\s/.test(input.id)) throw invalid('AUTH.VLD-00013', '/id', 'System-id kan ikke inneholde mellomrom (system id contains spaces).');
  if (!new RegExp(`^${vendorOrgnr}_[a-z0-9_]+$`).test(input.id)) {
    throw invalid('AUTH.VLD-00001', '/id', `System-id må være "${vendorOrgnr}_<navn>" med a–z, 0–9 og _ (system id must be <vendor orgnr>_<name>).`);
  }
  validateRights(input.rights, '/rights');
  validateAccessPackages(input.accessPackages, '/accessPackages');
  checkVisibleWithClientPackages(input.isVisible, input.accessPackages, '/accessPackages');
  if (new Set(input.clientId).size !== input.clientId.length) throw invalid('AUTH.VLD-00011', '/clientId', 'clientId inneholder duplikater (duplicate client ids).');
  for (const [index, url] of input.allowedRedirectUrls.entries()) {
    if (!/^https:\/\/[^\s/]+/.test(url)) throw invalid('AUTH.VLD-00005', `/allowedRedirectUrls/${index}`, `Redirect-URL må starte med https:// (redirect URL must be https): ${url}`);
  }
  return vendorOrgnr;
}

function checkVisibleWithClientPackages(isVisible: boolean, packages: readonly AccessPackageRef[], path: string): void {
  if (isVisible && packages.some((pkg) => isClientPackage(pkg.urn))) {
    throw invalid('AUTH.VLD-00018', path, 'Klientpakker (regnskapsfører/revisor) kan ikke kombineres med isVisible: true (client-relationship packages need isVisible: false).');
  }
}

async function setClientIds(db: Kysely<Database>, systemId: string, clientIds: readonly string[]): Promise<void> {
  if (clientIds.length > 0) {
    const taken = await db.selectFrom('altinn_system_client').where('client_id', 'in', [...clientIds]).where('system_id', '!=', systemId).select(['client_id', 'system_id']).executeTakeFirst();
    if (taken) throw invalid('AUTH.VLD-00004', '/clientId', `Klient-id ${taken.client_id} brukes allerede av systemet ${taken.system_id} (a client id belongs to one system).`);
  }
  await db.deleteFrom('altinn_system_client').where('system_id', '=', systemId).execute();
  if (clientIds.length > 0) await db.insertInto('altinn_system_client').values(clientIds.map((clientId) => ({ client_id: clientId, system_id: systemId }))).execute();
}

