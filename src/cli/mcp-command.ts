import fs from 'node:fs/promises';
import type { Command } from 'commander';
import type { JWK } from 'jose';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { sandkasse } from '../../packages/klient/src/index.js';
import { systemClock } from '../clock.js';
import { createMcpServer } from '../mcp/server.js';
import { configFrom, type GlobalOptions } from './runtime.js';

interface McpCommandOptions {
  clientId: string;
  jwk: string;
  baseUrl?: string;
}

/**
 * `kob mcp`: an MCP server over stdio for the businesses one vendor key may read. The key is read
 * from the file named on the command line and never written anywhere; stdout is the protocol.
 */
export function registerMcpCommand(program: Command): void {
  program
    .command('mcp')
    .description('MCP server (stdio) with read-only tools over Krav og betalinger and the Frister API for a vendor key')
    .requiredOption('--client-id <id>', 'the client id')
    .requiredOption('--jwk <file>', 'the private JWK, or a demo file from <data-dir>/demo/')
    .option('--base-url <url>', 'server base URL (default KOB_PUBLIC_URL or http://localhost:$PORT)')
    .action(async (options: McpCommandOptions, command: Command) => {
      const baseUrl = options.baseUrl ?? configFrom(command.optsWithGlobals() as GlobalOptions).publicUrl;
      const file = JSON.parse(await fs.readFile(options.jwk, 'utf8')) as { jwk?: JWK } & JWK;
      const clock = systemClock();
      const server = createMcpServer({ klient: { miljoe: sandkasse(baseUrl), clientId: options.clientId, noekkel: file.jwk ?? file }, today: () => clock.today() });
      await server.connect(new StdioServerTransport());
    });
}
