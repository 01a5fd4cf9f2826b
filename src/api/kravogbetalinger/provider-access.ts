import { scopes, type AccessChecker } from '../../auth/index.js';
import type { Authorize } from './access.js';

/**
 * The API's access hook from the provider check of src/auth (auth spec §6): the token with scope
 * `skatteetaten:kravogbetalinger` (KB-004), then the rights package's rule for the party in the
 * path (KB-005): `regnskapssystem` a system user with rights for the party, directly or by client
 * delegation; `finans` a consent from the party (Altinn 3 in the token, or the `AltinnSamtykke`
 * header). The routes log a refusal's reason with the korrelasjonsid.
 */
export function authorizeWithChecker(checker: AccessChecker): Authorize {
  return async ({ rettighetspakke, partIdentifikator, headers }) => {
    const caller = await checker.authenticate(headers.authorization, scopes.kravOgBetalinger);
    if (!caller.granted) return caller;
    const samtykke = headers.altinnsamtykke;
    const decision = await checker.authorize(caller.token, {
      rettighetspakke,
      partIdentifikator,
      altinnSamtykkeHeader: typeof samtykke === 'string' ? samtykke : undefined,
    });
    return decision.granted ? { granted: true } : decision;
  };
}
