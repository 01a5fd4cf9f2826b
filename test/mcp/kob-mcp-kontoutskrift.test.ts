import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AarValgSvar } from '../../src/portal/api/reskontro-schemas.js';
import { demoBusinesses } from '../../src/testdata/index.js';
import { FetchBrowser } from '../support/fetch-browser.js';
import { startKobMcp, type KobMcp } from '../support/kob-mcp-client.js';
import { parseCsv } from '../support/kontoutskrift-reader.js';
import { loginAs, virksomhetApi } from '../support/portal-app.js';
import { startSandbox, type Sandbox } from '../support/sandbox-child.js';

/**
 * The `kontoutskrift://{part}/{år}` resource against Min side's own CSV download (decision 0182):
 * for the demo businesses with a system user, every year Min side offers, the same file row by row
 * — one read through the API with a real token, the other downloaded by the business's own
 * person after logging in through ID-porten, both over HTTP from one running sandbox.
 */
describe('kob mcp kontoutskrift = Min side\'s CSV', () => {
  let sandbox: Sandbox;
  let mcp: KobMcp;
  beforeAll(async () => {
    sandbox = await startSandbox();
    mcp = await startKobMcp(sandbox, { file: sandbox.vendorFile, credentials: sandbox.vendor });
  });
  afterAll(async () => {
    await mcp?.close();
    await sandbox?.stop();
  });

  /** Min side's CSV and the resource's, for each year Min side offers `fnr` for the business. */
  async function bothFiles(orgnr: string, fnr: string): Promise<{ aar: number; minSide: string; resource: string }[]> {
    const browser = new FetchBrowser(sandbox.url);
    await loginAs(browser, fnr);
    const { aarValg } = (await browser.get(virksomhetApi(orgnr, '/krav/aar'))).json<AarValgSvar>();
    const files = [];
    for (const aar of aarValg) {
      const download = await browser.get(virksomhetApi(orgnr, `/kontoutskrift?aar=${aar}&format=csv`));
      expect(download.statusCode, `${aar}`).toBe(200);
      const { contents } = await mcp.client.readResource({ uri: `kontoutskrift://${orgnr}/${aar}` });
      files.push({ aar, minSide: download.body, resource: (contents[0] as { text: string }).text });
    }
    return files;
  }

  function expectSameRows(orgnr: string, { aar, minSide, resource }: { aar: number; minSide: string; resource: string }): number {
    const minSideRows = parseCsv(minSide.slice(1));
    const mcpRows = parseCsv(resource.slice(1));
    for (let index = 0; index < Math.max(minSideRows.length, mcpRows.length); index++) {
      expect(mcpRows[index], `${orgnr} ${aar} row ${index}`).toEqual(minSideRows[index]);
    }
    // The same bytes: byte order mark, separators, quoting, line ends.
    expect(resource).toBe(minSide);
    return minSideRows.length - 1;
  }

  const withSystemUser = demoBusinesses.filter((b) => ['313367002', '311851381', '314961900', '212201782'].includes(b.orgnr));
  for (const business of withSystemUser) {
    it(`${business.orgnr} ${business.navn}: every year, row by row, as its own person downloads it`, async () => {
      const files = await bothFiles(business.orgnr, business.personer[0]!.fnr);
      const rows = files.reduce((sum, file) => sum + expectSameRows(business.orgnr, file), 0);
      expect(rows).toBeGreaterThan(0);
    });
  }

  it('314055403 Havbris Design (shielded): the file its accountant downloads; its owner\'s shows the payers\' accounts too', async () => {
    const havbris = demoBusinesses.find((b) => b.orgnr === '314055403')!;
    const accountant = demoBusinesses.find((b) => b.orgnr === '315600030')!.personer[0]!;
    const asAccountant = await bothFiles(havbris.orgnr, accountant.fnr);
    expect(asAccountant.reduce((sum, file) => sum + expectSameRows(havbris.orgnr, file), 0)).toBeGreaterThan(0);
    // The API holds the payer's account back from a system for a shielded party (decision 0040); Min side shows it to the owner only.
    const innbetaltFra = 9;
    let payments = 0;
    for (const { aar, minSide, resource } of await bothFiles(havbris.orgnr, havbris.personer[0]!.fnr)) {
      const ownerRows = parseCsv(minSide.slice(1)).slice(1);
      const mcpRows = parseCsv(resource.slice(1)).slice(1);
      expect(mcpRows.map((row) => row.toSpliced(innbetaltFra, 1)), `${aar}`).toEqual(ownerRows.map((row) => row.toSpliced(innbetaltFra, 1)));
      for (const row of mcpRows) expect(row[innbetaltFra]).toBe('');
      payments += ownerRows.filter((row) => /^\*{4} \*{2} \d{5}$/.test(row[innbetaltFra]!)).length;
    }
    expect(payments).toBeGreaterThan(0);
  });
});
