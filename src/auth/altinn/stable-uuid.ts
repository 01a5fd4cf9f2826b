import { createHash } from 'node:crypto';

/**
 * A UUID (version 5 layout, SHA-256 based) that one name always gives, so a fresh database
 * gets the same ids as another built from the same facts: party uuids, consent event ids.
 */
export function uuidFromName(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
