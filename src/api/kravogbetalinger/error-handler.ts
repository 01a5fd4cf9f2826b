import type { FastifyError, FastifyRequest } from 'fastify';
import { negotiateFormat } from '../negotiation.js';
import { requestPath } from '../surface.js';
import { ApiError, apiErrors } from './errors.js';
import { parameterMelding } from './parameters.js';

/**
 * Every error inside the API prefix ends here and leaves as a catalogued body
 * `{kode, melding, korrelasjonsid}`: our own `ApiError`s, schema validation (KB-006, naming
 * the parameter), body errors on paths that do not exist (KB-003), and everything unexpected (KB-001, logged
 * with its stack, never shown). The body is XML when the caller accepts XML, otherwise JSON —
 * also for KB-008, where the caller accepts neither (decision 0028).
 */
export function toApiError(error: FastifyError, request: FastifyRequest): ApiError {
  if (error instanceof ApiError) return error;
  if (error.validation !== undefined) {
    const [first] = error.validation;
    const name = parameterName(first);
    const source = error.validationContext === 'querystring' ? request.query : error.validationContext === 'params' ? request.params : request.headers;
    return apiErrors.invalidInput(parameterMelding(name, (source as Record<string, unknown> | undefined)?.[name]));
  }
  if (error.code?.startsWith('FST_ERR_CTP_') === true) {
    // Fastify never parses a GET body, so a body error (bad JSON, too large) means another
    // method reached the not-found handler: the route check comes first, KB-003.
    return unknownPath(request);
  }
  return apiErrors.internal();
}

export function unknownPath(request: FastifyRequest): ApiError {
  return apiErrors.unknownPath(request.method, requestPath(request));
}

function parameterName(failure: { instancePath?: string; params?: Record<string, unknown> } | undefined): string {
  const missing = failure?.params?.missingProperty;
  if (typeof missing === 'string') return missing;
  return (failure?.instancePath ?? '').replace(/^\//, '').split('/')[0] ?? '';
}

/** The error body is XML when the caller accepts XML, JSON otherwise (decision 0028). */
export function errorFormat(request: FastifyRequest) {
  return negotiateFormat(request.headers.accept) ?? 'json';
}
