import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.js';
import { seedPortalFixtures, testBusinesses, testPersons } from '../support/portal-fixtures.js';
import { buildTestApp, csrfTokenOf, InjectBrowser, location, loginAs, pickPerson, startLogin } from '../support/portal-app.js';

describeEachDatabase('Min side login (OpenID Connect, code + PKCE)', ({ handle }) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    await seedPortalFixtures(handle().db);
    app = await buildTestApp(handle());
  });
  afterAll(async () => app?.close());

  it('logs a person in through the built-in provider and lists the businesses they may act for', async () => {
    const browser = new InjectBrowser(app);
    await loginAs(browser, testPersons.kari.fnr);
    const sesjon = (await browser.get('/portal/api/sesjon')).json();
    expect(sesjon).toMatchObject({
      innlogget: true,
      person: { navn: testPersons.kari.navn },
      virksomheter: [
        { orgnr: testBusinesses.as.orgnr, navn: testBusinesses.as.navn, grunnlag: ['daglig_leder'] },
        { orgnr: testBusinesses.enk.orgnr, navn: testBusinesses.enk.navn, grunnlag: ['innehaver'] },
      ],
    });
  });

  it('asks for PKCE with S256, state and nonce, prompt=login, and publishes ID-porten-style metadata', async () => {
    const browser = new InjectBrowser(app);
    const { authorizeUrl } = await startLogin(browser);
    expect(authorizeUrl.pathname).toBe('/idporten/authorize');
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizeUrl.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorizeUrl.searchParams.get('state')).toBeTruthy();
    expect(authorizeUrl.searchParams.get('nonce')).toBeTruthy();
    expect(authorizeUrl.searchParams.get('prompt')).toBe('login');
    const metadata = (await browser.get('/idporten/.well-known/openid-configuration')).json();
    expect(metadata).toMatchObject({
      issuer: 'http://localhost:8080/idporten',
      authorization_endpoint: 'http://localhost:8080/idporten/authorize',
      token_endpoint: 'http://localhost:8080/idporten/token',
      jwks_uri: 'http://localhost:8080/idporten/jwk',
      code_challenge_methods_supported: ['S256'],
      subject_types_supported: ['pairwise'],
    });
  });

  it('refuses an authorization request without PKCE', async () => {
    const browser = new InjectBrowser(app);
    const { authorizeUrl } = await startLogin(browser);
    authorizeUrl.searchParams.delete('code_challenge');
    authorizeUrl.searchParams.delete('code_challenge_method');
    const refused = new URL(location(await browser.get(authorizeUrl.href)));
    expect(refused.pathname).toBe('/portal/innlogging/callback');
    expect(refused.searchParams.get('error')).toBe('invalid_request');
    expect(refused.searchParams.get('error_description')).toMatch(/PKCE/);
  });

  it('refuses a callback whose state does not match the login in progress', async () => {
    const browser = new InjectBrowser(app);
    const { interaction } = await startLogin(browser);
    const callback = new URL(await pickPerson(browser, interaction, testPersons.kari.fnr), 'http://localhost:8080');
    callback.searchParams.set('state', 'forfalsket');
    expect(location(await browser.get(callback.href))).toBe('/innlogging-feilet?grunn=feil');
    expect((await browser.get('/portal/api/sesjon')).json()).toEqual({ innlogget: false });
  });

  it('uses an authorization code once: replaying the callback creates no second session', async () => {
    const browser = new InjectBrowser(app);
    const { interaction } = await startLogin(browser);
    const callback = await pickPerson(browser, interaction, testPersons.kari.fnr);
    const binding = [...browser.jar.values].find(([name]) => name.endsWith('kob-innlogging'))!;
    expect(location(await browser.get(callback))).toBe('/velg-virksomhet');

    // An attacker holding the callback URL and even the old binding cookie gets nothing.
    const attacker = new InjectBrowser(app);
    attacker.jar.values.set(binding[0], binding[1]);
    expect(location(await attacker.get(callback))).toBe('/innlogging-feilet?grunn=utloept');
    expect((await attacker.get('/portal/api/sesjon')).json()).toEqual({ innlogget: false });
  });

  it('refuses a code presented with the wrong PKCE verifier at the token endpoint', async () => {
    const browser = new InjectBrowser(app);
    const { interaction } = await startLogin(browser);
    const callback = new URL(await pickPerson(browser, interaction, testPersons.kari.fnr), 'http://localhost:8080');
    const secret = (await handle().db.selectFrom('idporten_noekkel').where('navn', '=', 'portal-client-secret').select('verdi').executeTakeFirstOrThrow()).verdi as string;
    const token = await app.inject({
      method: 'POST',
      url: '/idporten/token',
      headers: { host: 'localhost:8080', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        grant_type: 'authorization_code',
        code: callback.searchParams.get('code')!,
        redirect_uri: 'http://localhost:8080/portal/innlogging/callback',
        client_id: 'kob-minside',
        client_secret: secret,
        code_verifier: 'a'.repeat(43),
      }).toString(),
    });
    expect(token.statusCode).toBe(400);
    expect(token.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('puts pid, acr and amr in the ID token and keeps sub pairwise (not the fødselsnummer)', async () => {
    const browser = new InjectBrowser(app);
    await loginAs(browser, testPersons.ola.fnr);
    const row = await handle().db.selectFrom('portal_sesjon').where('fnr', '=', testPersons.ola.fnr).select('id_token').executeTakeFirstOrThrow();
    const claims = JSON.parse(Buffer.from(row.id_token!.split('.')[1]!, 'base64url').toString());
    expect(claims).toMatchObject({ iss: 'http://localhost:8080/idporten', aud: 'kob-minside', pid: testPersons.ola.fnr, acr: 'idporten-loa-high', amr: ['TestID'] });
    expect(claims.sub).not.toBe(testPersons.ola.fnr);
    expect(claims.sub).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('ends at a clear page when the person cancels at the provider', async () => {
    const browser = new InjectBrowser(app);
    const { interaction } = await startLogin(browser);
    const { csrfToken } = (await browser.get(`${interaction}/testpersoner`)).json();
    const resume = location(
      await browser.request({
        method: 'POST',
        url: `${interaction}/avbryt`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrfToken }).toString(),
      }),
    );
    const callback = location(await browser.get(resume));
    expect(location(await browser.get(callback))).toBe('/innlogging-feilet?grunn=avbrutt');
  });

  it('refuses the person picker form without its CSRF token', async () => {
    const browser = new InjectBrowser(app);
    const { interaction } = await startLogin(browser);
    await browser.get(`${interaction}/testpersoner`);
    const response = await browser.request({
      method: 'POST',
      url: `${interaction}/login`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: 'feil', fnr: testPersons.kari.fnr }).toString(),
    });
    expect(response.statusCode).toBe(403);
  });

  it('searches test persons by name and by the start of the fødselsnummer', async () => {
    const browser = new InjectBrowser(app);
    const { interaction } = await startLogin(browser);
    const byName = (await browser.get(`${interaction}/testpersoner?sok=nordm`)).json();
    expect(byName.personer).toEqual([{ fnr: testPersons.kari.fnr, navn: testPersons.kari.navn }]);
    const byNumber = (await browser.get(`${interaction}/testpersoner?sok=1505`)).json();
    expect(byNumber.personer).toEqual([{ fnr: testPersons.ola.fnr, navn: testPersons.ola.navn }]);
    const wildcard = (await browser.get(`${interaction}/testpersoner?sok=%25`)).json();
    expect(wildcard.personer).toEqual([]);
  });
});
