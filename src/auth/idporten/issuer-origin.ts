import type { FastifyRequest } from 'fastify';

/**
 * oidc-provider (Koa) builds its endpoint URLs — the discovery document, the redirect back after
 * the person picker — from the request's Host and X-Forwarded-Proto. Before it sees a request
 * those are set to the issuer's own origin (from KOB_PUBLIC_URL) and X-Forwarded-Host is dropped,
 * so no header a client or proxy sends moves a URL; X-Forwarded-For becomes the client Fastify
 * settled on under KOB_TRUST_PROXY, so both agree on who is asking (decision 0085).
 */
export function pinToIssuerOrigin(request: FastifyRequest, issuer: URL): void {
  const headers = request.raw.headers;
  const client = request.ip;
  headers.host = issuer.host;
  headers['x-forwarded-proto'] = issuer.protocol.slice(0, -1);
  delete headers['x-forwarded-host'];
  headers['x-forwarded-for'] = client;
}
