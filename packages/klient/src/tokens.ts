import { TokenFeil } from './feil.js';
import { signGrant, tokenRequestBody, type Fullmakt, type SigningKey } from './maskinporten.js';

/** A token is used until this long before it expires, so it never expires on the way. */
export const tokenRefreshMarginSeconds = 30;

export interface TokenSourceOptions {
  readonly clientId: string;
  readonly maskinportenIssuer: string;
  readonly key: Promise<SigningKey>;
  readonly fullmakt: Fullmakt | undefined;
  readonly fetch: typeof fetch;
  readonly nowMs: () => number;
  readonly newJti: () => string;
}

/** One cached access token per scope; a new grant (fresh `jti`) for each token request. */
export class TokenSource {
  readonly #options: TokenSourceOptions;
  readonly #cached = new Map<string, Promise<{ token: string; refreshAtMs: number }>>();

  constructor(options: TokenSourceOptions) {
    this.#options = options;
  }

  async token(scope: string): Promise<string> {
    const cached = this.#cached.get(scope);
    if (cached) {
      const entry = await cached.catch(() => undefined);
      if (entry && entry.refreshAtMs > this.#options.nowMs()) return entry.token;
      if (this.#cached.get(scope) !== cached) return this.token(scope);
    }
    const fresh = this.#request(scope);
    this.#cached.set(scope, fresh);
    fresh.catch(() => this.#cached.delete(scope));
    return (await fresh).token;
  }

  /** After a 401: the cached token is no good, whatever its expiry said. */
  forget(scope: string): void {
    this.#cached.delete(scope);
  }

  async #request(scope: string): Promise<{ token: string; refreshAtMs: number }> {
    const { clientId, maskinportenIssuer, fullmakt, nowMs, newJti } = this.#options;
    const assertion = await signGrant(await this.#options.key, { clientId, audience: maskinportenIssuer, scope, fullmakt, nowSeconds: Math.floor(nowMs() / 1000), jti: newJti() });
    const response = await this.#options.fetch(`${maskinportenIssuer}token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: tokenRequestBody(assertion),
    });
    const body = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string; error_description?: string };
    if (!response.ok || typeof body.access_token !== 'string') {
      throw new TokenFeil(response.status, body.error ?? `HTTP-${response.status}`, body.error_description ?? response.statusText);
    }
    const expiresInSeconds = typeof body.expires_in === 'number' ? body.expires_in : 60;
    return { token: body.access_token, refreshAtMs: nowMs() + Math.max(0, expiresInSeconds - tokenRefreshMarginSeconds) * 1000 };
  }
}
