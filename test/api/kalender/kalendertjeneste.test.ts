import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { Kalender, KalenderDokument } from '../../../src/api/kalender/index.js';
import { closed, readXmlBody, schemaErrors } from '../../support/api-schemas.js';
import { annualVatParty, calendarTestApp, jsonRequest, kalenderRequest, scenarioParty, secondDelegatedParty, xmlRequest, type CalendarTestApp } from '../../support/calendar-app.js';
import { describeEachDatabase } from '../../support/databases.js';
import { publishedJsonSchemaErrors, publishedXsdErrors } from '../../support/kalender-schemas.js';

interface Oppgave {
  oppgaveBeskrivelse: string;
  oppgaveType: string;
  produktomraade: string;
  frist: { fristType: string; frist: string };
  oppgavestatus: string;
}
interface KalenderBody {
  kalender: { hentetDato: string; part: { part: Record<string, string>; oppgave?: Oppgave[] }[] };
}

const year2026 = { fraOgMed: '2026-01-01', tilOgMed: '2026-12-31' };

describeEachDatabase('Kalendertjeneste POST /frister', ({ handle, kind }) => {
  let t: CalendarTestApp;
  let token: string;
  beforeAll(async () => {
    t = await calendarTestApp(handle().db, kind);
    token = await t.vendorToken(scenarioParty);
  });

  const post = async (body: unknown, headers: Record<string, string> = {}) => t.app.inject(jsonRequest(token, body, headers));
  const tasks = (body: KalenderBody, index = 0) => body.kalender.part[index]!.oppgave ?? [];
  const byDescription = (body: KalenderBody, text: string) => tasks(body).find((o) => o.oppgaveBeskrivelse === text);

  it('answers JSON with a kalender that validates against the published JSON Schema and ours (closed)', async () => {
    const response = await post(kalenderRequest([scenarioParty], year2026), { korrelasjonsid: 'regnskap-42' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers.korrelasjonsid).toBe('regnskap-42');
    const body = response.json<KalenderBody>();
    expect(publishedJsonSchemaErrors(body)).toBe('');
    expect(schemaErrors(closed(KalenderDokument), body)).toBe('');
    expect(body.kalender.hentetDato).toBe('2026-06-20T09:30:47Z');
    expect(body.kalender.part[0]!.part).toEqual({ organisasjonsnummer: scenarioParty });
    expect(tasks(body)).toHaveLength(38);
    expect(Object.keys(tasks(body)[0]!)).toEqual(['myndighet', 'produktomraade', 'oppgaveType', 'oppgaveBeskrivelse', 'frist', 'oppgavestatus']);
  });

  it('answers XML to XML, valid against the published XSD (xmllint), with the same content as JSON', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?><kalenderRequest xmlns="no:skatteetaten:innkreving:deling:kalendertjeneste:v1"><part><organisasjonsnummer>${scenarioParty}</organisasjonsnummer></part><periode><fraOgMed>2026-01-01</fraOgMed><tilOgMed>2026-12-31</tilOgMed></periode></kalenderRequest>`;
    const response = await t.app.inject(xmlRequest(token, xml));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(response.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><kalender xmlns="no:skatteetaten:innkreving:deling:kalendertjeneste:v1"><hentetDato>/);
    expect(publishedXsdErrors(response.body)).toBe('');
    const json = (await post(kalenderRequest([scenarioParty], year2026))).json<KalenderBody>();
    expect(readXmlBody(Kalender, response.body)).toEqual(json.kalender);
  });

  it('xmllint really checks: a wrong element order fails the XSD', () => {
    const broken = '<kalender xmlns="no:skatteetaten:innkreving:deling:kalendertjeneste:v1"><part><part><organisasjonsnummer>313367002</organisasjonsnummer></part></part><hentetDato>2026-06-20T09:30:47Z</hentetDato></kalender>';
    expect(publishedXsdErrors(broken)).toMatch(/hentetDato|part/);
  });

  it('accepts the shapes of the published examples: n1: prefixes, part as an object, the number as a number (JSON and XML)', async () => {
    const json = await t.app.inject(jsonRequest(token, readFileSync('test/fixtures/kalender/request-example-shape.json', 'utf8')));
    expect(json.statusCode).toBe(200);
    // The example shape itself breaks the published schema (domain-rules §5.6); our answer does not.
    expect(publishedJsonSchemaErrors(JSON.parse(readFileSync('test/fixtures/kalender/request-example-shape.json', 'utf8')))).not.toBe('');
    expect(publishedJsonSchemaErrors(json.json())).toBe('');
    const xml = await t.app.inject(xmlRequest(token, readFileSync('test/fixtures/kalender/request-example-shape.xml', 'utf8')));
    expect(xml.statusCode).toBe(200);
    expect(publishedXsdErrors(xml.body)).toBe('');
    expect(readXmlBody(Kalender, xml.body)).toEqual(json.json<KalenderBody>().kalender);
    expect(tasks(json.json()).map((o) => o.frist.frist)).toEqual(expect.arrayContaining(['2026-06-05', '2026-07-15', '2026-08-31']));
    expect(tasks(json.json()).every((o) => o.frist.frist >= '2026-06-01' && o.frist.frist <= '2026-08-31')).toBe(true);
  });

  it('accepts the bare request object and a string number; text/xml and charset parameters too', async () => {
    const bare = await post({ part: [{ organisasjonsnummer: scenarioParty }], periode: year2026 });
    const wrapped = await post(kalenderRequest([scenarioParty], year2026));
    expect(tasks(bare.json())).toEqual(tasks(wrapped.json()));
    const charset = await post(kalenderRequest([scenarioParty], year2026), { 'content-type': 'application/json; charset=UTF-8' });
    expect(charset.statusCode).toBe(200);
    const textXml = await t.app.inject({
      ...xmlRequest(token, `<n:kalenderRequest xmlns:n="no:skatteetaten:innkreving:deling:kalendertjeneste:v1"><n:part><n:organisasjonsnummer>${scenarioParty}</n:organisasjonsnummer></n:part></n:kalenderRequest>`),
      headers: { 'content-type': 'text/xml; charset=utf-8', authorization: `Bearer ${token}` },
    });
    expect(textXml.statusCode).toBe(200);
    expect(textXml.headers['content-type']).toBe('application/xml; charset=utf-8');
  });

  it('Accept may ask for the other format; without Accept the body format decides', async () => {
    const xmlFromJson = await post(kalenderRequest([scenarioParty], year2026), { accept: 'application/xml' });
    expect(xmlFromJson.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(publishedXsdErrors(xmlFromJson.body)).toBe('');
    const any = await post(kalenderRequest([scenarioParty], year2026), { accept: '*/*' });
    expect(any.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('statuses through the API: delivered, late, missing; paid, partly paid, overdue, not known yet', async () => {
    const body = (await post(kalenderRequest([scenarioParty], year2026))).json<KalenderBody>();
    const statusOf = (text: string) => byDescription(body, text)?.oppgavestatus;
    expect(statusOf('Lever mva-melding for 1. termin 2026')).toBe('fullført');
    expect(statusOf('Lever mva-melding for 2. termin 2026')).toBe('fullført');
    expect(statusOf('Lever a-melding for mai 2026')).toBe('forfalt');
    expect(statusOf('Lever skattemelding for 2025')).toBe('forfalt');
    expect(statusOf('Lever a-melding for juni 2026')).toBe('ikkeStartet');
    expect(statusOf('Betal merverdiavgift for 1. termin 2026')).toBe('fullført');
    expect(statusOf('Betal merverdiavgift for 2. termin 2026')).toBe('forfalt');
    expect(statusOf('Betal arbeidsgiveravgift og forskuddstrekk for 3. termin 2026')).toBe('pågående');
    expect(statusOf('Betal forskuddsskatt 2. termin 2026')).toBe('forfalt');
    expect(statusOf('Betal merverdiavgift for 3. termin 2026')).toBe('ikkeStartet');
    expect(byDescription(body, 'Betal restskatt, person for 2025, 1. termin')).toMatchObject({ produktomraade: 'Skatt', oppgaveType: 'betalingskrav', frist: { fristType: 'betalingsfrist', frist: '2026-07-14' } });
  });

  it('the 2026 and 2027 deadline vectors (domain-rules §4.8), effective dates', async () => {
    const dates = async (periode: { fraOgMed: string; tilOgMed: string }, prefix: string) =>
      tasks((await post(kalenderRequest([scenarioParty], periode))).json<KalenderBody>())
        .filter((o) => o.oppgaveBeskrivelse.startsWith(prefix))
        .map((o) => o.frist.frist.slice(5));
    const y2027 = { fraOgMed: '2027-01-01', tilOgMed: '2027-12-31' };
    expect(await dates(year2026, 'Lever mva-melding')).toEqual(['02-10', '04-10', '06-10', '08-31', '10-12', '12-10']);
    expect(await dates(y2027, 'Lever mva-melding')).toEqual(['02-10', '04-12', '06-10', '08-31', '10-11', '12-10']);
    expect(await dates(year2026, 'Lever a-melding')).toEqual(['01-05', '02-05', '03-05', '04-07', '05-05', '06-05', '07-06', '08-05', '09-07', '10-05', '11-05', '12-07']);
    expect(await dates(y2027, 'Lever a-melding')).toEqual(['01-05', '02-05', '03-05', '04-05', '05-05', '06-07', '07-05', '08-05', '09-06', '10-05', '11-05', '12-06']);
    expect(await dates(year2026, 'Betal arbeidsgiveravgift')).toEqual(['01-15', '03-16', '05-15', '07-15', '09-15', '11-16']);
    expect(await dates(y2027, 'Betal arbeidsgiveravgift')).toEqual(['01-15', '03-15', '05-18', '07-15', '09-15', '11-15']);
    expect(await dates(year2026, 'Betal forskuddsskatt')).toEqual(['03-16', '05-15', '09-15', '11-16']);
    expect(await dates(y2027, 'Betal forskuddsskatt')).toEqual(['03-15', '05-18', '09-15', '11-15']);
    expect(await dates(year2026, 'Lever skattemelding')).toEqual(['06-01']);
    expect(await dates(y2027, 'Lever skattemelding')).toEqual(['05-31']);
  });

  it('the vectors of an AS: forskuddsskatt in two terms the year after, the annual mva term on 10 March', async () => {
    const asToken = await t.vendorToken(annualVatParty);
    const dated = async (periode: { fraOgMed: string; tilOgMed: string }) =>
      tasks((await post(kalenderRequest([annualVatParty], periode), { authorization: `Bearer ${asToken}` })).json<KalenderBody>()).map((o) => [o.oppgaveBeskrivelse, o.frist.frist]);
    expect(await dated(year2026)).toEqual([
      ['Betal forskuddsskatt 1. termin 2025', '2026-02-16'],
      ['Lever mva-melding for årstermin 2025', '2026-03-10'],
      ['Betal merverdiavgift for årstermin 2025', '2026-03-10'],
      ['Betal forskuddsskatt 2. termin 2025', '2026-04-15'],
      ['Lever skattemelding for 2025', '2026-06-01'],
    ]);
    expect((await dated({ fraOgMed: '2027-01-01', tilOgMed: '2027-12-31' })).map(([, frist]) => frist)).toEqual(['2027-02-15', '2027-03-10', '2027-03-10', '2027-04-15', '2027-05-31']);
  });

  it('an AS without registrations has only its skattemelding', async () => {
    const body = (await post(kalenderRequest([secondDelegatedParty], year2026), { authorization: `Bearer ${await t.vendorToken(secondDelegatedParty)}` })).json<KalenderBody>();
    expect(tasks(body).map((o) => [o.oppgaveBeskrivelse, o.frist.frist])).toEqual([['Lever skattemelding for 2025', '2026-06-01']]);
  });

  it('several parties in one request are answered in one response, in the order asked, each once', async () => {
    const agent = await t.agentToken();
    const response = await t.app.inject(jsonRequest(agent, kalenderRequest([secondDelegatedParty, scenarioParty, secondDelegatedParty], year2026)));
    expect(response.statusCode).toBe(200);
    const body = response.json<KalenderBody>();
    expect(publishedJsonSchemaErrors(body)).toBe('');
    expect(body.kalender.part.map((p) => p.part.organisasjonsnummer)).toEqual([secondDelegatedParty, scenarioParty]);
    expect(tasks(body, 0)).toHaveLength(1);
    expect(tasks(body, 1)).toHaveLength(38);
  });

  it('without periode: from the business date and twelve months on (decision 0010)', async () => {
    const body = (await post(kalenderRequest([scenarioParty]))).json<KalenderBody>();
    const frister = tasks(body).map((o) => o.frist.frist);
    expect(frister[0]! >= '2026-06-20').toBe(true);
    expect(frister.at(-1)! <= '2027-06-20').toBe(true);
    expect(frister).toContain('2027-06-10');
  });

  it('a party without tasks in the period has no oppgave element, which both schemas allow', async () => {
    const response = await post(kalenderRequest([scenarioParty], { fraOgMed: '2026-12-11', tilOgMed: '2026-12-31' }));
    const body = response.json<KalenderBody>();
    expect(body.kalender.part[0]).toEqual({ part: { organisasjonsnummer: scenarioParty } });
    expect(publishedJsonSchemaErrors(body)).toBe('');
    const xml = await post(kalenderRequest([scenarioParty], { fraOgMed: '2026-12-11', tilOgMed: '2026-12-31' }), { accept: 'application/xml' });
    expect(publishedXsdErrors(xml.body)).toBe('');
  });
});
