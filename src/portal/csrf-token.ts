import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Min side's CSRF token (decision 0088): an HMAC of a fixed label keyed with the session id from
 * the cookie. It belongs to one session: every login makes a new id and so a new token, logout
 * deletes the session, and no other session, not even the same person's next login, has it.
 * Nothing is stored: the id is the secret, and the token does not reveal it.
 */
export function csrfTokenFor(sessionId: string): string {
  return createHmac('sha256', sessionId).update('kob-portal-csrf').digest('base64url');
}

/** Whether `presented` (the `x-csrf-token` header) is the session's token, compared in constant time. */
export function isSessionCsrfToken(expected: string, presented: unknown): boolean {
  if (typeof presented !== 'string') return false;
  const expectedBytes = Buffer.from(expected);
  const presentedBytes = Buffer.from(presented);
  return presentedBytes.length === expectedBytes.length && timingSafeEqual(presentedBytes, expectedBytes);
}
