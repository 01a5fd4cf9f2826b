import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { Clock } from '../domain/clock.js';
import { calendarForParty, type CalendarSource } from '../kalender/index.js';

/** What every calendar surface (Kalendertjeneste, Frister API, iCalendar feed) is built from. */
export interface CalendarSurfaceOptions {
  readonly db: Kysely<Database>;
  /** The business date of every calendar, and the instants written (`hentetDato`, subscriptions). */
  readonly clock: Clock;
  /** The calendar of a party; from the ledger (`calendarForParty`) unless a test wants the back end to fail. */
  readonly calendar?: CalendarSource;
}

export function calendarSourceOf(options: CalendarSurfaceOptions): CalendarSource {
  return options.calendar ?? ((query) => calendarForParty(options.db, query));
}
