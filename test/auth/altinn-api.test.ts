import { beforeAll, describe, expect, it } from 'vitest';
import { partyUuidFor } from '../../src/auth/altinn/organizations.js';
import { registerErRole, registerOrganization } from '../../src/auth/altinn/organizations.js';
import { describeEachDatabase } from '../support/databases.js';
import { authTestApp, callProtected, claimsOf, clientToken, endUserToken, postToken, grantFor, tokenFor, type AuthTestApp } from '../support/auth.js';

const vendorOrg = '315600057';
const systemId = `${vendorOrg}_smartregnskap`;
const customer = '313367002';
const firm = '315600065';
const kravRight = { resource: [{ id: 'urn:altinn:resource', value: 'ske-krav-og-betalinger' }] };
const regnskapsforer = { urn: 'urn:altinn:accesspackage:regnskapsforer-med-signeringsrettighet' };
const base = '/altinn/authentication/api/v1';

/** The vendor flow, steps 1–5, over HTTP only, plus change requests, client delegation and consent. */
describeEachDatabase('Altinn API: a vendor integrates from scratch', ({ handle, kind }) => {
  let t: AuthTestApp;
  let vendor: { client_id: string; jwk: object };
  let vendorToken: string;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, token: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: as(token), ...(payload === undefined ? {} : { payload: payload as object }) });

  beforeAll(async () => {
    t = await authTestApp(handle().db, kind);
    for (const orgnr of [customer, firm, '314961900', '311851381']) await registerOrganization(handle().db, orgnr, `Org ${orgnr}`);
    await registerErRole(handle().db, '314961900', 'regnskapsforer', firm);
    // Step 1: a Maskinporten client for the vendor (here with the Altinn scopes as well).
    const registered = await clientToken(t, handle().db, vendorOrg, [
      'skatteetaten:kravogbetalinger',
      'altinn:authentication/systemregister.write',
      'altinn:authentication/systemuser.request.write',
      'altinn:authentication/systemuser.request.read',
    ]);
    vendor = registered.credentials;
    vendorToken = await tokenFor(t.app, vendor, t.clock, { scope: 'altinn:authentication/systemregister.write altinn:authentication/systemuser.request.write altinn:authentication/systemuser.request.read' });
  });

  it('step 2: registers a system, validating it as Altinn does', async () => {
    const system = {
      id: systemId,
      vendor: { ID: `0192:${vendorOrg}` },
      name: { nb: 'SmartRegnskap' },
      description: { nb: 'Regnskap' },
      rights: [kravRight],
      accessPackages: [regnskapsforer],
      clientId: [vendor.client_id],
      allowedRedirectUrls: ['https://smart.example/ok'],
      isVisible: false,
    };
    const bad = await call('POST', `${base}/systemregister/vendor`, vendorToken, { ...system, id: 'wrong_name' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ status: 400, code: 'STD-00000', validationErrors: [{ code: 'AUTH.VLD-00001', paths: ['/id'] }] });
    const visibleClient = await call('POST', `${base}/systemregister/vendor`, vendorToken, { ...system, isVisible: true });
    expect(visibleClient.json().validationErrors[0].code).toBe('AUTH.VLD-00018');
    const foreign = await call('POST', `${base}/systemregister/vendor`, vendorToken, { ...system, id: '315600073_x', vendor: { ID: '0192:315600073' } });
    expect(foreign.statusCode).toBe(403);
    const created = await call('POST', `${base}/systemregister/vendor`, vendorToken, system);
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatch(/^[0-9a-f-]{36}$/);
    const read = await call('GET', `${base}/systemregister/vendor/${systemId}`, vendorToken);
    expect(read.json()).toMatchObject({ id: systemId, clientId: [vendor.client_id], rights: [kravRight] });
  });

  it('steps 3–5: request, refusal while pending, approval, token, API call', async () => {
    const created = await call('POST', `${base}/systemuser/request/vendor`, vendorToken, { systemId, partyOrgNo: customer, rights: [kravRight], redirectUrl: 'https://smart.example/ok' });
    expect(created.statusCode).toBe(201);
    const request = created.json();
    expect(request).toMatchObject({ systemId, partyOrgNo: customer, externalRef: customer, status: 'New', escalated: false });
    expect(request.confirmUrl).toBe(`http://kob.test/altinn/accessmanagement/ui/systemuser/request?id=${request.id}&DONTCHOOSEREPORTEE=true`);
    const again = await call('POST', `${base}/systemuser/request/vendor`, vendorToken, { systemId, partyOrgNo: customer, rights: [kravRight] });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(request.id);

    const pending = await postToken(t.app, await grantFor(vendor, t.clock, { systemUserOrg: customer }));
    expect(pending.json().error_description).toContain(`forespørsel ${request.id} venter på godkjenning`);

    const stranger = await endUserToken(t, handle().db, '311851381');
    expect((await call('POST', `${base}/systemuser/request/${customer}/${request.id}/approve`, stranger)).statusCode).toBe(403);
    const owner = await endUserToken(t, handle().db, customer);
    const approved = await call('POST', `${base}/systemuser/request/${customer}/${request.id}/approve`, owner);
    expect(approved.json()).toMatchObject({ status: 'Accepted' });
    const status = await call('GET', `${base}/systemuser/request/vendor/${request.id}`, vendorToken);
    expect(status.json().status).toBe('Accepted');

    const token = await tokenFor(t.app, vendor, t.clock, { systemUserOrg: customer });
    expect((await callProtected(t.app, 'regnskapssystem', customer, token)).statusCode).toBe(200);
    const byQuery = await call('GET', `${base}/systemuser/vendor/byquery?system-id=${systemId}&orgno=${customer}`, vendorToken);
    expect(byQuery.json()).toMatchObject({ systemId, reporteeOrgNo: customer, externalRef: customer, userType: 'standard', isDeleted: false, supplierOrgno: vendorOrg });
  });

  it('a rejected request leaves no system user, and says so at the token endpoint', async () => {
    const created = await call('POST', `${base}/systemuser/request/vendor`, vendorToken, { systemId, partyOrgNo: '311851381', rights: [kravRight] });
    const owner = await endUserToken(t, handle().db, '311851381');
    const rejected = await call('POST', `${base}/systemuser/request/311851381/${created.json().id}/reject`, owner);
    expect(rejected.json().status).toBe('Rejected');
    const refused = await postToken(t.app, await grantFor(vendor, t.clock, { systemUserOrg: '311851381' }));
    expect(refused.json()).toMatchObject({ error: 'invalid_altinn_customer_configuration' });
    expect(refused.json().error_description).toContain('status Rejected');
  });

  it('change request: the business removes the right, and the API refuses at once', async () => {
    const user = (await call('GET', `${base}/systemuser/vendor/byquery?system-id=${systemId}&orgno=${customer}`, vendorToken)).json();
    const token = await tokenFor(t.app, vendor, t.clock, { systemUserOrg: customer });
    const correlation = crypto.randomUUID();
    const nothing = await call('POST', `${base}/systemuser/changerequest/vendor?correlation-id=${correlation}&system-user-id=${user.id}`, vendorToken, {});
    expect(nothing.json()).toMatchObject({ status: 'NoChangeNeeded', confirmUrl: '' });
    const change = await call('POST', `${base}/systemuser/changerequest/vendor?correlation-id=${correlation}&system-user-id=${user.id}`, vendorToken, { unwantedRights: [kravRight] });
    expect(change.statusCode).toBe(201);
    expect(change.json()).toMatchObject({ status: 'New', systemUserId: user.id, partyOrgNo: customer });
    const owner = await endUserToken(t, handle().db, customer);
    expect((await call('POST', `${base}/systemuser/changerequest/${customer}/${correlation}/approve`, owner)).json().status).toBe('Accepted');
    const refused = await callProtected(t.app, 'regnskapssystem', customer, token);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().melding).toContain('PDP: Deny');
  });

  it('agent system user: request, approval, client delegation only where the firm has the ER role', async () => {
    const created = await call('POST', `${base}/systemuser/request/vendor/agent`, vendorToken, { systemId, partyOrgNo: firm, accessPackages: [regnskapsforer] });
    expect(created.statusCode).toBe(201);
    expect(created.json().confirmUrl).toContain('/systemuser/agentrequest?id=');
    const withRights = await call('POST', `${base}/systemuser/request/vendor/agent`, vendorToken, { systemId, partyOrgNo: '311851381', rights: [kravRight], accessPackages: [regnskapsforer] });
    expect(withRights.json().code).toBe('AUTH-00058');
    const firmAdmin = (await clientToken(t, handle().db, firm, ['altinn:portal/enduser', 'altinn:clientdelegations.read', 'altinn:clientdelegations.write'])).token;
    const agent = (await call('POST', `${base}/systemuser/request/agent/${firm}/${created.json().id}/approve`, firmAdmin)).json();
    expect(agent.status).toBe('Accepted');
    const available = await call('GET', `${base}/enduser/systemuser/clients/available?agent=${agent.systemUserId}`, firmAdmin);
    // The ledger knows 314961900 (test/support/auth.ts): its name there is the one Altinn shows (one source of names).
    expect(available.json()).toEqual({
      links: {},
      systemUserInformation: { systemUserId: agent.systemUserId, systemUserOwnerOrg: firm },
      data: [{ clientId: partyUuidFor('314961900'), clientOrganizationNumber: '314961900', clientOrganizationName: 'Testvirksomhet 314961900' }],
    });
    const notClient = await call('POST', `${base}/enduser/systemuser/clients?agent=${agent.systemUserId}&client=${partyUuidFor(customer)}`, firmAdmin);
    expect([notClient.statusCode, notClient.json().code]).toEqual([403, 'AUTH-00068']);

    const token = await tokenFor(t.app, vendor, t.clock, { systemUserOrg: firm });
    const before = await callProtected(t.app, 'regnskapssystem', '314961900', token);
    expect(before.statusCode).toBe(403);
    const added = await call('POST', `${base}/enduser/systemuser/clients?agent=${agent.systemUserId}&client=${partyUuidFor('314961900')}`, firmAdmin);
    expect(added.json()).toEqual({ agent: agent.systemUserId, client: partyUuidFor('314961900') });
    expect((await callProtected(t.app, 'regnskapssystem', '314961900', token)).statusCode).toBe(200);

    const wrongOrg = await postToken(t.app, await grantFor(vendor, t.clock, { systemUserOrg: '314961900' }));
    expect(wrongOrg.json().error_description).toContain('put the accounting firm in systemuser_org');

    const refusedDelete = await call('DELETE', `${base}/systemuser/agent/${firm}/${agent.systemUserId}`, firmAdmin);
    expect(refusedDelete.json().code).toBe('AUTH-00035');
    await call('DELETE', `${base}/enduser/systemuser/clients?agent=${agent.systemUserId}&client=${partyUuidFor('314961900')}`, firmAdmin);
    expect((await callProtected(t.app, 'regnskapssystem', '314961900', token)).statusCode).toBe(403);
  });

  it('decision point: Permit, Deny and NotApplicable over XACML JSON in either casing', async () => {
    const pep = (await clientToken(t, handle().db, '974761076', ['altinn:authorization/authorize'])).token;
    const user = (await call('GET', `${base}/systemuser/vendor/byquery?system-id=${systemId}&orgno=${customer}`, vendorToken)).json();
    const ask = (party: string, camel = false) => {
      const attribute = (id: string, value: string) => (camel ? { attributeId: id, value } : { AttributeId: id, Value: value });
      const request = {
        AccessSubject: [{ Attribute: [attribute('urn:altinn:systemuser:uuid', user.id)] }],
        Action: [{ Attribute: [attribute('urn:oasis:names:tc:xacml:1.0:action:action-id', 'read')] }],
        Resource: [{ Attribute: [attribute('urn:altinn:resource', 'ske-krav-og-betalinger'), attribute('urn:altinn:organization:identifier-no', party)] }],
      };
      return call('POST', '/altinn/authorization/api/v1/authorize', pep, camel ? { request: { accessSubject: request.AccessSubject, action: request.Action, resource: request.Resource } } : { Request: request });
    };
    // The change request above removed the right: the owner is related but has no right.
    expect((await ask(customer)).json().Response[0].Decision).toBe('Deny');
    expect((await ask('311851381', true)).json().Response[0].Decision).toBe('NotApplicable');
    const grant = await call('POST', `${base}/systemuser/changerequest/vendor?correlation-id=${crypto.randomUUID()}&system-user-id=${user.id}`, vendorToken, { requiredRights: [kravRight] });
    const owner = await endUserToken(t, handle().db, customer);
    await call('POST', `${base}/systemuser/changerequest/${customer}/${grant.json().id}/approve`, owner);
    const permit = (await ask(customer)).json();
    expect(permit).toEqual({ Response: [{ Decision: 'Permit', Status: { StatusCode: { Value: 'urn:oasis:names:tc:xacml:1.0:status:ok' } }, Obligations: [] }] });
    expect((await call('POST', '/altinn/authorization/api/v1/authorize', vendorToken, { Request: {} })).statusCode).toBe(403);
  });

  it('end-user-driven creation: only for visible systems without client packages', async () => {
    const visibleId = `${vendorOrg}_synlig`;
    await call('POST', `${base}/systemregister/vendor`, vendorToken, { id: visibleId, vendor: { ID: `0192:${vendorOrg}` }, name: { nb: 'Synlig' }, description: { nb: 'x' }, rights: [kravRight], clientId: [], isVisible: true });
    const owner = await endUserToken(t, handle().db, '311851381');
    const created = await call('POST', `${base}/systemuser/311851381/create`, owner, { systemId: visibleId });
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({ systemId: visibleId, reporteeOrgNo: '311851381', rights: [kravRight], userType: 'standard' });
    expect((await call('POST', `${base}/systemuser/311851381/create`, owner, { systemId })).json()).toMatchObject({ status: 400, code: 'AUTH-00003' });
    const list = await call('GET', `${base}/systemuser/311851381`, owner);
    expect(list.json().map((user: { systemId: string }) => user.systemId)).toEqual([visibleId]);
    const publicList = await t.app.inject({ method: 'GET', url: `${base}/systemregister` });
    expect(publicList.json().map((system: { id: string }) => system.id)).toEqual([visibleId]);
    expect(publicList.json()[0].clientId).toBeUndefined();
  });

  describe('consent', () => {
    const bankOrg = '315600081';
    let bank: { client_id: string; jwk: object };
    let bankToken: string;
    beforeAll(async () => {
      const registered = await clientToken(t, handle().db, bankOrg, ['skatteetaten:kravogbetalinger', 'altinn:consentrequests.write', 'altinn:consenttokens']);
      bank = registered.credentials;
      bankToken = registered.token;
    });

    it('Altinn 3: request, refusal until accepted, token with the consent, API call', async () => {
      const id = crypto.randomUUID();
      const validTo = new Date(t.clock.nowEpochMs() + 90 * 86_400_000).toISOString();
      const request = {
        id,
        from: `urn:altinn:organization:identifier-no:${customer}`,
        to: `urn:altinn:organization:identifier-no:${bankOrg}`,
        validTo,
        consentRights: [{ action: ['consent'], resource: [{ type: 'urn:altinn:resource', value: 'ske-samtykke-krav-og-betalinger' }] }],
      };
      const created = await call('POST', '/altinn/accessmanagement/api/v1/enterprise/consentrequests', bankToken, request);
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ id, consentRequestEvents: [{ eventType: 'Created' }], viewUri: `http://kob.test/altinn/accessmanagement/ui/consent/request?id=${id}` });
      expect((await call('POST', '/altinn/accessmanagement/api/v1/enterprise/consentrequests', bankToken, request)).statusCode).toBe(200);
      const notAccepted = await postToken(t.app, await grantFor(bank, t.clock, { consent: { id, from: request.from } }));
      expect(notAccepted.json().error_description).toContain('consent not accepted');
      const party = await endUserToken(t, handle().db, customer);
      expect((await call('POST', `/altinn/accessmanagement/api/v1/enduser/consentrequests/${id}/accept`, party)).json().consentRequestEvents.at(-1).eventType).toBe('Accepted');
      const token = await tokenFor(t.app, bank, t.clock, { consent: { id, from: request.from } });
      expect((claimsOf(token).authorization_details as { validTo: string }[])[0]!.validTo).toBe(validTo.replace(/\.\d{3}Z$/, '+00:00'));
      expect((await callProtected(t.app, 'finans', customer, token)).statusCode).toBe(200);
    });

    it('Altinn 2: consent token in AltinnSamtykke, bound to party and consumer', async () => {
      const created = await call('POST', '/altinn/api/consentRequests', bankToken, {
        CoveredBy: bankOrg,
        OfferedBy: '311851381',
        ValidTo: new Date(t.clock.nowEpochMs() + 90 * 86_400_000).toISOString(),
        RequestResources: [{ ServiceCode: '5928', ServiceEditionCode: 202301 }],
      });
      expect(created.statusCode).toBe(201);
      const code = created.json().AuthorizationCode as string;
      const early = await call('GET', `/altinn/api/authorization/token?authcode=${code}`, bankToken);
      expect(early.statusCode).toBe(403);
      const party = await endUserToken(t, handle().db, '311851381');
      await call('POST', `/altinn/accessmanagement/api/v1/enduser/consentrequests/${code}/accept`, party);
      const consentToken = (await call('GET', `/altinn/api/authorization/token?authcode=${code}`, bankToken)).body;
      expect(claimsOf(consentToken)).toMatchObject({ Services: ['5928_202301'], AuthorizationCode: code, OfferedBy: '311851381', CoveredBy: bankOrg, iss: 'altinn.no' });
      const maskinporten = await tokenFor(t.app, bank, t.clock);
      expect((await callProtected(t.app, 'finans', '311851381', maskinporten, { altinnsamtykke: consentToken })).statusCode).toBe(200);
      const otherParty = await callProtected(t.app, 'finans', customer, maskinporten, { altinnsamtykke: consentToken });
      expect(otherParty.json().melding).toContain('consent for another party');
      const forged = await callProtected(t.app, 'finans', '311851381', maskinporten, { altinnsamtykke: `${consentToken.slice(0, -4)}AAAA` });
      expect(forged.json().melding).toContain('invalid consent token');
      t.clock.advanceSeconds(60);
      const stale = await callProtected(t.app, 'finans', '311851381', await tokenFor(t.app, bank, t.clock), { altinnsamtykke: consentToken });
      expect(stale.statusCode).toBe(403);
    });
  });

  it('Altinn routes need a token with the right scope, and say which', async () => {
    expect((await t.app.inject({ method: 'GET', url: `${base}/systemregister/vendor` })).statusCode).toBe(401);
    const wrong = await call('GET', `${base}/systemregister/vendor`, await endUserToken(t, handle().db, customer));
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ status: 403, title: 'Forbidden', detail: expect.stringContaining('altinn:authentication/systemregister.write') });
    expect(wrong.json()).not.toHaveProperty('code');
    const malformed = await t.app.inject({ method: 'POST', url: `${base}/systemuser/request/vendor`, headers: { ...as(vendorToken), 'content-type': 'application/json' }, payload: '{"systemId":' });
    expect(malformed.statusCode).toBe(400);
    const huge = await t.app.inject({ method: 'POST', url: `${base}/systemuser/request/vendor`, headers: { ...as(vendorToken), 'content-type': 'application/json' }, payload: JSON.stringify({ systemId, partyOrgNo: customer, integrationTitle: 'x'.repeat(70_000) }) });
    expect(huge.statusCode).toBe(413);
  });
});
