import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerOrganization } from '../../src/auth/altinn/organizations.js';
import { generateClientKey, registerClient, signGrant, tokenRequestBody } from '../../src/auth/index.js';
import { systemClock } from '../../src/clock.js';
import { localDate } from '../../src/domain/dates.js';
import { withOrganisasjonsnummerCheckDigit } from '../../src/domain/organisasjonsnummer.js';
import { registrerPart } from '../../src/ledger/index.js';
import { stopChild, waitForOutput } from '../support/child-process.js';
import { createTestDatabase, databaseKinds } from '../support/databases.js';
import { freePort } from '../support/free-port.js';
import { testPublicUrl } from '../support/auth.js';

const vendorOrg = '315600057';
const systemId = `${vendorOrg}_kapplop`;

/**
 * Two real server processes on one PostgreSQL get the same vendor request at the same moment:
 * exactly one open request may exist per system, business and externalRef (migration 0006).
 */
describe.runIf(databaseKinds.includes('postgres'))('Altinn system-user requests from two processes at once', () => {
  let servers: ChildProcess[] = [];
  let ports: number[] = [];
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let token: string;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    // A database with a party is not empty: `kob serve` does not seed the demo into it.
    await registrerPart(database.db, { partId: vendorOrg, navn: 'Kappløp AS', organisasjonsform: 'AS', registrertDato: localDate('2020-01-01') });
    ports = [await freePort(), await freePort()];
    servers = ports.map((port) =>
      spawn(process.execPath, ['--import', 'tsx', 'src/kob.ts', 'serve', '--port', String(port), '--workers', '1'], {
        env: { ...process.env, DATABASE_URL: database.url, KOB_PUBLIC_URL: testPublicUrl, HOST: '127.0.0.1', KOB_LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    );
    await Promise.all(servers.map((server) => waitForOutput(server, 'kjører på')));
    const { privateJwk, publicJwk } = await generateClientKey();
    const scopes = ['altinn:authentication/systemregister.write', 'altinn:authentication/systemuser.request.write'];
    const client = await registerClient(database.db, systemClock(), { org: vendorOrg, name: 'Kappløp', scopes, publicJwk });
    // The token comes from the first process; both accept it (one signing key in the database).
    const grant = await signGrant({ clientId: client.clientId, jwk: privateJwk, audience: `${testPublicUrl}/maskinporten/`, scope: scopes.join(' '), nowSeconds: Math.floor(Date.now() / 1000) });
    const issued = await fetch(`http://127.0.0.1:${ports[0]}/maskinporten/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: tokenRequestBody(grant) });
    token = ((await issued.json()) as { access_token: string }).access_token;
    const system = await post(ports[0]!, '/altinn/authentication/api/v1/systemregister/vendor', {
      id: systemId,
      vendor: { ID: `0192:${vendorOrg}` },
      name: { nb: 'Kappløp' },
      description: { nb: 'To prosesser' },
      rights: [{ resource: [{ id: 'urn:altinn:resource', value: 'ske-krav-og-betalinger' }] }],
      clientId: [client.clientId],
    });
    expect(system.status).toBe(200);
  }, 90_000);

  afterAll(async () => {
    await Promise.all(servers.map(stopChild));
    await database?.close();
  });

  function post(port: number, path: string, body: unknown) {
    return fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  }

  it('creates one request, and both processes answer with it', async () => {
    const customers = Array.from({ length: 40 }, (_, n) => withOrganisasjonsnummerCheckDigit(String(31570000 + n))).filter((orgnr) => orgnr !== undefined);
    for (const [round, customer] of customers.slice(0, 12).entries()) {
      await registerOrganization(database.db, customer, `Kunde ${round}`);
      const body = { systemId, partyOrgNo: customer, rights: [{ resource: [{ id: 'urn:altinn:resource', value: 'ske-krav-og-betalinger' }] }] };
      const answers = await Promise.all(ports.map((port) => post(port, '/altinn/authentication/api/v1/systemuser/request/vendor', body)));
      const ids = await Promise.all(answers.map(async (answer) => ((await answer.json()) as { id: string }).id));
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 201]);
      expect(ids[0]).toBe(ids[1]);
      const open = await database.db.selectFrom('altinn_request').where('party_orgnr', '=', customer).where('status', '=', 'New').select('id').execute();
      expect(open).toEqual([{ id: ids[0] }]);
    }
  });
});
