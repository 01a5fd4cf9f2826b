import { beforeAll, expect, it } from 'vitest';
import { generateClientKey, registerClient } from '../../../src/auth/index.js';
import { tokenFor } from '../../support/auth.js';
import {
  calendarTestApp,
  jsonRequest,
  kalenderRequest,
  scenarioParty,
  secondDelegatedParty,
  undelegatedParty,
  type CalendarTestApp,
} from '../../support/calendar-app.js';
import { describeEachDatabase } from '../../support/databases.js';

/**
 * Access to the calendar surfaces (decision 0058) through the real token server: the scope of
 * each API, a system user with rights for every party asked for (directly or by client
 * delegation), or a consent from the party; anything else refused with the reason.
 */
describeEachDatabase('access to the Kalendertjeneste and the Frister API', ({ handle, kind }) => {
  let t: CalendarTestApp;
  /** A client of the demo bank that may ask for the calendar scopes, and a consent token from 313367002. */
  let consentToken: string;
  beforeAll(async () => {
    t = await calendarTestApp(handle().db, kind);
    const { privateJwk, publicJwk } = await generateClientKey();
    const client = await registerClient(handle().db, t.clock, { org: t.demo.finans.org, name: 'Demo Bank kalender', scopes: ['skatteetaten:kalender', 'skatteetaten:frister'], publicJwk });
    consentToken = await tokenFor(t.app, { client_id: client.clientId, jwk: privateJwk }, t.clock, { scope: 'skatteetaten:kalender skatteetaten:frister', consent: t.demo.finans.consents[0]! });
  });

  const calendar = (token: string | undefined, parties: string[]) => t.app.inject(jsonRequest(token, kalenderRequest(parties)));
  const frister = (token: string | undefined, orgnr: string) =>
    t.app.inject({ url: `/api/frister/v1/${orgnr}`, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });

  it('a system user of the party with the right scope reads both APIs', async () => {
    expect((await calendar(await t.vendorToken(scenarioParty), [scenarioParty])).statusCode).toBe(200);
    expect((await frister(await t.vendorToken(scenarioParty, 'skatteetaten:frister'), scenarioParty)).statusCode).toBe(200);
  });

  it('each API wants its own scope: KAL-004 / FRI-004 naming it', async () => {
    const kravOgBetalinger = await t.vendorToken(scenarioParty, 'skatteetaten:kravogbetalinger');
    expect((await calendar(kravOgBetalinger, [scenarioParty])).json()).toMatchObject({ kode: 'KAL-004', melding: expect.stringContaining('mangler scope skatteetaten:kalender') });
    const kalender = await t.vendorToken(scenarioParty);
    expect((await frister(kalender, scenarioParty)).json()).toMatchObject({ kode: 'FRI-004', melding: expect.stringContaining('mangler scope skatteetaten:frister') });
    expect((await calendar(await t.vendorToken(scenarioParty, 'skatteetaten:frister'), [scenarioParty])).json().kode).toBe('KAL-004');
  });

  it('no token, or a token that is not ours: 401', async () => {
    expect((await calendar(undefined, [scenarioParty])).statusCode).toBe(401);
    expect((await calendar('eyJhbGciOiJub25lIn0.e30.', [scenarioParty])).json().kode).toBe('KAL-004');
    expect((await frister('not-a-jwt', scenarioParty)).json().kode).toBe('FRI-004');
  });

  it("another business's system user is refused for the party: KAL-005 / FRI-005 with the decision point's reason", async () => {
    const token = await t.vendorToken(scenarioParty);
    const response = await calendar(token, [undelegatedParty]);
    expect(response.statusCode).toBe(403);
    expect(response.json().melding).toMatch(new RegExp(`^Ingen tilgang til parten – ${undelegatedParty}: systembrukeren .* har ikke tilgang til ${undelegatedParty}`));
    const fristerToken = await t.vendorToken(scenarioParty, 'skatteetaten:frister');
    expect((await frister(fristerToken, undelegatedParty)).json()).toMatchObject({ kode: 'FRI-005' });
  });

  it('an agent system user reads its delegated clients in one request; one client not delegated refuses the whole request', async () => {
    const agent = await t.agentToken();
    expect((await calendar(agent, [scenarioParty, secondDelegatedParty])).statusCode).toBe(200);
    const refused = await calendar(agent, [scenarioParty, undelegatedParty, secondDelegatedParty]);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().melding).toMatch(new RegExp(`^Ingen tilgang til 1 av 3 parter – ${undelegatedParty}: `));
    expect(refused.json().melding).not.toContain(`${scenarioParty}:`);
  });

  it('a consent from the party works without a system user; for another party it is refused (KAL-005, FRI-009)', async () => {
    expect((await calendar(consentToken, [scenarioParty])).statusCode).toBe(200);
    expect((await frister(consentToken, scenarioParty)).statusCode).toBe(200);
    const other = await calendar(consentToken, [secondDelegatedParty]);
    expect(other.json()).toMatchObject({ kode: 'KAL-005', melding: expect.stringContaining('samtykket') });
    expect((await frister(consentToken, secondDelegatedParty)).json()).toMatchObject({ kode: 'FRI-009', melding: expect.stringContaining('samtykket') });
  });

  it('a person (fødselsnummer) passes validation and meets the same check: no system user acts for a person', async () => {
    const response = await calendar(await t.vendorToken(scenarioParty), [t.scenario.eier]);
    expect(response.json()).toMatchObject({ kode: 'KAL-005', melding: expect.stringContaining(t.scenario.eier) });
  });

  it('a client without a system user or consent is refused with what to ask for', async () => {
    const plain = await tokenFor(t.app, t.demo.regnskapssystem, t.clock, { scope: 'skatteetaten:kalender' });
    expect((await calendar(plain, [scenarioParty])).json()).toMatchObject({ kode: 'KAL-005', melding: expect.stringContaining('tokenet har verken systembruker eller samtykke') });
    const fristerPlain = await tokenFor(t.app, t.demo.regnskapssystem, t.clock, { scope: 'skatteetaten:frister' });
    expect((await frister(fristerPlain, scenarioParty)).json().kode).toBe('FRI-005');
  });
});
