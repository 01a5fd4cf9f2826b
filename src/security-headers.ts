import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { syncHook } from './api/sync-hook.js';

/**
 * The Content Security Policy of every response (decision 0036). The design system's CSS ships
 * as files and React sets styles through the CSSOM, so neither scripts nor styles need
 * 'unsafe-inline'; nothing is loaded from another origin.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The security headers of every answer; `Strict-Transport-Security` only when the public URL is https. */
export function securityHeaderValues(options: { https: boolean }): Readonly<Record<string, string>> {
  return {
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    // The login callback carries a code in its URL: never send a URL to anyone as referrer.
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    ...(options.https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/**
 * Security headers on every response of the server, set when the request arrives so they also
 * reach replies written by a mounted handler (the identity provider).
 */
export const securityHeaders = fp(async function securityHeaders(app: FastifyInstance, options: { https: boolean }) {
  const headers = securityHeaderValues(options);
  app.addHook(
    'onRequest',
    syncHook((_request, reply) => {
      reply.headers(headers);
    }),
  );
});
