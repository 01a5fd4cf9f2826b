import type { AccessPackageRef, Right } from '../tables.js';
import { invalid } from './problem.js';
import { accessPackages, resources } from './resource-registry.js';

/**
 * Checks shared by the system register, requests and change requests: a right names one known,
 * delegable resource as `urn:altinn:resource`; a package is known; no duplicates.
 */
export function resourceIdOf(right: Right): string | undefined {
  const [first] = right.resource;
  return right.resource.length === 1 && first?.id === 'urn:altinn:resource' ? first.value : undefined;
}

/** `path` is where the list is in the body (`/rights`, `/requiredRights`, or `` for a bare list), for the error's JSON Pointer. */
export function validateRights(rights: readonly Right[], path: string): void {
  const seen = new Set<string>();
  for (const [index, right] of rights.entries()) {
    const at = `${path}/${index}/resource`;
    if (right.resource.length !== 1 || right.resource[0]?.id !== 'urn:altinn:resource') {
      throw invalid('AUTH.VLD-00009', at, 'Hver rettighet må ha nøyaktig én ressurs med id "urn:altinn:resource" (each right names one resource with id "urn:altinn:resource").');
    }
    const resourceId = right.resource[0].value;
    const definition = resources[resourceId];
    if (!definition || !definition.delegableAsSingleRight) {
      throw invalid('AUTH.VLD-00003', at, `Ressursen "${resourceId}" finnes ikke eller kan ikke delegeres til en systembruker (resource not found or not delegable to system users; known: ${delegableResources().join(', ')}).`);
    }
    if (seen.has(resourceId)) throw invalid('AUTH.VLD-00006', at, `Rettigheten "${resourceId}" er oppgitt to ganger (duplicate right).`);
    seen.add(resourceId);
  }
}

export function validateAccessPackages(packages: readonly AccessPackageRef[], path: string): void {
  const seen = new Set<string>();
  for (const [index, { urn }] of packages.entries()) {
    const at = `${path}/${index}/urn`;
    if (!accessPackages[urn]) {
      throw invalid('AUTH.VLD-00008', at, `Tilgangspakken "${urn}" finnes ikke eller kan ikke delegeres (package not found; known: ${Object.keys(accessPackages).join(', ')}).`);
    }
    if (seen.has(urn)) throw invalid('AUTH.VLD-00007', at, `Tilgangspakken "${urn}" er oppgitt to ganger (duplicate package).`);
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
