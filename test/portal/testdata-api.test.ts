import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { ConfigError, parseConfig } from '../../src/config.js';
import { localDate } from '../../src/domain/dates.js';
import { InvariantError } from '../../src/domain/assert.js';
import { bokfoerKrav, registrerParter } from '../../src/ledger/index.js';
import { buildApp } from '../../src/server.js';
import { krav, nyttFnr, nyttOrgnr } from '../ledger/fixtures.js';
import { describeEachDatabase } from '../support/databases.js';
import { freePort } from '../support/free-port.js';
import { buildTestApp, injectPublicUrl, InjectBrowser, location, pickPerson } from '../support/portal-app.js';
import { seedPortalFixtures, testBusinesses, testPersons } from '../support/portal-fixtures.js';

const search = '/portal/api/testdata/virksomheter';

describe('the sandbox flag', () => {
  it('is on with the built-in ID-porten, off with an external one, and KOB_SANDBOX decides when set', () => {
    const external = { KOB_IDPORTEN_ISSUER: 'https://test.idporten.no', KOB_IDPORTEN_CLIENT_ID: 'c', KOB_IDPORTEN_CLIENT_SECRET: 's' };
    expect(parseConfig({}).sandbox).toBe(true);
    expect(parseConfig(external).sandbox).toBe(false);
    expect(parseConfig({ ...external, KOB_SANDBOX: 'true' }).sandbox).toBe(true);
    expect(parseConfig({ ...external, KOB_SANDBOX: 'false' }).sandbox).toBe(false);
    expect(() => parseConfig({ KOB_SANDBOX: 'kanskje' })).toThrow(/KOB_SANDBOX må være true eller false/);
  });

  it('off, needs a real identity provider: the built-in ID-porten exists only in a sandbox', () => {
    expect(() => parseConfig({ KOB_SANDBOX: 'false' })).toThrow(ConfigError);
    expect(() => parseConfig({ KOB_SANDBOX: '0' })).toThrow(/KOB_SANDBOX=false krever KOB_IDPORTEN_ISSUER.*requires KOB_IDPORTEN_ISSUER/);
  });
});

describeEachDatabase('Min side Testdata: search without login, "Logg inn som" through the real login', ({ handle }) => {
  let app: FastifyInstance;
  /** A real identity provider's stand-in: another server's built-in one, over HTTP. */
  let provider: FastifyInstance;
  /** A server that is no sandbox, logging in at `provider`. */
  let closed: FastifyInstance;
  const owner = { fnr: nyttFnr(), navn: 'Tora Testdata' };
  const enk = nyttOrgnr();

  beforeAll(async () => {
    const { db } = handle();
    await seedPortalFixtures(db);
    await registrerParter(db, [
      { partId: owner.fnr, navn: owner.navn, registrertDato: localDate('2020-01-01') },
      { partId: enk, navn: 'Testdata Snekkeri', organisasjonsform: 'ENK', eierPartId: owner.fnr, registrertDato: localDate('2020-01-01'), mvaTermintype: 'aarlig' },
    ]);
    await bokfoerKrav(db, krav(enk, localDate('2026-01-05'), [['2026-02-15', 1200]]));
    app = await buildTestApp(handle(), {}, systemClock(localDate('2026-06-20')));
    const port = await freePort();
    const origin = `http://localhost:${port}`;
    provider = await buildTestApp(handle(), { KOB_PUBLIC_URL: origin });
    await provider.listen({ port, host: 'localhost' });
    const secret = (await handle().db.selectFrom('idporten_noekkel').where('navn', '=', 'portal-client-secret').select('verdi').executeTakeFirstOrThrow()).verdi as string;
    closed = await buildTestApp(
      handle(),
      { KOB_SANDBOX: 'false', KOB_IDPORTEN_ISSUER: `${origin}/idporten`, KOB_IDPORTEN_CLIENT_ID: 'kob-minside', KOB_IDPORTEN_CLIENT_SECRET: secret, KOB_IDPORTEN_REDIRECT_URI: `${origin}/portal/innlogging/callback` },
      systemClock(localDate('2026-06-20')),
    );
  });
  afterAll(async () => {
    await app?.close();
    await closed?.close();
    await provider?.close();
  });

  it('finds businesses by situation without a session, each with the person to log in as', async () => {
    expect((await app.inject({ url: '/portal/api/miljoe' })).json()).toEqual({ sandkasse: true });
    const found = await app.inject({ url: `${search}?harForfalteKrav=true&mvaTermintype=aarlig&organisasjonsform=ENK` });
    expect(found.statusCode).toBe(200);
    expect(found.json()).toEqual({
      forretningsdato: '2026-06-20',
      totalt: 1,
      side: 0,
      antallPerSide: 20,
      virksomheter: [
        {
          orgnr: enk,
          navn: 'Testdata Snekkeri',
          organisasjonsform: 'ENK',
          mvaTermintype: 'aarlig',
          arbeidsgiver: false,
          skjermet: false,
          situasjon: { harForfalteKrav: true, harUplassertInnbetaling: false, harUtbetaling: false, harTilgode: false },
          representant: { fnr: owner.fnr, navn: owner.navn, grunnlag: 'innehaver' },
        },
      ],
    });
    // An AS is represented by its daglig leder; a business nobody represents says so.
    const as = (await app.inject({ url: `${search}?tekst=${testBusinesses.as.orgnr}` })).json().virksomheter;
    expect(as.map((v: { representant: unknown }) => v.representant)).toEqual([{ fnr: testPersons.kari.fnr, navn: testPersons.kari.navn, grunnlag: 'daglig_leder' }]);
    const nobody = (await app.inject({ url: `${search}?tekst=${testBusinesses.fremmed.orgnr}` })).json().virksomheter;
    expect(nobody.map((v: { representant: unknown }) => v.representant)).toEqual([null]);
  });

  it('pages and validates every filter with limits', async () => {
    const page = (await app.inject({ url: `${search}?antallPerSide=2&side=1` })).json();
    expect(page).toMatchObject({ side: 1, antallPerSide: 2, totalt: 6 });
    expect(page.virksomheter).toHaveLength(2);
    for (const bad of ['antallPerSide=51', 'antallPerSide=0', 'side=-1', 'side=1000', 'mvaTermintype=maaned', 'organisasjonsform=enk', 'harForfalteKrav=kanskje', `tekst=${'x'.repeat(101)}`]) {
      const response = await app.inject({ url: `${search}?${bad}` });
      expect(response.statusCode, bad).toBe(400);
      expect(response.json().kode).toBe('ugyldig_forespoersel');
    }
  });

  it('does not exist outside a sandbox', async () => {
    expect((await closed.inject({ url: '/portal/api/miljoe' })).json()).toEqual({ sandkasse: false });
    expect((await closed.inject({ url: search })).statusCode).toBe(404);
  });

  it('"Logg inn som" pre-selects the person at the login, then lands on the business', async () => {
    const browser = new InjectBrowser(app);
    const authorizeUrl = new URL(location(await browser.get(`/portal/innlogging/start?testperson=${owner.fnr}&virksomhet=${enk}`)));
    expect(authorizeUrl.searchParams.get('login_hint')).toBe(owner.fnr);
    const interaction = location(await browser.get(authorizeUrl.href));
    const picker = (await browser.get(`${interaction}/testpersoner`)).json();
    expect(picker.forhaandsvalgt).toBe(owner.fnr);
    expect(picker.personer[0]).toEqual(owner);
    // Nothing is logged in until the person confirms at the provider.
    expect((await browser.get('/portal/api/sesjon')).json()).toEqual({ innlogget: false });

    const landed = location(await browser.get(await pickPerson(browser, interaction, owner.fnr)));
    expect(landed).toBe(`/virksomhet/${enk}/`);
    const sesjon = (await browser.get('/portal/api/sesjon')).json();
    expect(sesjon.person.navn).toBe(owner.navn);
    expect(sesjon.virksomheter).toEqual([{ orgnr: enk, navn: 'Testdata Snekkeri', organisasjonsform: 'ENK', grunnlag: ['innehaver'] }]);
  });

  it('opens the business only if the person who logged in may act for it', async () => {
    const browser = new InjectBrowser(app);
    const authorizeUrl = location(await browser.get(`/portal/innlogging/start?testperson=${owner.fnr}&virksomhet=${enk}`));
    const interaction = location(await browser.get(authorizeUrl));
    // Someone else is picked at the provider: the hint was only a suggestion.
    const landed = location(await browser.get(await pickPerson(browser, interaction, testPersons.kari.fnr)));
    expect(landed).toBe('/velg-virksomhet');
    expect((await browser.get('/portal/api/sesjon')).json()).toMatchObject({ person: { navn: testPersons.kari.navn } });
    expect((await browser.get(`/portal/innlogging/start?virksomhet=12345`)).statusCode).toBe(400);
  });

  it('outside a sandbox has no built-in ID-porten: no login page, test-person list or login_hint to reach (404)', async () => {
    const hinted = `/idporten/authorize?client_id=kob-minside&response_type=code&scope=openid&login_hint=${owner.fnr}`;
    for (const url of ['/idporten/.well-known/openid-configuration', hinted, '/idporten/interaction/abc/testpersoner', '/idporten/interaction/abc']) {
      expect((await closed.inject({ url })).statusCode, url).toBe(404);
    }
    expect((await closed.inject({ method: 'POST', url: '/idporten/interaction/abc/login', payload: { fnr: owner.fnr } })).statusCode).toBe(404);
    // A configuration parseConfig refuses cannot be built around it either.
    const notASandbox = { ...parseConfig({ KOB_PUBLIC_URL: injectPublicUrl }), sandbox: false };
    await expect(buildApp({ db: handle().db, databaseKind: handle().kind, clock: systemClock(), config: notASandbox, logger: false })).rejects.toThrow(InvariantError);
  });

  it('passes no login_hint outside a sandbox', async () => {
    const browser = new InjectBrowser(closed);
    const authorizeUrl = new URL(location(await browser.get(`/portal/innlogging/start?testperson=${owner.fnr}`)));
    expect(authorizeUrl.searchParams.has('login_hint')).toBe(false);
    browser.app = provider; // the browser is at the identity provider now
    const picker = (await browser.get(`${location(await browser.get(authorizeUrl.href))}/testpersoner`)).json();
    expect(picker.forhaandsvalgt).toBeNull();
  });
});
