import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../domain/clock.js';

/**
 * What the Altinn functions need. The portal (later) and the HTTP routes call the same functions
 * with the same context.
 */
export interface AltinnContext {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  /** Base URL for confirm and view links (`KOB_PUBLIC_URL`). */
  readonly publicUrl: string;
}

/**
 * Requests and change requests left unanswered time out. Altinn's docs say 10 days, its code 180;
 * we follow the code (decision 0018).
 */
export const requestTimeoutDays = 180;

/** The absolute URL of an Altinn path on this host (`Location` headers; the approval pages are in approval-pages.ts). */
export function altinnUrl(ctx: AltinnContext, path: string): string {
  return `${ctx.publicUrl}/altinn/${path}`;
}

export function nowDate(ctx: AltinnContext): Date {
  return new Date(ctx.clock.nowEpochMs());
}

export function isoInstant(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
