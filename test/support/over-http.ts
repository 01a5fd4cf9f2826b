import { maskinportenIssuer, requestToken, signGrant } from '../../src/auth/index.js';

/** How a call is authorised: a Maskinporten token for `scope`, with a system user or consent if named. */
export interface CallerGrant {
  readonly scope: string;
  readonly systemUserOrg?: string;
  readonly consent?: { readonly id: string; readonly from: string };
}

/**
 * A vendor's or a bank's code as it will run against TT02: every call over HTTP with `fetch`,
 * each with a token from the server's Maskinporten token endpoint, signed with the client's key.
 * Only the base URL (`origin`) is ours.
 */
export class OverHttp {
  constructor(
    readonly origin: string,
    readonly credentials: { readonly client_id: string; readonly jwk: object },
  ) {}

  /** A token from `POST /maskinporten/token`; a refusal throws with Maskinporten's error and description. */
  async token(grant: CallerGrant): Promise<string> {
    const assertion = await signGrant({
      clientId: this.credentials.client_id,
      jwk: this.credentials.jwk,
      audience: maskinportenIssuer(this.origin),
      nowSeconds: Math.floor(Date.now() / 1000),
      ...grant,
    });
    return (await requestToken(`${this.origin}/maskinporten/token`, assertion)).access_token;
  }

  /** `method path` with a fresh token for `grant`, a JSON body if given; the status and the JSON answer. */
  async call(method: 'GET' | 'POST', path: string, grant: CallerGrant, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${this.origin}${path}`, {
      method,
      headers: { authorization: `Bearer ${await this.token(grant)}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
  }
}
