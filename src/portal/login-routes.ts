import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { representasjonFor } from '../auth/index.js';
import type { Database } from '../db/database.js';
import type { PortalCookies } from './cookies.js';
import { LoginFailedError, type OidcLogin } from './oidc-login.js';
import { limits } from '../domain/limits.js';
import { newOpaqueId, type LoginDestination, type SessionStore } from './session-store.js';
import { virksomhetSti } from './virksomhet-sti.js';

export interface LoginRoutesOptions {
  readonly db: Kysely<Database>;
  readonly login: OidcLogin;
  readonly sessions: SessionStore;
  readonly cookies: PortalCookies;
  readonly publicUrl: string;
  /** Whether a login may name its test person (`testperson`, decision 0071). */
  readonly sandbox: boolean;
}

/**
 * A path on this host: one `/` and no `/` or `\` after it (browsers read `//host` and `/\host` as
 * another host), and no space or control character (browsers drop a tab or newline, so `/\t/host`
 * would become `//host`).
 */
const localPathPattern = '^/[^/\\\\\\x00-\\x20\\x7f][^\\x00-\\x20\\x7f]*$';

/**
 * "Logg inn som" (the Testdata page, decision 0071): `testperson` is passed to the identity
 * provider as `login_hint` (sandbox only), `virksomhet` is chosen after login if the person who
 * actually logged in may act for it. A page that needs a login (an approval page, decision 0156)
 * names itself in `tilbake` and is shown again afterwards. None skips a step of the login.
 */
const StartQuery = Type.Object(
  {
    testperson: Type.Optional(Type.String({ pattern: '^[0-9]{11}$' })),
    virksomhet: Type.Optional(Type.String({ pattern: '^[0-9]{9}$' })),
    tilbake: Type.Optional(Type.String({ pattern: localPathPattern, maxLength: limits.portalReturnPathLengthMax })),
  },
  { additionalProperties: false },
);

/** Where a page that needs a login sends the browser: the login, and back to `tilbake` (its own path and query). */
export function loginThenBackTo(tilbake: string): string {
  return `/portal/innlogging/start?tilbake=${encodeURIComponent(tilbake)}`;
}

/** Why a login did not end in a session; the page /innlogging-feilet explains each. */
export type InnloggingFeilet = 'avbrutt' | 'utloept' | 'feil' | 'utilgjengelig';

/**
 * GET /portal/innlogging/start sends the browser to the identity provider; GET
 * /portal/innlogging/callback comes back with a code. The login in progress is bound to the
 * browser by a random cookie, so a callback from another browser (login CSRF) finds nothing.
 */
export async function loginRoutes(instance: FastifyInstance, { db, login, sessions, cookies, publicUrl, sandbox }: LoginRoutesOptions): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const failed = (reply: FastifyReply, grunn: InnloggingFeilet) => reply.redirect(`/innlogging-feilet?grunn=${grunn}`, 303);

  app.get('/start', { schema: { querystring: StartQuery } }, async (request, reply) => {
    let started: Awaited<ReturnType<OidcLogin['start']>>;
    try {
      started = await login.start({ loginHint: sandbox ? request.query.testperson : undefined });
    } catch (error) {
      request.log.error({ err: error }, 'identity provider unavailable');
      return failed(reply, 'utilgjengelig');
    }
    const binding = newOpaqueId();
    const { virksomhet, tilbake } = request.query;
    await sessions.saveLogin(binding, started.pending, { ...(virksomhet === undefined ? {} : { valgtOrgnr: virksomhet }), ...(tilbake === undefined ? {} : { tilbakeSti: tilbake }) });
    return reply.setCookie(cookies.innlogging, binding, cookies.laxOptions).header('cache-control', 'no-store').redirect(started.authorizationUrl, 303);
  });

  app.get('/callback', async (request, reply) => {
    const binding = request.cookies[cookies.innlogging];
    reply.clearCookie(cookies.innlogging, cookies.laxOptions).header('cache-control', 'no-store');
    const taken = binding ? await sessions.takeLogin(binding) : undefined;
    if (!taken) return failed(reply, 'utloept');
    const { pending, after } = taken;
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
    return reply.setCookie(cookies.sesjon, id, cookies.laxOptions).redirect(await landingAfterLogin(db, result.pid, after), 303);
  });
}

/**
 * The page a new session opens on: the page the login was started from, else the business asked
 * for at the start if the person who logged in may act for it, else the business picker.
 */
async function landingAfterLogin(db: Kysely<Database>, fnr: string, after: LoginDestination): Promise<string> {
  if (after.tilbakeSti !== undefined) return after.tilbakeSti;
  const chosen = after.valgtOrgnr === undefined ? undefined : await representasjonFor(db, fnr, after.valgtOrgnr);
  return chosen ? virksomhetSti(chosen.orgnr) : '/velg-virksomhet';
}
