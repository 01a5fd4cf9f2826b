import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Kysely } from 'kysely';
import type { AuthServices, DemoAccess } from '../../src/auth/index.js';
import type { Database } from '../../src/db/database.js';
import type { DatabaseKind } from '../../src/db/open-database.js';
import { localDate } from '../../src/domain/dates.js';
import { registrerParter } from '../../src/ledger/index.js';
import { buildApp } from '../../src/server.js';
import { seedDemo, testClock, testConfig, tokenFor, type TestClock } from './auth.js';
import { bookCalendarScenario, type CalendarScenario } from './calendar-scenario.js';
import { nyttFnr } from '../ledger/fixtures.js';

/**
 * The real server (buildApp) on a test database as of the calendar scenario's business date
 * (2026-06-20): the demo access data (vendor, bank, agent), the scenario booked for the published
 * test business 313367002 (an approved system user of the demo vendor, delegated to the demo
 * accounting firm's agent system user, and a consent to the demo bank), and plain companies for
 * the other published businesses. Tokens come from the real token endpoint.
 */
export const scenarioParty = '313367002';
/** Delegated to the agent with 313367002; an AS with only a skattemelding. */
export const secondDelegatedParty = '314961900';
/** An approved system user of the vendor, not delegated to the agent. */
export const undelegatedParty = '314055403';
/** An AS with annual VAT and forskuddsskatt (two terms the year after). */
export const annualVatParty = '212201782';
/** Has an approved system user of the vendor, but the ledger does not know it. */
export const unknownLedgerParty = '311851381';
export const agentOrg = '315600030';

export interface CalendarTestApp {
  readonly app: FastifyInstance;
  readonly auth: AuthServices;
  readonly clock: TestClock;
  readonly demo: DemoAccess;
  readonly scenario: CalendarScenario;
  /** A token of the demo vendor for a standard system user of `party`. */
  vendorToken(party: string, scope?: string): Promise<string>;
  /** A token of the demo accounting firm's agent system user. */
  agentToken(scope?: string): Promise<string>;
}

/** `logger`: pino options for the server's log (none by default); `slowAnswerMs`: how long `Kob-Testscenario: TREG` holds an answer. */
export async function calendarTestApp(db: Kysely<Database>, kind: DatabaseKind, logger: object | false = false, slowAnswerMs?: number): Promise<CalendarTestApp> {
  const clock = testClock(Date.UTC(2026, 5, 20, 9, 30, 47));
  const config = testConfig();
  const app = await buildApp({ db, databaseKind: kind, clock, config, logger, slowAnswerMs });
  const auth = app.kobAuth;
  await app.ready();
  const demo = await seedDemo(db, clock);
  const scenario = await bookCalendarScenario(db, scenarioParty, nyttFnr());
  await registrerParter(db, [
    ...[secondDelegatedParty, undelegatedParty].map((partId) => ({ partId, navn: `Testvirksomhet ${partId}`, organisasjonsform: 'AS', registrertDato: localDate('2015-01-01') })),
    { partId: annualVatParty, navn: 'Årlig AS', organisasjonsform: 'AS', registrertDato: localDate('2015-01-01'), mvaTermintype: 'aarlig', forskuddspliktig: true },
  ]);
  return {
    app,
    auth,
    clock,
    demo,
    scenario,
    vendorToken: (party, scope = 'skatteetaten:kalender') => tokenFor(app, demo.regnskapssystem, clock, { scope, systemUserOrg: party }),
    agentToken: (scope = 'skatteetaten:kalender') => tokenFor(app, demo.regnskapssystem, clock, { scope, systemUserOrg: agentOrg }),
  };
}

export const fristerUrl = '/api/innkreving/kalendertjeneste/v1/frister';

/** A JSON calendar request for the parties (organisation numbers or fødselsnumre). */
export function jsonRequest(token: string | undefined, body: unknown, headers: Record<string, string> = {}): InjectOptions {
  return {
    method: 'POST',
    url: fristerUrl,
    headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

export function xmlRequest(token: string | undefined, xml: string, headers: Record<string, string> = {}): InjectOptions {
  return {
    method: 'POST',
    url: fristerUrl,
    headers: { 'content-type': 'application/xml', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...headers },
    payload: xml,
  };
}

export function kalenderRequest(parties: readonly string[], periode?: { fraOgMed: string; tilOgMed?: string }) {
  return {
    kalenderRequest: {
      part: parties.map((party) => (party.length === 9 ? { organisasjonsnummer: party } : { foedselsnummer: party })),
      ...(periode === undefined ? {} : { periode }),
    },
  };
}
