import { beforeAll, expect, it } from 'vitest';
import { withPersonIdCheckDigits } from '../../../src/domain/foedselsnummer.js';
import { limits } from '../../../src/domain/limits.js';
import { calendarTestApp, jsonRequest, kalenderRequest, scenarioParty, xmlRequest, type CalendarTestApp } from '../../support/calendar-app.js';
import { describeEachDatabase } from '../../support/databases.js';

/**
 * KAL-006 names the field at fault, echoes the value and says what the field takes: one row per
 * rule of the request (decision 0056), in JSON and in XML, and the limits (parties, body, period).
 */
const ns = 'no:skatteetaten:innkreving:deling:kalendertjeneste:v1';
const xmlPart = (inner: string) => `<kalenderRequest xmlns="${ns}">${inner}</kalenderRequest>`;
const invalidBirthDate = withPersonIdCheckDigits('310285123')!;
const parties = (n: number) => Array.from({ length: n }, () => ({ organisasjonsnummer: scenarioParty }));

const jsonCases: readonly (readonly [string, unknown, string])[] = [
  ['no kalenderRequest', { kalender: {} }, 'Forespørselen mangler kalenderRequest. Send {"kalenderRequest": {"part": [{"organisasjonsnummer": "…"}]}} som JSON, eller <kalenderRequest> i XML.'],
  ['no part', { kalenderRequest: { periode: { fraOgMed: '2026-01-01' } } }, 'kalenderRequest mangler part: oppgi minst én part med organisasjonsnummer eller foedselsnummer.'],
  ['kalenderRequest not an object', { kalenderRequest: 'alle' }, 'kalenderRequest må være et objekt med part og eventuelt periode.'],
  ['an empty list', { kalenderRequest: { part: [] } }, 'kalenderRequest.part er tom: oppgi minst én part.'],
  ['too many parties', { kalenderRequest: { part: parties(limits.calendarPartiesMax + 1) } }, `kalenderRequest.part har ${limits.calendarPartiesMax + 1} parter; høyst ${limits.calendarPartiesMax} per forespørsel.`],
  ['both identifiers', { kalenderRequest: { part: [{ organisasjonsnummer: scenarioParty, foedselsnummer: invalidBirthDate }] } }, 'part nr. 1 har både organisasjonsnummer og foedselsnummer; oppgi bare ett av dem.'],
  ['an unknown field', { kalenderRequest: { part: [{ organisasjonsnummer: scenarioParty }, { navn: 'Kari' }] } }, 'part nr. 2 har feltet navn, som ikke finnes; oppgi organisasjonsnummer eller foedselsnummer.'],
  ['an empty party', { kalenderRequest: { part: [{}] } }, 'part nr. 1 må ha organisasjonsnummer eller foedselsnummer.'],
  ['too short', { kalenderRequest: { part: [{ organisasjonsnummer: '12345' }] } }, 'part nr. 1: organisasjonsnummer (12345) må være et organisasjonsnummer med 9 sifre.'],
  ['a wrong check digit', kalenderRequest(['313367003']), 'part nr. 1: organisasjonsnummer (313367003) er ikke et gyldig organisasjonsnummer: kontrollsifferet stemmer ikke.'],
  ['a number with decimals', { kalenderRequest: { part: { organisasjonsnummer: 313367002.5 } } }, 'part nr. 1: organisasjonsnummer (313367002.5) må være et organisasjonsnummer med 9 sifre.'],
  ['an impossible birth date', kalenderRequest([invalidBirthDate]), `part nr. 1: foedselsnummer (${invalidBirthDate}) er ikke et gyldig fødselsnummer eller D-nummer: fødselsdatoen finnes ikke.`],
  ['a fødselsnummer with 9 digits', { kalenderRequest: { part: [{ foedselsnummer: scenarioParty }] } }, `part nr. 1: foedselsnummer (${scenarioParty}) må være et fødselsnummer eller D-nummer med 11 sifre.`],
  ['periode without fraOgMed', kalenderRequest([scenarioParty], { tilOgMed: '2026-12-31' } as never), 'periode mangler fraOgMed (første dag, ÅÅÅÅ-MM-DD).'],
  ['a date that does not exist', kalenderRequest([scenarioParty], { fraOgMed: '2026-02-30' }), 'periode.fraOgMed (2026-02-30) er ikke en gyldig dato på formen ÅÅÅÅ-MM-DD.'],
  ['a date in another form', kalenderRequest([scenarioParty], { fraOgMed: '2026-01-01', tilOgMed: '31.12.2026' }), 'periode.tilOgMed (31.12.2026) er ikke en gyldig dato på formen ÅÅÅÅ-MM-DD.'],
  ['tilOgMed before fraOgMed', kalenderRequest([scenarioParty], { fraOgMed: '2026-02-01', tilOgMed: '2026-01-01' }), 'periode.tilOgMed (2026-01-01) er før periode.fraOgMed (2026-02-01).'],
  ['more than a year', kalenderRequest([scenarioParty], { fraOgMed: '2026-01-01', tilOgMed: '2027-01-03' }), 'Perioden 2026-01-01 til 2027-01-03 er 367 dager; den kan være høyst 366 dager (ett år).'],
  ['fraOgMed long ago', kalenderRequest([scenarioParty], { fraOgMed: '2024-01-01' }), 'Perioden 2024-01-01 til 2026-06-20 (tilOgMed ble satt til dagens dato) er 901 dager; den kan være høyst 366 dager (ett år).'],
  ['not JSON', '{"kalenderRequest": ', 'Forespørselen er ikke gyldig JSON.'],
  ['a __proto__ key', '{"kalenderRequest": {"part": [{"organisasjonsnummer": "313367002"}]}, "__proto__": {"x": 1}}', 'Forespørselen er ikke gyldig JSON.'],
];

const xmlCases: readonly (readonly [string, string, string])[] = [
  ['a DOCTYPE', `<?xml version="1.0"?><!DOCTYPE kalenderRequest [<!ENTITY x "y">]>${xmlPart('<part><organisasjonsnummer>&x;</organisasjonsnummer></part>')}`, 'XML med DOCTYPE støttes ikke; send kalenderRequest uten DTD.'],
  ['not well-formed', `<kalenderRequest xmlns="${ns}"><part></kalenderRequest>`, "Ugyldig XML på linje 1, kolonne"],
  ['another namespace', '<kalenderRequest xmlns="urn:annet"><part><organisasjonsnummer>313367002</organisasjonsnummer></part></kalenderRequest>', `Elementet kalenderRequest er ikke i navnerommet ${ns} (men i urn:annet).`],
  ['no namespace on a child', `<n:kalenderRequest xmlns:n="${ns}"><part><n:organisasjonsnummer>313367002</n:organisasjonsnummer></part></n:kalenderRequest>`, `Elementet part er ikke i navnerommet ${ns}.`],
  ['the answer sent as a request', `<kalender xmlns="${ns}"><hentetDato>2026-01-01T00:00:00Z</hentetDato></kalender>`, 'Elementet kalender finnes ikke i kalenderRequest.'],
  ['an unknown element', xmlPart('<part><navn>Kari</navn></part>'), 'Elementet navn finnes ikke i kalenderRequest.'],
  ['a wrong check digit', xmlPart('<part><organisasjonsnummer>313367003</organisasjonsnummer></part>'), 'part nr. 1: organisasjonsnummer (313367003) er ikke et gyldig organisasjonsnummer: kontrollsifferet stemmer ikke.'],
  ['an empty periode', xmlPart('<part><organisasjonsnummer>313367002</organisasjonsnummer></part><periode/>'), 'periode må være et objekt med fraOgMed og eventuelt tilOgMed.'],
];

describeEachDatabase('Kalendertjeneste input rules (KAL-006) and limits', ({ handle, kind }) => {
  let t: CalendarTestApp;
  let token: string;
  beforeAll(async () => {
    t = await calendarTestApp(handle().db, kind);
    token = await t.vendorToken(scenarioParty);
  });

  it.each(jsonCases)('JSON: %s', async (_what, body, melding) => {
    const response = await t.app.inject(jsonRequest(token, body));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ kode: 'KAL-006', melding });
  });

  it.each(xmlCases)('XML: %s', async (_what, xml, melding) => {
    const response = await t.app.inject(xmlRequest(token, xml, { accept: 'application/json' }));
    expect(response.statusCode).toBe(400);
    expect(response.json().kode).toBe('KAL-006');
    expect(response.json().melding).toContain(melding);
  });

  it('an empty JSON body', async () => {
    const response = await t.app.inject({ ...jsonRequest(token, ''), payload: '' });
    expect(response.json()).toMatchObject({ kode: 'KAL-006', melding: 'Forespørselen mangler innhold: send et kalenderRequest.' });
  });

  it('the limits hold exactly: 50 parties and a body of 64 KiB pass, one more does not', async () => {
    const fifty = await t.app.inject(jsonRequest(token, { kalenderRequest: { part: parties(limits.calendarPartiesMax) } }));
    expect(fifty.statusCode).toBe(200);
    expect(fifty.json().kalender.part).toHaveLength(1);
    const body = JSON.stringify(kalenderRequest([scenarioParty]));
    const padded = body.replace('{"kalenderRequest"', `{"fyll":"${'x'.repeat(limits.bodyBytesMax - body.length - 10)}","kalenderRequest"`);
    expect(Buffer.byteLength(padded)).toBe(limits.bodyBytesMax);
    expect((await t.app.inject(jsonRequest(token, padded))).statusCode).toBe(200);
    const over = await t.app.inject(jsonRequest(token, padded.replace('"fyll":"', '"fyll":"x')));
    expect(over.statusCode).toBe(413);
    expect(over.json().kode).toBe('KAL-010');
  });

  it('a period of exactly 366 days passes, across 29 February too (decision 0010)', async () => {
    for (const periode of [{ fraOgMed: '2026-01-01', tilOgMed: '2027-01-02' }, { fraOgMed: '2027-03-01', tilOgMed: '2028-03-01' }]) {
      expect((await t.app.inject(jsonRequest(token, kalenderRequest([scenarioParty], periode)))).statusCode).toBe(200);
    }
  });

  it('an XSD date with a zone is the same calendar date', async () => {
    const zoned = await t.app.inject(jsonRequest(token, kalenderRequest([scenarioParty], { fraOgMed: '2026-07-01Z', tilOgMed: '2026-07-31+02:00' })));
    const plain = await t.app.inject(jsonRequest(token, kalenderRequest([scenarioParty], { fraOgMed: '2026-07-01', tilOgMed: '2026-07-31' })));
    expect(zoned.statusCode).toBe(200);
    expect(zoned.json().kalender.part).toEqual(plain.json().kalender.part);
  });

  it('the checks come in order: token before body, body before access', async () => {
    // No token and a broken body: the token is checked first.
    expect((await t.app.inject(jsonRequest(undefined, '{'))).json().kode).toBe('KAL-004');
    // A token for 313367002, a broken identifier and a party it may not read: validation first.
    expect((await t.app.inject(jsonRequest(token, kalenderRequest(['313367003', '314055403'])))).json().kode).toBe('KAL-006');
    // A period over a year and a party it may not read: the period first.
    expect((await t.app.inject(jsonRequest(token, kalenderRequest(['314055403'], { fraOgMed: '2026-01-01', tilOgMed: '2028-01-01' })))).json().kode).toBe('KAL-006');
    expect((await t.app.inject(jsonRequest(token, kalenderRequest(['314055403'])))).json().kode).toBe('KAL-005');
  });
});
