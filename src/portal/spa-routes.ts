import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Paths the SPA never owns: an unknown path under them is a plain 404, not the app. */
const reservedPrefixes = ['/api/', '/portal/', '/idporten/', '/maskinporten/', '/altinn/', '/assets/', '/docs', '/openapi.json', '/healthz', '/readyz'];

/**
 * The built browser code (Vite, `dist/web`): hashed files under /assets/ are cached for a year
 * (their name changes with their content); index.html is revalidated every time, so a new build
 * is seen at once. Any other GET that asks for HTML is a client route and gets index.html.
 */
export async function spaRoutes(app: FastifyInstance, { webRoot }: { webRoot: string }): Promise<void> {
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
    return reply.header('cache-control', 'no-cache').sendFile('index.html', webRoot, { cacheControl: false });
  });
}
