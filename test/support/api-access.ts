import { randomUUID } from 'node:crypto';
import type { AuthServices } from '../../src/auth/index.js';
import { demoOrganizations, demoSystemId } from '../../src/auth/index.js';
import { answerConsentRequest, createConsentRequest } from '../../src/auth/altinn/consents.js';
import { registerOrganization } from '../../src/auth/altinn/organizations.js';
import { answerRequest, createRequest } from '../../src/auth/altinn/requests.js';
import { kravOgBetalingerConsentResource, kravOgBetalingerResource } from '../../src/auth/altinn/resource-registry.js';
import { right } from '../../src/auth/altinn/rights.js';
import { partyUrn } from '../../src/auth/identifiers.js';

/**
 * Access for a business outside the demo's list, through the same Altinn functions the /altinn
 * API calls: the demo vendor's system user (approved by the business) and the demo bank's
 * consent (accepted by the business). Needs the demo access data (`seedDemo`).
 */
export async function approveDemoSystemUser(auth: AuthServices, orgnr: string): Promise<void> {
  await registerOrganization(auth.altinn.db, orgnr, `Testvirksomhet ${orgnr}`);
  const { request } = await createRequest(auth.altinn, { orgnr: demoOrganizations.vendor.orgnr, admin: false }, 'standard', {
    systemId: demoSystemId,
    partyOrgNo: orgnr,
    rights: [right(kravOgBetalingerResource)],
  });
  await answerRequest(auth.altinn, orgnr, 'standard', request.id, true, { kind: 'seed' });
}

/** Returns the consent as a grant names it (`kob token --consent-id`). */
export async function acceptDemoConsent(auth: AuthServices, orgnr: string, validDays = 90): Promise<{ id: string; from: string }> {
  await registerOrganization(auth.altinn.db, orgnr, `Testvirksomhet ${orgnr}`);
  const id = randomUUID();
  const from = partyUrn(orgnr);
  await createConsentRequest(auth.altinn, demoOrganizations.bank.orgnr, {
    id,
    from,
    to: partyUrn(demoOrganizations.bank.orgnr),
    validTo: new Date(auth.altinn.clock.nowEpochMs() + validDays * 86_400_000).toISOString(),
    consentRights: [{ action: ['consent'], resource: [{ type: 'urn:altinn:resource', value: kravOgBetalingerConsentResource }] }],
  });
  await answerConsentRequest(auth.altinn, orgnr, id, true, { kind: 'seed' });
  return { id, from };
}
