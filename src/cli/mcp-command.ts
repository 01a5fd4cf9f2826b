import type { Command } from 'commander';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { sandkasse } from '../../packages/klient/src/index.js';
import { isValidOrganisasjonsnummer } from '../domain/organisasjonsnummer.js';
import { identifikatorMelding } from '../api/identifikator-melding.js';
import { systemClock } from '../clock.js';
import { listenMcpHttp, mcpHttpUrl } from '../mcp/http.js';
import { mcpServerFactory } from '../mcp/server.js';
import type { Samtykke, Tilgang } from '../mcp/tilgang.js';
import { addAccessOptions, consentingParty, readKeyFile, type AccessOptions, type KeyFile } from './access-options.js';
import { CliInputError } from './input-error.js';
import { configFrom, type GlobalOptions } from './runtime.js';

interface McpCommandOptions extends AccessOptions {
  clientId: string;
  consentId?: string[];
  consentFrom?: string[];
  baseUrl?: string;
  http?: number;
}

/**
 * `kob mcp`: an MCP server over stdio (or Streamable HTTP on 127.0.0.1 with `--http PORT`) for
 * the parties one key may read, through each business's own system user, one system user (an
 * accounting firm's agent), or a bank's consents (decision 0181). The key is read from the file
 * named on the command line and never written anywhere; over stdio, stdout is the protocol.
 */
export function registerMcpCommand(program: Command): void {
  const command = program
    .command('mcp')
    .description('MCP server (stdio, or Streamable HTTP on 127.0.0.1) with read-only tools over Krav og betalinger and the Frister API for a vendor or bank key')
    .requiredOption('--client-id <id>', 'the client id');
  addAccessOptions(command, 'per party')
    .option('--base-url <url>', 'server base URL (default KOB_PUBLIC_URL or http://localhost:$PORT)')
    .option('--http <port>', 'serve Streamable HTTP on http://127.0.0.1:<port>/mcp instead of stdio (localhost only)', portNumber)
    .action(async (options: McpCommandOptions, command: Command) => {
      const config = configFrom(command.optsWithGlobals() as GlobalOptions);
      const keyFile = await readKeyFile(options.jwk);
      const tilgang = tilgangFra(options, keyFile);
      const clock = systemClock(config.today);
      const newServer = mcpServerFactory({ klient: { miljoe: sandkasse(options.baseUrl ?? config.publicUrl), clientId: options.clientId, noekkel: keyFile.jwk }, tilgang, today: () => clock.today() });
      if (options.http === undefined) return newServer().connect(new StdioServerTransport());
      const httpServer = await listenMcpHttp(newServer, options.http);
      console.log(`kob mcp lytter på ${mcpHttpUrl(httpServer)}`);
    });
}

/** The way of acting the options name; refused when they name two, or a party twice. */
function tilgangFra(options: McpCommandOptions, keyFile: KeyFile): Tilgang {
  if (options.systemuserOrg !== undefined && options.consentId !== undefined) {
    throw new CliInputError('oppgi enten --systemuser-org (regnskapssystem) eller --consent-id (finans), ikke begge (a system user and consents exclude each other)');
  }
  if (options.externalRef !== undefined && options.systemuserOrg === undefined) throw new CliInputError('--external-ref hører til --systemuser-org (externalRef names a system user)');
  if (options.consentFrom !== undefined && options.consentId === undefined) throw new CliInputError('--consent-from hører til --consent-id (name the consents first)');
  if (options.systemuserOrg !== undefined) {
    if (!isValidOrganisasjonsnummer(options.systemuserOrg)) throw new CliInputError(identifikatorMelding(`--systemuser-org (${options.systemuserOrg})`, options.systemuserOrg, 'organisasjonsnummer'));
    return { kind: 'systembruker', orgnr: options.systemuserOrg, ...(options.externalRef === undefined ? {} : { externalRef: options.externalRef }) };
  }
  if (options.consentId === undefined) return { kind: 'egneSystembrukere' };
  return { kind: 'samtykker', samtykker: samtykker(options.consentId, options.consentFrom, keyFile) };
}

function samtykker(ider: readonly string[], fra: readonly string[] | undefined, keyFile: KeyFile): Samtykke[] {
  if (fra !== undefined && fra.length !== ider.length) {
    throw new CliInputError(`oppgi én --consent-from per --consent-id, i samme rekkefølge (${ider.length} ids, ${fra.length} parties)`);
  }
  const samtykker = ider.map((id, index) => ({ id, part: consentingParty(id, fra?.[index], keyFile) }));
  const toGanger = samtykker.find((samtykke, index) => samtykker.findIndex((s) => s.part === samtykke.part) !== index);
  if (toGanger) throw new CliInputError(`to samtykker fra ${toGanger.part}: oppgi ett per part (one consent per party)`);
  return samtykker;
}

function portNumber(value: string): number {
  const n = /^\d{1,5}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!(n >= 1 && n <= 65535)) throw new CliInputError(`--http: "${value}" er ikke et portnummer fra 1 til 65535`);
  return n;
}
