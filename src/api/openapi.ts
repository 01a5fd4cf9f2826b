import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hoistTitledSchemas } from './openapi-components.js';

/**
 * `GET /openapi.json` (OpenAPI 3.1, generated from the route schemas) and `GET /docs`, an
 * interactive reference for people (decision 0032). Register it at the root before the API
 * plugins: it collects every route added after it. Swagger UI is served from the package's own
 * files and a Content-Security-Policy of `'self'` keeps the page from loading anything else,
 * so the reference works offline.
 */
export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Krav og betalinger',
    version: '1.0.0',
    description:
      'En åpen implementasjon av Skatteetatens Krav og betalinger API for banker og regnskapssystemer, ' +
      'med syntetiske testdata. Ikke en offisiell Skatteetaten-tjeneste.',
    license: { name: 'MIT', identifier: 'MIT' },
  },
  components: {
    securitySchemes: {
      maskinporten: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'Maskinporten-token (`Authorization: Bearer …`) med scopet API-et krever, f.eks. `skatteetaten:kravogbetalinger`.',
      },
    },
  },
} as const;

export const openApiDocs = fp(
  async (app: FastifyInstance, options: { readonly tags?: readonly { readonly name: string; readonly description: string }[] }) => {
    await app.register(swagger, {
      openapi: { ...openApiDocument, ...(options.tags === undefined || options.tags.length === 0 ? {} : { tags: [...options.tags] }) },
      transformObject: (documentObject) => hoistTitledSchemas((documentObject as { openapiObject: Record<string, unknown> }).openapiObject),
    });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      theme: { title: 'Krav og betalinger – API-referanse' },
      uiConfig: { docExpansion: 'list', deepLinking: true, defaultModelsExpandDepth: 0, displayRequestDuration: true },
      staticCSP:
        "default-src 'self'; base-uri 'self'; connect-src 'self'; font-src 'self' data:; form-action 'self'; " +
        "frame-ancestors 'self'; img-src 'self' data:; object-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'",
    });
  },
  { name: 'openapi-docs' },
);
