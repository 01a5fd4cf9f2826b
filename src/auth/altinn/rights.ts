import type { AccessPackageRef, Right } from '../tables.js';
import { badRequest } from './problem.js';
import { accessPackages, resources } from './resource-registry.js';

/**
 * Checks shared by the system register, requests and change requests: a right names one known,
 * delegable resource as `urn:altinn:resource`; a package is known; no duplicates.
 */
export function resourceIdOf(right: Right): string | undefined {
  const [first] = right.resource;
  return right.resource.length === 1 && first?.id === 'urn:altinn:resource' ? first.value : undefined;
}

export function validateRights(rights: readonly Right[]): void {
  const seen = new Set<string>();
  for (const right of rights) {
    if (right.resource.length !== 1 || right.resource[0]?.id !== 'urn:altinn:resource') {
      throw badRequest('AUTH.VLD-00009', 'Hver rettighet må ha nøyaktig én ressurs med id "urn:altinn:resource" (each right names one resource with id "urn:altinn:resource").');
    }
    const resourceId = right.resource[0].value;
    const definition = resources[resourceId];
    if (!definition || !definition.delegableAsSingleRight) {
      throw badRequest('AUTH.VLD-00003', `Ressursen "${resourceId}" finnes ikke eller kan ikke delegeres til en systembruker (resource not found or not delegable to system users; known: ${delegableResources().join(', ')}).`);
    }
    if (seen.has(resourceId)) throw badRequest('AUTH.VLD-00006', `Rettigheten "${resourceId}" er oppgitt to ganger (duplicate right).`);
    seen.add(resourceId);
  }
}

export function validateAccessPackages(packages: readonly AccessPackageRef[]): void {
  const seen = new Set<string>();
  for (const { urn } of packages) {
    if (!accessPackages[urn]) {
      throw badRequest('AUTH.VLD-00008', `Tilgangspakken "${urn}" finnes ikke eller kan ikke delegeres (package not found; known: ${Object.keys(accessPackages).join(', ')}).`);
    }
    if (seen.has(urn)) throw badRequest('AUTH.VLD-00007', `Tilgangspakken "${urn}" er oppgitt to ganger (duplicate package).`);
    seen.add(urn);
  }
}

function delegableResources(): string[] {
  return Object.entries(resources)
    .filter(([, definition]) => definition.delegableAsSingleRight)
    .map(([id]) => id);
}

export function sameRight(a: Right, b: Right): boolean {
  return resourceIdOf(a) === resourceIdOf(b);
}

/** Rights in `wanted` that `available` does not hold (by resource id). */
export function rightsMissingFrom(wanted: readonly Right[], available: readonly Right[]): Right[] {
  return wanted.filter((right) => !available.some((have) => sameRight(have, right)));
}

export function packagesMissingFrom(wanted: readonly AccessPackageRef[], available: readonly AccessPackageRef[]): AccessPackageRef[] {
  return wanted.filter((pkg) => !available.some((have) => have.urn === pkg.urn));
}

export function right(resourceId: string): Right {
  return { resource: [{ id: 'urn:altinn:resource', value: resourceId }] };
}
