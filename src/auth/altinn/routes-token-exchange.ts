import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { altinnPlatformIssuer } from '../identifiers.js';
import type { AuthServices } from '../services.js';
import { signAltinnToken } from './altinn-tokens.js';
import { AltinnProblem } from './problem.js';

/** Altinn's exchanged tokens live 30 minutes (altinn-authentication `GeneralSettings.JwtValidityMinutes`). */
export const exchangedTokenLifetimeSeconds = 30 * 60;

/** What Altinn drops from the Maskinporten token (AuthenticationController), and the times it sets anew. */
const droppedClaims = ['aud', 'iss', 'client_amr', 'sid', 'exp', 'iat', 'nbf'] as const;

const ProviderParams = Type.Object({ tokenProvider: Type.String({ maxLength: 50 }) });

/**
 * `GET /authentication/api/v1/exchange/maskinporten` (decision 0154): a valid Maskinporten token in
 * `Authorization: Bearer` becomes an Altinn token, as Altinn/altinn-authentication's
 * `AuthenticationController.AuthenticateMaskinportenToken` makes it: the Maskinporten claims
 * (scope, consumer, client_id, authorization_details, …) without `aud`, `iss`, `client_amr`,
 * `sid`, plus `urn:altinn:orgNumber`, `urn:altinn:authenticatemethod` = `maskinporten`,
 * `urn:altinn:authlevel` = 3, Altinn's issuer and a new `sid`, signed with Altinn's key, valid
 * 30 minutes. The answer is the token as text. Only Maskinporten's tokens are exchanged; an
 * Altinn token is not exchanged again.
 */
export function tokenExchangeRoutes(app: FastifyInstance, services: AuthServices): void {
  app.get<{ Params: Static<typeof ProviderParams> }>('/authentication/api/v1/exchange/:tokenProvider', { schema: { params: ProviderParams } }, async (request, reply) => {
    if (request.params.tokenProvider.toLowerCase() !== 'maskinporten') {
      throw AltinnProblem.http(400, `Denne Altinn bytter bare Maskinporten-tokener (exchange/maskinporten), ikke "${request.params.tokenProvider}" (unsupported token provider).`);
    }
    const verified = await services.verifier.verify(request.headers.authorization);
    if (!verified.ok) throw AltinnProblem.http(401, verified.reason);
    // Verified above: the payload is the token Maskinporten signed.
    const original = decodeJwt(request.headers.authorization!.replace(/^Bearer +/i, '').trim());
    const claims: Record<string, unknown> = { ...original };
    for (const claim of droppedClaims) delete claims[claim];
    const nowSeconds = Math.floor(services.clock.nowEpochMs() / 1000);
    const token = await signAltinnToken(services.altinnKeys, {
      ...claims,
      'urn:altinn:orgNumber': verified.token.consumerOrgnr,
      'urn:altinn:authenticatemethod': 'maskinporten',
      'urn:altinn:authlevel': 3,
      iss: altinnPlatformIssuer(services.publicUrl),
      sid: randomUUID(),
      iat: nowSeconds,
      nbf: nowSeconds,
      exp: nowSeconds + exchangedTokenLifetimeSeconds,
    });
    return reply.type('text/plain; charset=utf-8').send(token);
  });
}
