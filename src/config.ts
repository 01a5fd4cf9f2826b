import { isIP } from 'node:net';
import path from 'node:path';
import { parseLocalDate, type LocalDate } from './domain/dates.js';

/**
 * Configuration, parsed once at start (Fastify-style): a bad value stops the process with one
 * clear line instead of failing on the first request.
 */
export interface Config {
  readonly port: number;
  readonly host: string;
  /** `postgres://…` for a server; absent means embedded PGlite in `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  /** Fixed business date for sandboxes and tests (`KOB_TODAY`). */
  readonly today: LocalDate | undefined;
  /**
   * Base URL the server is reached at. Every issuer and metadata URL (Maskinporten, ID-porten,
   * Altinn's links) is derived from it and never from a request's Host or X-Forwarded-* headers.
   */
  readonly publicUrl: string;
  /**
   * Which peers may tell the client's address (X-Forwarded-For) and the host it asked for
   * (X-Forwarded-Host, logged only): none by default, every peer (`true`), or the proxies' own
   * addresses and CIDR ranges (`KOB_TRUST_PROXY`, decision 0085). Fastify's `trustProxy`.
   */
  readonly trustProxy: boolean | readonly string[];
  /** Optional external Maskinporten (issuer + JWKS) whose tokens the APIs also accept. */
  readonly externalIssuer: { readonly issuer: string; readonly jwksUrl: string } | undefined;
  readonly logLevel: string;
  /** Min side's login: an external ID-porten (or another OpenID Provider), or undefined for the built-in one. */
  readonly idporten: ExternalIdportenConfig | undefined;
  /**
   * A sandbox serves tools for testers that a real service would not (Min side's "Testdata":
   * search the synthetic businesses and log in as one). `KOB_SANDBOX`, by default on with the
   * built-in ID-porten and off with an external one (decision 0072); off requires an external
   * one, since the built-in ID-porten is a sandbox tool too (decision 0086).
   */
  readonly sandbox: boolean;
}

/** `private_key_jwt` (as ID-porten prefers) or `client_secret_post`. */
export type IdportenClientAuth =
  | { readonly method: 'client_secret_post'; readonly secret: string }
  | { readonly method: 'private_key_jwt'; readonly jwkFile: string };

/** Everything Min side needs to log in through a real ID-porten instead of the built-in one. */
export interface ExternalIdportenConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientAuth: IdportenClientAuth;
  readonly redirectUri: string;
  readonly scope: string;
  readonly acrValues: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export interface ConfigOverrides {
  port?: string | number | undefined;
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  today?: string | undefined;
  publicUrl?: string | undefined;
}

export function parseConfig(env: NodeJS.ProcessEnv, overrides: ConfigOverrides = {}): Config {
  const port = parsePort(overrides.port ?? env.PORT ?? '8080');
  const databaseUrl = nonEmpty(overrides.databaseUrl ?? env.DATABASE_URL);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL må starte med postgres:// (DATABASE_URL must start with postgres://)`);
  }
  const todayText = nonEmpty(overrides.today ?? env.KOB_TODAY);
  const today = todayText === undefined ? undefined : parseLocalDate(todayText);
  if (todayText !== undefined && today === undefined) {
    throw new ConfigError(`KOB_TODAY/--today må være en dato YYYY-MM-DD, fikk "${todayText}" (must be a date YYYY-MM-DD)`);
  }
  const publicUrl = (nonEmpty(overrides.publicUrl ?? env.KOB_PUBLIC_URL) ?? `http://localhost:${port}`).replace(/\/+$/, '');
  try {
    new URL(publicUrl);
  } catch {
    throw new ConfigError(`KOB_PUBLIC_URL er ikke en gyldig URL: "${publicUrl}" (not a valid URL)`);
  }
  const externalIssuerUrl = nonEmpty(env.KOB_EXTERNAL_ISSUER);
  const externalJwksUrl = nonEmpty(env.KOB_EXTERNAL_JWKS_URL);
  if ((externalIssuerUrl === undefined) !== (externalJwksUrl === undefined)) {
    throw new ConfigError('KOB_EXTERNAL_ISSUER og KOB_EXTERNAL_JWKS_URL må settes sammen (set both or neither)');
  }
  const idporten = parseIdporten(env, publicUrl);
  const sandbox = parseBoolean('KOB_SANDBOX', env.KOB_SANDBOX) ?? idporten === undefined;
  if (!sandbox && idporten === undefined) {
    // The built-in ID-porten lets anyone log in as any synthetic person: only a sandbox has it (decision 0086).
    throw new ConfigError(
      'KOB_SANDBOX=false krever KOB_IDPORTEN_ISSUER: den innebygde ID-porten finnes bare i en sandkasse ' +
        '(KOB_SANDBOX=false requires KOB_IDPORTEN_ISSUER: the built-in ID-porten exists only in a sandbox)',
    );
  }
  return Object.freeze({
    port,
    host: nonEmpty(env.HOST) ?? '0.0.0.0',
    databaseUrl,
    dataDir: path.resolve(nonEmpty(overrides.dataDir ?? env.KOB_DATA_DIR) ?? './data'),
    today,
    publicUrl,
    externalIssuer:
      externalIssuerUrl && externalJwksUrl ? Object.freeze({ issuer: externalIssuerUrl, jwksUrl: externalJwksUrl }) : undefined,
    logLevel: nonEmpty(env.KOB_LOG_LEVEL) ?? 'info',
    trustProxy: parseTrustProxy(env.KOB_TRUST_PROXY),
    idporten,
    sandbox,
  });
}

/** The portal's login callback; the redirect URI registered at the identity provider. */
export function portalRedirectUri(publicUrl: string): string {
  return `${publicUrl}/portal/innlogging/callback`;
}

function parseIdporten(env: NodeJS.ProcessEnv, publicUrl: string): ExternalIdportenConfig | undefined {
  const issuer = nonEmpty(env.KOB_IDPORTEN_ISSUER);
  if (issuer === undefined) return undefined;
  const clientId = nonEmpty(env.KOB_IDPORTEN_CLIENT_ID);
  const secret = nonEmpty(env.KOB_IDPORTEN_CLIENT_SECRET);
  const jwkFile = nonEmpty(env.KOB_IDPORTEN_CLIENT_JWK_FILE);
  if (clientId === undefined) throw new ConfigError('KOB_IDPORTEN_ISSUER krever KOB_IDPORTEN_CLIENT_ID (client id is required)');
  if ((secret === undefined) === (jwkFile === undefined)) {
    throw new ConfigError('Sett én av KOB_IDPORTEN_CLIENT_SECRET og KOB_IDPORTEN_CLIENT_JWK_FILE (set exactly one client authentication)');
  }
  for (const [name, value] of [['KOB_IDPORTEN_ISSUER', issuer], ['KOB_IDPORTEN_REDIRECT_URI', env.KOB_IDPORTEN_REDIRECT_URI]] as const) {
    if (value !== undefined && nonEmpty(value) !== undefined && !URL.canParse(value.trim())) throw new ConfigError(`${name} er ikke en gyldig URL (not a valid URL)`);
  }
  const clientAuth: IdportenClientAuth =
    secret !== undefined ? { method: 'client_secret_post', secret } : { method: 'private_key_jwt', jwkFile: path.resolve(jwkFile!) };
  return Object.freeze({
    issuer: issuer.replace(/\/+$/, ''),
    clientId,
    clientAuth,
    redirectUri: nonEmpty(env.KOB_IDPORTEN_REDIRECT_URI) ?? portalRedirectUri(publicUrl),
    scope: nonEmpty(env.KOB_IDPORTEN_SCOPE) ?? 'openid profile',
    acrValues: nonEmpty(env.KOB_IDPORTEN_ACR_VALUES) ?? 'idporten-loa-substantial',
  });
}

function parsePort(value: string | number): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT/--port må være et heltall 0–65535, fikk "${value}" (must be an integer 0–65535)`);
  }
  return port;
}

function parseBoolean(name: string, value: string | undefined): boolean | undefined {
  const text = nonEmpty(value)?.toLowerCase();
  if (text === undefined) return undefined;
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  throw new ConfigError(`${name} må være true eller false, fikk "${value}" (must be true or false)`);
}

/** Names proxy-addr (Fastify's trustProxy) knows for address ranges. */
const proxyRangeNames = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * `KOB_TRUST_PROXY`: unset or `false` trusts no peer; `true` trusts every peer; otherwise a
 * comma-separated list of the proxies' addresses, CIDR ranges or proxy-addr's range names.
 * Only the words, never `1`/`0`: `1` reads as "one hop" to some and as "every peer" to others,
 * and Fastify no longer honours hop counts (decision 0085).
 */
function parseTrustProxy(value: string | undefined): boolean | readonly string[] {
  const text = nonEmpty(value);
  if (text === undefined || text.toLowerCase() === 'false') return false;
  if (text.toLowerCase() === 'true') return true;
  const entries = text.split(',').map((entry) => entry.trim());
  const bad = entries.find((entry) => !isProxyAddress(entry));
  if (bad !== undefined) {
    throw new ConfigError(
      `KOB_TRUST_PROXY må være true, false eller en kommaliste av proxyenes IP-adresser og CIDR-områder, fikk "${bad.slice(0, 100)}" ` +
        '(must be true, false or a comma-separated list of proxy addresses and CIDR ranges)',
    );
  }
  return Object.freeze(entries);
}

function isProxyAddress(entry: string): boolean {
  if (proxyRangeNames.has(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^[0-9]{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
