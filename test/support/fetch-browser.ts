import { CookieJar } from './cookie-jar.js';
import type { PortalBrowser, PortalResponse } from './portal-app.js';

/**
 * A browser stand-in over real HTTP against a listening server (`fetch`): keeps cookies, follows
 * nothing by itself, and keeps a body's bytes as sent (a CSV's byte order mark included, which
 * `Response.text()` would drop).
 */
export class FetchBrowser implements PortalBrowser {
  readonly jar = new CookieJar();
  constructor(readonly baseUrl: string) {}

  async request(options: { method: string; url: string; headers?: Record<string, string>; payload?: string }): Promise<PortalResponse> {
    const response = await fetch(new URL(options.url, this.baseUrl), {
      method: options.method,
      headers: { cookie: this.jar.header(), ...(options.headers ?? {}) },
      body: options.payload,
      redirect: 'manual',
    });
    this.jar.store(response.headers.getSetCookie());
    const body = Buffer.from(await response.arrayBuffer()).toString('utf8');
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    return { statusCode: response.status, headers, body, json: <T>() => JSON.parse(body) as T };
  }

  get(url: string, headers: Record<string, string> = {}): Promise<PortalResponse> {
    return this.request({ method: 'GET', url, headers });
  }
}
