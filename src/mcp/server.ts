import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import type { KlientOptions } from '../../packages/klient/src/index.js';
import type { LocalDate } from '../domain/dates.js';
import { parterOppsummering, parterTool } from './parter.js';
import { kontoutskriftRessurser, kontoutskriftTemplate, lesKontoutskrift } from './resources.js';
import { oppsummer } from './summary.js';
import { feiltekst } from './feiltekst.js';
import { Fullmakter, type Tilgang } from './tilgang.js';
import { inputFeil, tools } from './tools.js';

export interface McpOptions {
  readonly klient: Omit<KlientOptions, 'fullmakt'>;
  /** Whom the key acts through (decision 0181). */
  readonly tilgang: Tilgang;
  readonly today: () => string;
}

/**
 * MCP servers for one vendor or bank key and one way of acting (`Tilgang`): they share the
 * clients, and so the tokens (stdio makes one server, Streamable HTTP one per request).
 * Read-only: every tool is a GET.
 */
export function mcpServerFactory(options: McpOptions): () => Server {
  const fullmakter = new Fullmakter(options.klient, options.tilgang);
  return () => createMcpServer(options, fullmakter);
}

const readOnly = { readOnlyHint: true, openWorldHint: true } as const;

function createMcpServer(options: McpOptions, fullmakter: Fullmakter): Server {
  const server = new Server({ name: 'krav-og-betalinger', version: '0.1.0' }, { capabilities: { tools: {}, resources: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: [parterTool, ...tools].map((tool) => ({ name: tool.name, description: tool.description, inputSchema: tool.inputSchema as never, annotations: readOnly })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request): Promise<CallToolResult> => {
    try {
      if (request.params.name === parterTool.name) {
        const parter = await fullmakter.parter();
        return result(parterOppsummering(parter), parter);
      }
      const tool = tools.find((candidate) => candidate.name === request.params.name);
      if (!tool) return toolError(`Verktøyet ${request.params.name} finnes ikke.`);
      const input = (request.params.arguments ?? {}) as Record<string, string>;
      const feil = inputFeil(tool, input);
      if (feil) return toolError(feil);
      const klient = fullmakter.klientFor(input.partIdentifikator ?? input.organisasjonsnummer!);
      const data = (await tool.call(klient, input)) as Record<string, unknown>;
      return result(oppsummer(await tool.grunnlag(data, klient, input), options.today()), data);
    } catch (error) {
      const tekst = feiltekst(error);
      if (tekst === undefined) throw error;
      return toolError(tekst);
    }
  });
  server.setRequestHandler(ListResourcesRequestSchema, async () => ({ resources: await kontoutskriftRessurser(fullmakter, options.today() as LocalDate) }));
  server.setRequestHandler(ListResourceTemplatesRequestSchema, async () => ({ resourceTemplates: [kontoutskriftTemplate] }));
  server.setRequestHandler(ReadResourceRequestSchema, async (request) => {
    try {
      return await lesKontoutskrift(request.params.uri, fullmakter, options.today() as LocalDate);
    } catch (error) {
      const tekst = feiltekst(error);
      if (tekst === undefined) throw error;
      throw new McpError(ErrorCode.InvalidParams, tekst);
    }
  });
  return server;
}

function result(summary: string, data: object): CallToolResult {
  return { content: [{ type: 'text', text: summary }, { type: 'text', text: JSON.stringify(data) }], structuredContent: data as Record<string, unknown> };
}

function toolError(text: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text }] };
}
