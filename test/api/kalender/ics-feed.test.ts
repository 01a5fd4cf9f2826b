import { Writable } from 'node:stream';
import { beforeAll, expect, it } from 'vitest';
import { localDate } from '../../../src/domain/dates.js';
import { limits } from '../../../src/domain/limits.js';
import { toOere } from '../../../src/domain/money.js';
import { calendarForParty, icsPeriode } from '../../../src/kalender/index.js';
import { bokfoerInnbetaling } from '../../../src/ledger/index.js';
import { buildApp } from '../../../src/server.js';
import { testConfig } from '../../support/auth.js';
import { calendarTestApp, scenarioParty, undelegatedParty, type CalendarTestApp } from '../../support/calendar-app.js';
import { scenarioToday } from '../../support/calendar-scenario.js';
import { describeEachDatabase } from '../../support/databases.js';
import { parseIcs } from '../../support/ics.js';

/**
 * The iCalendar subscription through the API and the feed a calendar app polls (decision 0060):
 * private, revocable, hashed; events with a stable UID, the deadline, amount/KID/account and a
 * reminder; parsed back with ical.js.
 */
const base = '/api/innkreving/kalendertjeneste/v1/abonnementer';

describeEachDatabase('iCalendar subscriptions and feed', ({ handle, kind }) => {
  let t: CalendarTestApp;
  let token: string;
  beforeAll(async () => {
    t = await calendarTestApp(handle().db, kind);
    token = await t.vendorToken(scenarioParty);
  });

  const auth = () => ({ authorization: `Bearer ${token}` });
  const subscribe = async () => {
    const response = await t.app.inject({ method: 'POST', url: `${base}/${scenarioParty}`, headers: auth() });
    expect(response.statusCode).toBe(201);
    return response.json<{ abonnementId: string; partIdentifikator: string; url: string; opprettet: string; opprettetAv: string }>();
  };
  const feedPath = (url: string) => new URL(url).pathname;

  it('makes a private URL once, and keeps only its hash', async () => {
    const created = await subscribe();
    expect(created).toEqual({
      abonnementId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      partIdentifikator: scenarioParty,
      url: expect.stringMatching(/^http:\/\/kob\.test\/kalender\/[A-Za-z0-9_-]{43}\.ics$/),
      opprettet: '2026-06-20T09:30:47Z',
      opprettetAv: expect.stringMatching(/^API: 315600014 med systembruker [0-9a-f-]{36}$/),
    });
    const token43 = feedPath(created.url).slice('/kalender/'.length, -'.ics'.length);
    const rows = await handle().db.selectFrom('kalender_abonnement').selectAll().where('abonnement_id', '=', created.abonnementId).execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token43);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('serves the calendar as text/calendar: one all-day event per task, with stable UIDs, amounts, KIDs and reminders', async () => {
    const created = await subscribe();
    const response = await t.app.inject({ url: feedPath(created.url) });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['cache-control']).toBe('private, no-cache');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    // RFC 5545: CRLF line ends, lines folded at 75 octets.
    expect(response.body.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(response.body.replace(/\r\n/g, '')).not.toContain('\n');

    const ics = parseIcs(response.body);
    expect(ics.name).toBe(`Frister fra Skatteetaten for ${scenarioParty}`);
    expect(ics.refreshInterval).toBe('PT1H');
    const expected = await calendarForParty(handle().db, { partId: scenarioParty, idag: scenarioToday, periode: icsPeriode(scenarioToday) });
    expect(ics.events.map((event) => event.uid)).toEqual(expected!.oppgaver.map((task) => `${task.obligation.id}.${scenarioParty}@kob.test`));
    expect(ics.events.every((event) => event.allDay && !event.hasEnd && event.transparent)).toBe(true);

    const aga = ics.events.find((event) => event.uid.startsWith('aga-forskuddstrekk-2026-03.'))!;
    expect(aga).toMatchObject({ start: '2026-07-15', summary: 'Betal arbeidsgiveravgift og forskuddstrekk for 3. termin 2026', categories: ['Arbeidsgiveravgift'], alarms: ['-P2DT15H'] });
    expect(aga.description.split('\n')).toEqual([
      'Frist: 15.07.2026',
      'Status: Delvis betalt',
      'Å betale: 10\u00a0000,00 kroner av 12\u00a0000,00 kroner',
      `Arbeidsgiveravgift: 3\u00a0000,00 kroner, KID ${t.scenario.kid.aga3}, kontonummer 7694 05 24802`,
      `Forskuddstrekk: 7\u00a0000,00 kroner, KID ${t.scenario.kid.trekk3}, kontonummer 7694 05 24802`,
      'Skatteetaten – Arbeidsgiveravgift',
    ]);
    const moved = ics.events.find((event) => event.uid.startsWith('skattemelding-2025.'))!;
    expect(moved.description).toContain('Frist: 01.06.2026 (flyttet fra 31.05.2026, som ikke er en virkedag)');
    const delivered = ics.events.find((event) => event.uid.startsWith('mva-melding-2026-02.'))!;
    expect(delivered.description).toContain('Levert: 15.06.2026');
    expect(delivered.alarms).toEqual([]);
    const notKnown = ics.events.find((event) => event.uid.startsWith('mva-betaling-2026-03.'))!;
    expect(notKnown.description).toContain('Beløpet er ikke kjent ennå.');
  });

  it('answers 304 while nothing changed; a payment changes the event, not its UID', async () => {
    const { url } = await subscribe();
    const first = await t.app.inject({ url: feedPath(url) });
    const again = await t.app.inject({ url: feedPath(url), headers: { 'if-none-match': first.headers.etag as string } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    await bokfoerInnbetaling(handle().db, { idempotencyKey: `ics-${kind}-betal`, bokfoertDato: localDate('2026-06-20'), partId: scenarioParty, beloepOere: toOere(3_000_00), kid: t.scenario.kid.aga3 });
    const after = await t.app.inject({ url: feedPath(url), headers: { 'if-none-match': first.headers.etag as string } });
    expect(after.statusCode).toBe(200);
    const before = parseIcs(first.body).events;
    const now = parseIcs(after.body).events;
    expect(now.map((event) => event.uid)).toEqual(before.map((event) => event.uid));
    const aga = now.find((event) => event.uid.startsWith('aga-forskuddstrekk-2026-03.'))!;
    expect(aga.description).toContain('Arbeidsgiveravgift: 0,00 kroner');
  });

  it('lists the subscriptions without their URLs, revokes one at once: a revoked URL is 410 Gone, one that never was 404', async () => {
    const created = await subscribe();
    const listed = await t.app.inject({ url: `${base}/${scenarioParty}`, headers: auth() });
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain('/kalender/');
    expect(listed.json().abonnement).toContainEqual({ abonnementId: created.abonnementId, opprettet: created.opprettet, opprettetAv: created.opprettetAv });

    const revoked = await t.app.inject({ method: 'DELETE', url: `${base}/${scenarioParty}/${created.abonnementId}`, headers: auth() });
    expect(revoked.statusCode).toBe(204);
    const gone = await t.app.inject({ url: feedPath(created.url) });
    const neverWas = await t.app.inject({ url: `/kalender/${'A'.repeat(43)}.ics` });
    expect([gone.statusCode, gone.headers['content-type'], gone.headers['cache-control']]).toEqual([410, 'text/plain; charset=utf-8', 'no-store']);
    expect(gone.body).toMatch(/^Kalenderabonnementet er avsluttet/);
    expect([neverWas.statusCode, neverWas.body]).toEqual([404, 'Fant ikke kalenderen.']);
    expect((await t.app.inject({ method: 'DELETE', url: `${base}/${scenarioParty}/${created.abonnementId}`, headers: auth() })).statusCode).toBe(204);
    const after = (await t.app.inject({ url: `${base}/${scenarioParty}`, headers: auth() })).json().abonnement;
    expect(after.find((a: { abonnementId: string }) => a.abonnementId === created.abonnementId)).toMatchObject({ tilbakekalt: '2026-06-20T09:30:47Z', tilbakekaltAv: created.opprettetAv });
  });

  it('refuses an unknown id, another party, the wrong scope; and a malformed id or party', async () => {
    const unknownId = await t.app.inject({ method: 'DELETE', url: `${base}/${scenarioParty}/00000000-0000-4000-8000-000000000000`, headers: auth() });
    expect(unknownId.json()).toMatchObject({ kode: 'KAL-009', melding: expect.stringContaining('Fant ikke abonnementet') });
    expect((await t.app.inject({ method: 'POST', url: `${base}/${undelegatedParty}`, headers: auth() })).json().kode).toBe('KAL-005');
    const frister = await t.vendorToken(scenarioParty, 'skatteetaten:frister');
    expect((await t.app.inject({ method: 'POST', url: `${base}/${scenarioParty}`, headers: { authorization: `Bearer ${frister}` } })).json().kode).toBe('KAL-004');
    expect((await t.app.inject({ method: 'DELETE', url: `${base}/${scenarioParty}/1`, headers: auth() })).json()).toMatchObject({
      kode: 'KAL-006',
      melding: 'Parameteren abonnementId (1) er ikke en gyldig abonnement-id (UUID).',
    });
    expect((await t.app.inject({ url: `${base}/313367003`, headers: auth() })).json().melding).toContain('kontrollsifferet');
    const xmlOnly = await t.app.inject({ url: `${base}/${scenarioParty}`, headers: { ...auth(), accept: 'application/xml' } });
    expect([xmlOnly.statusCode, xmlOnly.body]).toEqual([406, expect.stringContaining('<kode>KAL-008</kode>')]);
  });

  it('every wrong feed path is the same bare 404, also a malformed %-escape', async () => {
    for (const path of ['/kalender/', '/kalender/abc.ics', `/kalender/${'A'.repeat(43)}`, '/kalender/%zz.ics', `/kalender/${'A'.repeat(200)}.ics`, '/kalender/a/b.ics']) {
      const response = await t.app.inject({ url: path });
      expect([path, response.statusCode, response.body]).toEqual([path, 404, 'Fant ikke kalenderen.']);
    }
  });

  it('the feed URL never reaches the log', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const config = testConfig();
    const logged = await buildApp({ db: handle().db, databaseKind: kind, clock: t.clock, config, logger: { level: 'info', stream } });
    const { url } = await subscribe();
    const secret = feedPath(url).slice('/kalender/'.length, -4);
    expect((await logged.inject({ url: feedPath(url) })).statusCode).toBe(200);
    expect((await logged.inject({ url: `/kalender/${secret}x.ics` })).statusCode).toBe(404);
    await logged.close();
    const text = lines.join('');
    expect(text).toContain('"url":"/kalender/[skjult]"');
    expect(text).not.toContain(secret);
  });

  it(`keeps at most ${limits.calendarSubscriptionsPerPartyMax} active subscriptions per party`, async () => {
    const active = (await t.app.inject({ url: `${base}/${scenarioParty}`, headers: auth() })).json().abonnement.filter((a: { tilbakekalt?: string }) => a.tilbakekalt === undefined);
    for (let n = active.length; n < limits.calendarSubscriptionsPerPartyMax; n++) await subscribe();
    const refused = await t.app.inject({ method: 'POST', url: `${base}/${scenarioParty}`, headers: auth() });
    expect(refused.json()).toMatchObject({ kode: 'KAL-006', melding: expect.stringContaining(`allerede ${limits.calendarSubscriptionsPerPartyMax} aktive abonnementer`) });
  });
});
