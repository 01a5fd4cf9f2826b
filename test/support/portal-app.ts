import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { parseConfig } from '../../src/config.js';
import type { DatabaseHandle } from '../../src/db/open-database.js';
import { buildApp } from '../../src/server.js';
import { systemClock } from '../../src/clock.js';
import type { Clock } from '../../src/domain/clock.js';
import { CookieJar } from './cookie-jar.js';

export const injectPublicUrl = 'http://localhost:8080';

/** The whole server on a test database, for `app.inject` (no port); `logger`: pino options for its log (none by default). */
export async function buildTestApp(database: DatabaseHandle, env: NodeJS.ProcessEnv = {}, clock: Clock = systemClock(), logger: object | false = false): Promise<FastifyInstance> {
  const config = parseConfig({ KOB_PUBLIC_URL: injectPublicUrl, ...env });
  return buildApp({ db: database.db, databaseKind: database.kind, clock, config, logger });
}

/** The real clock moved forward by hand (sessions read it; the identity provider keeps real time). */
export function movableClock(): Clock & { advanceSeconds(seconds: number): void } {
  let offsetMs = 0;
  const real = systemClock();
  return {
    today: () => real.today(),
    nowEpochMs: () => real.nowEpochMs() + offsetMs,
    advanceSeconds: (seconds) => {
      offsetMs += seconds * 1000;
    },
  };
}

/** What the login helpers need of an answer: `app.inject`'s, or one read over real HTTP (fetch-browser.ts). */
export interface PortalResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, unknown>>;
  readonly body: string;
  json<T = unknown>(): T;
}

/** A browser stand-in for the login helpers: keeps cookies, follows nothing by itself. */
export interface PortalBrowser {
  request(options: { method: string; url: string; headers?: Record<string, string>; payload?: string }): Promise<PortalResponse>;
  get(url: string, headers?: Record<string, string>): Promise<PortalResponse>;
}

/** A browser stand-in: keeps cookies, sends the public host, follows nothing by itself. */
export class InjectBrowser implements PortalBrowser {
  readonly jar = new CookieJar();
  /** Which server answers next: switch it to show that no state lives in one process. */
  constructor(public app: FastifyInstance) {}

  async request(options: InjectOptions & { url: string }): Promise<LightMyRequestResponse> {
    const target = new URL(options.url, injectPublicUrl);
    const response = await this.app.inject({
      ...options,
      url: target.pathname + target.search,
      headers: { host: target.host, cookie: this.jar.header(), ...(options.headers ?? {}) },
    });
    this.jar.store(response.headers['set-cookie']);
    return response;
  }

  get(url: string, headers: Record<string, string> = {}) {
    return this.request({ method: 'GET', url, headers });
  }
}

/** Location of a redirect, asserting it is one. */
export function location(response: LightMyRequestResponse | PortalResponse): string {
  if (response.statusCode < 300 || response.statusCode >= 400) {
    throw new Error(`expected a redirect, got ${response.statusCode}: ${response.body.slice(0, 300)}`);
  }
  return String(response.headers.location);
}

/** Login as far as the identity provider's person picker; returns the interaction path. */
export async function startLogin(browser: PortalBrowser): Promise<{ interaction: string; authorizeUrl: URL }> {
  const authorizeUrl = new URL(location(await browser.get('/portal/innlogging/start')));
  const interaction = location(await browser.get(authorizeUrl.href));
  return { interaction, authorizeUrl };
}

/** Picks `fnr` at the person picker and follows the redirects back to the portal's callback (not into it). */
export async function pickPerson(browser: PortalBrowser, interaction: string, fnr: string): Promise<string> {
  const picker = await browser.get(`${interaction}/testpersoner`);
  const { csrfToken } = picker.json() as { csrfToken: string };
  const resume = location(
    await browser.request({
      method: 'POST',
      url: `${interaction}/login`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrfToken, fnr }).toString(),
    }),
  );
  return location(await browser.get(resume));
}

/** The whole login of `fnr`; ends logged in to the portal. */
export async function loginAs(browser: PortalBrowser, fnr: string): Promise<void> {
  const { interaction } = await startLogin(browser);
  const callback = await pickPerson(browser, interaction, fnr);
  const landed = location(await browser.get(callback));
  if (landed !== '/velg-virksomhet') throw new Error(`login ended at ${landed}`);
}

export async function csrfTokenOf(browser: PortalBrowser): Promise<string> {
  const sesjon = (await browser.get('/portal/api/sesjon')).json() as { csrfToken?: string };
  if (!sesjon.csrfToken) throw new Error('not logged in');
  return sesjon.csrfToken;
}

/** A business's route in the portal API: /portal/api/virksomhet/{orgnr}{sti} (decision 0101). */
export function virksomhetApi(orgnr: string, sti: string): string {
  return `/portal/api/virksomhet/${orgnr}${sti}`;
}
