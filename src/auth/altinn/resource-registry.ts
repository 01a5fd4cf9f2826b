import type { ErRole } from '../tables.js';

/**
 * What Altinn's resource registry holds for the resources of this service, as data (spec §5.3:
 * "keep it as data"). Which access packages unlock `ske-krav-og-betalinger` is not published;
 * decision 0019 records the choice: the single right, the "Krav, betalinger og utlegg" package
 * for standard system users, and the accountant and auditor client packages for agent ones.
 */
export interface ResourceDefinition {
  /** The resource's title in Altinn's resource registry (bokmål), as the portal shows it. */
  readonly title: string;
  readonly actions: readonly string[];
  /** May be delegated to a system user as a single right (enkeltrettighet). */
  readonly delegableAsSingleRight: boolean;
  /** Access packages whose policy links them to this resource (for every action above). */
  readonly accessPackages: readonly string[];
  /** A consent resource: granted by consent requests, never to system users. */
  readonly consentResource: boolean;
}

export const kravOgBetalingerResource = 'ske-krav-og-betalinger';
export const kravOgBetalingerConsentResource = 'ske-samtykke-krav-og-betalinger';
/** Altinn 2 consent service for rettighetspakke `finans` (ServiceCode_ServiceEditionCode). */
export const kravOgBetalingerAltinn2Service = '5928_202301';
/** The historic per-endpoint services, still recognised in consent requests. */
export const altinn2Services: readonly string[] = Object.freeze(['5928_202301', '5929_202301', '5930_202301', '5931_202301']);

export const accessPackage = Object.freeze({
  kravOgUtlegg: 'urn:altinn:accesspackage:krav-og-utlegg',
  regnskapsforerMedSignering: 'urn:altinn:accesspackage:regnskapsforer-med-signeringsrettighet',
  regnskapsforerUtenSignering: 'urn:altinn:accesspackage:regnskapsforer-uten-signeringsrettighet',
  ansvarligRevisor: 'urn:altinn:accesspackage:ansvarlig-revisor',
  revisormedarbeider: 'urn:altinn:accesspackage:revisormedarbeider',
});

export interface AccessPackageDefinition {
  /** The package's name in Altinn (bokmål). */
  readonly title: string;
  /** Client-relationship packages go only to agent system users, and come from this ER role. */
  readonly clientRole: ErRole | undefined;
}

export const accessPackages: Readonly<Record<string, AccessPackageDefinition>> = Object.freeze({
  [accessPackage.kravOgUtlegg]: { title: 'Krav, betalinger og utlegg', clientRole: undefined },
  [accessPackage.regnskapsforerMedSignering]: { title: 'Regnskapsfører med signeringsrettighet', clientRole: 'regnskapsforer' },
  [accessPackage.regnskapsforerUtenSignering]: { title: 'Regnskapsfører uten signeringsrettighet', clientRole: 'regnskapsforer' },
  [accessPackage.ansvarligRevisor]: { title: 'Ansvarlig revisor', clientRole: 'revisor' },
  [accessPackage.revisormedarbeider]: { title: 'Revisormedarbeider', clientRole: 'revisor' },
});

export const resources: Readonly<Record<string, ResourceDefinition>> = Object.freeze({
  [kravOgBetalingerResource]: {
    title: 'Krav og betalinger: se krav, innbetalinger og utbetalinger',
    actions: ['read'],
    delegableAsSingleRight: true,
    accessPackages: Object.values(accessPackage),
    consentResource: false,
  },
  [kravOgBetalingerConsentResource]: {
    title: 'Samtykke: banken kan se krav og betalinger',
    actions: ['consent'],
    delegableAsSingleRight: false,
    accessPackages: [],
    consentResource: true,
  },
});

export function isClientPackage(urn: string): boolean {
  return accessPackages[urn]?.clientRole !== undefined;
}

/**
 * What a right, package or consent resource is called, in words: the registry's title, or the
 * identifier itself for one the registry does not know (an Altinn 2 service code, say).
 */
export function accessTitle(id: string): string {
  if (altinn2Services.includes(id)) return `${resources[kravOgBetalingerConsentResource]!.title} (Altinn 2, tjeneste ${id})`;
  return resources[id]?.title ?? accessPackages[id]?.title ?? id;
}
