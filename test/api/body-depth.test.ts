import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { kalendertjenesteNamespace } from '../../src/api/kalender/schemas.js';
import { bodyTooDeepMelding } from '../../src/body-depth.js';
import { limits } from '../../src/domain/limits.js';
import { clientToken } from '../support/auth.js';
import { calendarTestApp, fristerUrl, scenarioParty, type CalendarTestApp } from '../support/calendar-app.js';
import { describeEachDatabase } from '../support/databases.js';
import { logCapture, type LogLine } from '../support/log-capture.js';
import { buildTestApp, csrfTokenOf, InjectBrowser, loginAs, virksomhetApi } from '../support/portal-app.js';
import { seedPortalFixtures, testBusinesses, testPersons } from '../support/portal-fixtures.js';

/**
 * Issue 10, item 5: a body nested past `limits.bodyDepthMax` (decision 0087), or with an element
 * named like an object's own property, is the caller's error on every surface that reads a body:
 * 400 with the surface's own invalid-input answer, logged below error level, never a 500.
 */
const depthMax = limits.bodyDepthMax;

/** A JSON body nested `depth` levels: the outer object, then arrays. */
const jsonNested = (depth: number, key = 'kalenderRequest') => `{"${key}":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
/** A kalenderRequest `depth` elements deep. */
const xmlNested = (depth: number) => `<kalenderRequest xmlns="${kalendertjenesteNamespace}">${'<part>'.repeat(depth - 1)}${'</part>'.repeat(depth - 1)}</kalenderRequest>`;

interface Call {
  readonly method: 'POST' | 'PUT';
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly payload: string;
}

interface Answer {
  readonly via: 'inject' | 'fetch';
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** The same call through `inject` and through a real HTTP request to the listening server. */
async function answersTo(app: FastifyInstance, baseUrl: string, call: Call): Promise<Answer[]> {
  const injected = await app.inject({ method: call.method, url: call.url, headers: call.headers, payload: call.payload });
  const fetched = await fetch(`${baseUrl}${call.url}`, { method: call.method, headers: call.headers, body: call.payload });
  return [
    { via: 'inject', status: injected.statusCode, contentType: String(injected.headers['content-type']), body: injected.body },
    { via: 'fetch', status: fetched.status, contentType: fetched.headers.get('content-type') ?? '', body: await fetched.text() },
  ];
}

/** Nothing at error level, and the refusal itself logged as a client error (info or warn). */
function expectLoggedAsClientError(lines: readonly LogLine[], mentions: string): void {
  expect(lines.filter((line) => line.level >= 50)).toEqual([]);
  expect(lines.some((line) => line.level >= 30 && line.level < 50 && JSON.stringify(line).includes(mentions))).toBe(true);
}

const json = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
const xml = (token: string) => ({ 'content-type': 'application/xml', authorization: `Bearer ${token}` });

describeEachDatabase('One body depth limit on the APIs (Kalendertjeneste, Maskinporten admin, Altinn)', ({ handle, kind }) => {
  let t: CalendarTestApp;
  let baseUrl: string;
  let log: ReturnType<typeof logCapture>;
  let kalender: string;

  beforeAll(async () => {
    log = logCapture();
    t = await calendarTestApp(handle().db, kind, log.logger);
    kalender = await t.vendorToken(scenarioParty);
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => t.app.close());

  /** Every answer is KAL-006 saying `melding`, in the body's format, and logged as a client error. */
  async function expectKal006(call: Call, melding: string): Promise<void> {
    log.lines.length = 0;
    for (const answer of await answersTo(t.app, baseUrl, call)) {
      expect([answer.via, answer.status]).toEqual([answer.via, 400]);
      if (answer.contentType.startsWith('application/xml')) {
        expect(answer.body).toContain('<kode>KAL-006</kode>');
        expect(answer.body).toContain(`<melding>${melding}</melding>`);
      } else {
        expect(JSON.parse(answer.body)).toMatchObject({ kode: 'KAL-006', melding });
      }
    }
    expectLoggedAsClientError(log.lines, 'KAL-006');
  }

  it(`Kalendertjeneste, JSON: ${depthMax + 1} levels and 10 000 levels are KAL-006; ${depthMax} levels reach the schema`, async () => {
    await expectKal006({ method: 'POST', url: fristerUrl, headers: json(kalender), payload: jsonNested(depthMax + 1) }, bodyTooDeepMelding);
    await expectKal006({ method: 'POST', url: fristerUrl, headers: json(kalender), payload: jsonNested(10_000) }, bodyTooDeepMelding);
    await expectKal006({ method: 'POST', url: fristerUrl, headers: json(kalender), payload: jsonNested(depthMax) }, 'kalenderRequest må være et objekt med part og eventuelt periode.');
    // Brackets inside strings are text, not nesting.
    const bracketsInText = `{"kalenderRequest":{"part":[{"organisasjonsnummer":"${'['.repeat(depthMax + 1)}\\"{"}]}}`;
    const answer = (await answersTo(t.app, baseUrl, { method: 'POST', url: fristerUrl, headers: json(kalender), payload: bracketsInText }))[0]!;
    expect(JSON.parse(answer.body).melding).toContain('må være et organisasjonsnummer med 9 sifre');
  });

  it(`Kalendertjeneste, XML: ${depthMax + 1} elements deep and thousands deep are KAL-006; ${depthMax} reach the reader`, async () => {
    await expectKal006({ method: 'POST', url: fristerUrl, headers: xml(kalender), payload: xmlNested(depthMax + 1) }, bodyTooDeepMelding);
    await expectKal006({ method: 'POST', url: fristerUrl, headers: xml(kalender), payload: xmlNested(5_000) }, bodyTooDeepMelding);
    await expectKal006({ method: 'POST', url: fristerUrl, headers: xml(kalender), payload: xmlNested(depthMax) }, 'part nr. 1 har feltet part, som ikke finnes; oppgi organisasjonsnummer eller foedselsnummer.');
  });

  it('Kalendertjeneste, XML: elements named __proto__, constructor or prototype are unknown elements (KAL-006)', async () => {
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      const child = `<kalenderRequest xmlns="${kalendertjenesteNamespace}"><${name}><part>1</part></${name}></kalenderRequest>`;
      await expectKal006({ method: 'POST', url: fristerUrl, headers: xml(kalender), payload: child }, `Elementet ${name} finnes ikke i kalenderRequest.`);
      const root = `<${name} xmlns="${kalendertjenesteNamespace}"><part>1</part></${name}>`;
      await expectKal006({ method: 'POST', url: fristerUrl, headers: xml(kalender), payload: root }, `Elementet ${name} finnes ikke i kalenderRequest.`);
      const prefixed = `<n1:kalenderRequest xmlns:n1="${kalendertjenesteNamespace}"><n1:${name}>1</n1:${name}></n1:kalenderRequest>`;
      await expectKal006({ method: 'POST', url: fristerUrl, headers: xml(kalender), payload: prefixed }, `Elementet ${name} finnes ikke i kalenderRequest.`);
    }
    expect(({} as Record<string, unknown>).part).toBeUndefined();
  });

  it('Kalendertjeneste, JSON: keys that reach a prototype are refused or stay unknown keys, and pollute nothing', async () => {
    const refused: readonly (readonly [string, string])[] = [
      ['{"kalenderRequest":{"part":[{"organisasjonsnummer":"313367002"}]},"__proto__":{"polluted":true}}', 'Forespørselen er ikke gyldig JSON.'],
      ['{"kalenderRequest":{"constructor":{"prototype":{"polluted":true}}}}', 'Forespørselen er ikke gyldig JSON.'],
      // The JSON example's `n1:` prefixes are stripped, but never into a key the parser refuses.
      ['{"kalenderRequest":{"part":[{"n1:__proto__":{"polluted":true}}]}}', 'part nr. 1 har feltet n1:__proto__, som ikke finnes; oppgi organisasjonsnummer eller foedselsnummer.'],
      ['{"kalenderRequest":{"part":[{"n1:constructor":{"prototype":{"polluted":true}}}]}}', 'part nr. 1 har feltet n1:constructor, som ikke finnes; oppgi organisasjonsnummer eller foedselsnummer.'],
    ];
    for (const [payload, melding] of refused) await expectKal006({ method: 'POST', url: fristerUrl, headers: json(kalender), payload }, melding);
    // Where the request takes keys it does not know, they are ignored like any other.
    const ignored = `{"n1:prototype":{"polluted":true},"kalenderRequest":{"n1:part":[{"organisasjonsnummer":"${scenarioParty}"}],"n1:__proto__":{"polluted":true}}}`;
    for (const answer of await answersTo(t.app, baseUrl, { method: 'POST', url: fristerUrl, headers: json(kalender), payload: ignored })) {
      expect([answer.via, answer.status]).toEqual([answer.via, 200]);
      expect(answer.body).toContain(`"organisasjonsnummer":"${scenarioParty}"`);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('Kalendertjeneste subscriptions: a deep body on POST /abonnementer is KAL-006 too', async () => {
    const url = `/api/innkreving/kalendertjeneste/v1/abonnementer/${scenarioParty}`;
    await expectKal006({ method: 'POST', url, headers: json(kalender), payload: jsonNested(10_000) }, bodyTooDeepMelding);
  });

  it('Maskinporten admin: a deep client registration is 400 invalid_request (MP-011)', async () => {
    const { token } = await clientToken(t, handle().db, '315600057', ['idporten:dcr.write']);
    log.lines.length = 0;
    for (const answer of await answersTo(t.app, baseUrl, { method: 'POST', url: '/maskinporten/admin/clients', headers: json(token), payload: jsonNested(10_000, 'jwks') })) {
      expect([answer.via, answer.status]).toEqual([answer.via, 400]);
      const body = JSON.parse(answer.body);
      expect(body.error).toBe('invalid_request');
      expect(body.error_description).toContain(`nestet dypere enn ${depthMax} nivåer`);
      expect(body.error_description).toContain('(MP-011)');
    }
    expectLoggedAsClientError(log.lines, `nestet dypere enn ${depthMax} nivåer`);
  });

  it('Altinn: a deep system registration is a 400 problem, a body that does not deserialize (STD.VLD-00017, decision 0153)', async () => {
    const { token } = await clientToken(t, handle().db, '315600057', ['altinn:authentication/systemregister.write']);
    log.lines.length = 0;
    const call: Call = { method: 'POST', url: '/altinn/authentication/api/v1/systemregister/vendor', headers: json(token), payload: jsonNested(10_000, 'rights') };
    for (const answer of await answersTo(t.app, baseUrl, call)) {
      expect([answer.via, answer.status]).toEqual([answer.via, 400]);
      expect(answer.contentType).toContain('application/problem+json');
      expect(JSON.parse(answer.body)).toMatchObject({
        status: 400,
        code: 'STD-00000',
        validationErrors: [{ code: 'STD.VLD-00017', paths: ['/'], detail: expect.stringContaining(`nestet dypere enn ${depthMax} nivåer`) }],
      });
    }
    expectLoggedAsClientError(log.lines, 'STD-00000');
  });

  it('Krav og betalinger reads no body: a deep one under its prefix is refused unread (KB-003), never a 500', async () => {
    log.lines.length = 0;
    const call: Call = { method: 'POST', url: `/api/innkreving/kravogbetalinger/v1/finans/${scenarioParty}/aapnekrav`, headers: json(kalender), payload: jsonNested(10_000) };
    for (const answer of await answersTo(t.app, baseUrl, call)) {
      expect([answer.via, answer.status, JSON.parse(answer.body).kode]).toEqual([answer.via, 404, 'KB-003']);
    }
    expectLoggedAsClientError(log.lines, 'KB-003');
  });
});

describeEachDatabase('One body depth limit in Min side', ({ handle }) => {
  let app: FastifyInstance;
  let baseUrl: string;
  let log: ReturnType<typeof logCapture>;

  beforeAll(async () => {
    await seedPortalFixtures(handle().db);
    log = logCapture();
    app = await buildTestApp(handle(), {}, undefined, log.logger);
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => app?.close());

  it('a deep body on a Min side write is 400 ugyldig_forespoersel, and nothing is made', async () => {
    const browser = new InjectBrowser(app);
    await loginAs(browser, testPersons.kari.fnr);
    const csrf = await csrfTokenOf(browser);
    log.lines.length = 0;
    const headers = { 'content-type': 'application/json', 'x-csrf-token': csrf, cookie: browser.jar.header() };
    const url = virksomhetApi(testBusinesses.as.orgnr, '/systemtilganger');
    for (const answer of await answersTo(app, baseUrl, { method: 'POST', url, headers, payload: jsonNested(10_000, 'systemId') })) {
      expect([answer.via, answer.status, JSON.parse(answer.body)]).toEqual([answer.via, 400, { kode: 'ugyldig_forespoersel', melding: 'Ugyldig forespørsel.' }]);
    }
    expectLoggedAsClientError(log.lines, bodyTooDeepMelding);
    expect((await browser.get(virksomhetApi(testBusinesses.as.orgnr, '/systemtilganger'))).json().systembrukere).toEqual([]);
    // The same route still reads a sound body (an unknown system: the route's own answer).
    const sound = await browser.request({ method: 'POST', url, headers: { 'x-csrf-token': csrf }, payload: { systemId: '315600057_finnes_ikke' } });
    expect([sound.statusCode, sound.json().kode]).toEqual([404, 'finnes_ikke']);
  });
});
