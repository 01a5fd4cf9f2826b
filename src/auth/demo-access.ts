import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { JWK } from 'jose';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { Clock } from '../domain/clock.js';
import { answerConsentRequest, createConsentRequest } from './altinn/consents.js';
import type { AltinnActor } from './altinn/change-log.js';
import type { AltinnContext } from './altinn/context.js';
import { addClient } from './altinn/client-delegation.js';
import { registerErRole, registerOrganization, partyUuidFor } from './altinn/organizations.js';
import { answerRequest, createRequest } from './altinn/requests.js';
import { accessPackage, kravOgBetalingerConsentResource, kravOgBetalingerResource } from './altinn/resource-registry.js';
import { right } from './altinn/rights.js';
import { findSystem, registerSystem } from './altinn/system-register.js';
import { partyUrn, scopes } from './identifiers.js';
import { generateClientKey, registerClient } from './maskinporten/clients.js';

/**
 * The access half of the demo dataset (ARCHITECTURE.md, "Demo dataset"): a demo accounting-system
 * vendor and a demo bank with Maskinporten clients, the vendor's system, approved system users for
 * the published test businesses except 310478717 (pending request), an accounting firm's agent
 * system user with client delegations, the bank's consents (from businesses, and from the persons
 * the caller names), and the two credential files under
 * `<dataDir>/demo/`. Organisation numbers, system id and consent ids are fixed; keys and client
 * ids are made per seed and persist in the database and the files.
 */
export const demoOrganizations = Object.freeze({
  vendor: { orgnr: '315600014', name: 'Demo Regnskapssystem AS' },
  bank: { orgnr: '315600022', name: 'Demo Bank ASA' },
  accountingFirm: { orgnr: '315600030', name: 'Demo Regnskapsbyrå AS' },
});
/** The published test businesses (API spec §12); all but the last get an approved system user. */
export const publishedTestBusinesses: readonly string[] = Object.freeze(['313367002', '311851381', '314961900', '314055403', '212201782']);
export const pendingTestBusiness = '310478717';
/** The firm is regnskapsfører for these; the first two are delegated to its agent system user. */
export const accountingFirmClients: readonly string[] = Object.freeze(['313367002', '314961900', '314055403']);
export const delegatedClients: readonly string[] = Object.freeze(['313367002', '314961900']);
export const consentingBusinesses: readonly string[] = Object.freeze(['313367002', '311851381']);
export const demoSystemId = `${demoOrganizations.vendor.orgnr}_demoregnskap`;
export const vendorScopes: readonly string[] = Object.freeze([scopes.kravOgBetalinger, scopes.kalender, scopes.frister, scopes.testdata]);
export const bankScopes: readonly string[] = Object.freeze([scopes.kravOgBetalinger, scopes.consentRequestsRead, scopes.consentRequestsWrite, scopes.consentTokens, scopes.testdata]);
export const demoConsentValidityDays = 365;
/** The demo's access was given by the seed, as the change log says. */
const seedActor: AltinnActor = { kind: 'seed' };

export interface DemoClientFile {
  client_id: string;
  kid: string;
  org: string;
  scopes: string[];
  jwk: JWK;
}

export interface DemoBankFile extends DemoClientFile {
  consents: { id: string; from: string }[];
}

export interface DemoAccess {
  readonly regnskapssystem: DemoClientFile;
  readonly finans: DemoBankFile;
  readonly files: { readonly regnskapssystem: string; readonly finans: string };
}

export interface SeedDemoAccessOptions {
  readonly dataDir: string;
  readonly publicUrl: string;
  readonly clock: Clock;
  /** Persons (fødselsnumre) who also consent to the bank reading their own claims: banks serve sole proprietors as persons too. */
  readonly consentingPersons?: readonly string[];
}

/** Seeds the demo access data once; on a database that has it already, returns the files' content. */
export async function seedDemoAccess(db: Kysely<Database>, options: SeedDemoAccessOptions): Promise<DemoAccess> {
  const files = {
    regnskapssystem: path.join(options.dataDir, 'demo', 'regnskapssystem.json'),
    finans: path.join(options.dataDir, 'demo', 'finans.json'),
  };
  if (await findSystem(db, demoSystemId)) {
    return {
      regnskapssystem: JSON.parse(await fs.readFile(files.regnskapssystem, 'utf8')) as DemoClientFile,
      finans: JSON.parse(await fs.readFile(files.finans, 'utf8')) as DemoBankFile,
      files,
    };
  }
  const ctx: AltinnContext = { db, clock: options.clock, publicUrl: options.publicUrl };
  const { vendor, bank, accountingFirm } = demoOrganizations;
  for (const org of Object.values(demoOrganizations)) await registerOrganization(db, org.orgnr, org.name);
  for (const orgnr of [...publishedTestBusinesses, pendingTestBusiness]) await registerOrganization(db, orgnr, `Testvirksomhet ${orgnr}`);
  for (const client of accountingFirmClients) await registerErRole(db, client, 'regnskapsforer', accountingFirm.orgnr);

  const vendorClient = await newClient(db, options.clock, vendor.orgnr, 'Demo Regnskapssystem', vendorScopes);
  const vendorCaller = { orgnr: vendor.orgnr, admin: false };
  await registerSystem(db, options.clock, vendorCaller, {
    id: demoSystemId,
    vendor: { ID: `0192:${vendor.orgnr}` },
    name: { nb: 'Demo Regnskap', nn: 'Demo Rekneskap', en: 'Demo Accounting' },
    description: { nb: 'Demosystem for Krav og betalinger', nn: 'Demosystem for Krav og betalingar', en: 'Demo system for Krav og betalinger' },
    rights: [right(kravOgBetalingerResource)],
    accessPackages: [{ urn: accessPackage.regnskapsforerMedSignering }],
    clientId: [vendorClient.file.client_id],
    allowedRedirectUrls: ['https://demo-regnskap.example/kvittering'],
    // Client packages cannot be combined with a visible system (AUTH.VLD-00018).
    isVisible: false,
  });
  for (const orgnr of [...publishedTestBusinesses, pendingTestBusiness]) await requestDemoSystemUser(ctx, orgnr, orgnr !== pendingTestBusiness);
  const { request: agentRequest } = await createRequest(ctx, vendorCaller, 'agent', {
    systemId: demoSystemId,
    partyOrgNo: accountingFirm.orgnr,
    integrationTitle: 'Demo Regnskap – klienter',
    accessPackages: [{ urn: accessPackage.regnskapsforerMedSignering }],
  });
  const agent = await answerRequest(ctx, accountingFirm.orgnr, 'agent', agentRequest.id, true, seedActor);
  for (const client of delegatedClients) await addClient(ctx, accountingFirm.orgnr, agent.systemUserId!, partyUuidFor(client), seedActor);

  const bankClient = await newClient(db, options.clock, bank.orgnr, 'Demo Bank nettbank', bankScopes);
  const validTo = new Date(options.clock.nowEpochMs() + demoConsentValidityDays * 86_400_000).toISOString();
  const consents: DemoBankFile['consents'] = [];
  for (const party of [...consentingBusinesses, ...(options.consentingPersons ?? [])]) consents.push(await grantDemoConsent(ctx, party, demoConsentId(party), validTo));

  const regnskapssystem = vendorClient.file;
  const finans: DemoBankFile = { ...bankClient.file, consents };
  await writeCredentials(files.regnskapssystem, regnskapssystem);
  await writeCredentials(files.finans, finans);
  return { regnskapssystem, finans, files };
}

/** Whether the demo access data has been seeded into this database (by any process, any data dir). */
export async function demoAccessSeeded(db: Kysely<Database>): Promise<boolean> {
  return (await findSystem(db, demoSystemId)) !== undefined;
}

/** The demo vendor asks `orgnr` for a system user with the Krav og betalinger right; the business approves unless told not to. */
export async function requestDemoSystemUser(ctx: AltinnContext, orgnr: string, approve: boolean): Promise<void> {
  const { request } = await createRequest(ctx, { orgnr: demoOrganizations.vendor.orgnr, admin: false }, 'standard', {
    systemId: demoSystemId,
    partyOrgNo: orgnr,
    integrationTitle: 'Demo Regnskap – krav og betalinger',
    rights: [right(kravOgBetalingerResource)],
  });
  if (approve) await answerRequest(ctx, orgnr, 'standard', request.id, true, seedActor);
}

/** The demo bank asks `party` (a business or a person) for consent to read its claims and payments until `validTo`; the party accepts. */
export async function grantDemoConsent(ctx: AltinnContext, party: string, id: string, validTo: string): Promise<{ id: string; from: string }> {
  const from = partyUrn(party);
  await createConsentRequest(ctx, demoOrganizations.bank.orgnr, {
    id,
    from,
    to: partyUrn(demoOrganizations.bank.orgnr),
    validTo,
    consentRights: [{ action: ['consent'], resource: [{ type: 'urn:altinn:resource', value: kravOgBetalingerConsentResource }] }],
  });
  await answerConsentRequest(ctx, party, id, true, seedActor);
  return { id, from };
}

/** Fixed per party, so scripts and tests can name the demo consents. */
export function demoConsentId(party: string): string {
  const hex = createHash('sha256').update(`demo-consent:${party}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

async function newClient(db: Kysely<Database>, clock: Clock, org: string, name: string, clientScopes: readonly string[]): Promise<{ file: DemoClientFile }> {
  const { privateJwk, publicJwk } = await generateClientKey();
  const client = await registerClient(db, clock, { org, name, scopes: clientScopes, publicJwk });
  return { file: { client_id: client.clientId, kid: client.kid, org, scopes: [...client.scopes], jwk: privateJwk } };
}

/** Credential files hold a private key: readable by the owner only. */
export async function writeCredentials(file: string, content: unknown): Promise<void> {
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await fs.writeFile(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  await fs.chmod(file, 0o600);
}
