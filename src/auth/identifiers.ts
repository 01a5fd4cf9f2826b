import { isValidOrganisasjonsnummer } from '../domain/organisasjonsnummer.js';

/**
 * Names that Maskinporten, Altinn and Skatteetaten publish, spelled exactly as they do, and the
 * small parsers for their identifier formats (ISO 6523 `0192:<orgnr>`, Altinn party URNs).
 */
export const grantTypeJwtBearer = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
export const iso6523Authority = 'iso6523-actorid-upis';
export const systemUserDetailsType = 'urn:altinn:systemuser';
export const consentDetailsType = 'urn:altinn:consent';
export const organizationUrnPrefix = 'urn:altinn:organization:identifier-no:';
export const personUrnPrefix = 'urn:altinn:person:identifier-no:';

export const scopes = Object.freeze({
  kravOgBetalinger: 'skatteetaten:kravogbetalinger',
  kalender: 'skatteetaten:kalender',
  frister: 'skatteetaten:frister',
  systemRegisterWrite: 'altinn:authentication/systemregister.write',
  systemRegisterAdmin: 'altinn:authentication/systemregister.admin',
  requestWrite: 'altinn:authentication/systemuser.request.write',
  requestRead: 'altinn:authentication/systemuser.request.read',
  maskinportenSystemUserRead: 'altinn:maskinporten/systemuser.read',
  clientDelegationsRead: 'altinn:clientdelegations.read',
  clientDelegationsWrite: 'altinn:clientdelegations.write',
  portalEndUser: 'altinn:portal/enduser',
  authorize: 'altinn:authorization/authorize',
  consentRequestsRead: 'altinn:consentrequests.read',
  consentRequestsWrite: 'altinn:consentrequests.write',
  consentTokens: 'altinn:consenttokens',
  /** Which parties the caller (a person, or a system user) may act for. */
  authorizedParties: 'altinn:accessmanagement/authorizedparties',
  /** Digdir's self-service scope: a client may register further clients for its own org. */
  clientRegistration: 'idporten:dcr.write',
  /** The sandbox's test-support API (`/api/testdata/v1`, decision 0176): make businesses, claims, payments, bank files. */
  testdata: 'kob:testdata',
});

/**
 * Scopes that administer Altinn or Maskinporten for everyone (any vendor's systems, any system
 * user, any decision, more clients): only the operator grants them, with `kob clients create`.
 */
export const operatorOnlyScopes: readonly string[] = Object.freeze([
  scopes.systemRegisterAdmin,
  scopes.maskinportenSystemUserRead,
  scopes.authorize,
  scopes.clientRegistration,
]);

/** The scopes a client may be registered for (MP-200 is answered against the client's own list). */
export const knownScopes: readonly string[] = Object.freeze(Object.values(scopes));

export interface Iso6523Id {
  readonly authority: string;
  readonly ID: string;
}

export function iso6523(orgnr: string): Iso6523Id {
  return { authority: iso6523Authority, ID: `0192:${orgnr}` };
}

/** `0192:313367002` → `313367002`; anything else → undefined. */
export function orgnrFromIso6523Id(id: unknown): string | undefined {
  if (typeof id !== 'string') return undefined;
  const match = /^0192:(\d{9})$/.exec(id);
  return match && isValidOrganisasjonsnummer(match[1]!) ? match[1] : undefined;
}

/** `urn:altinn:organization:identifier-no:313367002` → `313367002` (persons: 11 digits). */
export function partyFromUrn(urn: unknown): string | undefined {
  if (typeof urn !== 'string') return undefined;
  if (urn.startsWith(organizationUrnPrefix)) {
    const orgnr = urn.slice(organizationUrnPrefix.length);
    return isValidOrganisasjonsnummer(orgnr) ? orgnr : undefined;
  }
  if (urn.startsWith(personUrnPrefix)) {
    const fnr = urn.slice(personUrnPrefix.length);
    return /^\d{11}$/.test(fnr) ? fnr : undefined;
  }
  return undefined;
}

export function partyUrn(party: string): string {
  return (party.length === 9 ? organizationUrnPrefix : personUrnPrefix) + party;
}

/** Our Maskinporten issuer: like `https://test.maskinporten.no/`, with the trailing slash. */
export function maskinportenIssuer(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/maskinporten/`;
}

/**
 * The issuer of the Altinn tokens `exchange/maskinporten` gives, like Altinn's
 * `https://platform.tt02.altinn.no/authentication/api/v1/openid/`.
 */
export function altinnPlatformIssuer(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/altinn/authentication/api/v1/openid/`;
}

/** The issuer of Altinn 2 consent tokens, as Altinn writes it. */
export const altinnConsentIssuer = 'altinn.no';
