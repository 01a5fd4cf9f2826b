import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { loginThenBackTo } from './login-routes.js';

/** Paths the SPA never owns: an unknown path under them is a plain 404, not the app. */
const reservedPrefixes = ['/api/', '/portal/', '/idporten/', '/maskinporten/', '/altinn/', '/assets/', '/docs', '/openapi.json', '/healthz', '/readyz'];

export interface SpaRoutesOptions {
  readonly webRoot: string;
  /**
   * Pages only a logged-in browser gets, each at its own path (even under a reserved prefix: the
   * approval pages at Altinn's paths, decision 0156). Any other browser is sent to the login and
   * back to the same address, query and all.
   */
  readonly loginPages: { readonly paths: readonly string[]; readonly isLoggedIn: (request: FastifyRequest) => Promise<boolean> };
}

/**
 * The built browser code (Vite, `dist/web`): hashed files under /assets/ are cached for a year
 * (their name changes with their content); index.html is revalidated every time, so a new build
 * is seen at once. Any other GET that asks for HTML is a client route and gets index.html.
 */
export async function spaRoutes(app: FastifyInstance, { webRoot, loginPages }: SpaRoutesOptions): Promise<void> {
  const sendApp = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('index.html', webRoot, { cacheControl: false });
  await app.register(fastifyStatic, {
    root: path.join(webRoot, 'assets'),
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
    index: false,
    wildcard: true,
  });

  app.get('/favicon.svg', async (_request, reply) => reply.sendFile('favicon.svg', webRoot, { maxAge: '1d' }));

  app.get('/*', async (request, reply) => {
    const pathname = request.url.split('?')[0]!;
    if (reservedPrefixes.some((prefix) => pathname.startsWith(prefix)) || !request.headers.accept?.includes('text/html')) {
      return reply.code(404).send({ kode: 'ikke_funnet', melding: 'Finnes ikke.' });
    }
    return sendApp(reply);
  });

  for (const path of loginPages.paths) {
    app.get(path, async (request, reply) => {
      if (await loginPages.isLoggedIn(request)) return sendApp(reply);
      return reply.header('cache-control', 'no-store').redirect(loginThenBackTo(request.url), 303);
    });
  }
}
