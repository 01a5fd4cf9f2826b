import type { FastifyInstance } from 'fastify';
import { limits } from './domain/limits.js';

/**
 * One depth limit for every request body (decision 0087): JSON objects and arrays, or XML
 * elements, nested deeper than `limits.bodyDepthMax` are the caller's error, refused before
 * anything walks the body, so no recursive code (ours or a library's) meets a body deep enough
 * to overflow the stack. Each surface renders the refusal as its own invalid-input answer.
 */
export const bodyTooDeepMelding = `Forespørselen er nestet dypere enn ${limits.bodyDepthMax} nivåer.`;

/** What a body parser hands Fastify: a client error (400) that each surface's error handler knows. */
export class BodyTooDeepError extends Error {
  override readonly name = 'BodyTooDeepError';
  readonly statusCode = 400;
  readonly code = 'KOB_ERR_BODY_TOO_DEEP';
  constructor() {
    super(bodyTooDeepMelding);
  }
}

/** Whether a JSON text nests objects and arrays deeper than the limit: one pass over its characters, strings skipped, nothing built. */
export function jsonNestedTooDeep(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === '{' || char === '[') {
      if (++depth > limits.bodyDepthMax) return true;
    } else if (char === '}' || char === ']') {
      depth--;
    }
  }
  return false;
}

/**
 * Puts the limit in front of Fastify's JSON parser for the whole server. Call it before any
 * surface is registered: a plugin starts from a copy of its parent's parsers. Fastify's own
 * parser still reads the text, refusing `__proto__` and `constructor.prototype` keys as before.
 */
export function limitJsonBodyDepth(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (jsonNestedTooDeep(body as string)) done(new BodyTooDeepError(), undefined);
    else parseJson(request, body as string, done);
  });
}

/**
 * fast-xml-parser's option holding an XML body to the same limit. The parser compares the
 * ancestors of an opening element with it before counting that element, so it admits one more
 * level than the number says.
 */
export const xmlDepthOption = { maxNestedTags: limits.bodyDepthMax - 1 } as const;

/** Whether fast-xml-parser refused a document for nesting past `xmlDepthOption`. */
export function isXmlTooDeep(error: unknown): boolean {
  return error instanceof Error && /maximum nested tags exceeded/i.test(error.message);
}
