import type { Change } from '../db/change-notifications.js';

/**
 * The channel on which the ledger announces that a party's facts or master data changed: the key
 * is the party id. Caches of anything derived from a party's view (its version, its bodies) drop
 * what depends on it; a view of an ENK or an owner depends on its whole debtor group.
 */
export const partChannel = 'kob_part';

export function partChanges(partIds: readonly string[]): Change[] {
  return [...new Set(partIds)].map((key) => ({ channel: partChannel, key }));
}
