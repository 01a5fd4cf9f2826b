import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { DemoClientFile } from '../../src/auth/index.js';
import type { Sandbox } from './sandbox-child.js';

export interface KobMcp {
  readonly client: Client;
  /** What the process wrote to stderr so far (where a key must never appear). */
  stderr(): string;
  close(): Promise<void>;
}

/**
 * `kob mcp` as an MCP client starts it (stdio), through the SDK's own client, against the
 * sandbox: the key's file and client id, the base URL, and the access options given.
 */
export async function startKobMcp(sandbox: Sandbox, key: { readonly file: string; readonly credentials: DemoClientFile }, accessArgs: readonly string[] = []): Promise<KobMcp> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', 'tsx', 'src/kob.ts', 'mcp', '--client-id', key.credentials.client_id, '--jwk', key.file, '--base-url', sandbox.url, ...accessArgs],
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += String(chunk)));
  const client = new Client({ name: 'test', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => stderr, close: () => client.close() };
}

/** The text of a tool result's first content item: the summary, or the error. */
export function firstText(result: object): string {
  return (result as { content: { text: string }[] }).content[0]!.text;
}
