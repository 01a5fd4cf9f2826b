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
  /** Base URL the server is reached at; the token issuer is derived from it. */
  readonly publicUrl: string;
  /** Optional external Maskinporten (issuer + JWKS) whose tokens the APIs also accept. */
  readonly externalIssuer: { readonly issuer: string; readonly jwksUrl: string } | undefined;
  readonly logLevel: string;
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
  });
}

function parsePort(value: string | number): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT/--port må være et heltall 0–65535, fikk "${value}" (must be an integer 0–65535)`);
  }
  return port;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
