import fs from 'node:fs/promises';
import type { Command } from 'commander';
import type { JWK } from 'jose';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { sandkasse } from '../../packages/klient/src/index.js';
import { systemClock } from '../clock.js';
import { listenMcpHttp, mcpHttpUrl } from '../mcp/http.js';
import { mcpServerFactory } from '../mcp/server.js';
import { CliInputError } from './input-error.js';
import { configFrom, type GlobalOptions } from './runtime.js';

interface McpCommandOptions {
  clientId: string;
  jwk: string;
  baseUrl?: string;
  http?: number;
}

/**
 * `kob mcp`: an MCP server over stdio (or Streamable HTTP on 127.0.0.1 with `--http PORT`) for
 * the businesses one vendor key may read. The key is read from the file named on the command line
 * and never written anywhere; over stdio, stdout is the protocol.
 */
export function registerMcpCommand(program: Command): void {
  program
    .command('mcp')
    .description('MCP server (stdio, or Streamable HTTP on 127.0.0.1) with read-only tools over Krav og betalinger and the Frister API for a vendor key')
    .requiredOption('--client-id <id>', 'the client id')
    .requiredOption('--jwk <file>', 'the private JWK, or a demo file from <data-dir>/demo/')
    .option('--base-url <url>', 'server base URL (default KOB_PUBLIC_URL or http://localhost:$PORT)')
    .option('--http <port>', 'serve Streamable HTTP on http://127.0.0.1:<port>/mcp instead of stdio (localhost only)', portNumber)
    .action(async (options: McpCommandOptions, command: Command) => {
      const baseUrl = options.baseUrl ?? configFrom(command.optsWithGlobals() as GlobalOptions).publicUrl;
      const file = JSON.parse(await fs.readFile(options.jwk, 'utf8')) as { jwk?: JWK } & JWK;
      const clock = systemClock();
      const newServer = mcpServerFactory({ klient: { miljoe: sandkasse(baseUrl), clientId: options.clientId, noekkel: file.jwk ?? file }, today: () => clock.today() });
      if (options.http === undefined) return newServer().connect(new StdioServerTransport());
      const httpServer = await listenMcpHttp(newServer, options.http);
      console.log(`kob mcp lytter på ${mcpHttpUrl(httpServer)}`);
    });
}

function portNumber(value: string): number {
  const n = /^\d{1,5}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!(n >= 1 && n <= 65535)) throw new CliInputError(`--http: "${value}" er ikke et portnummer fra 1 til 65535`);
  return n;
}
