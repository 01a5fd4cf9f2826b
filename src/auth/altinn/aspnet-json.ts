import { Ajv, type ErrorObject } from 'ajv';
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import type { ValidationError, ValidationErrorCode } from './problem.js';

/**
 * Request input as ASP.NET Core binds it for Altinn's controllers (decision 0153), so a body that
 * Altinn takes is taken here and one it refuses is refused:
 *
 * - A JSON body is read by System.Text.Json with the web defaults (`JsonSerializerDefaults.Web`):
 *   property names match case-insensitively (`allowedredirecturls`, `PartyOrgNo`), a number may
 *   come as a string (`"202301"`), unknown properties are ignored, and any other wrong type (a
 *   string where an array is due, a number where a string is due) fails the whole body.
 * - Query and path values are strings that model binding converts to the parameter's type.
 */

type Schema = { readonly [key: string]: unknown };

/** Renames the body's properties to the schema's casing and reads numbers from strings, as System.Text.Json does. */
export function bindJsonBody(schema: Schema, value: unknown): unknown {
  if (Array.isArray(value)) return isSchema(schema.items) ? value.map((item) => bindJsonBody(schema.items as Schema, item)) : value;
  if (isPlainObject(value)) return isSchema(schema.properties) ? bindObject(schema.properties as Record<string, Schema>, value) : value;
  if (typeof value === 'string' && (schema.type === 'integer' || schema.type === 'number') && jsonNumber.test(value)) return Number(value);
  return value;
}

function bindObject(properties: Record<string, Schema>, value: Record<string, unknown>): Record<string, unknown> {
  const declared = Object.keys(properties);
  const bound: Record<string, unknown> = {};
  for (const [name, child] of Object.entries(value)) {
    // An exact match first, then ASP.NET's ordinal case-insensitive one; a later duplicate wins, as in System.Text.Json.
    const property = declared.includes(name) ? name : (declared.find((candidate) => candidate.toLowerCase() === name.toLowerCase()) ?? name);
    bound[property] = properties[property] ? bindJsonBody(properties[property], child) : child;
  }
  return bound;
}

/** RFC 8259's number grammar: what `JsonNumberHandling.AllowReadingFromString` accepts. */
const jsonNumber = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The validators of the Altinn routes: the body exactly as typed (after `bindJsonBody`), query
 * and path values converted from their strings. Fastify's default would turn `"x"` into `["x"]`.
 */
export function aspNetValidatorCompiler(): FastifySchemaCompiler<Schema> {
  const body = new Ajv({ coerceTypes: false, useDefaults: false, removeAdditional: false, allErrors: false, strict: true });
  const parameters = new Ajv({ coerceTypes: true, useDefaults: false, removeAdditional: false, allErrors: false, strict: true });
  return ({ schema, httpPart }) => (httpPart === 'body' ? body : parameters).compile(schema);
}

/** Ajv's keyword → the `StdValidationErrors` descriptor ASP.NET's binding and data annotations report. */
const codeOfKeyword: Record<string, ValidationErrorCode> = {
  required: 'STD.VLD-00000',
  // A wrong type makes System.Text.Json throw: the body fails to deserialize.
  type: 'STD.VLD-00017',
  minLength: 'STD.VLD-00004',
  minItems: 'STD.VLD-00004',
  maxLength: 'STD.VLD-00005',
  maxItems: 'STD.VLD-00005',
  minimum: 'STD.VLD-00007',
  maximum: 'STD.VLD-00007',
  pattern: 'STD.VLD-00008',
  enum: 'STD.VLD-00014',
  const: 'STD.VLD-00014',
};

/** Fastify's validation failure as Altinn's validation errors, with paths in Altinn's form. */
export function validationErrorsOf(errors: readonly FastifySchemaValidationError[], part: string | undefined): [ValidationError, ...ValidationError[]] {
  const mapped = errors.map((error): ValidationError => {
    const ajv = error as Partial<ErrorObject>;
    const missing = ajv.keyword === 'required' ? `/${String((ajv.params as { missingProperty?: unknown }).missingProperty)}` : '';
    const pointer = `${ajv.instancePath ?? ''}${missing}`;
    return {
      code: codeOfKeyword[ajv.keyword ?? ''] ?? 'STD.VLD-00002',
      paths: [pathIn(part, pointer)],
      detail: `ugyldig ${pointer || 'forespørsel'}: ${error.message ?? 'ugyldig verdi'} (invalid value)`,
    };
  });
  const [first, ...rest] = mapped;
  if (first === undefined) throw new Error('a validation failure without errors');
  return [first, ...rest];
}

function pathIn(part: string | undefined, pointer: string): string {
  if (part === 'querystring') return `/$QUERY${pointer}`;
  if (part === 'params') return `/$PATH${pointer}`;
  if (part === 'headers') return `/$HEADER${pointer}`;
  return pointer === '' ? '/' : pointer;
}
