import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPersons } from '../../src/testdata/index.js';
import { firstText, startKobMcp, type KobMcp } from '../support/kob-mcp-client.js';
import { runKob } from '../support/kob-process.js';
import { startSandbox, type Sandbox } from '../support/sandbox-child.js';

/**
 * `kob mcp` with `kob token`'s access options (decision 0181), against a fresh sandbox with real
 * tokens, through the SDK's own MCP client over stdio: an accounting firm's agent system user
 * reads the clients delegated to it; a bank reads each party with that party's consent,
 * a person by fødselsnummer included.
 */
describe('kob mcp as an accounting firm and as a bank', () => {
  const kari = demoPersons.kari.fnr;
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox?.stop());

  describe('--systemuser-org 315600030: the accounting firm\'s agent system user', () => {
    let mcp: KobMcp;
    beforeAll(async () => {
      mcp = await startKobMcp(sandbox, { file: sandbox.vendorFile, credentials: sandbox.vendor }, ['--systemuser-org', '315600030']);
    });
    afterAll(() => mcp?.close());

    it('lists the clients delegated to it as the parties it may read, and their kontoutskrift', async () => {
      const result = await mcp.client.callTool({ name: 'parter', arguments: {} });
      expect(result.structuredContent).toEqual({
        tilgang: 'systembruker',
        rettighetspakke: 'regnskapssystem',
        systembrukerEier: '315600030',
        parter: [{ partIdentifikator: '313367002' }, { partIdentifikator: '314961900' }],
      });
      expect(firstText(result)).toBe('Systembrukeren til 315600030 kan lese 2 parter: 313367002, 314961900.');
      const { resources } = await mcp.client.listResources();
      expect(resources.map((r) => r.uri)).toEqual([`kontoutskrift://313367002/${new Date().getFullYear()}`, `kontoutskrift://314961900/${new Date().getFullYear()}`]);
    });

    it('reads a delegated client\'s open claims (aapne_krav), with the deadlines', async () => {
      const result = await mcp.client.callTool({ name: 'aapne_krav', arguments: { partIdentifikator: '313367002' } });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ partIdentifikator: '313367002', aapentKravMedGjenstaaendeBeloep: expect.any(Array) });
      expect(firstText(result)).toMatch(/^Forfalt: \d+ forfall.*\nBetal først: .* KID \d+/);
      expect(firstText(result)).toMatch(/\nNeste frister: \d{4}-\d{2}-\d{2} /);
    });

    it('is refused, in the API\'s words, for a client of the firm that is not delegated (314055403) and for a person', async () => {
      const notDelegated = await mcp.client.callTool({ name: 'aapne_krav', arguments: { partIdentifikator: '314055403' } });
      expect(notDelegated.isError).toBe(true);
      expect(firstText(notDelegated)).toMatch(/^KB-005: .*314055403.*\(korrelasjonsid [0-9a-f-]{36}\)$/);
      const person = await mcp.client.callTool({ name: 'krav', arguments: { partIdentifikator: kari, fraOgMed: '2026-01-01', tilOgMed: '2026-12-31' } });
      expect(firstText(person)).toMatch(/^KB-005: /);
    });
  });

  describe('--consent-id …: the bank, each party through its own consent', () => {
    let mcp: KobMcp;
    beforeAll(async () => {
      mcp = await startKobMcp(sandbox, { file: sandbox.bankFile, credentials: sandbox.bank }, ['--consent-id', ...sandbox.bank.consents.map((c) => c.id)]);
    });
    afterAll(() => mcp?.close());

    it('lists the parties whose consent it holds: two businesses and a person', async () => {
      const result = await mcp.client.callTool({ name: 'parter', arguments: {} });
      const [fjellheim, nordlys, person] = sandbox.bank.consents;
      expect(result.structuredContent).toEqual({
        tilgang: 'samtykker',
        rettighetspakke: 'finans',
        parter: [
          { partIdentifikator: '313367002', samtykkeId: fjellheim!.id },
          { partIdentifikator: '311851381', samtykkeId: nordlys!.id },
          { partIdentifikator: kari, samtykkeId: person!.id },
        ],
        samtykkerIkkeIBruk: [],
        utenSamtykkeId: [],
      });
      expect(firstText(result)).toBe(`Med samtykke kan kob mcp lese 313367002, 311851381, ${kari}.`);
    });

    it('reads each business with the consent from it (finans), without deadlines (the bank has no Frister scope)', async () => {
      for (const part of ['313367002', '311851381']) {
        const result = await mcp.client.callTool({ name: 'aapne_krav', arguments: { partIdentifikator: part } });
        expect(result.isError, firstText(result)).toBeFalsy();
        expect(result.structuredContent).toMatchObject({ partIdentifikator: part, totalOversikt: { saldo: expect.any(Number) } });
        expect(firstText(result)).not.toContain('Neste frister');
      }
    });

    it('reads a person by fødselsnummer with her consent: Kari Fjellheim\'s own forskuddsskatt', async () => {
      const result = await mcp.client.callTool({ name: 'aapne_krav', arguments: { partIdentifikator: kari } });
      expect(result.isError, firstText(result)).toBeFalsy();
      const aapne = result.structuredContent as { partIdentifikator: string; aapentKravMedGjenstaaendeBeloep?: { kravbeskrivelse: { spraakTekst: { tekst: string }[] } }[] };
      expect(aapne.partIdentifikator).toBe(kari);
      expect(aapne.aapentKravMedGjenstaaendeBeloep?.some((k) => /forskuddsskatt/i.test(k.kravbeskrivelse.spraakTekst[0]!.tekst))).toBe(true);
      const { contents } = await mcp.client.readResource({ uri: `kontoutskrift://${kari}/${new Date().getFullYear()}` });
      expect((contents[0] as { text: string }).text).toMatch(/forskuddsskatt/i);
    });

    it('says which consent is missing for a party it has none from, and names the rule an invalid fødselsnummer breaks', async () => {
      const none = await mcp.client.callTool({ name: 'aapne_krav', arguments: { partIdentifikator: '314961900' } });
      expect(none.isError).toBe(true);
      expect(firstText(none)).toBe(`Ingen samtykke for 314961900 er oppgitt; kob mcp leser med samtykkene fra 313367002, 311851381, ${kari}. Start kob mcp med --consent-id for samtykket fra 314961900.`);
      const invalid = await mcp.client.callTool({ name: 'aapne_krav', arguments: { partIdentifikator: '12037840123' } });
      expect(invalid.isError).toBe(true);
      expect(firstText(invalid)).toBe('Parameteren partIdentifikator (12037840123) er ikke et gyldig fødselsnummer eller D-nummer: kontrollsifrene stemmer ikke.');
    });

    it('never echoes the key', () => {
      expect(mcp.stderr()).not.toContain(String(sandbox.bank.jwk.d));
    });
  });

  it('with one consent named by --consent-from, lists the bank\'s other valid consents as lacking their id', async () => {
    const nordlys = sandbox.bank.consents[1]!;
    const mcp = await startKobMcp(sandbox, { file: sandbox.bankFile, credentials: sandbox.bank }, ['--consent-id', nordlys.id, '--consent-from', '311851381']);
    try {
      const result = await mcp.client.callTool({ name: 'parter', arguments: {} });
      expect(result.structuredContent).toMatchObject({ parter: [{ partIdentifikator: '311851381', samtykkeId: nordlys.id }], utenSamtykkeId: ['313367002', kari].sort() });
      expect(firstText(result)).toContain('Gyldig samtykke, men samtykke-id-en er ikke oppgitt til kob mcp: ');
    } finally {
      await mcp.close();
    }
  });

  it('refuses options that contradict each other, before it starts', async () => {
    const base = ['mcp', '--client-id', sandbox.bank.client_id, '--jwk', sandbox.bankFile, '--base-url', sandbox.url];
    const both = await runKob([...base, '--systemuser-org', '315600030', '--consent-id', sandbox.bank.consents[0]!.id]);
    expect([both.code, both.stderr]).toEqual([2, expect.stringContaining('oppgi enten --systemuser-org (regnskapssystem) eller --consent-id (finans)')]);
    const pairs = await runKob([...base, '--consent-id', 'a', 'b', '--consent-from', '311851381']);
    expect([pairs.code, pairs.stderr]).toEqual([2, expect.stringContaining('oppgi én --consent-from per --consent-id')]);
    const badOrg = await runKob([...base, '--systemuser-org', '315600031']);
    expect([badOrg.code, badOrg.stderr]).toEqual([2, expect.stringContaining('--systemuser-org (315600031) er ikke et gyldig organisasjonsnummer: kontrollsifferet stemmer ikke.')]);
    for (const run of [both, pairs, badOrg]) expect(run.stderr).not.toContain(String(sandbox.bank.jwk.d));
  });
});
