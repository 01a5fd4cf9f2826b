import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopChild, waitForOutput } from '../support/child-process.js';
import { freePort } from '../support/free-port.js';
import { startSandbox, type Sandbox } from '../support/sandbox-child.js';

/** This machine's first address that is not loopback, to show the server is not reachable there. */
const outsideAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;

/** A raw request, so the Host and Origin headers are exactly the ones a rebinding page would send. */
function post(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers } }, (response) => {
      response.resume();
      resolve(response.statusCode!);
    });
    request.once('error', reject);
    request.end(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }));
  });
}

/** `kob mcp --http PORT` through the SDK's own Streamable HTTP client, against a fresh sandbox. */
describe('kob mcp --http', () => {
  let sandbox: Sandbox;
  let mcp: ChildProcess;
  let port: number;
  let client: Client;
  beforeAll(async () => {
    sandbox = await startSandbox();
    port = await freePort();
    mcp = spawn(process.execPath, ['--import', 'tsx', 'src/kob.ts', 'mcp', '--client-id', sandbox.vendor.client_id, '--jwk', sandbox.vendorFile, '--base-url', sandbox.url, '--http', String(port)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await waitForOutput(mcp, `kob mcp lytter på http://127.0.0.1:${port}/mcp`);
    client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`)));
  });
  afterAll(async () => {
    await client?.close();
    if (mcp) await stopChild(mcp);
    await sandbox?.stop();
  });

  it('lists the read-only tools and answers aapne_krav for 313367002', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['parter', 'aapne_krav', 'krav', 'innbetalinger', 'utbetalinger', 'frister']);
    for (const tool of tools) expect(tool.annotations?.readOnlyHint).toBe(true);
    const result = await client.callTool({ name: 'aapne_krav', arguments: { partIdentifikator: '313367002' } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ partIdentifikator: '313367002', aapentKravMedGjenstaaendeBeloep: expect.any(Array) });
    expect((result.content as { text: string }[])[0]!.text).toMatch(/Betal først: .* KID \d+/);
  });

  it('answers on localhost by either name', async () => {
    expect(await post(`http://127.0.0.1:${port}/mcp`, { host: `localhost:${port}` })).toBe(200);
  });

  it('refuses a Host or Origin that is not this machine (DNS rebinding)', async () => {
    expect(await post(`http://127.0.0.1:${port}/mcp`, { host: `angriper.example:${port}` })).toBe(403);
    expect(await post(`http://127.0.0.1:${port}/mcp`, { origin: 'https://angriper.example' })).toBe(403);
  });

  it.skipIf(outsideAddress === undefined)('listens on 127.0.0.1 only: not reachable on the machine’s other address', async () => {
    await expect(post(`http://${outsideAddress}:${port}/mcp`, { host: `localhost:${port}` })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
