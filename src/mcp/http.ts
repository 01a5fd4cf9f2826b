import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

/**
 * The only address `kob mcp --http` listens on. There is no option to change it: the server acts
 * with a vendor's key for every business the key may read, and has no authentication of its own,
 * so only processes on this machine may reach it.
 */
export const mcpHttpHost = '127.0.0.1';
export const mcpHttpPath = '/mcp';

const localHostnames = new Set(['127.0.0.1', 'localhost']);

/**
 * Streamable HTTP, stateless: each POST gets a fresh server and transport (the klient cache, and
 * so the tokens, are shared through `newServer`). A Host or Origin that is not this machine is
 * refused, so a web page cannot reach the server by DNS rebinding.
 */
export async function listenMcpHttp(newServer: () => Server, port: number): Promise<http.Server> {
  const httpServer = http.createServer((request, response) => {
    void answer(newServer, request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, mcpHttpHost, () => resolve());
  });
  return httpServer;
}

async function answer(newServer: () => Server, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (url.pathname !== mcpHttpPath) return refuse(response, 404, 'Not found');
  if (!fromThisMachine(request)) return refuse(response, 403, 'Only localhost may call this server');
  if (request.method !== 'POST') return refuse(response, 405, 'Method not allowed (stateless server: POST only)');
  const server = newServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  response.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(request, response);
}

function fromThisMachine(request: http.IncomingMessage): boolean {
  const hostname = (value: string) => {
    try {
      return new URL(value).hostname;
    } catch {
      return undefined;
    }
  };
  const host = request.headers.host;
  if (!host || !localHostnames.has(hostname(`http://${host}`) ?? '')) return false;
  const origin = request.headers.origin;
  return origin === undefined || localHostnames.has(hostname(origin) ?? '');
}

function refuse(response: http.ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}

export function mcpHttpUrl(server: http.Server): string {
  return `http://${mcpHttpHost}:${(server.address() as AddressInfo).port}${mcpHttpPath}`;
}
