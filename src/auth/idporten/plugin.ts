import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import cookie from '@fastify/cookie';
import csrfProtection from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type Provider from 'oidc-provider';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';
import { findPerson } from '../representation/person-roles.js';
import { pinToIssuerOrigin } from './issuer-origin.js';
import { sandboxAcr, sandboxAmr } from './provider.js';
import { searchTestPersons, testPersonSearchLengthMax } from './test-persons.js';

export interface IdportenPluginOptions {
  readonly db: Kysely<Database>;
  readonly provider: Provider;
  /** The built browser code (`dist/web`): the person picker is `idporten.html` there. */
  readonly webRoot: string;
  /** Whether cookies get `Secure` (decision 0038). */
  readonly secureCookies: boolean;
}

const uidParams = Type.Object({ uid: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) });

/**
 * The built-in identity provider under /idporten: oidc-provider answers the protocol paths; this
 * plugin adds the sandbox login ("Velg testperson") that stands in for BankID.
 */
export async function idportenPlugin(app: FastifyInstance, { db, provider, webRoot, secureCookies }: IdportenPluginOptions): Promise<void> {
  const issuer = new URL(provider.issuer);
  app.addHook('onRequest', async (request) => pinToIssuerOrigin(request, issuer));
  // Fresh option objects: the caller's `prefix` must not be applied a second time.
  await app.register(interactionRoutes, { db, provider, webRoot, secureCookies });
  await app.register(providerRoutes, { db, provider, webRoot, secureCookies });
}

/** Everything oidc-provider serves; it reads its own request bodies, so Fastify must not. */
async function providerRoutes(app: FastifyInstance, { provider }: IdportenPluginOptions): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request: FastifyRequest, _payload: IncomingMessage, done: (err: null) => void) => done(null));
  const callback = provider.callback();
  const mountPath = new URL(provider.issuer).pathname.replace(/\/$/, '');
  app.all('/*', (request, reply) => {
    reply.hijack();
    const raw = request.raw as IncomingMessage & { originalUrl?: string };
    raw.originalUrl = raw.url;
    raw.url = raw.url!.slice(mountPath.length) || '/';
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) reply.raw.setHeader(name, value);
    void callback(raw, reply.raw);
  });
}

async function interactionRoutes(instance: FastifyInstance, { db, provider, webRoot, secureCookies }: IdportenPluginOptions): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  await app.register(formbody, { bodyLimit: 4096 });
  await app.register(cookie);
  await app.register(csrfProtection, {
    cookieKey: secureCookies ? '__Host-kob-idporten-csrf' : 'kob-idporten-csrf',
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, secure: secureCookies },
  });

  /** The interaction in the browser's cookie, which must be the one in the URL. */
  async function interactionOf(request: FastifyRequest, reply: FastifyReply) {
    try {
      const details = await provider.interactionDetails(request.raw, reply.raw);
      return details.uid === (request.params as { uid: string }).uid ? details : undefined;
    } catch {
      return undefined;
    }
  }

  app.get('/interaction/:uid', { schema: { params: uidParams } }, async (request, reply) => {
    if (!(await interactionOf(request, reply))) return expired(reply);
    const html = await readFile(path.join(webRoot, 'idporten.html'), 'utf8').catch(() => undefined);
    if (html === undefined) return reply.code(503).type('text/plain; charset=utf-8').send('Nettsidene er ikke bygget (npm run build).');
    return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
  });

  app.get(
    '/interaction/:uid/testpersoner',
    {
      schema: {
        params: uidParams,
        querystring: Type.Object({ sok: Type.Optional(Type.String({ maxLength: testPersonSearchLengthMax })) }),
      },
    },
    async (request, reply) => {
      const interaction = await interactionOf(request, reply);
      if (!interaction) return expired(reply);
      const klient = await provider.Client.find(String(interaction.params.client_id));
      // A `login_hint` naming a known person (Min side's "Logg inn som") is pre-selected and listed first.
      const hint = interaction.params.login_hint;
      const forhaandsvalgt = typeof hint === 'string' && /^[0-9]{11}$/.test(hint) ? await findPerson(db, hint) : undefined;
      const funnet = await searchTestPersons(db, request.query.sok ?? '');
      const personer = forhaandsvalgt && !request.query.sok ? [forhaandsvalgt, ...funnet.filter((p) => p.fnr !== forhaandsvalgt.fnr)] : funnet;
      return reply.header('cache-control', 'no-store').send({
        csrfToken: reply.generateCsrf(),
        klient: klient?.clientName ?? String(interaction.params.client_id),
        personer,
        forhaandsvalgt: forhaandsvalgt?.fnr ?? null,
      });
    },
  );

  app.post(
    '/interaction/:uid/login',
    {
      schema: { params: uidParams, body: Type.Object({ _csrf: Type.String({ maxLength: 200 }), fnr: Type.String({ pattern: '^[0-9]{11}$' }) }) },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      if (!(await interactionOf(request, reply))) return expired(reply);
      const person = await findPerson(db, request.body.fnr);
      if (!person) return reply.code(400).type('text/plain; charset=utf-8').send('Ukjent testperson.');
      const returnTo = await provider.interactionResult(request.raw, reply.raw, {
        login: { accountId: person.fnr, acr: sandboxAcr, amr: [...sandboxAmr], remember: false },
      });
      return reply.redirect(returnTo, 303);
    },
  );

  app.post(
    '/interaction/:uid/avbryt',
    { schema: { params: uidParams, body: Type.Object({ _csrf: Type.String({ maxLength: 200 }) }) }, preHandler: app.csrfProtection },
    async (request, reply) => {
      if (!(await interactionOf(request, reply))) return expired(reply);
      const returnTo = await provider.interactionResult(request.raw, reply.raw, {
        error: 'access_denied',
        error_description: 'Innloggingen ble avbrutt',
      });
      return reply.redirect(returnTo, 303);
    },
  );
}

function expired(reply: FastifyReply) {
  return reply
    .code(400)
    .type('text/plain; charset=utf-8')
    .send('Innloggingen er utløpt eller ugyldig. Gå tilbake til Min side og logg inn på nytt.');
}
