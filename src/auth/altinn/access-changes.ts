import type { Change } from '../../db/change-notifications.js';

/**
 * The channel every Altinn write that can take access away is announced on, so the access
 * checks' caches (cached-access-reads.ts) drop what they kept in every process the moment it
 * commits. Only what removes or narrows access is announced: the caches keep granted access
 * and found rows only, so what newly gives access is read from the database anyway.
 */
export const accessChannel = 'kob_tilgang';

export const accessChange = {
  /** The system user was deleted, its rights changed, or a client delegation of it removed. */
  systemUser: (systemUserId: string): Change => ({ channel: accessChannel, key: `systembruker:${systemUserId}` }),
  /** The consent changed status (accepted, rejected, revoked). */
  consent: (consentId: string): Change => ({ channel: accessChannel, key: `samtykke:${consentId}` }),
  /** The system was changed or deleted in the system register, or its client ids replaced. */
  system: (systemId: string): Change => ({ channel: accessChannel, key: `system:${systemId}` }),
};

/** The dependency keys of the same changes, for the caches. */
export const accessKey = {
  systemUser: (systemUserId: string) => accessChange.systemUser(systemUserId).key,
  consent: (consentId: string) => accessChange.consent(consentId).key,
  system: (systemId: string) => accessChange.system(systemId).key,
};
