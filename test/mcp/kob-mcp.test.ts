import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kravkolonner, parseCsv } from '../support/kontoutskrift-reader.js';
import { demoPersons } from '../../src/testdata/index.js';
import { firstText, startKobMcp, type KobMcp } from '../support/kob-mcp-client.js';
import { startSandbox, type Sandbox } from '../support/sandbox-child.js';

interface OpenApiParameter {
  name: string;
  in: string;
  description?: string;
  schema: Record<string, unknown>;
}

function withoutAnnotations(schema: Record<string, unknown>): Record<string, unknown> {
  const { description: _description, examples: _examples, ...rule } = schema;
  return rule;
}

/** `kob mcp` as an MCP client starts it (stdio), through the SDK's own client, against a fresh sandbox. */
describe('kob mcp', () => {
  let sandbox: Sandbox;
  let mcp: KobMcp;
  let client: Client;
  beforeAll(async () => {
    sandbox = await startSandbox();
    mcp = await startKobMcp(sandbox, { file: sandbox.vendorFile, credentials: sandbox.vendor });
    client = mcp.client;
  });
  afterAll(async () => {
    await mcp?.close();
    await sandbox?.stop();
  });

  it('lists the read-only tools: the parties it may read, and one per endpoint', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['parter', 'aapne_krav', 'krav', 'innbetalinger', 'utbetalinger', 'frister']);
    for (const tool of tools) expect(tool.annotations?.readOnlyHint).toBe(true);
  });

  it('takes exactly the parameters of the endpoint each tool wraps, with the same schemas', async () => {
    const document = (await (await fetch(`${sandbox.url}/openapi.json`)).json()) as { paths: Record<string, { get: { parameters: OpenApiParameter[] } }> };
    const wrapped: Record<string, string> = {
      aapne_krav: '/api/innkreving/kravogbetalinger/v1/{rettighetspakke}/{partIdentifikator}/aapnekrav',
      krav: '/api/innkreving/kravogbetalinger/v1/{rettighetspakke}/{partIdentifikator}/krav',
      innbetalinger: '/api/innkreving/kravogbetalinger/v1/{rettighetspakke}/{partIdentifikator}/innbetalinger',
      utbetalinger: '/api/innkreving/kravogbetalinger/v1/{rettighetspakke}/{partIdentifikator}/utbetalinger',
      frister: '/api/frister/v1/{organisasjonsnummer}',
    };
    for (const tool of (await client.listTools()).tools.filter((t) => t.name !== 'parter')) {
      // The key decides the rettighetspakke; headers are the transport's business.
      const parameters = document.paths[wrapped[tool.name]!]!.get.parameters.filter((p) => (p.in === 'path' || p.in === 'query') && p.name !== 'rettighetspakke');
      const properties = tool.inputSchema.properties as Record<string, Record<string, unknown>>;
      expect(Object.keys(properties).sort(), tool.name).toEqual(parameters.map((p) => p.name).sort());
      for (const parameter of parameters) {
        // OpenAPI lifts description and examples from the schema to the parameter.
        const { description, examples, ...rule } = properties[parameter.name]!;
        expect(rule, `${tool.name}.${parameter.name}`).toEqual(withoutAnnotations(parameter.schema));
        expect(description, `${tool.name}.${parameter.name}`).toBe(parameter.description);
      }
      expect(tool.inputSchema.required ?? [], tool.name).toEqual(parameters.filter((p) => p.in === 'path').map((p) => p.name));
    }
  });

  it('aapne_krav for 313367002: the structured data and a Norwegian summary of what to pay', async () => {
    const result = await client.callTool({ name: 'aapne_krav', arguments: { partIdentifikator: '313367002' } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ partIdentifikator: '313367002', aapentKravMedGjenstaaendeBeloep: expect.any(Array) });
    const [summary] = result.content as { text: string }[];
    expect(summary!.text).toMatch(/^Forfalt: \d+ forfall/);
    expect(summary!.text).toMatch(/Betal først: .* kr .*forfall \d{4}-\d{2}-\d{2}, KID \d+, konto \d{11}\./);
    // The next deadlines, from the Frister API for the organisation, the same line the frister tool gives.
    const frister = ((await client.callTool({ name: 'frister', arguments: { organisasjonsnummer: '313367002' } })).content as { text: string }[])[0]!.text;
    expect(frister).toMatch(/^Neste frister: \d{4}-\d{2}-\d{2} /);
    // Each deadline's title is a sentence; listed, its full stop gives way to the list's separator.
    expect(frister).not.toMatch(/\.[.;]/);
    expect(summary!.text.split('\n')).toContain(frister);
  });

  it('calls krav, innbetalinger, utbetalinger and frister', async () => {
    const periode = { partIdentifikator: '313367002', fraOgMed: '2025-01-01', tilOgMed: '2025-12-31' };
    expect((await client.callTool({ name: 'krav', arguments: periode })).structuredContent).toMatchObject({ krav: expect.any(Array) });
    expect((await client.callTool({ name: 'innbetalinger', arguments: periode })).isError).toBeFalsy();
    const utbetalinger = await client.callTool({ name: 'utbetalinger', arguments: periode });
    expect(utbetalinger.isError ? (utbetalinger.content as { text: string }[])[0]!.text : 'data').toMatch(/^KB-007: |^data$/);
    expect((await client.callTool({ name: 'frister', arguments: { organisasjonsnummer: '313367002' } })).structuredContent).toMatchObject({ virksomhet: '313367002' });
  });

  it('gives every tool the same kind of Norwegian summary of what its answer holds', async () => {
    const periode = { partIdentifikator: '313367002', fraOgMed: '2025-01-01', tilOgMed: '2025-12-31' };
    const summary = async (name: string, args: Record<string, string>) => ((await client.callTool({ name, arguments: args })).content as { text: string }[])[0]!.text;
    expect(await summary('krav', periode)).toMatch(/^(Ingen forfalte krav\.|Forfalt: \d+ forfall, .* kr\.)(\nBetal først: .* kr for «.*», forfall \d{4}-\d{2}-\d{2}, KID \d+, konto \d{11}\.)?$/);
    expect(await summary('innbetalinger', periode)).toMatch(/^Innbetalt: \d+ innbetalinger, .* kr\./);
    expect(await summary('frister', { organisasjonsnummer: '313367002' })).toMatch(/^(Neste frister: \d{4}-\d{2}-\d{2} .+\.|Ingen kommende frister\.)$/);
  });

  it('answers a bad input with a tool error naming the rule', async () => {
    const checkDigit = await client.callTool({ name: 'aapne_krav', arguments: { partIdentifikator: '313367003' } });
    expect(checkDigit.isError).toBe(true);
    expect((checkDigit.content as { text: string }[])[0]!.text).toContain('kontrollsiffer');
    const tooLong = await client.callTool({ name: 'krav', arguments: { partIdentifikator: '313367002', fraOgMed: '2024-01-01', tilOgMed: '2025-12-31' } });
    expect(tooLong.isError).toBe(true);
    expect((tooLong.content as { text: string }[])[0]!.text).toMatch(/^KB-006: .*ett år/);
    const badDate = await client.callTool({ name: 'innbetalinger', arguments: { partIdentifikator: '313367002', fraOgMed: '2025-02-30' } });
    expect((badDate.content as { text: string }[])[0]!.text).toContain('ÅÅÅÅ-MM-DD');
    const unknown = await client.callTool({ name: 'aapne_krav', arguments: { partIdentifikator: '313367002', rettighetspakke: 'finans' } });
    expect((unknown.content as { text: string }[])[0]!.text).toBe('Parameteren rettighetspakke finnes ikke i API-et.');
  });

  it('offers the kontoutskrift of a year as CSV in Min side’s columns, built from the API’s krav and innbetalinger', async () => {
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates).toEqual([expect.objectContaining({ uriTemplate: 'kontoutskrift://{partIdentifikator}/{aar}', mimeType: 'text/csv' })]);
    const uri = 'kontoutskrift://313367002/2025';
    const { contents } = await client.readResource({ uri });
    expect(contents).toEqual([expect.objectContaining({ uri, mimeType: 'text/csv' })]);
    const text = (contents[0] as { text: string }).text;
    expect(text.startsWith('\ufeff')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header!.map((h) => h.replace(/\d{2}\.\d{2}\.\d{4}$/, 'DATO'))).toEqual(kravkolonner.map((h) => h.replace(/\d{2}\.\d{2}\.\d{4}$/, 'DATO')));
    for (const row of rows) expect(row).toHaveLength(kravkolonner.length);
    // Every due item of the year's claims is a debit row with its amount and KID, as /krav gives them.
    const krav = (await client.callTool({ name: 'krav', arguments: { partIdentifikator: '313367002', fraOgMed: '2025-01-01', tilOgMed: '2025-12-31' } })).structuredContent as {
      krav: { kravforfall: { forfallsdato: string; opprinneligBeloep: number; betalingsinformasjon: { kidnummer?: string } }[] }[];
    };
    const forfall = krav.krav.flatMap((k) => k.kravforfall);
    expect(forfall.length).toBeGreaterThan(0);
    const debet = rows.filter((row) => !row[5]!.startsWith('-'));
    expect(debet).toHaveLength(forfall.length);
    for (const f of forfall) {
      const [y, m, d] = f.forfallsdato.split('-');
      const amount = f.opprinneligBeloep.toFixed(2).replace('.', ',');
      expect(debet.some((row) => row[4] === `${d}.${m}.${y}` && row[5] === amount && row[10] === (f.betalingsinformasjon.kidnummer ?? '')), f.forfallsdato).toBe(true);
    }
    // Payments are credit rows (Innbetaling: …), with the paying account masked.
    const kreditt = rows.filter((row) => row[5]!.startsWith('-'));
    for (const row of kreditt) expect(row[3]).toMatch(/^(Innbetaling|Motregning)/);
    for (const row of kreditt.filter((r) => r[9] !== '')) expect(row[9]).toMatch(/^\*{4} \*{2} \d{5}$/);
  });

  it('adds up: for Solberg Bygg (a VAT credit set off against overdue AGA, the rest paid out) Debet/Kredit over the years is the API\'s balance', async () => {
    const aapne = (await client.callTool({ name: 'aapne_krav', arguments: { partIdentifikator: '314961900' } })).structuredContent as {
      totalOversikt: { saldo: number; sumStipulerteRenter: number };
    };
    const oere = (celle: string) => Math.round(Number(celle.replace(',', '.')) * 100);
    const iAar = new Date().getFullYear();
    let sumOere = 0;
    const beskrivelser: string[] = [];
    for (let aar = iAar - 6; aar <= iAar; aar++) {
      const { contents } = await client.readResource({ uri: `kontoutskrift://314961900/${aar}` });
      const rows = parseCsv((contents[0] as { text: string }).text.slice(1)).slice(1);
      sumOere += rows.reduce((sum, row) => sum + oere(row[5]!), 0);
      beskrivelser.push(...rows.map((row) => row[3]!));
    }
    // Stipulated interest is not a transaction (decision 0102).
    expect(sumOere).toBe(Math.round((aapne.totalOversikt.saldo - aapne.totalOversikt.sumStipulerteRenter) * 100));
    expect(beskrivelser.filter((b) => b.startsWith('Motregning: ')).length).toBeGreaterThanOrEqual(2);
    expect(beskrivelser.some((b) => b.startsWith('Utbetaling: '))).toBe(true);
  });

  it('refuses a kontoutskrift for a bad part or year, naming the rule', async () => {
    await expect(client.readResource({ uri: 'kontoutskrift://313367003/2025' })).rejects.toThrow(/kontrollsiffer/);
    await expect(client.readResource({ uri: 'kontoutskrift://313367002/25' })).rejects.toThrow(/kontoutskrift:\/\/\{partIdentifikator\}\/\{aar\}/);
  });

  it('has no list of parties through each business\'s own system user, and says how to get one', async () => {
    const result = await client.callTool({ name: 'parter', arguments: {} });
    expect(result.structuredContent).toEqual({ tilgang: 'egne systembrukere', rettighetspakke: 'regnskapssystem', parter: [] });
    expect(firstText(result)).toMatch(/ingen liste .* --systemuser-org .* --consent-id/);
    expect((await client.listResources()).resources).toEqual([]);
  });

  it('takes a fødselsnummer, checked by the API\'s rule, but a person has no system user', async () => {
    const person = await client.callTool({ name: 'aapne_krav', arguments: { partIdentifikator: demoPersons.kari.fnr } });
    expect(person.isError).toBe(true);
    expect(firstText(person)).toBe(`${demoPersons.kari.fnr} er et fødselsnummer, og en person har ingen systembruker. En persons krav leses med personens samtykke: start kob mcp med --consent-id.`);
    const invalid = await client.callTool({ name: 'aapne_krav', arguments: { partIdentifikator: `${demoPersons.kari.fnr.slice(0, 10)}${(Number(demoPersons.kari.fnr[10]) + 1) % 10}` } });
    expect(invalid.isError).toBe(true);
    expect(firstText(invalid)).toMatch(/er ikke et gyldig fødselsnummer eller D-nummer: kontrollsifrene stemmer ikke\.$/);
  });

  it('never echoes the key', () => {
    expect(mcp.stderr()).not.toContain(String(sandbox.vendor.jwk.d));
  });
});
