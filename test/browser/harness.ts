/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { parseConfig } from '../../src/config.js';
import type { LocalDate } from '../../src/domain/dates.js';
import { buildApp } from '../../src/server.js';
import { defaultWebRoot } from '../../src/web-root.js';
import { createTestDatabase } from '../support/databases.js';
import { freePort } from '../support/free-port.js';
import { seedPortalFixtures } from '../support/portal-fixtures.js';

/** Debian's Chromium (installed by .ci/run from .ci/apt-packages); no tool may download a browser. */
export const chromiumPath = '/usr/bin/chromium';
export const screenshotDir = path.resolve('test-output/screenshots');

/**
 * `describe` for browser suites: runs when Chromium is installed; without it, fails under
 * CI=true (CI must run them) and is skipped with a clear message elsewhere.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (existsSync(chromiumPath)) {
    describe(name, body);
    return;
  }
  const why = `${chromiumPath} mangler (install it: apt-get install -y chromium)`;
  if (process.env.CI === 'true') {
    describe(name, () => {
      throw new Error(`CI=true: browser tests must run, but ${why}`);
    });
    return;
  }
  console.warn(`Skipping browser tests "${name}": ${why}`);
  describe.skip(name, body);
}

export interface BrowserHarness {
  readonly origin: string;
  readonly app: FastifyInstance;
  readonly db: Awaited<ReturnType<typeof createTestDatabase>>['db'];
  readonly context: BrowserContext;
  readonly page: Page;
  /** Requests the page made to any other origin (must stay empty: nothing loads from a CDN). */
  readonly foreignRequests: string[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** A fixed business date (the real date otherwise). */
  readonly today?: LocalDate;
  /** More data on top of the portal fixtures, e.g. a ledger history. */
  readonly seed?: (db: BrowserHarness['db']) => Promise<unknown>;
}

/**
 * The whole server on a fresh PGlite with the portal fixtures, listening on a free loopback port
 * under http://localhost, and a fresh Chromium profile pointed at it.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<BrowserHarness> {
  if (!existsSync(path.join(defaultWebRoot(), 'index.html'))) {
    throw new Error('dist/web is missing: run `npm run build` (npm install does it through prepare)');
  }
  const database = await createTestDatabase('pglite');
  await seedPortalFixtures(database.db);
  await options.seed?.(database.db);
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const config = parseConfig({ KOB_PUBLIC_URL: origin });
  const app = await buildApp({ db: database.db, databaseKind: database.kind, clock: systemClock(options.today), config, logger: false });
  await app.listen({ port, host: 'localhost' });

  const profile = await mkdtemp(path.join(tmpdir(), 'kob-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    locale: 'nb-NO',
    viewport: { width: 1280, height: 900 },
  });
  // CSP violations are collected in the page, for `expectNoCspViolations`.
  await context.addInitScript(() => {
    const violations: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = violations;
    document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const foreignRequests: string[] = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== origin && url.protocol !== 'data:') foreignRequests.push(request.url());
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await mkdir(screenshotDir, { recursive: true });
  return {
    origin,
    app,
    db: database.db,
    context,
    page,
    foreignRequests,
    async close() {
      await context.close();
      await app.close();
      await database.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Writes test-output/screenshots/<name>.png (every run, so a reviewer can look at the pages). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

let axeSource: Promise<string> | undefined;

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[]; readonly failureSummary?: string }[];
}

/**
 * Runs axe-core on the page (injected through the DevTools protocol, so the page's CSP stays
 * on) and returns serious and critical violations, printed readably by `formatViolations`.
 */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFile(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(await axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function formatViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact}: ${v.id} — ${v.help}\n${v.nodes.map((n) => `    at ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`).join('\n')}`)
    .join('\n');
}

/**
 * What every page a browser test visits must pass: a screenshot (returned), axe without serious or
 * critical violations, no CSP violation and no request to another origin.
 */
export async function inspectPage(h: Pick<BrowserHarness, 'page' | 'foreignRequests'>, name: string): Promise<string> {
  const file = await screenshot(h.page, name);
  const violations = await seriousA11yViolations(h.page);
  expect(violations, `axe on ${name}:\n${formatViolations(violations)}`).toEqual([]);
  expect(await cspViolations(h.page), `CSP on ${name}`).toEqual([]);
  expect(h.foreignRequests, `requests to other origins on ${name}`).toEqual([]);
  return file;
}

export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
}

/** Presses Tab (Shift+Tab with `backwards`) until the focused element's accessible text matches; returns how many presses it took. */
export async function tabTo(page: Page, text: RegExp, maxPresses = 40, backwards = false): Promise<number> {
  for (let presses = 1; presses <= maxPresses; presses++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      // Tabbing past the last element leaves focus on <body>, whose text is the whole page.
      if (!el || el === document.body) return '';
      const labelledBy = el.getAttribute('aria-labelledby');
      const label = labelledBy ? document.getElementById(labelledBy)?.textContent : (el as HTMLInputElement).labels?.[0]?.textContent;
      return [el.getAttribute('aria-label'), label, el.textContent, (el as HTMLInputElement).value].filter(Boolean).join(' ');
    });
    if (text.test(focused)) return presses;
  }
  throw new Error(`Tab never reached ${text} in ${maxPresses} presses`);
}

/** Logs in through the person picker as `navn` (from the start page); ends at the role picker. */
export async function loginAs(page: Page, origin: string, navn: string): Promise<void> {
  await page.goto(`${origin}/`);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.getByRole('heading', { name: 'Velg testperson' }).waitFor();
  await page.getByLabel('Søk etter navn eller fødselsnummer').fill(navn);
  await page.getByRole('radio', { name: navn }).check();
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.waitForURL(`${origin}/velg-virksomhet`);
}

/** Picks `navn` in the role picker; ends on the business's Oversikt at /virksomhet/{orgnr}/. */
export async function chooseBusiness(page: Page, origin: string, navn: string): Promise<void> {
  await page.getByRole('dialog').getByRole('link', { name: new RegExp(navn) }).click();
  await page.waitForURL(new RegExp(`^${origin}/virksomhet/[0-9]{9}/$`));
  await page.getByTestId('valgt-virksomhet').waitFor();
}

/** Waits until the page's data is in: its h1 is there and no spinner ("Henter …") is left in main. */
export async function pageLoaded(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(() => !/Henter [^\n]*…/.test(document.querySelector('main')?.textContent ?? ''));
}

/** How far the page, or the element, is wider than its box: `scrollWidth - clientWidth` in CSS pixels (0 = no sideways scroll). */
export async function overflowPx(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
