import { readFile } from 'node:fs/promises';
import { importJWK, type JWK } from 'jose';
import * as client from 'openid-client';
import type { ExternalIdportenConfig, IdportenClientAuth } from '../config.js';

/**
 * Where Min side logs in: the same settings serve the built-in identity provider and a real
 * ID-porten (README "Min side"), so switching is configuration only.
 */
export interface OidcLoginSettings extends ExternalIdportenConfig {
  /** Fetch used for discovery, token and JWKS calls (the built-in provider is reached in-process). */
  readonly fetch?: client.CustomFetch;
}

/** What the browser must bring back: kept server-side, keyed by the login binding cookie. */
export interface PendingLogin {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

export interface LoginResult {
  /** The person's fødselsnummer (`pid`), the identity Min side uses; `sub` is pairwise and unused. */
  readonly pid: string;
  readonly idToken: string;
}

export class LoginFailedError extends Error {
  override readonly name = 'LoginFailedError';
}

export interface OidcLogin {
  /** `loginHint`: whom the provider should suggest (OIDC `login_hint`; the sandbox's picker pre-selects that person). */
  start(options?: { readonly loginHint?: string | undefined }): Promise<{ readonly authorizationUrl: string; readonly pending: PendingLogin }>;
  finish(callbackUrl: URL, pending: PendingLogin): Promise<LoginResult>;
}

/** Authorization code flow with PKCE (S256), state and nonce; discovery once, on first use. */
export function createOidcLogin(settings: OidcLoginSettings): OidcLogin {
  let configuration: Promise<client.Configuration> | undefined;
  const configured = () => {
    configuration ??= discover(settings).catch((error: unknown) => {
      configuration = undefined; // try again on the next login
      throw error;
    });
    return configuration;
  };

  return {
    async start(options = {}) {
      const config = await configured();
      const pending = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: settings.scope,
        acr_values: settings.acrValues,
        response_type: 'code',
        code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
        // Every login shows the person picker again, so one can switch test persons (decision 0038).
        prompt: 'login',
        ui_locales: 'nb',
        ...(options.loginHint === undefined ? {} : { login_hint: options.loginHint }),
      });
      return { authorizationUrl: url.href, pending };
    },

    async finish(callbackUrl, pending) {
      const config = await configured();
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        throw new LoginFailedError(error instanceof client.AuthorizationResponseError ? error.error : 'token_exchange_failed', { cause: error });
      }
      const claims = tokens.claims();
      const pid = claims?.pid;
      if (typeof pid !== 'string' || !/^[0-9]{11}$/.test(pid) || !tokens.id_token) throw new LoginFailedError('pid_missing');
      return { pid, idToken: tokens.id_token };
    },
  };
}

async function discover(settings: OidcLoginSettings): Promise<client.Configuration> {
  const issuer = new URL(settings.issuer);
  const execute: ((config: client.Configuration) => void)[] = [];
  // Plain http only for a provider on this machine (the built-in one or a local test double).
  if (issuer.protocol === 'http:' && isLoopback(issuer.hostname)) execute.push(client.allowInsecureRequests);
  const options: client.DiscoveryRequestOptions = { execute, ...(settings.fetch ? { [client.customFetch]: settings.fetch } : {}) };
  return client.discovery(issuer, settings.clientId, { redirect_uris: [settings.redirectUri] }, await clientAuthentication(settings.clientAuth), options);
}

async function clientAuthentication(auth: IdportenClientAuth): Promise<client.ClientAuth> {
  if (auth.method === 'client_secret_post') return client.ClientSecretPost(auth.secret);
  const jwk = JSON.parse(await readFile(auth.jwkFile, 'utf8')) as JWK;
  const key = await importJWK(jwk, jwk.alg ?? 'RS256');
  return client.PrivateKeyJwt(key as client.CryptoKey, jwk.kid ? { [client.modifyAssertion]: (header) => void (header.kid = jwk.kid) } : undefined);
}

export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
