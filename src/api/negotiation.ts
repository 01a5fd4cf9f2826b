import Negotiator from 'negotiator';
import { BoundedMemo } from './bounded-memo.js';
import type { MediaFormat } from './serialization.js';

/**
 * `Accept` negotiation (spec §3.3): JSON when the header is absent, XML on `application/xml`,
 * `undefined` when the caller accepts neither (→ KB-008). Quality values, wildcards and lists
 * are read by `negotiator` (the parser behind Express); on a tie the preferred format wins —
 * JSON, or for the Kalendertjeneste the format the request body was written in (decision 0056).
 */
const mediaTypeOf: Readonly<Record<MediaFormat, string>> = { json: 'application/json', xml: 'application/xml' };

/**
 * Media-type parameters other than `q` (`application/json;charset=UTF-8`, sent by common Java
 * clients) would make negotiator require the same parameter on our offer; we serve UTF-8 only,
 * so they are dropped before negotiating.
 */
const nonQualityParameter = /;\s*(?!q\s*=)[^;,]*/gi;

/** Clients send a handful of different `Accept` headers, each on every call. */
const negotiated = new BoundedMemo<MediaFormat | 'none'>(1_000);

export function negotiateFormat(accept: string | undefined, preferred: MediaFormat = 'json'): MediaFormat | undefined {
  if (accept === undefined || accept.trim() === '') return preferred;
  const format = negotiated.get(`${preferred}\n${accept}`, () => negotiate(accept, preferred) ?? 'none');
  return format === 'none' ? undefined : format;
}

function negotiate(accept: string, preferred: MediaFormat): MediaFormat | undefined {
  const offered = preferred === 'json' ? [mediaTypeOf.json, mediaTypeOf.xml] : [mediaTypeOf.xml, mediaTypeOf.json];
  const chosen = new Negotiator({ headers: { accept: accept.replace(nonQualityParameter, '') } }).mediaType(offered);
  if (chosen === 'application/json') return 'json';
  if (chosen === 'application/xml') return 'xml';
  return undefined;
}
