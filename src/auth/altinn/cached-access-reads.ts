import type { ChangeNotifications } from '../../db/change-notifications.js';
import { InvalidatedCache } from '../../db/invalidated-cache.js';
import { accessChannel, accessKey } from './access-changes.js';
import { readConsentRow, type ConsentRow } from './consents.js';
import type { AltinnContext } from './context.js';
import { decide, type DecisionRequest, type DecisionResult } from './decision-point.js';
import { lookupSystemUser, type SystemUserLookup, type SystemUserLookupKey } from './system-user-lookup.js';

const entriesMax = 100_000;

function decisionKey(request: DecisionRequest): string {
  return `${request.systemUserId}\n${request.party}\n${request.resource}\n${request.action}`;
}

/**
 * The Altinn reads behind every API call and every token (the decision point, the consent, the
 * system user of a grant), kept per process. Only what grants is kept: a Permit, a found system
 * user, a consent row that exists (every change of a consent's status is announced). What grants can be taken away only by a write that announces
 * it (access-changes.ts), so an entry goes the moment that write commits, here and in every other
 * process; a refusal, or an id nobody knows, always asks the database, so a caller cannot fill
 * the cache with names it makes up. Time is never cached: a consent's status and expiry are
 * judged from the kept row on every call.
 */
export class CachedAccessReads {
  readonly #ctx: AltinnContext;
  readonly #permits: InvalidatedCache<DecisionResult>;
  readonly #systemUsers: InvalidatedCache<SystemUserLookup>;
  readonly #consents: InvalidatedCache<ConsentRow>;

  constructor(ctx: AltinnContext, notifications: ChangeNotifications) {
    this.#ctx = ctx;
    this.#permits = new InvalidatedCache(notifications, { name: 'tilgangsbeslutning', channel: accessChannel, entriesMax });
    this.#systemUsers = new InvalidatedCache(notifications, { name: 'systembruker', channel: accessChannel, entriesMax });
    this.#consents = new InvalidatedCache(notifications, { name: 'samtykke', channel: accessChannel, entriesMax });
  }

  async decide(request: DecisionRequest): Promise<DecisionResult> {
    const permitted = (result: DecisionResult) => (result.decision === 'Permit' ? [accessKey.systemUser(request.systemUserId)] : undefined);
    return (await this.#permits.getOrRead(decisionKey(request), () => decide(this.#ctx, request), permitted))!;
  }

  /** Whether a Permit for the request is kept (only Permits are), without asking the decision point. */
  knownPermit(request: DecisionRequest): boolean {
    return this.#permits.getKnown(decisionKey(request)) !== undefined;
  }

  async systemUser(lookup: SystemUserLookupKey): Promise<SystemUserLookup> {
    const key = `${lookup.clientId}\n${lookup.vendorOrgnr}\n${lookup.ownerOrgnr}\n${lookup.externalRef ?? ''}`;
    const found = (result: SystemUserLookup) => (result.found ? [accessKey.systemUser(result.systemUserId), accessKey.system(result.systemId)] : undefined);
    return (await this.#systemUsers.getOrRead(key, () => lookupSystemUser(this.#ctx, lookup), found))!;
  }

  /** For `usableConsent` and `lookupConsent`, which judge status and expiry. */
  readonly consentRow = (id: string): Promise<ConsentRow | undefined> =>
    this.#consents.getOrRead(id, () => readConsentRow(this.#ctx.db, id), () => [accessKey.consent(id)]);
}
