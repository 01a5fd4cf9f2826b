import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiFeil, KravOgBetalingerKlient, sandkasse, type KlientOptions } from '../../packages/klient/src/index.js';
import { startSandbox, type Sandbox } from '../support/sandbox-child.js';

/**
 * The client package against a fresh sandbox as `npm start` makes it (the demo keys), over real
 * HTTP with real Maskinporten tokens.
 */
describe('krav-og-betalinger-klient against a running sandbox', () => {
  const part = '313367002';
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox?.stop());

  /** A fetch that records every request and may answer some itself. */
  function recordingFetch(answer?: (url: URL, count: number) => Response | undefined) {
    const requests: { url: URL; method: string; headers: Headers; body: string }[] = [];
    let apiCalls = 0;
    const fetcher: typeof fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const body = init?.body === undefined || init.body === null ? '' : typeof init.body === 'string' ? init.body : new TextDecoder().decode(init.body as ArrayBuffer);
      requests.push({ url, method: init?.method ?? 'GET', headers: new Headers(init?.headers), body });
      if (!url.pathname.startsWith('/maskinporten/')) {
        apiCalls += 1;
        const own = answer?.(url, apiCalls);
        if (own) return own;
      }
      return fetch(input, init);
    };
    return { fetcher, requests, tokenRequests: () => requests.filter((r) => r.url.pathname === '/maskinporten/token') };
  }

  const vendorKlient = (extra: Partial<KlientOptions> = {}) =>
    new KravOgBetalingerKlient({ miljoe: sandkasse(sandbox.url), clientId: sandbox.vendor.client_id, noekkel: sandbox.vendor.jwk, fullmakt: { systembruker: { orgnr: part } }, ventetidMs: () => 1, ...extra });

  it('reads the open claims, claims, payments, refunds, calendar and deadlines of 313367002, typed', async () => {
    const klient = vendorKlient();
    const aapne = await klient.aapneKrav(part);
    expect(aapne.aapentKravMedGjenstaaendeBeloep?.length).toBeGreaterThan(0);
    expect(aapne.aapentKravMedGjenstaaendeBeloep?.[0]?.kravidentifikator).toEqual(expect.any(String));
    const periode = { fraOgMed: '2025-01-01', tilOgMed: '2025-12-31' };
    expect((await klient.krav(part, periode)).krav?.length).toBeGreaterThan(0);
    expect(await klient.innbetalinger(part, periode)).toEqual(expect.any(Object));
    // No refunds in the period: the API's own KB-007, as a typed error.
    await expect(klient.utbetalinger(part, periode)).rejects.toMatchObject({ status: 404, kode: 'KB-007' });
    expect((await klient.kalender([part])).kalender).toEqual(expect.any(Object));
    expect((await klient.frister(part)).virksomhet).toBe(part);
  });

  it('reads with a bank consent (finans)', async () => {
    const consent = sandbox.bank.consents[0]!;
    const klient = new KravOgBetalingerKlient({ miljoe: sandkasse(sandbox.url), clientId: sandbox.bank.client_id, noekkel: sandbox.bank.jwk, fullmakt: { samtykke: { id: consent.id, fra: consent.from } } });
    expect(klient.rettighetspakke).toBe('finans');
    const orgnr = consent.from.split(':').at(-1)!;
    expect(await klient.aapneKrav(orgnr)).toEqual(expect.any(Object));
  });

  it('reads a person with her consent, named by her bare fødselsnummer (the grant says urn:altinn:person:identifier-no)', async () => {
    const consent = sandbox.bank.consents.find((c) => c.from.startsWith('urn:altinn:person:'))!;
    const fnr = consent.from.split(':').at(-1)!;
    const { fetcher, tokenRequests } = recordingFetch();
    const klient = new KravOgBetalingerKlient({ miljoe: sandkasse(sandbox.url), clientId: sandbox.bank.client_id, noekkel: sandbox.bank.jwk, fullmakt: { samtykke: { id: consent.id, fra: fnr } }, fetch: fetcher });
    expect((await klient.aapneKrav(fnr)).partIdentifikator).toBe(fnr);
    const grant = decodeJwt(new URLSearchParams(tokenRequests()[0]!.body).get('assertion')!);
    expect(grant.authorization_details).toEqual([{ type: 'urn:altinn:consent', id: consent.id, from: `urn:altinn:person:identifier-no:${fnr}` }]);
  });

  it('posts the token request byte for byte as Maskinporten documents it, with a grant of the documented claims', async () => {
    const { fetcher, tokenRequests } = recordingFetch();
    const klient = vendorKlient({ fetch: fetcher });
    await klient.aapneKrav(part);
    await klient.frister(part);
    const [first, second] = tokenRequests();
    // docs.digdir.no, maskinporten_protocol_token: POST, application/x-www-form-urlencoded,
    // "assertion=<the grant>&grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"
    expect(first!.method).toBe('POST');
    expect(first!.url.href).toBe(`${sandbox.url}/maskinporten/token`);
    expect(first!.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    const assertion = new URLSearchParams(first!.body).get('assertion')!;
    expect(first!.body).toBe(`assertion=${assertion}&grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer`);
    // maskinporten_protocol_jwtgrant: header alg + kid; aud, iss, iat, exp (≤ 120 s), jti, scope.
    expect(decodeProtectedHeader(assertion)).toEqual({ alg: 'RS256', kid: sandbox.vendor.kid });
    const claims = decodeJwt(assertion);
    expect(Object.keys(claims).sort()).toEqual(['aud', 'authorization_details', 'exp', 'iat', 'iss', 'jti', 'scope']);
    expect(claims).toMatchObject({ aud: `${sandbox.url}/maskinporten/`, iss: sandbox.vendor.client_id, scope: 'skatteetaten:kravogbetalinger' });
    expect(claims.authorization_details).toEqual([{ type: 'urn:altinn:systemuser', systemuser_org: { authority: 'iso6523-actorid-upis', ID: `0192:${part}` } }]);
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(120);
    expect(Math.abs(claims.iat! - Date.now() / 1000)).toBeLessThan(10);
    const secondClaims = decodeJwt(new URLSearchParams(second!.body).get('assertion')!);
    expect(secondClaims.scope).toBe('skatteetaten:frister');
    expect(secondClaims.jti).not.toBe(claims.jti);
  });

  it('caches the token per scope and asks for a new one once after a 401', async () => {
    const { fetcher, tokenRequests } = recordingFetch((_url, count) => (count === 3 ? new Response(null, { status: 401 }) : undefined));
    const klient = vendorKlient({ fetch: fetcher });
    await klient.aapneKrav(part);
    await klient.aapneKrav(part);
    expect(tokenRequests()).toHaveLength(1);
    await klient.aapneKrav(part);
    expect(tokenRequests()).toHaveLength(2);
  });

  it('sends its own Korrelasjonsid and turns a KB error into ApiFeil with kode, melding and korrelasjonsid', async () => {
    const { fetcher, requests } = recordingFetch();
    const klient = vendorKlient({ fetch: fetcher, nyKorrelasjonsid: () => '0b5a8f0e-4a1e-4c3b-9a55-2f6f1c2d3e4f' });
    const error = await klient.krav(part, { fraOgMed: '2025-12-31', tilOgMed: '2025-01-01' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiFeil);
    expect(error).toMatchObject({ status: 400, kode: 'KB-006', korrelasjonsid: '0b5a8f0e-4a1e-4c3b-9a55-2f6f1c2d3e4f', melding: expect.stringContaining('fraOgMed') });
    expect(requests.at(-1)!.headers.get('korrelasjonsid')).toBe('0b5a8f0e-4a1e-4c3b-9a55-2f6f1c2d3e4f');
  });

  it('retries a 5xx and a network error at most three times', async () => {
    const flaky = recordingFetch((_url, count) => (count === 1 ? new Response('{}', { status: 503 }) : count === 2 ? (() => { throw new TypeError('fetch failed'); })() : undefined));
    expect(await vendorKlient({ fetch: flaky.fetcher }).aapneKrav(part)).toEqual(expect.any(Object));
    const down = recordingFetch(() => new Response(JSON.stringify({ kode: 'KB-002', melding: 'Baksystemet svarer ikke.', korrelasjonsid: 'x' }), { status: 502, headers: { 'content-type': 'application/json' } }));
    await expect(vendorKlient({ fetch: down.fetcher }).aapneKrav(part)).rejects.toMatchObject({ status: 502, kode: 'KB-002' });
    expect(down.requests.filter((r) => r.url.pathname.endsWith('/aapnekrav'))).toHaveLength(4);
  });

  it('poll answers the claims once, then undefined while nothing changed (If-None-Match, 304)', async () => {
    const { fetcher, requests } = recordingFetch();
    const klient = vendorKlient({ fetch: fetcher });
    expect(await klient.poll(part)).toEqual(expect.objectContaining({ aapentKravMedGjenstaaendeBeloep: expect.any(Array) }));
    const second = await klient.poll(part);
    expect(second).toBeUndefined();
    expect(requests.at(-1)!.headers.get('if-none-match')).toMatch(/^W\/"/);
  });

  it('endringer walks the change feed page by page', async () => {
    const klient = vendorKlient();
    const seen: string[] = [];
    let neste = '';
    for await (const endring of klient.endringer({ antall: 1 })) {
      seen.push(endring.partIdentifikator);
      expect(endring.etag).toMatch(/^W\/"/);
      neste = endring.neste;
    }
    expect(seen).toContain(part);
    const after: string[] = [];
    for await (const endring of klient.endringer({ etter: neste })) after.push(endring.partIdentifikator);
    expect(after).toEqual([]);
  });
});
