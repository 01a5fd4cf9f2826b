import type { IncomingMessage } from 'node:http';

/**
 * Korrelasjonsid (spec §3.3, decision 0029): taken from the `Korrelasjonsid` request header when
 * it is well-formed, otherwise generated. It goes into every log line of the request, the
 * `Korrelasjonsid` response header and every error body, so its size and alphabet are bounded:
 * 1–64 characters of letters, digits and `-_.:` (UUIDs and the usual trace ids fit).
 */
export const korrelasjonsidHeader = 'Korrelasjonsid';

const wellFormed = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

export interface Korrelasjonsid {
  readonly value: string;
  /** Set when the caller sent a header we could not use (logged, then replaced). */
  readonly rejectedLength: number | undefined;
}

export function korrelasjonsidFrom(header: string | string[] | undefined, generate: () => string): Korrelasjonsid {
  if (typeof header === 'string' && wellFormed.test(header)) return { value: header, rejectedLength: undefined };
  const rejectedLength = header === undefined ? undefined : String(header).length;
  return { value: generate(), rejectedLength };
}

/**
 * One korrelasjonsid per raw request, computed at first use: Fastify asks for the request's
 * child logger before any hook runs, and the hooks and error handler need the same id later.
 */
export function korrelasjonsidSource(generate: () => string): (request: IncomingMessage) => Korrelasjonsid {
  const ids = new WeakMap<IncomingMessage, Korrelasjonsid>();
  return (request) => {
    let id = ids.get(request);
    if (id === undefined) {
      id = korrelasjonsidFrom(request.headers.korrelasjonsid, generate);
      ids.set(request, id);
    }
    return id;
  };
}
