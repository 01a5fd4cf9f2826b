/**
 * Where the tokens and the API are. `sandkasse(url)` is this project's server (any base URL);
 * Skatteetaten's test and production use Maskinporten's own hosts and the API gateway, whose
 * paths start at `/v1` instead of `/api/innkreving/kravogbetalinger/v1`.
 */
export interface Miljoe {
  readonly navn: string;
  /** Maskinporten's issuer: the grant's `aud`; the token endpoint is `${issuer}token`. */
  readonly maskinportenIssuer: string;
  readonly apiBaseUrl: string;
  /** The Krav og betalinger path prefix on `apiBaseUrl`. */
  readonly kravOgBetalingerPrefix: string;
}

export const kravOgBetalingerSti = '/api/innkreving/kravogbetalinger/v1';

export function sandkasse(baseUrl: string): Miljoe {
  const base = baseUrl.replace(/\/+$/, '');
  return { navn: 'sandkasse', maskinportenIssuer: `${base}/maskinporten/`, apiBaseUrl: base, kravOgBetalingerPrefix: kravOgBetalingerSti };
}

export const skatteetatenTest: Miljoe = Object.freeze({
  navn: 'test',
  maskinportenIssuer: 'https://test.maskinporten.no/',
  apiBaseUrl: 'https://kravogbetalinger.api.skatteetaten-test.no',
  kravOgBetalingerPrefix: '/v1',
});

export const skatteetatenProduksjon: Miljoe = Object.freeze({
  navn: 'produksjon',
  maskinportenIssuer: 'https://maskinporten.no/',
  apiBaseUrl: 'https://kravogbetalinger.api.skatteetaten.no',
  kravOgBetalingerPrefix: '/v1',
});
