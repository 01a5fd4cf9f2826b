import { Type, type Static } from '@fastify/type-provider-typebox';

export const Orgnr = Type.String({ pattern: '^[0-9]{9}$' });

export const Virksomhet = Type.Object({
  orgnr: Orgnr,
  navn: Type.String(),
  organisasjonsform: Type.Union([Type.String(), Type.Null()]),
  grunnlag: Type.Array(Type.Union([Type.Literal('innehaver'), Type.Literal('daglig_leder'), Type.Literal('styreleder'), Type.Literal('regnskapsforer')])),
});

/** GET /portal/api/sesjon: who is logged in and which businesses they may act for. */
export const SesjonSvar = Type.Union([
  Type.Object({ innlogget: Type.Literal(false) }),
  Type.Object({
    innlogget: Type.Literal(true),
    person: Type.Object({ navn: Type.String() }),
    virksomheter: Type.Array(Virksomhet),
    /** Send back as `x-csrf-token` on every POST. */
    csrfToken: Type.String(),
  }),
]);
export type SesjonSvar = Static<typeof SesjonSvar>;

/** Every refusal of the portal API has this shape; `kode` is stable, `melding` is for people. */
export const Feil = Type.Object({ kode: Type.String(), melding: Type.String() });
export type Feil = Static<typeof Feil>;
