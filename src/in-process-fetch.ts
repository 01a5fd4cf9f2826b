import type { FastifyInstance } from 'fastify';
import type { CustomFetchOptions } from 'openid-client';

/**
 * A fetch that answers requests to `origin` from this very server through `app.inject`, so the
 * portal talks to the built-in identity provider over real HTTP semantics without needing the
 * public URL to be reachable from inside (a proxy, a container, a test on an ephemeral port).
 */
export function inProcessFetch(app: FastifyInstance, origin: string) {
  const base = new URL(origin);
  return async (url: string, options: CustomFetchOptions): Promise<Response> => {
    const target = new URL(url);
    if (target.origin !== base.origin) return fetch(url, options as RequestInit);
    const response = await app.inject({
      method: options.method as 'GET' | 'POST',
      url: target.pathname + target.search,
      headers: { ...options.headers, host: target.host },
      ...(options.body === undefined || options.body === null ? {} : { payload: String(options.body) }),
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) headers.append(name, String(item));
    }
    const empty = response.statusCode === 204 || response.statusCode === 304;
    return new Response(empty ? null : new Uint8Array(response.rawPayload), { status: response.statusCode, headers });
  };
}
