import ICAL from 'ical.js';

/** An iCalendar event as a calendar app reads it (parsed back with ical.js, Mozilla's parser). */
export interface ParsedEvent {
  readonly uid: string;
  /** `YYYY-MM-DD` for an all-day event. */
  readonly start: string;
  readonly allDay: boolean;
  readonly hasEnd: boolean;
  readonly summary: string;
  readonly description: string;
  readonly transparent: boolean;
  readonly categories: readonly string[];
  /** Each VALARM's trigger, e.g. `-P2DT15H`. */
  readonly alarms: readonly string[];
}

export interface ParsedCalendar {
  readonly name: string;
  readonly refreshInterval: string;
  readonly events: readonly ParsedEvent[];
}

/** Parses a feed with ical.js; throws on anything RFC 5545 does not allow it to read. */
export function parseIcs(text: string): ParsedCalendar {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const start = vevent.getFirstPropertyValue('dtstart') as ICAL.Time;
    return {
      uid: String(vevent.getFirstPropertyValue('uid')),
      start: start.toString(),
      allDay: start.isDate,
      hasEnd: vevent.hasProperty('dtend') || vevent.hasProperty('duration'),
      summary: String(vevent.getFirstPropertyValue('summary')),
      description: String(vevent.getFirstPropertyValue('description')),
      transparent: vevent.getFirstPropertyValue('transp') === 'TRANSPARENT',
      categories: vevent.getAllProperties('categories').flatMap((property) => property.getValues().map(String)),
      alarms: vevent.getAllSubcomponents('valarm').map((alarm) => String(alarm.getFirstPropertyValue('trigger'))),
    };
  });
  return {
    name: String(calendar.getFirstPropertyValue('x-wr-calname')),
    refreshInterval: String(calendar.getFirstPropertyValue('refresh-interval')),
    events,
  };
}
