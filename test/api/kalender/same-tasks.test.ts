import { beforeAll, expect, it } from 'vitest';
import { Kalender } from '../../../src/api/kalender/index.js';
import { nextWorkingDay } from '../../../src/domain/holidays.js';
import { localDate } from '../../../src/domain/dates.js';
import { readXmlBody } from '../../support/api-schemas.js';
import { annualVatParty, calendarTestApp, jsonRequest, kalenderRequest, scenarioParty, type CalendarTestApp } from '../../support/calendar-app.js';
import { describeEachDatabase } from '../../support/databases.js';
import { parseIcs } from '../../support/ics.js';

/**
 * "All surfaces give the same tasks for the same business and period": the Kalendertjeneste in
 * JSON and in XML, the iCalendar feed and the Frister API, for an ENK with every status and for
 * an AS, over the default period (the business date and twelve months on). Each surface shows
 * what it publishes: the Frister API only the reporting deadlines still open for the mva-melding
 * and the skattemelding, with the nominal date; the feed also three months back, filtered here.
 */
interface Task {
  readonly beskrivelse: string;
  readonly frist: string;
  readonly status: string;
}
interface Oppgave {
  oppgaveBeskrivelse: string;
  oppgaveType: string;
  frist: { frist: string };
  oppgavestatus: string;
}

/** The feed writes the status for people; each text belongs to exactly one `oppgavestatus`. */
const statusFromText: Readonly<Record<string, string>> = {
  'Ikke startet': 'ikkeStartet',
  'Delvis betalt': 'pågående',
  Levert: 'fullført',
  Betalt: 'fullført',
  'Ingenting å betale': 'fullført',
  'Ikke levert': 'forfalt',
  Forfalt: 'forfalt',
};

describeEachDatabase('every surface gives the same tasks', ({ handle, kind }) => {
  let t: CalendarTestApp;
  beforeAll(async () => {
    t = await calendarTestApp(handle().db, kind);
  });

  it.each([scenarioParty, annualVatParty])('%s: Kalendertjeneste JSON = XML = iCalendar, and the Frister API is its open reporting part', async (party) => {
    const kalenderToken = await t.vendorToken(party);
    const fromOppgaver = (oppgaver: readonly Oppgave[] | undefined): Task[] =>
      (oppgaver ?? []).map((o) => ({ beskrivelse: o.oppgaveBeskrivelse, frist: o.frist.frist, status: o.oppgavestatus }));

    const json = await t.app.inject(jsonRequest(kalenderToken, kalenderRequest([party])));
    const jsonOppgaver = json.json().kalender.part[0].oppgave as Oppgave[];
    const jsonTasks = fromOppgaver(jsonOppgaver);
    expect(jsonTasks.length).toBeGreaterThan(0);

    const xml = await t.app.inject(jsonRequest(kalenderToken, kalenderRequest([party]), { accept: 'application/xml' }));
    const xmlTasks = fromOppgaver((readXmlBody(Kalender, xml.body) as { part: { oppgave?: Oppgave[] }[] }).part[0]!.oppgave);
    expect(xmlTasks).toEqual(jsonTasks);

    const subscription = await t.app.inject({ method: 'POST', url: `/api/innkreving/kalendertjeneste/v1/abonnementer/${party}`, headers: { authorization: `Bearer ${kalenderToken}` } });
    const feed = await t.app.inject({ url: new URL(subscription.json().url).pathname });
    const icsTasks = parseIcs(feed.body)
      .events.filter((event) => event.start >= '2026-06-20' && event.start <= '2027-06-20')
      .map((event) => ({ beskrivelse: event.summary, frist: event.start, status: statusFromText[/^Status: (.*)$/m.exec(event.description)![1]!]! }));
    expect(icsTasks).toEqual(jsonTasks);

    const fristerToken = await t.vendorToken(party, 'skatteetaten:frister');
    const frister = (await t.app.inject({ url: `/api/frister/v1/${party}`, headers: { authorization: `Bearer ${fristerToken}` } })).json();
    const fristerDates = frister.kilder[0].frister.map((f: { frist: string }) => nextWorkingDay(localDate(f.frist)));
    const openReporting = jsonOppgaver.filter(
      (o) => o.oppgaveType === 'rapporteringskrav' && /^Lever (mva-melding|skattemelding)/.test(o.oppgaveBeskrivelse) && o.oppgavestatus !== 'fullført',
    );
    expect(fristerDates).toEqual(openReporting.map((o) => o.frist.frist));
  });
});
