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
import { ApiFeil, KravOgBetalingerKlient, type KlientOptions } from '../../packages/klient/src/index.js';
import type { LocalDate } from '../domain/dates.js';
import { kontoutskriftTemplate, lesKontoutskrift } from './resources.js';
import { oppsummer } from './summary.js';
import { inputFeil, tools } from './tools.js';

export interface McpOptions {
  readonly klient: Omit<KlientOptions, 'fullmakt'>;
  readonly today: () => string;
}

/**
 * MCP servers for one vendor key: they act for each business through that business's system
 * user (one client, so one token cache, per business, shared by every server the factory makes:
 * stdio makes one, Streamable HTTP one per request). Read-only: every tool is a GET.
 */
export function mcpServerFactory(options: McpOptions): () => Server {
  const klienter = new Map<string, KravOgBetalingerKlient>();
  const klientFor = (orgnr: string) => {
    let klient = klienter.get(orgnr);
    if (!klient) {
      klient = new KravOgBetalingerKlient({ ...options.klient, fullmakt: { systembruker: { orgnr } } });
      klienter.set(orgnr, klient);
    }
    return klient;
  };
  return () => createMcpServer(options, klientFor);
}

function createMcpServer(options: McpOptions, klientFor: (orgnr: string) => KravOgBetalingerKlient): Server {
  const server = new Server({ name: 'krav-og-betalinger', version: '0.1.0' }, { capabilities: { tools: {}, resources: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: tools.map((tool) => ({ name: tool.name, description: tool.description, inputSchema: tool.inputSchema as never, annotations: { readOnlyHint: true, openWorldHint: true } })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request): Promise<CallToolResult> => {
    const tool = tools.find((candidate) => candidate.name === request.params.name);
    if (!tool) return toolError(`Verktøyet ${request.params.name} finnes ikke.`);
    const input = (request.params.arguments ?? {}) as Record<string, string>;
    const feil = inputFeil(tool, input);
    if (feil) return toolError(feil);
    const part = input.partIdentifikator ?? input.organisasjonsnummer!;
    try {
      const klient = klientFor(part);
      const data = (await tool.call(klient, input)) as Record<string, unknown>;
      const summary = oppsummer(await tool.grunnlag(data, klient, input), options.today());
      return { content: [{ type: 'text', text: summary }, { type: 'text', text: JSON.stringify(data) }], structuredContent: data };
    } catch (error) {
      if (error instanceof ApiFeil) return toolError(apiFeilTekst(error));
      throw error;
    }
  });
  server.setRequestHandler(ListResourcesRequestSchema, async () => ({ resources: [] }));
  server.setRequestHandler(ListResourceTemplatesRequestSchema, async () => ({ resourceTemplates: [kontoutskriftTemplate] }));
  server.setRequestHandler(ReadResourceRequestSchema, async (request) => {
    try {
      return await lesKontoutskrift(request.params.uri, klientFor, options.today() as LocalDate);
    } catch (error) {
      if (error instanceof ApiFeil) throw new McpError(ErrorCode.InvalidParams, apiFeilTekst(error));
      throw error;
    }
  });
  return server;
}

function apiFeilTekst(error: ApiFeil): string {
  return `${error.kode}: ${error.melding} (korrelasjonsid ${error.korrelasjonsid})`;
}

function toolError(text: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text }] };
}
