import type { AccessChecker } from '../../auth/index.js';
import type { CalendarSource } from '../../kalender/index.js';
import type { CalendarSurfaceOptions } from '../calendar-options.js';
import type { RequestClock, SandboxHeaders } from '../sandbox-headers.js';
import type { MediaFormat } from '../serialization.js';

/** The path prefix of the Kalendertjeneste (ARCHITECTURE.md, the contract). */
export const kalendertjenestePrefix = '/api/innkreving/kalendertjeneste/v1';
/** Maskinporten scope of the Kalendertjeneste: our name for the unpublished beta (decision 0058). */
export const kalenderScope = 'skatteetaten:kalender';

export interface KalendertjenesteOptions extends CalendarSurfaceOptions {
  readonly checker: AccessChecker;
  /** Base URL of the subscription links. */
  readonly publicUrl: string;
  readonly newKorrelasjonsid?: () => string;
  /** In a sandbox: the business date and test scenario headers (decision 0175). */
  readonly sandbox?: SandboxHeaders | undefined;
}

/** What the routes share: the options with the calendar source and each request's clock resolved. */
export interface KalenderContext extends KalendertjenesteOptions {
  readonly calendar: CalendarSource;
  readonly clockOf: RequestClock;
}

/** The format of a request body, from its Content-Type; undefined when it is neither JSON nor XML. */
export function bodyFormat(contentType: string | undefined): MediaFormat | undefined {
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'application/json') return 'json';
  if (mediaType === 'application/xml' || mediaType === 'text/xml') return 'xml';
  return undefined;
}
