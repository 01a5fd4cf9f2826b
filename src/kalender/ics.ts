import ical, { ICalAlarmType, ICalEventTransparency } from 'ical-generator';
import { addMonths, type LocalDate } from '../domain/dates.js';
import type { Periode } from '../domain/deadlines/index.js';
import { formatDato, formatKontonummer, formatKroner } from '../domain/format.js';
import type { Betaling, CalendarTask, PartyCalendar } from './party-calendar.js';

/**
 * The iCalendar rendering of a party's calendar (RFC 5545, written by `ical-generator`),
 * decision 0060: one all-day event per task on its effective deadline, the summary is the task's
 * description, the description says status, amount, KID and account, the UID is stable per task
 * (`<task id>.<party>@<host>`, so an update replaces the event instead of adding one), and a
 * reminder three days before at 09:00 for every task not yet done.
 */

/** The feed covers three months back (a missed deadline stays visible) and a year ahead. */
export const icsMonthsBack = 3;
export const icsMonthsAhead = 12;

export function icsPeriode(idag: LocalDate): Periode {
  return { fraOgMed: addMonths(idag, -icsMonthsBack), tilOgMed: addMonths(idag, icsMonthsAhead) };
}

/** Calendar apps poll; an hour is what Google and Apple honour as a hint. */
export const icsRefreshSeconds = 60 * 60;
/** Relative to the start of an all-day event (00:00): three days before, at 09:00. */
export const icsReminderSecondsBefore = (2 * 24 + 15) * 60 * 60;

export interface IcsOptions {
  /** The host part of every UID: the public URL's host name. */
  readonly uidHost: string;
}

export function icsCalendar(calendar: PartyCalendar, options: IcsOptions): string {
  const ics = ical({
    prodId: { company: 'krav-og-betalinger', product: 'frister', language: 'NB' },
    name: `Frister fra Skatteetaten for ${calendar.partId}`,
    description: 'Frister og oppgaver fra Kalendertjenesten (testmiljø, syntetiske data).',
    ttl: icsRefreshSeconds,
  });
  // DTSTAMP is the last revision when there is no METHOD (RFC 5545 §3.8.7.2). The business date
  // keeps the body identical for a day, so the ETag holds until something changes.
  const stamp = new Date(`${calendar.idag}T00:00:00Z`);
  for (const task of calendar.oppgaver) {
    const { obligation, status } = task;
    ics.createEvent({
      id: icsUid(obligation.id, calendar.partId, options.uidHost),
      start: obligation.frist,
      allDay: true,
      stamp,
      summary: obligation.oppgaveBeskrivelse,
      description: icsDescription(task),
      categories: [{ name: obligation.produktomraade }],
      // A deadline does not make the day busy.
      transparency: ICalEventTransparency.TRANSPARENT,
      alarms:
        status.oppgavestatus === 'fullført'
          ? []
          : [{ type: ICalAlarmType.display, trigger: icsReminderSecondsBefore, description: `Frist om tre dager: ${obligation.oppgaveBeskrivelse}` }],
    });
  }
  return ics.toString();
}

/** Decision 0013: ids are unique within a party; the UID qualifies them with the party and host. */
export function icsUid(taskId: string, partId: string, host: string): string {
  return `${taskId}.${partId}@${host}`;
}

/** The status as a calendar shows it: "Ikke startet" rather than a day count that is stale tomorrow. */
export function statusTekst(task: CalendarTask): string {
  return task.status.oppgavestatus === 'ikkeStartet' ? 'Ikke startet' : task.status.visningsstatus;
}

function icsDescription(task: CalendarTask): string {
  const { obligation } = task;
  const lines = [`Frist: ${formatDato(obligation.frist)}`];
  if (obligation.nominellFrist !== obligation.frist) {
    lines[0] += ` (flyttet fra ${formatDato(obligation.nominellFrist)}, som ikke er en virkedag)`;
  }
  lines.push(`Status: ${statusTekst(task)}`);
  if (task.betaling !== null) lines.push(...betalingLines({ ...task, betaling: task.betaling }));
  if (task.levertDato !== null) lines.push(`Levert: ${formatDato(task.levertDato)}`);
  lines.push(`${obligation.myndighet} – ${obligation.produktomraade}`);
  return lines.join('\n');
}

function betalingLines(task: CalendarTask & { readonly betaling: Betaling }): string[] {
  const { betaling } = task;
  // Without a claim the amount is not known yet, unless the deadline passed with nothing owed.
  if (betaling.poster.length === 0) return task.status.oppgavestatus === 'fullført' ? [] : ['Beløpet er ikke kjent ennå.'];
  const lines = [`Å betale: ${formatKroner(betaling.gjenstaaendeOere)} av ${formatKroner(betaling.opprinneligOere)}`];
  for (const post of betaling.poster) {
    const kid = post.kid === null ? '' : `, KID ${post.kid}`;
    const konto = post.kontonummer === null ? '' : `, kontonummer ${formatKontonummer(post.kontonummer)}`;
    lines.push(`${post.kravbeskrivelse}: ${formatKroner(post.gjenstaaendeOere)}${kid}${konto}`);
  }
  return lines;
}
