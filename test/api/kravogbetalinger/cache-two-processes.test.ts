import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { generateClientKey, registerClient, signGrant, tokenRequestBody, type DemoAccess } from '../../../src/auth/index.js';
import { systemClock } from '../../../src/clock.js';
import { bokfoerInnbetaling, bokfoerKrav } from '../../../src/ledger/index.js';
import { approveDemoSystemUser } from '../../support/api-access.js';
import { seedDemo, testConfig } from '../../support/auth.js';
import { stopChild, waitForOutput } from '../../support/child-process.js';
import { describeEachDatabase } from '../../support/databases.js';
import { cacheLookupCount } from '../../support/metrics.js';
import { freePort } from '../../support/free-port.js';
import { d, kr, nyNoekkel, nyttAs } from '../../ledger/fixtures.js';

/**
 * Two `kob serve` processes on one PostgreSQL database, as behind a load balancer: both keep the
 * party's version and bodies in memory, and a booking made elsewhere (here by the test process,
 * as `kob innbetalingsfil` would) reaches both through LISTEN/NOTIFY. A token issued by one is
 * accepted by the other: the signing keys live in the database.
 */
const prefix = '/api/innkreving/kravogbetalinger/v1';
/** What PostgreSQL may take to pass a notification on; a cache without invalidation never gets there. */
const deliveryWaitMsMax = 5_000;

describeEachDatabase(
  'Krav og betalinger caches across two server processes',
  ({ handle }) => {
    const clock = systemClock(d('2024-03-01'));
    const servers: { child: ChildProcess; origin: string }[] = [];
    let demo: DemoAccess;
    let as: string;
    let publicUrl: string;
    let dataDir: string;

    beforeAll(async () => {
      const { db, url } = handle();
      const config = testConfig();
      demo = await seedDemo(db, clock);
      as = await nyttAs(db);
      await approveDemoSystemUser({ db, clock, publicUrl: config.publicUrl }, as);
      await bokfoerKrav(db, { idempotencyKey: nyNoekkel('krav'), bokfoertDato: d('2024-02-01'), partId: as, kravtype: 'arbeidsgiveravgift', periode: { beskrivelse: 'Termin', aar: 2024 }, forfall: [{ forfallsdato: d('2024-02-15'), beloepOere: kr(10_000) }] });
      dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kob-two-'));
      const ports = [await freePort(), await freePort()];
      // One public URL for both, as behind a load balancer: it is the token issuer.
      publicUrl = `http://127.0.0.1:${ports[0]}`;
      for (const port of ports) {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/kob.ts', 'serve', '--port', String(port), '--workers', '1', '--data-dir', dataDir, '--today', '2024-03-01'], {
          env: { ...process.env, DATABASE_URL: url, KOB_PUBLIC_URL: publicUrl, HOST: '127.0.0.1', KOB_LOG_LEVEL: 'warn' },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        servers.push({ child, origin: `http://127.0.0.1:${port}` });
        await waitForOutput(child, 'kjører på');
      }
    });
    afterAll(async () => {
      for (const { child } of servers) await stopChild(child);
      await fs.rm(dataDir, { recursive: true, force: true });
    });

    const token = async (origin: string) => {
      const assertion = await signGrant({
        clientId: demo.regnskapssystem.client_id,
        jwk: demo.regnskapssystem.jwk,
        audience: `${publicUrl}/maskinporten/`,
        scope: 'skatteetaten:kravogbetalinger',
        nowSeconds: Math.floor(Date.now() / 1000),
        systemUserOrg: as,
      });
      const response = await fetch(`${origin}/maskinporten/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: tokenRequestBody(assertion) });
      expect(response.status).toBe(200);
      return ((await response.json()) as { access_token: string }).access_token;
    };
    const aapneKrav = async (origin: string, accessToken: string) => {
      const response = await fetch(`${origin}${prefix}/regnskapssystem/${as}/aapnekrav`, { headers: { authorization: `Bearer ${accessToken}` } });
      expect(response.status).toBe(200);
      return response.text();
    };
    const bodyHits = async (origin: string) => {
      return cacheLookupCount(await (await fetch(`${origin}/metrics`)).text(), 'kravogbetalinger_body', 'hit');
    };

    it('both servers answer from their caches, and both see a booking made elsewhere', async () => {
      const accessToken = await token(servers[0]!.origin);
      const before = await aapneKrav(servers[0]!.origin, accessToken);
      for (const { origin } of servers) {
        expect(await aapneKrav(origin, accessToken)).toBe(before);
        const hits = await bodyHits(origin);
        expect(await aapneKrav(origin, accessToken)).toBe(before);
        expect(await bodyHits(origin)).toBe(hits + 1);
      }

      await bokfoerInnbetaling(handle().db, { idempotencyKey: nyNoekkel('inn'), bokfoertDato: d('2024-02-20'), partId: as, beloepOere: kr(4_000) });
      for (const { origin } of servers) {
        const start = Date.now();
        let body = await aapneKrav(origin, accessToken);
        while (body === before && Date.now() - start < deliveryWaitMsMax) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          body = await aapneKrav(origin, accessToken);
        }
        expect(body).not.toBe(before);
      }
    });

    it('a token issued by one server is accepted by the other (the signing keys are in the database)', async () => {
      const fromSecond = await token(servers[1]!.origin);
      expect(await aapneKrav(servers[0]!.origin, fromSecond)).toBe(await aapneKrav(servers[1]!.origin, fromSecond));
    });

    it('a system user deleted through one server is refused by the other at once (its kept decision is dropped)', async () => {
      const accessToken = await token(servers[0]!.origin);
      await aapneKrav(servers[0]!.origin, accessToken);
      const hits = cacheLookupCount(await (await fetch(`${servers[0]!.origin}/metrics`)).text(), 'tilgangsbeslutning', 'hit');
      await aapneKrav(servers[0]!.origin, accessToken);
      expect(cacheLookupCount(await (await fetch(`${servers[0]!.origin}/metrics`)).text(), 'tilgangsbeslutning', 'hit')).toBe(hits + 1);

      const { privateJwk, publicJwk } = await generateClientKey();
      const owner = await registerClient(handle().db, clock, { org: as, name: 'Eier', scopes: ['altinn:portal/enduser'], publicJwk });
      const ownerAssertion = await signGrant({ clientId: owner.clientId, jwk: privateJwk, audience: `${publicUrl}/maskinporten/`, scope: 'altinn:portal/enduser', nowSeconds: Math.floor(Date.now() / 1000) });
      const ownerToken = (await (await fetch(`${servers[1]!.origin}/maskinporten/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: tokenRequestBody(ownerAssertion) })).json()) as { access_token: string };
      const systemUserId = (decodeJwt(accessToken).authorization_details as { systemuser_id: string[] }[])[0]!.systemuser_id[0];
      const deleted = await fetch(`${servers[1]!.origin}/altinn/authentication/api/v1/systemuser/${as}/${systemUserId}`, { method: 'DELETE', headers: { authorization: `Bearer ${ownerToken.access_token}` } });
      expect(deleted.status).toBe(202);

      const start = Date.now();
      let status = 200;
      while (status === 200 && Date.now() - start < deliveryWaitMsMax) {
        status = (await fetch(`${servers[0]!.origin}${prefix}/regnskapssystem/${as}/aapnekrav`, { headers: { authorization: `Bearer ${accessToken}` } })).status;
        if (status === 200) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(status).toBe(403);
    });
  },
  { only: 'postgres' },
);
