import { Type, type Static } from '@fastify/type-provider-typebox';
import { Aar } from './reskontro-schemas.js';

/** Frister og oppgaver's page data (src/portal/api/frister-routes.ts); the browser imports these types. */
const Beloep = Type.Integer({ description: 'øre' });

export const Oppgave = Type.Object({
  id: Type.String(),
  beskrivelse: Type.String(),
  oppgaveType: Type.String(),
  produktomraade: Type.String(),
  /** The effective deadline (moved to a working day); `nominellFrist` when it differs. */
  frist: Type.String(),
  nominellFrist: Type.String(),
  oppgavestatus: Type.Union([Type.Literal('ikkeStartet'), Type.Literal('pågående'), Type.Literal('fullført'), Type.Literal('forfalt')]),
  /** As Min side says it: "Ikke levert", "Levert", "Betalt", "Delvis betalt", "Forfalt", "30 dager igjen", … */
  statustekst: Type.String(),
  levertDato: Type.Union([Type.String(), Type.Null()]),
  betaling: Type.Union([
    Type.Object({
      opprinneligOere: Beloep,
      gjenstaaendeOere: Beloep,
      poster: Type.Array(
        Type.Object({
          kravbeskrivelse: Type.String(),
          forfallsdato: Type.String(),
          gjenstaaendeOere: Beloep,
          kid: Type.Union([Type.String(), Type.Null()]),
          kontonummer: Type.Union([Type.String(), Type.Null()]),
        }),
      ),
    }),
    Type.Null(),
  ]),
});

export type Oppgave = Static<typeof Oppgave>;

/** GET …/frister?aar: the year's tasks, and the open ones of every year of the rule, overdue first. */
export const FristerSvar = Type.Object({
  forretningsdato: Type.String(),
  aar: Aar,
  /** The year rule's years (decision 0100), newest first, and those with tasks. */
  aarValg: Type.Array(Aar),
  aarMedInnhold: Type.Array(Aar),
  oppgaver: Type.Array(Oppgave),
  /** "Åpne oppgaver": every task not done, overdue first, then by deadline. */
  aapne: Type.Array(Oppgave),
});
export type FristerSvar = Static<typeof FristerSvar>;

/** `lagetDato`: the business date it was made (decision 0104), what the page shows as "Laget". */
const Abonnement = Type.Object({ id: Type.String(), opprettet: Type.String({ format: 'date-time' }), lagetDato: Type.String(), opprettetAv: Type.String() });
export type Abonnement = Static<typeof Abonnement>;
export const AbonnementerSvar = Type.Object({ abonnementer: Type.Array(Abonnement) });
/** The URL is in this answer only: the server keeps just its hash. */
export const NyttAbonnementSvar = Type.Object({ ...Abonnement.properties, url: Type.String() });
export type NyttAbonnementSvar = Static<typeof NyttAbonnementSvar>;
export type AbonnementerSvar = Static<typeof AbonnementerSvar>;
export const AbonnementParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-f-]{36}$' }) });

