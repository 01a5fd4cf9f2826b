import { randomUUID } from 'node:crypto';
import type { AltinnContext } from '../../src/auth/index.js';
import { grantDemoConsent, requestDemoSystemUser } from '../../src/auth/demo-access.js';
import { registerOrganization } from '../../src/auth/altinn/organizations.js';

/**
 * Access for a business outside the demo's list, given the way the demo gives it (the same Altinn
 * functions the /altinn API calls): the demo vendor's system user, approved by the business, and
 * the demo bank's consent, accepted by the business. Needs the demo access data (`seedDemo`).
 */
export async function approveDemoSystemUser(altinn: AltinnContext, orgnr: string): Promise<void> {
  await registerOrganization(altinn.db, orgnr, `Testvirksomhet ${orgnr}`);
  await requestDemoSystemUser(altinn, orgnr, true);
}

/** Returns the consent as a grant names it (`kob token --consent-id`). */
export async function acceptDemoConsent(altinn: AltinnContext, orgnr: string, validDays = 90): Promise<{ id: string; from: string }> {
  await registerOrganization(altinn.db, orgnr, `Testvirksomhet ${orgnr}`);
  return grantDemoConsent(altinn, orgnr, randomUUID(), new Date(altinn.clock.nowEpochMs() + validDays * 86_400_000).toISOString());
}
