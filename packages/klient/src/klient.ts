import { randomUUID } from 'node:crypto';
import createClient from 'openapi-fetch';
import { ApiFeil, apiFeilFra } from './feil.js';
import type { paths } from './generated/api.js';
import { importNoekkel, type Fullmakt, type Noekkel } from './maskinporten.js';
import { kravOgBetalingerSti, type Miljoe } from './miljoe.js';
import { TokenSource } from './tokens.js';

export interface KlientOptions {
  readonly miljoe: Miljoe;
  readonly clientId: string;
  readonly noekkel: Noekkel;
  /** A customer's system user (`regnskapssystem`) or a consent (`finans`). */
  readonly fullmakt: Fullmakt;
  readonly fetch?: typeof fetch;
  /** Milliseconds before retry n (1–3); default 200, 400, 800. */
  readonly ventetidMs?: (forsoek: number) => number;
  readonly nyKorrelasjonsid?: () => string;
}

/** At most this many retries after a 5xx or a network error. */
export const maksForsoekPaaNytt = 3;

type Json<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends { responses: { 200: { content: { 'application/json': infer T } } } } ? T : never;
type KbPath<E extends string> = `/api/innkreving/kravogbetalinger/v1/{rettighetspakke}/{partIdentifikator}/${E}`;
export type AapneKrav = Json<KbPath<'aapnekrav'>, 'get'>;
export type Krav = Json<KbPath<'krav'>, 'get'>;
export type Innbetalinger = Json<KbPath<'innbetalinger'>, 'get'>;
export type Utbetalinger = Json<KbPath<'utbetalinger'>, 'get'>;
export type Endringer = Json<'/api/innkreving/kravogbetalinger/v1/{rettighetspakke}/endringer', 'get'>;
export type Kalender = Json<'/api/innkreving/kalendertjeneste/v1/frister', 'post'>;
export type Frister = Json<'/api/frister/v1/{organisasjonsnummer}', 'get'>;
export type Endring = Endringer['endringer'][number] & { readonly neste: string };

export interface Periode {
  readonly fraOgMed: string;
  readonly tilOgMed: string;
}

/** The scope each API asks for, chosen by the request's path. */
function scopeFor(pathname: string): string {
  if (pathname.startsWith('/api/innkreving/kalendertjeneste/')) return 'skatteetaten:kalender';
  if (pathname.startsWith('/api/frister/')) return 'skatteetaten:frister';
  return 'skatteetaten:kravogbetalinger';
}

/**
 * A typed client for Krav og betalinger, the Kalendertjeneste and the Frister API: Maskinporten
 * tokens cached per scope and renewed once on 401, our own `Korrelasjonsid` on every call, up to
 * three retries with backoff on 5xx and network errors, and error answers as `ApiFeil`.
 */
export class KravOgBetalingerKlient {
  readonly rettighetspakke: 'regnskapssystem' | 'finans';
  readonly #api;
  readonly #tokens: TokenSource;
  readonly #options: KlientOptions;
  readonly #etags = new Map<string, string>();

  constructor(options: KlientOptions) {
    this.#options = options;
    this.rettighetspakke = 'systembruker' in options.fullmakt ? 'regnskapssystem' : 'finans';
    const baseFetch = options.fetch ?? globalThis.fetch;
    this.#tokens = new TokenSource({
      clientId: options.clientId,
      maskinportenIssuer: options.miljoe.maskinportenIssuer,
      key: importNoekkel(options.noekkel),
      fullmakt: options.fullmakt,
      fetch: baseFetch,
      nowMs: Date.now,
      newJti: randomUUID,
    });
    this.#api = createClient<paths>({ baseUrl: options.miljoe.apiBaseUrl, fetch: (request) => this.#send(request, baseFetch) });
  }

  async aapneKrav(part: string): Promise<AapneKrav> {
    return this.#get('aapnekrav', part, undefined) as Promise<AapneKrav>;
  }

  async krav(part: string, periode: Periode): Promise<Krav> {
    return this.#get('krav', part, periode) as Promise<Krav>;
  }

  async innbetalinger(part: string, periode: Periode): Promise<Innbetalinger> {
    return this.#get('innbetalinger', part, periode) as Promise<Innbetalinger>;
  }

  async utbetalinger(part: string, periode: Periode): Promise<Utbetalinger> {
    return this.#get('utbetalinger', part, periode) as Promise<Utbetalinger>;
  }

  /** The open claims if they changed since the last `poll` of this party; `undefined` when unchanged (304). */
  async poll(part: string): Promise<AapneKrav | undefined> {
    const etag = this.#etags.get(part);
    const { data, error, response } = await this.#api.GET('/api/innkreving/kravogbetalinger/v1/{rettighetspakke}/{partIdentifikator}/aapnekrav', {
      params: { path: { rettighetspakke: this.rettighetspakke, partIdentifikator: part } },
      headers: etag ? { 'If-None-Match': etag } : {},
    });
    if (response.status === 304) return undefined;
    const result = await this.#unwrap(data, error, response);
    const newEtag = response.headers.get('etag');
    if (newEtag) this.#etags.set(part, newEtag);
    return result;
  }

  /**
   * Every party whose view changed after `etter` (all readable parties without it), page by page
   * until a page is not full. Each item carries `neste`, the cursor to keep once it is handled.
   */
  async *endringer(options: { etter?: string; antall?: number } = {}): AsyncGenerator<Endring> {
    const antall = options.antall ?? 100;
    let etter = options.etter;
    for (;;) {
      const { data, error, response } = await this.#api.GET('/api/innkreving/kravogbetalinger/v1/{rettighetspakke}/endringer', {
        params: { path: { rettighetspakke: this.rettighetspakke }, query: { antall: String(antall), ...(etter ? { etter } : {}) } },
      });
      const page = await this.#unwrap(data, error, response);
      for (const endring of page.endringer) yield { ...endring, neste: page.neste };
      etter = page.neste;
      if (page.endringer.length < antall) return;
    }
  }

  /** The Kalendertjeneste: deadlines and tasks of one or more parties (organisation numbers or fødselsnumre). */
  async kalender(parter: readonly string[], periode?: { fraOgMed: string; tilOgMed?: string }): Promise<Kalender> {
    const part = parter.map((id) => (id.length === 9 ? { organisasjonsnummer: id } : { foedselsnummer: id }));
    const { data, error, response } = await this.#api.POST('/api/innkreving/kalendertjeneste/v1/frister', {
      body: { kalenderRequest: { part, ...(periode ? { periode } : {}) } },
    });
    return this.#unwrap(data, error, response) as Promise<Kalender>;
  }

  /** The Frister API: the business's coming VAT-return and tax-return deadlines. */
  async frister(organisasjonsnummer: string): Promise<Frister> {
    const { data, error, response } = await this.#api.GET('/api/frister/v1/{organisasjonsnummer}', { params: { path: { organisasjonsnummer } } });
    return this.#unwrap(data, error, response) as Promise<Frister>;
  }

  async #get(endepunkt: 'aapnekrav' | 'krav' | 'innbetalinger' | 'utbetalinger', part: string, periode: Periode | undefined): Promise<unknown> {
    const path = `/api/innkreving/kravogbetalinger/v1/{rettighetspakke}/{partIdentifikator}/${endepunkt}` as KbPath<'krav'>;
    const { data, error, response } = await this.#api.GET(path, {
      params: { path: { rettighetspakke: this.rettighetspakke, partIdentifikator: part }, query: periode as Periode },
    });
    return this.#unwrap(data, error, response);
  }

  async #unwrap<T>(data: T | undefined, error: unknown, response: Response): Promise<T> {
    if (response.ok && data !== undefined) return data;
    const korrelasjonsid = response.headers.get('korrelasjonsid') ?? '';
    if (error && typeof error === 'object' && 'kode' in error) {
      const body = error as { kode: string; melding?: string; korrelasjonsid?: string };
      throw new ApiFeil(response.status, body.kode, body.melding ?? '', body.korrelasjonsid ?? korrelasjonsid);
    }
    throw await apiFeilFra(response, korrelasjonsid);
  }

  /** Every request: token, Korrelasjonsid, the gateway's path, one renewal on 401, retries on 5xx and network errors. */
  async #send(request: Request, baseFetch: typeof fetch): Promise<Response> {
    const url = new URL(request.url);
    const scope = scopeFor(url.pathname);
    const { kravOgBetalingerPrefix } = this.#options.miljoe;
    if (kravOgBetalingerPrefix !== kravOgBetalingerSti && url.pathname.startsWith(kravOgBetalingerSti)) {
      url.pathname = kravOgBetalingerPrefix + url.pathname.slice(kravOgBetalingerSti.length);
    }
    const headers = new Headers(request.headers);
    if (!headers.has('korrelasjonsid')) headers.set('Korrelasjonsid', (this.#options.nyKorrelasjonsid ?? randomUUID)());
    if (!headers.has('accept')) headers.set('Accept', 'application/json');
    const body = request.body === null ? undefined : await request.arrayBuffer();
    const ventetidMs = this.#options.ventetidMs ?? ((forsoek: number) => 100 * 2 ** forsoek);
    let renewed = false;
    for (let forsoek = 0; ; forsoek++) {
      headers.set('Authorization', `Bearer ${await this.#tokens.token(scope)}`);
      let response: Response;
      try {
        response = await baseFetch(url, { method: request.method, headers, body });
      } catch (error) {
        if (forsoek >= maksForsoekPaaNytt) throw error;
        await sleep(ventetidMs(forsoek + 1));
        continue;
      }
      if (response.status === 401 && !renewed) {
        renewed = true;
        this.#tokens.forget(scope);
        forsoek--;
        continue;
      }
      if (response.status >= 500 && forsoek < maksForsoekPaaNytt) {
        await response.body?.cancel();
        await sleep(ventetidMs(forsoek + 1));
        continue;
      }
      return response;
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
