import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AuthServices, DemoAccess } from '../../../src/auth/index.js';
import { bokfoerInnbetaling, bokfoerKrav, registrerParter } from '../../../src/ledger/index.js';
import { buildApp } from '../../../src/server.js';
import { approveDemoSystemUser } from '../../support/api-access.js';
import { seedDemo, testClock, testConfig, tokenFor, type TestClock } from '../../support/auth.js';
import { describeEachDatabase } from '../../support/databases.js';
import { cacheLookupCount } from '../../support/metrics.js';
import { d, kr, nyNoekkel, nyttAs } from '../../ledger/fixtures.js';

/**
 * The server keeps each party's data version and the serialized bodies (src/db/invalidated-cache.ts,
 * src/api/body-cache.ts); a booking or a registration in this process drops them before its
 * caller gets the answer, so the very next request sees the change. Over real HTTP.
 */
const prefix = '/api/innkreving/kravogbetalinger/v1';

describeEachDatabase('Krav og betalinger caches: the next request after a change sees it', ({ handle, kind }) => {
  let app: FastifyInstance;
  let origin: string;
  let auth: AuthServices;
  let clock: TestClock;
  let demo: DemoAccess;
  let as: string;
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const token = await tokenFor(app, demo.regnskapssystem, clock, { systemUserOrg: as });
    return fetch(`${origin}${prefix}/regnskapssystem/${as}/${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
  };
  const cacheHits = async () => {
    return cacheLookupCount(await (await fetch(`${origin}/metrics`)).text(), 'kravogbetalinger_body', 'hit');
  };

  beforeAll(async () => {
    const { db } = handle();
    clock = testClock(Date.UTC(2024, 2, 1, 10, 0, 0));
    const config = testConfig();
    app = await buildApp({ db, databaseKind: kind, clock, config, logger: false });
    auth = app.kobAuth;
    origin = await app.listen({ port: 0, host: '127.0.0.1' });
    demo = await seedDemo(db, clock);
    as = await nyttAs(db, { utbetalingskonto: '12345678903' });
    await approveDemoSystemUser(auth.altinn, as);
    await bokfoerKrav(db, { idempotencyKey: nyNoekkel('krav'), bokfoertDato: d('2024-02-01'), partId: as, kravtype: 'arbeidsgiveravgift', periode: { beskrivelse: 'Termin', aar: 2024 }, forfall: [{ forfallsdato: d('2024-02-15'), beloepOere: kr(10_000) }] });
  });
  afterAll(async () => {
    await app.close();
  });

  it('serves a repeated request from the cache, and the next one after a payment with the payment', async () => {
    const first = await get('aapnekrav');
    expect(first.status).toBe(200);
    const before = await first.text();
    const hits = await cacheHits();
    const again = await get('aapnekrav');
    expect(await again.text()).toBe(before);
    expect(await cacheHits()).toBe(hits + 1);

    await bokfoerInnbetaling(handle().db, { idempotencyKey: nyNoekkel('inn'), bokfoertDato: d('2024-02-20'), partId: as, beloepOere: kr(4_000), betalerKonto: '15030000002' });
    const after = await get('aapnekrav');
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(first.headers.get('etag'));
    const body = (await after.json()) as { totalOversikt: { saldo: number } };
    expect(body.totalOversikt.saldo).toBeLessThan((JSON.parse(before) as { totalOversikt: { saldo: number } }).totalOversikt.saldo);
  });

  it('answers 304 from the cached version, and 200 with the new body once the party changed', async () => {
    const first = await get('aapnekrav');
    const etag = first.headers.get('etag')!;
    // fetch adds `Cache-Control: no-cache` to a conditional request; the server answers 304 all the same (decision 0150).
    const conditional = { 'if-none-match': etag };
    expect((await get('aapnekrav', conditional)).status).toBe(304);
    await bokfoerInnbetaling(handle().db, { idempotencyKey: nyNoekkel('inn'), bokfoertDato: d('2024-02-21'), partId: as, beloepOere: kr(1_000) });
    const changed = await get('aapnekrav', conditional);
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('drops the cached version when the master data changes (a protected address shields the body at once)', async () => {
    const open = (await (await get('innbetalinger', {})).json()) as { skjermet: boolean };
    expect(open.skjermet).toBe(false);
    await registrerParter(handle().db, [{ partId: as, navn: 'Skjermet AS', organisasjonsform: 'AS', skjermet: true, registrertDato: d('2020-01-01') }]);
    const shielded = (await (await get('innbetalinger', {})).json()) as { skjermet: boolean };
    expect(shielded.skjermet).toBe(true);
  });
});
