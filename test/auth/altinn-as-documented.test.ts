import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partyUuidFor, registerErRole, registerOrganization } from '../../src/auth/altinn/organizations.js';
import { authTestApp, callProtected, claimsOf, clientToken, endUserToken, tokenFor, type AuthTestApp } from '../support/auth.js';
import { describeEachDatabase } from '../support/databases.js';

/**
 * What a vendor's code sends when written from the official documentation, and what Altinn's
 * services answer (decisions 0153, 0154, 0155): every call through `fetch` to a listening server,
 * on PGlite and PostgreSQL. Each test names the source it follows.
 */
const vendorOrg = '315600057';
const customer = '313367002';
const firm = '315600065';
const client = '314961900';
const bankOrg = '315600081';
const kravRight = { resource: [{ id: 'urn:altinn:resource', value: 'ske-krav-og-betalinger' }] };
const regnskapsforer = { urn: 'urn:altinn:accesspackage:regnskapsforer-med-signeringsrettighet' };
const authn = '/altinn/authentication/api/v1';
const consentBase = '/altinn/accessmanagement/api/v1/enterprise/consentrequests';
const publicUrl = 'http://kob.test';

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: unknown;
}

describeEachDatabase('Altinn as the official documentation shows it', ({ handle, kind }) => {
  let t: AuthTestApp;
  let baseUrl: string;
  let vendor: { client_id: string; jwk: object };
  let vendorToken: string;
  let firmAdmin: string;

  const call = async (method: string, path: string, token: string | undefined, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, text, body: parsed };
  };
  const json = <T = Record<string, unknown>>(answer: Answer) => answer.body as T;

  beforeAll(async () => {
    t = await authTestApp(handle().db, kind);
    // Altinn shows the ledger's name of a party it knows there (decision 0105): the published test businesses are 'Testvirksomhet …'.
    for (const orgnr of [customer, firm, client, bankOrg]) await registerOrganization(handle().db, orgnr, `Org ${orgnr}`);
    await registerErRole(handle().db, client, 'regnskapsforer', firm);
    const registered = await clientToken(t, handle().db, vendorOrg, [
      'skatteetaten:kravogbetalinger',
      'altinn:authentication/systemregister.write',
      'altinn:authentication/systemuser.request.write',
      'altinn:authentication/systemuser.request.read',
      'altinn:accessmanagement/authorizedparties',
    ]);
    vendor = registered.credentials;
    vendorToken = await tokenFor(t.app, vendor, t.clock, {
      scope: 'altinn:authentication/systemregister.write altinn:authentication/systemuser.request.write altinn:authentication/systemuser.request.read',
    });
    firmAdmin = (await clientToken(t, handle().db, firm, ['altinn:portal/enduser', 'altinn:clientdelegations.read', 'altinn:clientdelegations.write'])).token;
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.app.close());

  /** docs.altinn.studio, system vendor guide "System Registration": the example body, with our org, client and packages. */
  const documentedSystem = (id: string) => ({
    id,
    vendor: { authority: 'iso6523-actorid-upis', ID: `0192:${vendorOrg}` },
    name: { nb: 'SmartCloud 1', en: 'SmartCloud 1', nn: 'Smart SKY' },
    description: { nb: 'SmartCloud er verdens beste system.', en: 'SmartCloud Rocks.', nn: 'SmartSky er vestlandets beste system' },
    rights: [kravRight],
    accessPackages: [{ urn: 'urn:altinn:accesspackage:krav-og-utlegg' }],
    clientId: [crypto.randomUUID()],
    allowedredirecturls: ['https://smartcloudxxxx/receipt'],
    isVisible: false,
  });

  describe('JSON as ASP.NET Core reads it (decision 0153)', () => {
    it('reads the documented system with `allowedredirecturls` in lower case, and keeps the URLs', async () => {
      const systemId = `${vendorOrg}_smartcloud`;
      const created = await call('POST', `${authn}/systemregister/vendor`, vendorToken, documentedSystem(systemId));
      expect(created.status, created.text).toBe(200);
      expect(json<string>(created)).toMatch(/^[0-9a-f-]{36}$/);
      const read = json(await call('GET', `${authn}/systemregister/vendor/${systemId}`, vendorToken));
      expect(read.allowedRedirectUrls).toEqual(['https://smartcloudxxxx/receipt']);
    });

    it('reads a body in PascalCase, as System.Text.Json matches names case-insensitively', async () => {
      const systemId = `${vendorOrg}_pascal`;
      const { id, vendor: vendorInfo, name, description, rights, clientId } = documentedSystem(systemId);
      const pascal = { Id: id, Vendor: { Id: vendorInfo.ID }, Name: name, Description: description, Rights: rights.map((right) => ({ Resource: right.resource.map((r) => ({ Id: r.id, Value: r.value })) })), ClientId: [`${clientId[0]}-2`], IsVisible: false };
      const created = await call('POST', `${authn}/systemregister/vendor`, vendorToken, pascal);
      expect(created.status, created.text).toBe(200);
      const read = json(await call('GET', `${authn}/systemregister/vendor/${systemId}`, vendorToken));
      expect(read).toMatchObject({ id: systemId, vendor: { ID: `0192:${vendorOrg}` }, rights: [kravRight] });
    });

    it("refuses a string where an array is due with 400, as Altinn's ProblemDetails with validationErrors", async () => {
      // altinn-authorization-utils: AltinnValidationProblemDetails (test/…/Snapshots/JsonSnapshotTests.Validation_Single_WithPaths.verified.json)
      const wrong = await call('POST', `${authn}/systemregister/vendor`, vendorToken, { ...documentedSystem(`${vendorOrg}_feiltype`), allowedredirecturls: 'https://smartcloudxxxx/receipt' });
      expect(wrong.status).toBe(400);
      expect(wrong.headers.get('content-type')).toContain('application/problem+json');
      expect(Object.keys(json(wrong))).toEqual(['type', 'title', 'status', 'code', 'traceId', 'statusDescription', 'validationErrors']);
      expect(json(wrong)).toEqual({
        type: 'urn:altinn:error:STD-00000',
        title: 'One or more validation errors occurred.',
        status: 400,
        code: 'STD-00000',
        traceId: expect.any(String),
        statusDescription: 'Bad Request',
        validationErrors: [
          {
            code: 'STD.VLD-00017',
            title: 'The JSON value failed to deserialize. Check the JSON format and ensure that the property names match the expected model.',
            paths: ['/allowedRedirectUrls'],
            detail: expect.any(String),
          },
        ],
      });
      const number = await call('POST', `${authn}/systemuser/request/vendor`, vendorToken, { systemId: 123, partyOrgNo: customer });
      expect(json(number)).toMatchObject({ code: 'STD-00000', validationErrors: [{ code: 'STD.VLD-00017', paths: ['/systemId'] }] });
    });

    it('writes a coded refusal as AltinnProblemDetails: urn type, descriptor title, our detail, code, traceId, statusDescription', async () => {
      // altinn-authentication src/Core/Problems/Problem.cs: AUTH-00011 SystemIdNotFound, 404.
      const unknown = await call('GET', `${authn}/systemregister/vendor/${vendorOrg}_finnesikke`, vendorToken, undefined, { korrelasjonsid: 'ignored' });
      expect(unknown.status).toBe(404);
      expect(json(unknown)).toEqual({
        type: 'urn:altinn:error:AUTH-00011',
        title: 'The Id does not refer to a Registered System.',
        status: 404,
        detail: expect.stringContaining('finnes ikke'),
        code: 'AUTH-00011',
        traceId: expect.any(String),
        statusDescription: 'Not Found',
      });
      const query = await call('GET', `${authn}/enduser/systemuser/clients`, firmAdmin);
      expect(json(query)).toMatchObject({ code: 'STD-00000', validationErrors: [{ code: 'STD.VLD-00000', paths: ['/$QUERY/agent'] }] });
    });

    it('answers {"succeeded": true} where the register changes (SystemRegisterController: SystemRegisterUpdateResult)', async () => {
      const systemId = `${vendorOrg}_endres`;
      await call('POST', `${authn}/systemregister/vendor`, vendorToken, { ...documentedSystem(systemId), clientId: [] });
      const cases: [string, string, unknown][] = [
        ['PUT', `${authn}/systemregister/vendor/${systemId}`, { ...documentedSystem(systemId), clientId: [] }],
        ['PUT', `${authn}/systemregister/vendor/${systemId}/rights`, [kravRight]],
        ['PUT', `${authn}/systemregister/vendor/${systemId}/accesspackages`, [{ urn: 'urn:altinn:accesspackage:krav-og-utlegg' }]],
        ['DELETE', `${authn}/systemregister/vendor/${systemId}`, undefined],
      ];
      for (const [method, path, body] of cases) {
        const answer = await call(method, path, vendorToken, body);
        expect([path, answer.status, answer.body]).toEqual([path, 200, { succeeded: true }]);
      }
    });
  });

  describe('vendor requests and client delegation (decision 0154)', () => {
    const systemId = `${vendorOrg}_klientsystem`;
    let agentId: string;

    beforeAll(async () => {
      // The vendor's own client is on this system, so it gets the system users' tokens.
      const system = { ...documentedSystem(systemId), clientId: [vendor.client_id], accessPackages: [regnskapsforer], rights: [kravRight], isVisible: false };
      expect((await call('POST', `${authn}/systemregister/vendor`, vendorToken, system)).status).toBe(200);
    });

    it('creates a request with 201 and Location, accepts the documented empty redirectUrl, and deletes with 202', async () => {
      // altinn-authentication RequestSystemUserController.CreateRequest: Created(platform + "authentication/api/v1/systemuser/request/" + id).
      const created = await call('POST', `${authn}/systemuser/request/vendor`, vendorToken, { systemId, partyOrgNo: customer, rights: [kravRight], redirectUrl: '' });
      expect(created.status, created.text).toBe(201);
      const id = json(created).id as string;
      expect(created.headers.get('location')).toBe(`${publicUrl}/altinn/authentication/api/v1/systemuser/request/${id}`);
      expect(json(created)).toMatchObject({ redirectUrl: '', status: 'New' });
      const again = await call('POST', `${authn}/systemuser/request/vendor`, vendorToken, { systemId, partyOrgNo: customer, rights: [kravRight] });
      expect([again.status, again.headers.get('location')]).toEqual([200, null]);
      const deleted = await call('DELETE', `${authn}/systemuser/request/vendor/${id}`, vendorToken);
      expect([deleted.status, deleted.text]).toEqual([202, '']);
    });

    it('an agent request: 201 with Location; the firm approves', async () => {
      const created = await call('POST', `${authn}/systemuser/request/vendor/agent`, vendorToken, { systemId, partyOrgNo: firm, accessPackages: [regnskapsforer] });
      expect(created.status, created.text).toBe(201);
      expect(created.headers.get('location')).toBe(`${publicUrl}/altinn/authentication/api/v1/systemuser/request/${json(created).id as string}`);
      const approved = await call('POST', `${authn}/systemuser/request/agent/${firm}/${json(created).id as string}/approve`, firmAdmin);
      agentId = json(approved).systemUserId as string;
      expect(agentId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('GET …/enduser/systemuser/agents?party=<orgnr> is a plain list (docs: "Client delegation for system vendors" §1)', async () => {
      const agents = await call('GET', `${authn}/enduser/systemuser/agents?party=${firm}`, firmAdmin);
      expect(agents.status, agents.text).toBe(200);
      expect(Array.isArray(agents.body)).toBe(true);
      expect(json<Record<string, unknown>[]>(agents)).toEqual([expect.objectContaining({ id: agentId, systemId, reporteeOrgNo: firm, userType: 'agent', accessPackages: [regnskapsforer] })]);
      const unknown = await call('GET', `${authn}/enduser/systemuser/agents?party=987654321`, firmAdmin);
      expect(unknown.status).toBe(404);
    });

    it('clients/available and clients carry systemUserInformation; POST and DELETE answer {agent, client} (docs §2–§5)', async () => {
      const information = { systemUserId: agentId, systemUserOwnerOrg: firm };
      const available = await call('GET', `${authn}/enduser/systemuser/clients/available?agent=${agentId}`, firmAdmin);
      expect(json(available)).toEqual({ links: {}, systemUserInformation: information, data: [{ clientId: partyUuidFor(client), clientOrganizationNumber: client, clientOrganizationName: `Testvirksomhet ${client}` }] });
      const added = await call('POST', `${authn}/enduser/systemuser/clients?agent=${agentId}&client=${partyUuidFor(client)}`, firmAdmin);
      expect([added.status, added.body]).toEqual([200, { agent: agentId, client: partyUuidFor(client) }]);
      const delegated = await call('GET', `${authn}/enduser/systemuser/clients?agent=${agentId}`, firmAdmin);
      expect(json(delegated)).toMatchObject({ links: {}, systemUserInformation: information, data: [{ clientOrganizationNumber: client }] });
      const removed = await call('DELETE', `${authn}/enduser/systemuser/clients?agent=${agentId}&client=${partyUuidFor(client)}`, firmAdmin);
      expect([removed.status, removed.body]).toEqual([200, { agent: agentId, client: partyUuidFor(client) }]);
      await call('POST', `${authn}/enduser/systemuser/clients?agent=${agentId}&client=${partyUuidFor(client)}`, firmAdmin);
    });

    it('exchanges a Maskinporten token for an Altinn token, and authorizedparties lists the clients for it (docs §6, "Access management API")', async () => {
      const maskinporten = await tokenFor(t.app, vendor, t.clock, { scope: 'altinn:accessmanagement/authorizedparties', systemUserOrg: firm });
      // altinn-authentication AuthenticationController: GET exchange/maskinporten, the token as text.
      const exchanged = await call('GET', `${authn}/exchange/maskinporten`, maskinporten);
      expect(exchanged.status, exchanged.text).toBe(200);
      expect(exchanged.headers.get('content-type')).toContain('text/plain');
      const altinnToken = exchanged.text;
      const claims = claimsOf(altinnToken);
      const original = claimsOf(maskinporten);
      expect(claims).toMatchObject({
        iss: `${publicUrl}/altinn/authentication/api/v1/openid/`,
        scope: original.scope,
        consumer: original.consumer,
        client_id: original.client_id,
        authorization_details: original.authorization_details,
        'urn:altinn:orgNumber': vendorOrg,
        'urn:altinn:authenticatemethod': 'maskinporten',
        'urn:altinn:authlevel': 3,
      });
      expect(claims.aud).toBeUndefined();
      expect(claims.exp! - claims.iat!).toBe(30 * 60);

      const parties = await call('GET', '/altinn/accessmanagement/api/v1/enduser/authorizedparties', altinnToken);
      expect(parties.status, parties.text).toBe(200);
      expect(json(parties)).toEqual({
        links: { next: null },
        data: [
          {
            partyUuid: partyUuidFor(client),
            name: `Testvirksomhet ${client}`,
            organizationNumber: client,
            type: 'Organization',
            isDeleted: false,
            onlyHierarchyElementWithNoAccess: false,
            authorizedAccessPackages: [],
            authorizedResources: [],
            authorizedRoles: [],
            authorizedInstances: [],
            subunits: [],
          },
        ],
      });
      const withPackages = json<{ data: { authorizedAccessPackages: string[] }[] }>(await call('GET', '/altinn/accessmanagement/api/v1/enduser/authorizedparties?includeAccessPackages=true', altinnToken));
      expect(withPackages.data[0]!.authorizedAccessPackages).toEqual([regnskapsforer.urn]);
    });

    it("only a Maskinporten token is exchanged, and the Altinn token opens Altinn, not Skatteetaten's API", async () => {
      const maskinporten = await tokenFor(t.app, vendor, t.clock, { scope: 'skatteetaten:kravogbetalinger', systemUserOrg: firm });
      const altinnToken = (await call('GET', `${authn}/exchange/maskinporten`, maskinporten)).text;
      expect((await call('GET', `${authn}/exchange/maskinporten`, altinnToken)).status).toBe(401);
      expect((await call('GET', `${authn}/exchange/maskinporten`, undefined)).status).toBe(401);
      expect((await call('GET', `${authn}/exchange/id-porten`, maskinporten)).status).toBe(400);
      const api = await callProtected(t.app, 'regnskapssystem', client, altinnToken);
      expect([api.statusCode, api.json().kode]).toEqual([401, 'KB-004']);
      expect((await callProtected(t.app, 'regnskapssystem', client, maskinporten)).statusCode).toBe(200);
    });

    it('change requests: 201 with Location, the documented "redirectUrl": "", the same correlation-id again is 200, an empty change NoChangeNeeded with confirmUrl ""', async () => {
      const user = json(await call('GET', `${authn}/systemuser/vendor/byquery?system-id=${systemId}&orgno=${customer}&external-ref=endring`, vendorToken));
      const base = `${authn}/systemuser/changerequest/vendor?correlation-id=`;
      // docs.altinn.studio, "Change Rights on System Users": the request body sends "redirectUrl": "".
      const correlation = crypto.randomUUID();
      const created = await call('POST', `${base}${correlation}&system-user-id=${user.id as string}`, vendorToken, { requiredRights: [], unwantedRights: [kravRight], requiredAccessPackages: [], unwantedAccessPackages: [], redirectUrl: '' });
      expect(created.status, created.text).toBe(201);
      expect(created.headers.get('location')).toBe(`${publicUrl}/altinn/authentication/api/v1/systemuser/changerequest/${correlation}`);
      expect(json(created)).toMatchObject({ id: correlation, status: 'New', redirectUrl: '', unwantedRights: [kravRight] });
      const again = await call('POST', `${base}${correlation}&system-user-id=${user.id as string}`, vendorToken, { requiredRights: [kravRight] });
      expect([again.status, json(again).unwantedRights]).toEqual([200, [kravRight]]);
      const nothing = await call('POST', `${base}${crypto.randomUUID()}&system-user-id=${user.id as string}`, vendorToken, {});
      expect(nothing.status).toBe(200);
      expect(json(nothing)).toMatchObject({ status: 'NoChangeNeeded', confirmUrl: '', requiredRights: [], unwantedRights: [], requiredAccessPackages: [], unwantedAccessPackages: [] });
      const deleted = await call('DELETE', `${authn}/systemuser/changerequest/vendor/${correlation}`, vendorToken);
      expect([deleted.status, deleted.text]).toEqual([202, '']);
    });

    beforeAll(async () => {
      // The business's system user for the change request test.
      const request = await call('POST', `${authn}/systemuser/request/vendor`, vendorToken, { systemId, partyOrgNo: customer, externalRef: 'endring', rights: [kravRight] });
      const owner = await endUserToken(t, handle().db, customer);
      await call('POST', `${authn}/systemuser/request/${customer}/${json(request).id as string}/approve`, owner);
    });
  });

  describe('redirectUrl matched as Altinn matches it (decision 0158)', () => {
    // Altinn/altinn-authentication AuthenticationHelperTests (ValidateRedirectUrl_*): the registered
    // URLs and the redirect URLs those tests send, with what Altinn answers.
    const registered = ['https://example.com/callback', 'https://test.cloud-booking.net/_/misc/integration.htm?integration=Altinn3&action=authCallback', 'https://example.com:8080/callback'];
    const accepted = [
      'https://test.cloud-booking.net/_/misc/integration.htm?integration=Altinn3&action=authCallback',
      'https://test.cloud-booking.net/_/misc/integration.htm',
      'https://test.cloud-booking.net/_/misc/integration.htm?test=anyqueryparam',
      'https://example.com/callback#section',
      'https://example.com:8080/callback',
    ];
    const refused = ['https://test.cloud-booking.net/_/misc/ichangedthepath.htm?test=anyqueryparam', 'https://invalid.com/callback', 'https://example.com/callback/path'];
    const withRedirects = `${vendorOrg}_tilbake`;
    const withoutRedirects = `${vendorOrg}_utentilbake`;

    beforeAll(async () => {
      const base = documentedSystem(withRedirects);
      expect((await call('POST', `${authn}/systemregister/vendor`, vendorToken, { ...base, allowedredirecturls: registered })).status).toBe(200);
      expect((await call('POST', `${authn}/systemregister/vendor`, vendorToken, { ...documentedSystem(withoutRedirects), allowedredirecturls: [] })).status).toBe(200);
    });
    const request = (systemId: string, redirectUrl: string) =>
      call('POST', `${authn}/systemuser/request/vendor`, vendorToken, { systemId, partyOrgNo: customer, externalRef: crypto.randomUUID(), rights: [kravRight], redirectUrl });

    it('takes a redirectUrl with the scheme, host, port and path of a registered one, whatever its query and fragment, and keeps it as sent', async () => {
      for (const redirectUrl of accepted) {
        const created = await request(withRedirects, redirectUrl);
        expect(created.status, `${redirectUrl}: ${created.text}`).toBe(201);
        expect(json(created).redirectUrl).toBe(redirectUrl);
      }
    });

    it('refuses another path or host with AUTH-00021, and any redirectUrl on a system without one with AUTH-00026', async () => {
      for (const redirectUrl of refused) {
        const answer = await request(withRedirects, redirectUrl);
        expect([answer.status, json(answer).code], redirectUrl).toEqual([400, 'AUTH-00021']);
      }
      const none = await request(withoutRedirects, 'https://example.com/callback');
      expect([none.status, json(none).code, json(none).title]).toEqual([400, 'AUTH-00026', 'No redirect uris are set for the system']);
    });
  });

  describe('consent requests in the documented shape (decision 0155)', () => {
    let bankToken: string;
    let bank: { client_id: string; jwk: object };
    beforeAll(async () => {
      const registered = await clientToken(t, handle().db, bankOrg, ['skatteetaten:kravogbetalinger', 'altinn:consentrequests.write', 'altinn:consentrequests.read', 'altinn:consenttokens']);
      bank = registered.credentials;
      bankToken = registered.token;
    });

    /** docs.altinn.studio, system vendor guide "Request consent": the request example, with our parties and resource. */
    const documentedRequest = (id: string) => ({
      id,
      from: `urn:altinn:organization:identifier-no:${customer}`,
      to: `urn:altinn:organization:identifier-no:${bankOrg}`,
      validTo: new Date(t.clock.nowEpochMs() + 30 * 86_400_000).toISOString().replace('Z', '+00:00'),
      consentRights: [
        { action: ['consent'], resource: [{ type: 'urn:altinn:resource', value: 'ske-samtykke-krav-og-betalinger' }], metaData: { inntektsaar: '2023' } },
        { action: ['consent'], resource: [{ type: 'urn:altinn:resource', value: 'ske-samtykke-krav-og-betalinger' }], metaData: { inntektsaar: '2024' } },
      ],
      redirectUrl: `https://bankenmin.no/huslaan?consentId=${id}`,
    });

    it('answers 201 with Location and the documented response: every field, null where empty, events instead of a status', async () => {
      const id = crypto.randomUUID();
      const request = documentedRequest(id);
      const created = await call('POST', consentBase, bankToken, request);
      expect(created.status, created.text).toBe(201);
      expect(created.headers.get('location')).toBe(`${publicUrl}${consentBase}/${id}`);
      const body = json(created);
      expect(Object.keys(body)).toEqual(['id', 'from', 'to', 'requiredDelegator', 'handledBy', 'validTo', 'consentRights', 'requestMessage', 'consented', 'redirectUrl', 'consentRequestEvents', 'viewUri']);
      expect(body).toEqual({
        id,
        from: request.from,
        to: request.to,
        requiredDelegator: null,
        handledBy: null,
        validTo: expect.stringMatching(/\+00:00$/),
        consentRights: request.consentRights,
        requestMessage: null,
        consented: null,
        redirectUrl: request.redirectUrl,
        consentRequestEvents: [{ consentEventID: expect.stringMatching(/^[0-9a-f-]{36}$/), created: expect.stringMatching(/\+00:00$/), performedBy: request.to, eventType: 'Created', consentRequestID: id }],
        viewUri: `${publicUrl}/altinn/accessmanagement/ui/consent/request?id=${id}`,
      });
      expect(body).not.toHaveProperty('status');
      // The same id for the same parties is the same request (ConsentService.CreateRequest): 200, no Location.
      const again = await call('POST', consentBase, bankToken, request);
      expect([again.status, again.headers.get('location'), again.body]).toEqual([200, null, body]);
      const otherParty = await call('POST', consentBase, bankToken, { ...request, from: `urn:altinn:organization:identifier-no:${client}` });
      expect(json(otherParty)).toMatchObject({ status: 400, code: 'AM-00016' });
    });

    it('after the answer: consented, an Accepted event by the party, and the metadata in the token as Maskinporten writes it', async () => {
      const id = crypto.randomUUID();
      // `metadata` in lower case binds to `metaData`, as ASP.NET reads names.
      const request = documentedRequest(id);
      const lowerCase = { ...request, consentRights: request.consentRights.map(({ metaData, ...right }) => ({ ...right, metadata: metaData })) };
      expect((await call('POST', consentBase, bankToken, lowerCase)).status).toBe(201);
      const party = await endUserToken(t, handle().db, customer);
      await call('POST', `/altinn/accessmanagement/api/v1/enduser/consentrequests/${id}/accept`, party);
      const read = json(await call('GET', `${consentBase}/${id}`, bankToken));
      expect(read.consented).toMatch(/\+00:00$/);
      expect(read.consentRights).toEqual(request.consentRights);
      expect(read.consentRequestEvents).toEqual([
        expect.objectContaining({ eventType: 'Created', performedBy: request.to }),
        expect.objectContaining({ eventType: 'Accepted', performedBy: request.from, consentRequestID: id }),
      ]);
      // docs.altinn.studio, "Retrieve consent token": the token's consentRights say `metadata`.
      const token = await tokenFor(t.app, bank, t.clock, { consent: { id, from: request.from } });
      const [details] = claimsOf(token).authorization_details as { consentRights: unknown[] }[];
      expect(details!.consentRights).toEqual(request.consentRights.map(({ metaData, ...right }) => ({ ...right, metadata: metaData })));
    });

    it('an Altinn 2 consent request answers 201 with Location of the same consent, and reads a number sent as a string', async () => {
      const created = await call('POST', '/altinn/api/consentRequests', bankToken, {
        CoveredBy: bankOrg,
        OfferedBy: customer,
        ValidTo: new Date(t.clock.nowEpochMs() + 30 * 86_400_000).toISOString(),
        RequestResources: [{ ServiceCode: '5928', ServiceEditionCode: '202301' }],
      });
      expect(created.status, created.text).toBe(201);
      expect(created.headers.get('location')).toBe(`${publicUrl}${consentBase}/${json(created).AuthorizationCode as string}`);
    });
  });
});
