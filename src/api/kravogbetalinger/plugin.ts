import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../domain/clock.js';
import { createApiAjv } from '../ajv.js';
import { korrelasjonsidFrom, korrelasjonsidHeader, korrelasjonsidSource } from '../correlation.js';
import { bodyWriter } from '../serialization.js';
import type { Authorize } from './access.js';
import type { KravOgBetalingerData } from './data.js';
import { sendApiError, toApiError, unknownPath } from './error-handler.js';
import { ApiError, apiErrors } from './errors.js';
import { registerRoutes } from './routes.js';

/** The published path prefix (spec §2); part of the contract, so not an option. */
export const kravOgBetalingerPrefix = '/api/innkreving/kravogbetalinger/v1';

export interface KravOgBetalingerOptions {
  /** The business date: the view's "as of" and the period defaults. */
  readonly clock: Clock;
  /** The access check (KB-004/KB-005). Required: the API never runs unprotected. */
  readonly authorize: Authorize;
  /** The response bodies (and optionally their version, for ETags). */
  readonly data: KravOgBetalingerData;
  /** For tests that want fixed ids; a random UUID otherwise. */
  readonly newKorrelasjonsid?: () => string;
}

/**
 * Krav og betalinger API v1 as one encapsulated plugin: register it at the root and it serves
 * `GET /api/innkreving/kravogbetalinger/v1/{rettighetspakke}/{partIdentifikator}/{endpoint}`.
 * Everything it sets up — validator, serializer, korrelasjonsid logging, error and not-found
 * handlers — stays inside the prefix.
 */
export async function kravOgBetalingerPlugin(app: FastifyInstance, options: KravOgBetalingerOptions): Promise<void> {
  checkOptions(options);
  await app.register((api, _opts, done) => {
    configure(api, options);
    done();
  }, { prefix: kravOgBetalingerPrefix });
}

function checkOptions(options: KravOgBetalingerOptions): void {
  if (typeof options.authorize !== 'function') {
    throw new Error('kravOgBetalingerPlugin needs an authorize function: the API is never served without access control');
  }
  const readers = ['aapneKrav', 'alleKrav', 'innbetalinger', 'utbetalinger'] as const;
  if (readers.some((reader) => typeof options.data?.[reader] !== 'function')) {
    throw new Error(`kravOgBetalingerPlugin needs a data provider with ${readers.join(', ')}`);
  }
  if (typeof options.clock?.today !== 'function') throw new Error('kravOgBetalingerPlugin needs a clock');
}

function configure(api: FastifyInstance, options: KravOgBetalingerOptions): void {
  const korrelasjonsidOf = korrelasjonsidSource(options.newKorrelasjonsid ?? randomUUID);

  // Every log line of a request carries its korrelasjonsid, from "incoming request" on.
  api.setChildLoggerFactory((logger, bindings, childOptions, rawRequest) =>
    logger.child({ ...bindings, korrelasjonsid: korrelasjonsidOf(rawRequest).value }, childOptions),
  );

  const ajv = createApiAjv();
  api.setValidatorCompiler(({ schema }) => ajv.compile(schema));
  // Responses are written by the API serializer; a schema-less 304 has no body.
  api.setSerializerCompiler(({ schema, contentType }) =>
    (schema as { type?: string }).type === 'null' ? () => '' : bodyWriter(schema, contentType === 'application/xml' ? 'xml' : 'json'),
  );

  api.addHook('onRequest', async (request, reply) => {
    const korrelasjonsid = korrelasjonsidOf(request.raw);
    if (korrelasjonsid.rejectedLength !== undefined) {
      request.log.info({ rejectedLength: korrelasjonsid.rejectedLength }, 'Korrelasjonsid header ignored: not 1-64 characters of [A-Za-z0-9._:-]');
    }
    reply.header(korrelasjonsidHeader, korrelasjonsid.value);
  });

  api.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const apiError = toApiError(error, request);
    if (!(error instanceof ApiError) && apiError.kode === 'KB-001') request.log.error({ err: error }, 'unexpected error');
    return sendApiError(request, reply, apiError, korrelasjonsidOf(request.raw).value);
  });

  api.setNotFoundHandler((request, reply) =>
    sendApiError(request, reply, unknownPath(request), korrelasjonsidOf(request.raw).value),
  );

  registerRoutes(api, options);
}

/**
 * Fastify answers a few malformed URLs before any plugin sees them (bad %-encoding, a path
 * parameter over `maxParamLength`). Pass this as the server's `frameworkErrors` so those under
 * the API prefix also get a catalogued KB-006 body; other paths keep Fastify's default answer.
 */
export function kravOgBetalingerFrameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (!request.url.startsWith(`${kravOgBetalingerPrefix}/`)) {
    reply.send(error);
    return;
  }
  const melding =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'En parameter i stien er for lang.'
      : 'Stien inneholder ugyldig prosentkoding (%); kod spesialtegn som %XX.';
  const korrelasjonsid = korrelasjonsidFrom(request.headers.korrelasjonsid, randomUUID).value;
  sendApiError(request, reply, apiErrors.invalidInput(melding), korrelasjonsid);
}
