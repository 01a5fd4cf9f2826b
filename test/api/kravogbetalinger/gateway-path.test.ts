import { afterAll, beforeAll, expect, it } from 'vitest';
import { calendarTestApp, scenarioParty, secondDelegatedParty, undelegatedParty, type CalendarTestApp } from '../../support/calendar-app.js';
import { describeEachDatabase } from '../../support/databases.js';

/**
 * The published gateway path (decision 0151). Skatteetaten's api-dokumentasjon `docs/om/url.md`
 * gives Krav og betalinger the base URL `https://kravogbetalinger.api.skatteetaten-test.no/v1`,
 * and the reference client (TheTechArch/altinn-systemuser,
 * `src/SystemUserClientSystem/SuperSystem/SuperSystem.Server/appsettings.json` and
 * `Services/KravOgBetalingerService.cs`) uses `BaseAddress = …/v1/regnskapssystem/` and appends
 * `{orgno}/aapnekrav` with `fraOgMed`, `tilOgMed` and `Korrelasjonsid` in the query. The same
 * plugin serves `/v1/…` here, with the same checks, codes and ETags as the old path.
 */
const oldBase = '/api/innkreving/kravogbetalinger/v1';
/** The reference client's BaseAddress with this host in place of the gateway's. */
const referenceBase = '/v1/regnskapssystem/';

describeEachDatabase('Krav og betalinger under the gateway path /v1', ({ handle, kind }) => {
  let t: CalendarTestApp;
  let baseUrl: string;
  let token: string;

  beforeAll(async () => {
    t = await calendarTestApp(handle().db, kind);
    token = await t.vendorToken(scenarioParty, 'skatteetaten:kravogbetalinger');
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.app.close());

  const get = (path: string, headers: Record<string, string> = { authorization: `Bearer ${token}` }, method = 'GET') => fetch(`${baseUrl}${path}`, { method, headers });

  it('answers the reference client exactly as the old path does, for all four endpoints', async () => {
    expect((await get(`${referenceBase}${scenarioParty}/aapnekrav`)).status).toBe(200);
    for (const [endpoint, query] of [
      ['aapnekrav', ''],
      ['krav', '?fraOgMed=2026-01-01&tilOgMed=2026-06-20'],
      ['innbetalinger', '?fraOgMed=2026-01-01'],
      ['utbetalinger', ''],
    ] as const) {
      const gateway = await get(`${referenceBase}${scenarioParty}/${endpoint}${query}`);
      const old = await get(`${oldBase}/regnskapssystem/${scenarioParty}/${endpoint}${query}`);
      expect([endpoint, gateway.status]).toEqual([endpoint, old.status]);
      expect(gateway.headers.get('etag')).toBe(old.headers.get('etag'));
      // An error body carries its own korrelasjonsid; everything else is byte for byte the same.
      const withoutKorrelasjonsid = async (response: Response) => (await response.text()).replace(/"korrelasjonsid":"[^"]+"/, '');
      expect(await withoutKorrelasjonsid(gateway)).toBe(await withoutKorrelasjonsid(old));
    }
  });

  it('echoes the korrelasjonsid and answers XML when asked, like the old path', async () => {
    const response = await get(`${referenceBase}${scenarioParty}/aapnekrav`, { authorization: `Bearer ${token}`, korrelasjonsid: 'gateway-1', accept: 'application/xml' });
    expect(response.status).toBe(200);
    expect(response.headers.get('korrelasjonsid')).toBe('gateway-1');
    expect(response.headers.get('content-type')).toContain('application/xml');
  });

  it('runs the same access checks: no token KB-004, a party without a system user KB-005', async () => {
    const anonymous = await get(`${referenceBase}${scenarioParty}/aapnekrav`, {});
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ kode: 'KB-004' });
    const otherParty = await get(`${referenceBase}${undelegatedParty}/aapnekrav`);
    expect(otherParty.status).toBe(403);
    expect(await otherParty.json()).toMatchObject({ kode: 'KB-005' });
  });

  it('answers KB-003 for every unknown path or method under /v1, and KB-006 for a malformed one', async () => {
    for (const [method, path] of [
      ['GET', `/v1/regnskapssystem/${scenarioParty}/ukjent`],
      ['GET', `/v1/bank/${scenarioParty}/aapnekrav`],
      ['GET', '/v1/noe'],
      ['POST', `/v1/regnskapssystem/${scenarioParty}/aapnekrav`],
    ] as const) {
      const response = await get(path, { authorization: `Bearer ${token}` }, method);
      expect([path, response.status]).toEqual([path, 404]);
      const body = (await response.json()) as { kode: string; melding: string };
      expect(body.kode).toBe('KB-003');
    }
    const unknown = (await (await get('/v1/noe')).json()) as { melding: string };
    expect(unknown.melding).toContain('under /api/innkreving/kravogbetalinger/v1 eller /v1');
    const malformed = await get(`/v1/regnskapssystem/${scenarioParty}/%zz`);
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ kode: 'KB-006' });
  });

  it('the change feed comes along: /v1/{rettighetspakke}/endringer lists the same parties', async () => {
    const agentToken = await t.agentToken('skatteetaten:kravogbetalinger');
    const gateway = await get('/v1/regnskapssystem/endringer', { authorization: `Bearer ${agentToken}` });
    const old = await get(`${oldBase}/regnskapssystem/endringer`, { authorization: `Bearer ${agentToken}` });
    expect(gateway.status).toBe(200);
    const parties = (body: unknown) => (body as { endringer: { partIdentifikator: string }[] }).endringer.map((change) => change.partIdentifikator);
    expect(parties(await gateway.json())).toEqual(parties(await old.json()));
    expect(parties(await (await get('/v1/regnskapssystem/endringer', { authorization: `Bearer ${agentToken}` })).json())).toContain(secondDelegatedParty);
  });

  it('the OpenAPI document lists each operation once, under the old path', async () => {
    const document = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    const paths = Object.keys(document.paths);
    expect(paths.some((path) => path.startsWith('/v1/'))).toBe(false);
    expect(paths).toContain(`${oldBase}/{rettighetspakke}/{partIdentifikator}/aapnekrav`);
  });
});
