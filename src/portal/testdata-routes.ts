import { Type, type Static, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { representanterFor } from '../auth/index.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../domain/clock.js';
import { limits } from '../domain/limits.js';
import { soekParter } from '../ledger/index.js';
import { Orgnr } from './api/schemas.js';

export interface TestdataRoutesOptions {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly sandbox: boolean;
}

/** Hits per page unless the page asks for another number (at most `limits.partSearchPageItemsMax`). */
export const testdataPageItemsDefault = 20;

const Situasjon = Type.Object({
  harForfalteKrav: Type.Boolean(),
  harUplassertInnbetaling: Type.Boolean(),
  harUtbetaling: Type.Boolean(),
  harTilgode: Type.Boolean(),
});

export const TestdataSoek = Type.Object(
  {
    tekst: Type.Optional(Type.String({ maxLength: limits.partSearchTextLengthMax })),
    organisasjonsform: Type.Optional(Type.String({ pattern: '^[A-ZÆØÅ]{2,5}$' })),
    mvaTermintype: Type.Optional(Type.Union([Type.Literal('tomaaneders'), Type.Literal('aarlig'), Type.Literal('primaernaering'), Type.Literal('ingen')])),
    skjermet: Type.Optional(Type.Boolean()),
    arbeidsgiver: Type.Optional(Type.Boolean()),
    harForfalteKrav: Type.Optional(Type.Boolean()),
    harUplassertInnbetaling: Type.Optional(Type.Boolean()),
    harUtbetaling: Type.Optional(Type.Boolean()),
    harTilgode: Type.Optional(Type.Boolean()),
    side: Type.Integer({ minimum: 0, maximum: limits.partSearchPagesMax - 1, default: 0 }),
    antallPerSide: Type.Integer({ minimum: 1, maximum: limits.partSearchPageItemsMax, default: testdataPageItemsDefault }),
  },
  { additionalProperties: false },
);

export const TestdataSvar = Type.Object({
  forretningsdato: Type.String(),
  totalt: Type.Integer(),
  side: Type.Integer(),
  antallPerSide: Type.Integer(),
  virksomheter: Type.Array(
    Type.Object({
      orgnr: Orgnr,
      navn: Type.String(),
      organisasjonsform: Type.Union([Type.String(), Type.Null()]),
      mvaTermintype: Type.Union([Type.String(), Type.Null()]),
      arbeidsgiver: Type.Boolean(),
      skjermet: Type.Boolean(),
      situasjon: Situasjon,
      /** Whom "Logg inn som" logs in as: the ENK's owner, else the daglig leder, else the styreleder. */
      representant: Type.Union([
        Type.Object({ fnr: Type.String(), navn: Type.String(), grunnlag: Type.Union([Type.Literal('innehaver'), Type.Literal('daglig_leder'), Type.Literal('styreleder')]) }),
        Type.Null(),
      ]),
    }),
  ),
});
export type TestdataSvar = Static<typeof TestdataSvar>;

export const MiljoeSvar = Type.Object({ sandkasse: Type.Boolean() });

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
