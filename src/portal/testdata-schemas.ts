import { Type, type Static } from '@fastify/type-provider-typebox';
import { limits } from '../domain/limits.js';
import { Orgnr } from './api/schemas.js';

/** The Testdata search's query and answer (src/portal/testdata-routes.ts); the browser imports these types. */

/** Hits per page unless the page asks for another number (at most `limits.partSearchPageItemsMax`). */
export const testdataPageItemsDefault = 20;

export const Situasjon = Type.Object({
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

export type TestdataSoek = Static<typeof TestdataSoek>;
export type Situasjon = Static<typeof Situasjon>;
export type Testvirksomhet = TestdataSvar['virksomheter'][number];
export type MiljoeSvar = Static<typeof MiljoeSvar>;
