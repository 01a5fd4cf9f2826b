import type { FastifyInstance, FastifyReply } from 'fastify';
import type { PortalCookies } from './cookies.js';
import { LoginFailedError, type OidcLogin } from './oidc-login.js';
import { newOpaqueId, type SessionStore } from './session-store.js';

export interface LoginRoutesOptions {
  readonly login: OidcLogin;
  readonly sessions: SessionStore;
  readonly cookies: PortalCookies;
  readonly publicUrl: string;
}

/** Why a login did not end in a session; the page /innlogging-feilet explains each. */
export type InnloggingFeilet = 'avbrutt' | 'utloept' | 'feil' | 'utilgjengelig';

/**
 * GET /portal/innlogging/start sends the browser to the identity provider; GET
 * /portal/innlogging/callback comes back with a code. The login in progress is bound to the
 * browser by a random cookie, so a callback from another browser (login CSRF) finds nothing.
 */
export async function loginRoutes(app: FastifyInstance, { login, sessions, cookies, publicUrl }: LoginRoutesOptions): Promise<void> {
  const failed = (reply: FastifyReply, grunn: InnloggingFeilet) => reply.redirect(`/innlogging-feilet?grunn=${grunn}`, 303);

  app.get('/start', async (request, reply) => {
    let started: Awaited<ReturnType<OidcLogin['start']>>;
    try {
      started = await login.start();
    } catch (error) {
      request.log.error({ err: error }, 'identity provider unavailable');
      return failed(reply, 'utilgjengelig');
    }
    const binding = newOpaqueId();
    await sessions.saveLogin(binding, started.pending);
    return reply.setCookie(cookies.innlogging, binding, cookies.laxOptions).header('cache-control', 'no-store').redirect(started.authorizationUrl, 303);
  });

  app.get('/callback', async (request, reply) => {
    const binding = request.cookies[cookies.innlogging];
    reply.clearCookie(cookies.innlogging, cookies.laxOptions).header('cache-control', 'no-store');
    const pending = binding ? await sessions.takeLogin(binding) : undefined;
    if (!pending) return failed(reply, 'utloept');
    let result: Awaited<ReturnType<OidcLogin['finish']>>;
    try {
      result = await login.finish(new URL(request.url, publicUrl), pending);
    } catch (error) {
      if (!(error instanceof LoginFailedError)) throw error;
      request.log.warn({ reason: error.message }, 'login refused');
      return failed(reply, error.message === 'access_denied' ? 'avbrutt' : 'feil');
    }
    // A fresh session id at every login: an id planted before login is worth nothing after it.
    const previous = await sessions.find(request.cookies[cookies.sesjon]);
    if (previous) await sessions.delete(previous.sesjonHash);
    const id = await sessions.create(result.pid, result.idToken);
    return reply.setCookie(cookies.sesjon, id, cookies.laxOptions).redirect('/velg-virksomhet', 303);
  });
}
