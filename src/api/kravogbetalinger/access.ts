import type { IncomingHttpHeaders } from 'node:http';
import type { Rettighetspakke } from './parameters.js';

/**
 * The access hook (spec §5). The plugin calls `authorize` once per data request, after the
 * route and `Accept` checks and before parameter validation, and keeps the order of spec §6
 * with the answer:
 *
 * - `{ granted: false, kind: 'authentication' }` → KB-004 (401) at once, before validation;
 * - `{ granted: false, kind: 'authorization' }` → KB-005 (403), but only after the parameters
 *   passed validation (a bad date still gets KB-006);
 * - an exception → KB-001 (never a stack trace to the caller).
 *
 * `reason` becomes the error's `melding`: a precise Norwegian sentence, no secrets.
 * There is no default: the plugin refuses to start without an `authorize` function.
 */
export interface AccessRequest {
  readonly rettighetspakke: Rettighetspakke;
  /** As written in the path and not yet validated; a decision about a malformed one is never used. */
  readonly partIdentifikator: string;
  /** The request headers (`authorization`, `altinnsamtykke`, …), names in lower case. */
  readonly headers: Readonly<IncomingHttpHeaders>;
}

export type AccessDecision =
  | { readonly granted: true }
  | { readonly granted: false; readonly kind: 'authentication' | 'authorization'; readonly reason: string };

export type Authorize = (request: AccessRequest) => Promise<AccessDecision>;
