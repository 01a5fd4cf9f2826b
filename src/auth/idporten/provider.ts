import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type Provider from 'oidc-provider';
import type { ClientMetadata, Configuration } from 'oidc-provider';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../domain/clock.js';
import { databaseAdapter } from './adapter.js';
import { escapeHtml } from './html.js';
import { loadOidcProvider } from './oidc-provider-module.js';
import type { IdportenSecrets } from './secrets.js';

/** What the sandbox login asserts (decision 0037): ID-porten's level names; "TestID" as its test method. */
export const sandboxAcr = 'idporten-loa-high';
export const sandboxAmr = ['TestID'] as const;

/** The built-in client: Min side itself. */
export const portalClientId = 'kob-minside';

export interface PortalClientRegistration {
  readonly clientSecret: string;
  readonly redirectUri: string;
}

/**
 * The sandbox's ID-porten: a standard OpenID Provider (authorization code + PKCE only) on
 * ID-porten's paths (/authorize, /token, /jwk, /userinfo, /endsession). All state goes through
 * the database adapter; keys and cookie secrets come from the database too.
 */
export async function createIdportenProvider(options: {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly issuer: string;
  readonly secrets: IdportenSecrets;
  readonly portalClient: PortalClientRegistration;
}): Promise<Provider> {
  const { db, clock, issuer, secrets, portalClient } = options;
  const mountPath = new URL(issuer).pathname.replace(/\/$/, '');
  const client: ClientMetadata = {
    client_id: portalClientId,
    client_secret: portalClient.clientSecret,
    client_name: 'Min side for virksomheter (testmiljø)',
    redirect_uris: [portalClient.redirectUri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
    subject_type: 'pairwise',
    id_token_signed_response_alg: 'RS256',
  };
  const configuration: Configuration = {
    adapter: databaseAdapter(db, clock),
    clients: [client],
    jwks: { keys: [secrets.signingKey as never] },
    cookies: { keys: [...secrets.cookieKeys] },
    routes: { authorization: '/authorize', token: '/token', jwks: '/jwk', userinfo: '/userinfo', end_session: '/endsession' },
    responseTypes: ['code'],
    pkce: { required: () => true },
    scopes: ['openid', 'profile'],
    // ID-porten puts the fødselsnummer in the ID token as `pid` (not only at userinfo).
    claims: { openid: ['sub', 'pid', 'amr'] },
    conformIdTokenClaims: false,
    acrValues: ['idporten-loa-substantial', sandboxAcr],
    subjectTypes: ['pairwise'],
    pairwiseIdentifier: async (_ctx, accountId, { sectorIdentifier }) =>
      createHmac('sha256', secrets.pairwiseSalt).update(`${sectorIdentifier}\u0000${accountId}`).digest('base64url'),
    findAccount: async (_ctx, fnr) => ({ accountId: fnr, claims: async () => ({ sub: fnr, pid: fnr }) }),
    features: {
      devInteractions: { enabled: false },
      // Min side ends its own session; every login asks for a person again (prompt=login), so
      // the sandbox needs no single logout (decision 0038).
      rpInitiatedLogout: { enabled: false },
    },
    interactions: { url: async (_ctx, interaction) => `${mountPath}/interaction/${interaction.uid}` },
    // The sandbox's clients are first-party: the grant is given at login, no consent screen.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid profile');
      await grant.save();
      return grant;
    },
    ttl: { Session: 2 * 60 * 60, Interaction: 10 * 60, AuthorizationCode: 60, IdToken: 120, AccessToken: 120, Grant: 2 * 60 * 60 },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page('Innloggingen feilet', `<p>Testinnloggingen kunne ikke fullføres.</p><p><code>${escapeHtml(String(out.error))}</code>: ${escapeHtml(String(out.error_description ?? ''))}</p><p><a href="/">Til forsiden</a></p>`);
    },
  };
  const ProviderClass = await loadOidcProvider();
  const provider = new ProviderClass(issuer, configuration);
  // Koa reads the forwarded headers idportenPlugin pinned: the issuer's origin and Fastify's client.
  provider.proxy = true;
  return provider;
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – testmiljø</title></head>
<body><p><strong>Testmiljø — syntetiske data.</strong> Ikke en offisiell tjeneste.</p><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}
