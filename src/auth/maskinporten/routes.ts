import formbody from '@fastify/formbody';
import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from 'typebox';
import { limits } from '../../domain/limits.js';
import { callerOf, CallerRejected, clientErrorMessage, decorateCaller, isClientError, requireScope, surfaceErrorHandler } from '../http.js';
import { consentDetailsType, grantTypeJwtBearer, maskinportenIssuer, scopes, systemUserDetailsType } from '../identifiers.js';
import type { AuthServices } from '../services.js';
import { ClientRegistrationError, registerSelfServiceClient } from './clients.js';
import { GrantError, oauthErrorBody } from './grant-error.js';
import { grantAlgorithms } from './grant.js';
import { issueToken } from './token-service.js';

const TokenForm = Type.Object({
  grant_type: Type.Optional(Type.String({ maxLength: 200 })),
  assertion: Type.Optional(Type.String({ maxLength: limits.jwtBytesMax })),
});

const ClientRegistration = Type.Object(
  {
    client_name: Type.String({ minLength: 1, maxLength: 200 }),
    scopes: Type.Array(Type.String({ maxLength: 200 }), { minItems: 1, maxItems: 20 }),
    // The shape only; client-key.ts judges the key itself (size, exponent, curve).
    jwks: Type.Object({
      keys: Type.Array(
        Type.Object({
          kty: Type.Union([Type.Literal('RSA'), Type.Literal('EC')]),
          n: Type.Optional(Type.String({ maxLength: 2048 })),
          e: Type.Optional(Type.String({ maxLength: 16 })),
          crv: Type.Optional(Type.String({ maxLength: 16 })),
          x: Type.Optional(Type.String({ maxLength: 64 })),
          y: Type.Optional(Type.String({ maxLength: 64 })),
          kid: Type.Optional(Type.String({ maxLength: 100 })),
        }),
        { minItems: 1, maxItems: 1 },
      ),
    }),
  },
  { additionalProperties: false },
);

/**
 * The Maskinporten-compatible token server (spec §3): metadata, JWKS and the token endpoint at the
 * paths Digdir uses, so a client only swaps the base URL. `POST /admin/clients` registers a client
 * for the caller's own organisation with scopes it already holds (Digdir's self-service model;
 * the first client, and every operator-only scope, comes from `kob clients create`).
 */
export const maskinportenPlugin: FastifyPluginAsync<{ services: AuthServices }> = async (app, { services }) => {
  await app.register(formbody, { bodyLimit: limits.bodyBytesMax });
  decorateCaller(app);
  const issuer = maskinportenIssuer(services.publicUrl);

  app.setErrorHandler(
    surfaceErrorHandler((error, request, reply) => {
      const correlationId = request.id;
      if (error instanceof GrantError) {
        request.log.info({ korrelasjonsid: correlationId, mp: error.mpCode, reason: error.reason }, 'token avvist');
        return reply.code(400).header('cache-control', 'no-store').send(oauthErrorBody(error, correlationId));
      }
      if (error instanceof CallerRejected) return reply.code(error.status).send({ error: error.status === 401 ? 'invalid_token' : 'insufficient_scope', error_description: error.reason });
      if (error instanceof ClientRegistrationError) return reply.code(400).send({ error: 'invalid_client_metadata', error_description: error.message });
      if (isClientError(error)) {
        const body = { error: 'invalid_request', error_description: `${clientErrorMessage(error)} (MP-011) korrelasjonsid: ${correlationId}` };
        request.log.info({ korrelasjonsid: correlationId, reason: body.error_description }, 'forespørsel avvist');
        return reply.code(error.statusCode === 413 || error.statusCode === 415 ? error.statusCode : 400).send(body);
      }
      return undefined;
    }),
  );

  app.get('/.well-known/oauth-authorization-server', async () => ({
    issuer,
    token_endpoint: `${issuer}token`,
    jwks_uri: `${issuer}jwk`,
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    grant_types_supported: [grantTypeJwtBearer],
    token_endpoint_auth_signing_alg_values_supported: [...grantAlgorithms],
    authorization_details_types_supported: [systemUserDetailsType, consentDetailsType],
  }));

  app.get('/jwk', async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=60');
    return services.tokenKeys.publishedJwks();
  });

  app.post<{ Body: Static<typeof TokenForm> }>('/token', { schema: { body: TokenForm } }, async (request, reply) => {
    if (!request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      throw new GrantError('invalid_request', 'MP-011', 'token-forespørselen må sendes som application/x-www-form-urlencoded med grant_type og assertion (use a form body)');
    }
    const response = await issueToken(services.tokenDeps, request.body);
    return reply.header('cache-control', 'no-store').send(response);
  });

  app.post<{ Body: Static<typeof ClientRegistration> }>(
    '/admin/clients',
    { schema: { body: ClientRegistration }, preHandler: requireScope(services.verifier, [scopes.clientRegistration]) },
    async (request, reply) => {
      const caller = callerOf(request);
      const client = await registerSelfServiceClient(services.db, services.clock, {
        org: caller.consumerOrgnr,
        name: request.body.client_name,
        scopes: request.body.scopes,
        publicJwk: request.body.jwks.keys[0]!,
      });
      return reply.code(201).send({ client_id: client.clientId, kid: client.kid, client_orgno: client.org, scopes: client.scopes, token_endpoint_auth_method: 'private_key_jwt' });
    },
  );
};
