import { hash } from 'node:crypto';
import { BoundedMemo } from './bounded-memo.js';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Conditional GET for polling clients (decision 0031). The tag is a weak ETag over everything
 * the body depends on: the data version of the party (newest posting sequence), the business
 * date (stipulerte renter change every day), the endpoint, the party, the rettighetspakke, the
 * effective period and the format. Weak, because it is derived from the inputs rather than the
 * bytes; `If-None-Match` uses weak comparison anyway.
 */
export const cacheControl = 'private, no-cache';
export const errorCacheControl = 'no-store';

/** A polled view is asked for its tag again and again until it changes: hash each input once. */
const weakEtags = new BoundedMemo<string>(100_000);

export function weakEtag(parts: readonly string[]): string {
  // Each part prefixed by its length, so no two lists of parts give the same input.
  const input = parts.map((part) => `${part.length}:${part}`).join('');
  return weakEtags.get(input, () => `W/"${hash('sha256', input, 'base64url').slice(0, 27)}"`);
}

/** A strong ETag of a body already written (the iCalendar feed, the Frister API): the bytes decide. */
export function bodyEtag(body: string): string {
  return `"${hash('sha256', body, 'base64url').slice(0, 27)}"`;
}

/**
 * True when the client's `If-None-Match` already holds this tag: answer 304 without a body.
 * RFC 9110 §13.1.2 as an origin server applies it: `*`, or any listed tag equal under weak
 * comparison (§8.8.3.2). The request's `Cache-Control` plays no part: `fetch` (browsers and
 * Node) adds `no-cache` to every request that carries `If-None-Match`, and a cache's rule
 * (§13.2.1) applied here would make such a poller download every body again.
 */
export function isNotModified(requestHeaders: IncomingHttpHeaders, etag: string): boolean {
  const header = requestHeaders['if-none-match'];
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const opaque = opaqueTag(etag);
  return header.split(',').some((candidate) => opaqueTag(candidate.trim()) === opaque);
}

/** The quoted part of an entity tag, which weak comparison compares (`W/"x"` and `"x"` match). */
function opaqueTag(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}
