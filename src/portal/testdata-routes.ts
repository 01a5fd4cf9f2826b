import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { representanterFor } from '../auth/index.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../domain/clock.js';
import { soekParter } from '../ledger/index.js';
import { MiljoeSvar, TestdataSoek, TestdataSvar } from './testdata-schemas.js';

export interface TestdataRoutesOptions {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly sandbox: boolean;
}

/**
 * The sandbox's Testdata search (decisions 0072, 0073), open without login: synthetic businesses
 * by situation, each with the person who can log in for it. `GET /portal/api/miljoe` tells the
 * pages whether this is a sandbox; outside one the search does not exist.
 */
export async function testdataRoutes(instance: FastifyInstance, { db, clock, sandbox }: TestdataRoutesOptions): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/portal/api/miljoe', { schema: { response: { 200: MiljoeSvar } } }, async () => ({ sandkasse: sandbox }));
  if (!sandbox) return;

  app.get('/portal/api/testdata/virksomheter', { schema: { querystring: TestdataSoek, response: { 200: TestdataSvar } } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const { side, antallPerSide, ...filter } = request.query;
    const forretningsdato = clock.today();
    const resultat = await soekParter(db, { asOf: forretningsdato, side, antallPerSide, ...filter });
    const representanter = await representanterFor(
      db,
      resultat.treff.map((treff) => treff.partId),
    );
    return {
      forretningsdato,
      totalt: resultat.totalt,
      side,
      antallPerSide,
      virksomheter: resultat.treff.map((treff) => {
        const representant = representanter.get(treff.partId)?.[0];
        return {
          orgnr: treff.partId,
          navn: treff.navn,
          organisasjonsform: treff.organisasjonsform,
          mvaTermintype: treff.mvaTermintype,
          arbeidsgiver: treff.arbeidsgiver,
          skjermet: treff.skjermet,
          situasjon: treff.situasjon,
          representant: representant ? { fnr: representant.fnr, navn: representant.navn, grunnlag: representant.grunnlag } : null,
        };
      }),
    };
  });
}
