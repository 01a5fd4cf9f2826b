import Fastify, { type FastifyInstance, type InjectOptions } from 'fastify';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Feil } from '../../../src/api/error-body.js';
import { kalenderErrors, kalendertjenestePlugin, type KalenderErrorCode } from '../../../src/api/kalender/index.js';
import { limits } from '../../../src/domain/limits.js';
import { calendarForParty, type CalendarQuery, type PartyCalendar } from '../../../src/kalender/index.js';
import { readXmlBody } from '../../support/api-schemas.js';
import { testPublicUrl } from '../../support/auth.js';
import {
  annualVatParty,
  calendarTestApp,
  fristerUrl,
  jsonRequest,
  kalenderRequest,
  scenarioParty,
  secondDelegatedParty,
  undelegatedParty,
  unknownLedgerParty,
  xmlRequest,
  type CalendarTestApp,
} from '../../support/calendar-app.js';
import { describeEachDatabase } from '../../support/databases.js';
import { expectCatalogueError } from '../../support/error-assertions.js';

/**
 * Walks the KAL catalogue (decision 0057): every code has a request that produces it, checked
 * for status and body in JSON and in XML. A code added without a scenario fails the first test.
 * The server failures (KAL-001, KAL-002) run on a second app whose calendar source breaks.
 */
interface Scenario {
  readonly app: 'real' | 'broken';
  readonly request: (tokens: Tokens) => InjectOptions;
  readonly meldingMentions: readonly string[];
}
interface Tokens {
  readonly scenario: string;
  /** The agent: 313367002 and 314961900. */
  readonly agent: string;
  readonly annual: string;
  readonly unknown: string;
}

/** 314961900's calendar fails in the ledger; 212201782's comes back malformed (a mapping bug). */
function brokenSource(db: Parameters<typeof calendarForParty>[0]) {
  return async (query: CalendarQuery): Promise<PartyCalendar | undefined> => {
    if (query.partId === secondDelegatedParty) throw new Error('connection to the ledger lost: password=hunter2');
    const calendar = await calendarForParty(db, query);
    if (query.partId !== annualVatParty || calendar === undefined) return calendar;
    const [first] = calendar.oppgaver;
    return { ...calendar, oppgaver: [{ ...first!, status: { ...first!.status, oppgavestatus: 'usynlig' as never } }] };
  };
}

const scenarios: Readonly<Record<KalenderErrorCode, Scenario>> = {
  'KAL-001': { app: 'broken', request: (t) => jsonRequest(t.annual, kalenderRequest([annualVatParty])), meldingMentions: ['uventet feil i tjenesten', 'korrelasjonsid'] },
  'KAL-002': { app: 'broken', request: (t) => jsonRequest(t.agent, kalenderRequest([secondDelegatedParty])), meldingMentions: ['bakenforliggende system'] },
  'KAL-003': { app: 'real', request: (t) => ({ method: 'GET', url: fristerUrl, headers: { authorization: `Bearer ${t.scenario}` } }), meldingMentions: ['GET /api/innkreving/kalendertjeneste/v1/frister', 'POST'] },
  'KAL-004': { app: 'real', request: () => jsonRequest(undefined, kalenderRequest([scenarioParty])), meldingMentions: ['token'] },
  'KAL-005': { app: 'real', request: (t) => jsonRequest(t.scenario, kalenderRequest([undelegatedParty])), meldingMentions: ['Ingen tilgang til parten', undelegatedParty] },
  'KAL-006': {
    app: 'real',
    request: (t) => jsonRequest(t.scenario, kalenderRequest(['313367003'])),
    meldingMentions: ['part nr. 1: organisasjonsnummer (313367003)', 'kontrollsifferet'],
  },
  'KAL-008': { app: 'real', request: (t) => jsonRequest(t.scenario, kalenderRequest([scenarioParty]), { accept: 'text/html' }), meldingMentions: ['Accept', 'text/html'] },
  'KAL-009': { app: 'real', request: (t) => jsonRequest(t.unknown, kalenderRequest([unknownLedgerParty])), meldingMentions: ['Fant ingen part', unknownLedgerParty] },
  'KAL-010': {
    app: 'real',
    request: (t) => jsonRequest(t.scenario, { kalenderRequest: { part: [{ organisasjonsnummer: scenarioParty }], fyll: 'x'.repeat(limits.bodyBytesMax) } }),
    meldingMentions: [`${limits.bodyBytesMax} byte`],
  },
  'KAL-011': {
    app: 'real',
    request: (t) => ({ ...jsonRequest(t.scenario, kalenderRequest([scenarioParty])), headers: { authorization: `Bearer ${t.scenario}`, 'content-type': 'text/plain' } }),
    meldingMentions: ['text/plain', 'application/json eller application/xml'],
  },
};

describeEachDatabase('the KAL error catalogue', ({ handle, kind }) => {
  let t: CalendarTestApp;
  let broken: FastifyInstance;
  let tokens: Tokens;
  const logLines: string[] = [];
  beforeAll(async () => {
    t = await calendarTestApp(handle().db, kind);
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(...chunk.toString('utf8').split('\n').filter((line) => line !== ''));
        done();
      },
    });
    broken = Fastify({ logger: { level: 'info', stream: logStream } });
    await broken.register(kalendertjenestePlugin, { db: handle().db, clock: t.clock, checker: t.auth.accessChecker, publicUrl: testPublicUrl, calendar: brokenSource(handle().db) });
    await broken.ready();
    tokens = { scenario: await t.vendorToken(scenarioParty), agent: await t.agentToken(), annual: await t.vendorToken(annualVatParty), unknown: await t.vendorToken(unknownLedgerParty) };
  });
  afterAll(() => broken.close());

  const run = (code: KalenderErrorCode, headers: Record<string, string> = {}) => {
    const scenario = scenarios[code];
    const request = scenario.request(tokens);
    return (scenario.app === 'real' ? t.app : broken).inject({ ...request, headers: { ...(request.headers as Record<string, string>), ...headers } });
  };

  it('has a scenario for every code; the codes mirror KB-nnn, plus 413 and 415', () => {
    expect(Object.keys(scenarios).sort()).toEqual([...kalenderErrors.codes].sort());
    expect(Object.fromEntries(kalenderErrors.codes.map((code) => [code, kalenderErrors.entries[code].httpStatus]))).toEqual({
      'KAL-001': 500,
      'KAL-002': 500,
      'KAL-003': 404,
      'KAL-004': 401,
      'KAL-005': 403,
      'KAL-006': 400,
      'KAL-008': 406,
      'KAL-009': 404,
      'KAL-010': 413,
      'KAL-011': 415,
    });
  });

  it.each([...kalenderErrors.codes])('%s in JSON: status, headers and {kode, melding, korrelasjonsid}', async (code) => {
    const response = await run(code);
    expectCatalogueError(response, code, kalenderErrors.entries[code], scenarios[code].meldingMentions);
    expect(response.body).not.toMatch(/hunter2|usynlig|at \w+ \(|\.ts:/);
  });

  it.each(kalenderErrors.codes.filter((code) => code !== 'KAL-008'))('%s in XML when XML was asked for', async (code) => {
    const response = await run(code, { accept: 'application/xml' });
    expect(response.statusCode).toBe(kalenderErrors.entries[code].httpStatus);
    expect(response.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect((readXmlBody(Feil, response.body) as { kode: string }).kode).toBe(code);
  });

  it('an XML request gets its errors in XML without asking', async () => {
    const response = await t.app.inject(xmlRequest(tokens.scenario, '<kalenderRequest xmlns="no:skatteetaten:innkreving:deling:kalendertjeneste:v1"><part/></kalenderRequest>'));
    expect(response.statusCode).toBe(400);
    expect((readXmlBody(Feil, response.body) as { melding: string }).melding).toBe('part nr. 1 må ha organisasjonsnummer eller foedselsnummer.');
  });

  it('KAL-004 says how to authenticate; a server failure is logged with its cause and the korrelasjonsid', async () => {
    expect((await run('KAL-004')).headers['www-authenticate']).toBe('Bearer');
    logLines.length = 0;
    const response = await run('KAL-002', { korrelasjonsid: 'test-kal-002' });
    expect(response.json().korrelasjonsid).toBe('test-kal-002');
    const errorLine = logLines.map((line) => JSON.parse(line)).find((line) => line.level === 50 && line.err !== undefined);
    expect(errorLine?.korrelasjonsid).toBe('test-kal-002');
    expect(errorLine?.err.message).toContain('connection to the ledger lost');
  });
});
