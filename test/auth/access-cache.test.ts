import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoOrganizations, demoSystemId, type DemoAccess } from '../../src/auth/index.js';
import { authTestApp, callProtected, claimsOf, clientToken, endUserToken, grantFor, postToken, tokenFor, seedDemo, type AuthTestApp } from '../support/auth.js';
import { describeEachDatabase } from '../support/databases.js';
import { cacheLookupCount } from '../support/metrics.js';

/**
 * The access checks keep what grants (a Permit, the system user behind a grant, a consent row)
 * in memory; every write that takes access away drops it at once. Each case first shows that
 * the kept answer is used (the hit counter moves), so the refusal after the change proves the
 * invalidation and not a cold cache. Across processes: cache-two-processes.test.ts.
 */
describeEachDatabase('access caches: kept while the access holds, gone when it is taken away', ({ handle, kind }) => {
  let t: AuthTestApp;
  let demo: DemoAccess;
  beforeAll(async () => {
    t = await authTestApp(handle().db, kind);
    demo = await seedDemo(handle().db, t.clock);
  });
  afterAll(() => t.app.close());

  const hits = async (cache: string) => cacheLookupCount((await t.app.inject({ method: 'GET', url: '/metrics' })).body, cache, 'hit');
  const systemUserOf = (token: string) => (claimsOf(token).authorization_details as { systemuser_id: string[] }[])[0]!.systemuser_id[0]!;

  it('answers a repeated call from the kept decision', async () => {
    const token = await tokenFor(t.app, demo.regnskapssystem, t.clock, { systemUserOrg: '313367002' });
    expect((await callProtected(t.app, 'regnskapssystem', '313367002', token)).statusCode).toBe(200);
    const before = await hits('tilgangsbeslutning');
    expect((await callProtected(t.app, 'regnskapssystem', '313367002', token)).statusCode).toBe(200);
    expect(await hits('tilgangsbeslutning')).toBe(before + 1);
  });

  it('issues tokens from the kept system user until the business deletes it; the next grant and the next call are refused', async () => {
    const token = await tokenFor(t.app, demo.regnskapssystem, t.clock, { systemUserOrg: '314961900' });
    expect((await callProtected(t.app, 'regnskapssystem', '314961900', token)).statusCode).toBe(200);
    const before = await hits('systembruker');
    await tokenFor(t.app, demo.regnskapssystem, t.clock, { systemUserOrg: '314961900' });
    expect(await hits('systembruker')).toBe(before + 1);

    const owner = await endUserToken(t, handle().db, '314961900');
    const deleted = await t.app.inject({ method: 'DELETE', url: `/altinn/authentication/api/v1/systemuser/314961900/${systemUserOf(token)}`, headers: { authorization: `Bearer ${owner}` } });
    expect(deleted.statusCode).toBe(202);
    const grant = await postToken(t.app, await grantFor(demo.regnskapssystem, t.clock, { systemUserOrg: '314961900' }));
    expect(grant.statusCode).toBe(400);
    expect(grant.json().error_description).toContain('the system user was revoked');
    expect((await callProtected(t.app, 'regnskapssystem', '314961900', token)).json().melding).toContain('system user unknown or revoked');
  });

  it('keeps a consent until the business revokes it; the next grant and the next call are refused', async () => {
    const consent = demo.finans.consents[0]!;
    const token = await tokenFor(t.app, demo.finans, t.clock, { consent });
    expect((await callProtected(t.app, 'finans', consent.from.split(':').at(-1)!, token)).statusCode).toBe(200);
    const before = await hits('samtykke');
    expect((await callProtected(t.app, 'finans', consent.from.split(':').at(-1)!, token)).statusCode).toBe(200);
    expect(await hits('samtykke')).toBe(before + 1);

    const party = consent.from.split(':').at(-1)!;
    const owner = await endUserToken(t, handle().db, party);
    const revoked = await t.app.inject({ method: 'POST', url: `/altinn/accessmanagement/api/v1/enduser/consents/${consent.id}/revoke`, headers: { authorization: `Bearer ${owner}` } });
    expect(revoked.json().consentRequestEvents.at(-1)).toMatchObject({ eventType: 'Revoked' });
    const grant = await postToken(t.app, await grantFor(demo.finans, t.clock, { consent }));
    expect(grant.json().error_description).toContain('consent revoked');
    expect((await callProtected(t.app, 'finans', party, token)).json().melding).toContain('consent revoked');
  });

  it('refuses the next grant once the vendor deletes its system', async () => {
    await tokenFor(t.app, demo.regnskapssystem, t.clock, { systemUserOrg: '313367002' });
    const vendor = (await clientToken(t, handle().db, demoOrganizations.vendor.orgnr, ['altinn:authentication/systemregister.write'])).token;
    const deleted = await t.app.inject({ method: 'DELETE', url: `/altinn/authentication/api/v1/systemregister/vendor/${demoSystemId}`, headers: { authorization: `Bearer ${vendor}` } });
    expect(deleted.statusCode).toBe(200);
    const grant = await postToken(t.app, await grantFor(demo.regnskapssystem, t.clock, { systemUserOrg: '313367002' }));
    expect(grant.json().error_description).toContain('client is on no system');
  });
});
