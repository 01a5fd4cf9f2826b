import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { answerConsentRequest, createConsentRequest } from '../../src/auth/altinn/consents.js';
import { registerOrganization } from '../../src/auth/altinn/organizations.js';
import { generateClientKey, maskinportenIssuer, registerClient, scopes } from '../../src/auth/index.js';
import type { Database } from '../../src/db/database.js';
import type { Clock } from '../../src/domain/clock.js';
import { postToken, grantFor, tokenFor } from './auth.js';
import { fristerUrl, jsonRequest, kalenderRequest } from './calendar-app.js';

/**
 * A system vendor and a bank the way they meet a business in Min side's "Systemtilganger": the
 * vendor registers its Maskinporten client and its system, and sends requests, over the /altinn
 * HTTP API as a real vendor does; the bank's consent is made and accepted as the demo seed does.
 */
export const kravRight = { resource: [{ id: 'urn:altinn:resource', value: 'ske-krav-og-betalinger' }] };
const altinnBase = '/altinn/authentication/api/v1';

/** The server the vendor talks to: tokens are for its issuer (`$KOB_PUBLIC_URL/maskinporten/`). */
export interface VendorServer {
  readonly app: FastifyInstance;
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly publicUrl: string;
}

export interface TestVendor {
  readonly orgnr: string;
  readonly name: string;
  readonly systemId: string;
  readonly systemName: string;
  readonly credentials: { readonly client_id: string; readonly jwk: object };
}

export async function registerTestVendor(
  server: VendorServer,
  options: {
    readonly orgnr: string;
    readonly name: string;
    readonly system: string;
    readonly systemName: string;
    readonly isVisible: boolean;
    /** Access packages besides the single right (client packages make agent requests possible). */
    readonly accessPackages?: readonly string[];
    /** Where a person's answer may send the browser back to (https, as Altinn requires). */
    readonly allowedRedirectUrls?: readonly string[];
  },
): Promise<TestVendor> {
  const { app, db, clock } = server;
  await registerOrganization(db, options.orgnr, options.name);
  const { privateJwk, publicJwk } = await generateClientKey();
  const vendorScopes = [scopes.systemRegisterWrite, scopes.requestWrite, scopes.requestRead, scopes.kalender, scopes.kravOgBetalinger];
  const client = await registerClient(db, clock, { org: options.orgnr, name: options.name, scopes: vendorScopes, publicJwk });
  const credentials = { client_id: client.clientId, jwk: privateJwk };
  const systemId = `${options.orgnr}_${options.system}`;
  const token = await altinnToken(server, credentials);
  const registered = await app.inject({
    method: 'POST',
    url: `${altinnBase}/systemregister/vendor`,
    headers: { authorization: `Bearer ${token}` },
    payload: {
      id: systemId,
      vendor: { ID: `0192:${options.orgnr}` },
      name: { nb: options.systemName, nn: options.systemName, en: options.systemName },
      description: { nb: `${options.systemName} henter krav og frister`, nn: options.systemName, en: options.systemName },
      rights: [kravRight],
      accessPackages: (options.accessPackages ?? []).map((urn) => ({ urn })),
      clientId: [client.clientId],
      allowedRedirectUrls: options.allowedRedirectUrls ?? [],
      isVisible: options.isVisible,
    },
  });
  if (registered.statusCode !== 200) throw new Error(`system not registered: ${registered.body}`);
  return { orgnr: options.orgnr, name: options.name, systemId, systemName: options.systemName, credentials };
}

export const accessPackageUrn = Object.freeze({
  regnskapsfoerer: 'urn:altinn:accesspackage:regnskapsforer-med-signeringsrettighet',
  kravOgUtlegg: 'urn:altinn:accesspackage:krav-og-utlegg',
});

/**
 * Smart Regnskap AS and its system, which may ask for the single right, the accountant's client
 * package and "Krav, betalinger og utlegg", and send the person back to `redirectUrl` afterwards:
 * the vendor of the approval pages' tests.
 */
export function registerSmartRegnskap(server: VendorServer, redirectUrl: string): Promise<TestVendor> {
  return registerTestVendor(server, {
    orgnr: '315600057',
    name: 'Smart Regnskap AS',
    system: 'smartregnskap',
    systemName: 'Smart Regnskap',
    isVisible: false,
    accessPackages: [accessPackageUrn.regnskapsfoerer, accessPackageUrn.kravOgUtlegg],
    allowedRedirectUrls: [redirectUrl],
  });
}

/**
 * The vendor asks `partyOrgnr` for a system user (`POST …/systemuser/request/vendor`, or
 * `…/vendor/agent` with a client package for an accounting firm), naming `redirectUrl` if given;
 * returns the request id.
 */
export async function sendVendorRequest(
  server: VendorServer,
  vendor: TestVendor,
  partyOrgnr: string,
  options: { agentPackage?: string; redirectUrl?: string; externalRef?: string } = {},
): Promise<string> {
  const { agentPackage, redirectUrl } = options;
  // An agent is a system user of its own next to a standard one: another externalRef.
  const externalRef = options.externalRef ?? (agentPackage === undefined ? undefined : `${partyOrgnr}-klienter`);
  const response = await server.app.inject({
    method: 'POST',
    url: `${altinnBase}/systemuser/request/vendor${agentPackage === undefined ? '' : '/agent'}`,
    headers: { authorization: `Bearer ${await altinnToken(server, vendor.credentials)}` },
    payload: {
      systemId: vendor.systemId,
      partyOrgNo: partyOrgnr,
      integrationTitle: `${vendor.systemName} for ${partyOrgnr}`,
      ...(agentPackage === undefined ? { rights: [kravRight] } : { accessPackages: [{ urn: agentPackage }] }),
      ...(externalRef === undefined ? {} : { externalRef }),
      ...(redirectUrl === undefined ? {} : { redirectUrl }),
    },
  });
  if (response.statusCode !== 201) throw new Error(`request not created: ${response.body}`);
  return response.json<{ id: string }>().id;
}

/** The vendor's `POST /maskinporten/token` with a system-user grant for `partyOrgnr`. */
export async function systemUserTokenResponse(server: VendorServer, vendor: TestVendor, partyOrgnr: string) {
  return postToken(server.app, await grantFor(vendor.credentials, server.clock, { audience: maskinportenIssuer(server.publicUrl), scope: scopes.kalender, systemUserOrg: partyOrgnr }));
}

/** The Kalendertjeneste called with a token for `partyOrgnr`. */
export async function callCalendarApi(app: FastifyInstance, token: string, partyOrgnr: string) {
  return app.inject({ ...jsonRequest(token, kalenderRequest([partyOrgnr])), url: fristerUrl });
}

/** A bank's Altinn 3 consent request to `partyOrgnr`, not yet answered, valid for `validDays` once given. */
export async function requestedConsent(
  db: Kysely<Database>,
  clock: Clock,
  bank: { orgnr: string; name: string },
  partyOrgnr: string,
  options: { validDays?: number; redirectUrl?: string } = {},
): Promise<string> {
  await registerOrganization(db, bank.orgnr, bank.name);
  const id = randomUUID();
  await createConsentRequest(consentContext(db, clock), bank.orgnr, {
    id,
    from: `urn:altinn:organization:identifier-no:${partyOrgnr}`,
    to: `urn:altinn:organization:identifier-no:${bank.orgnr}`,
    validTo: new Date(clock.nowEpochMs() + (options.validDays ?? 90) * 86_400_000).toISOString(),
    consentRights: [{ action: ['consent'], resource: [{ type: 'urn:altinn:resource', value: 'ske-samtykke-krav-og-betalinger' }] }],
    redirectUrl: options.redirectUrl,
  });
  return id;
}

/** A bank's accepted Altinn 3 consent from `partyOrgnr`, valid for `validDays`. */
export async function acceptedConsent(db: Kysely<Database>, clock: Clock, bank: { orgnr: string; name: string }, partyOrgnr: string, validDays = 90): Promise<string> {
  const id = await requestedConsent(db, clock, bank, partyOrgnr, { validDays });
  await answerConsentRequest(consentContext(db, clock), partyOrgnr, id, true, { kind: 'seed' });
  return id;
}

const consentContext = (db: Kysely<Database>, clock: Clock) => ({ db, clock, publicUrl: 'http://localhost' });

function altinnToken(server: VendorServer, credentials: TestVendor['credentials']): Promise<string> {
  return tokenFor(server.app, credentials, server.clock, {
    audience: maskinportenIssuer(server.publicUrl),
    scope: [scopes.systemRegisterWrite, scopes.requestWrite, scopes.requestRead].join(' '),
  });
}
