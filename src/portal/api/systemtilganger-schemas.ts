import { Type, type Static } from '@fastify/type-provider-typebox';
import { Orgnr } from './schemas.js';

/** Systemtilganger's page data and bodies (src/portal/api/systemtilganger-routes.ts); the browser imports these types. */
export const Uuid = Type.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' });
export const IdParams = Type.Object({ id: Uuid });
export const Organisasjon = Type.Object({ orgnr: Orgnr, navn: Type.String() });
export const Tidspunkt = Type.String({ format: 'date-time' });

/** An active calendar subscription made under a system user or consent: removing that access ends it (decision 0089). */
export const Kalenderabonnement = Type.Object({ id: Uuid, part: Organisasjon, opprettet: Tidspunkt, opprettetAv: Type.String() });

export const System = Type.Object({
  id: Type.String(),
  navn: Type.String(),
  beskrivelse: Type.String(),
  leverandoer: Organisasjon,
  /** Every right and package the system may be given, in words. */
  tilganger: Type.Array(Type.String()),
});

export const SystemtilgangerSvar = Type.Object({
  /** Whether the person may change anything here (decision 0070); the page hides the buttons otherwise. */
  kanEndre: Type.Boolean(),
  systembrukere: Type.Array(
    Type.Object({
      id: Uuid,
      tittel: Type.String(),
      system: System,
      type: Type.Union([Type.Literal('standard'), Type.Literal('agent')]),
      tilganger: Type.Array(Type.String()),
      opprettet: Tidspunkt,
      /** The business date it was given (decision 0104): "Gitt". */
      gittDato: Type.String(),
      opprettetAv: Type.Union([Type.String(), Type.Null()]),
      klienter: Type.Array(Organisasjon),
      /** What deleting it ends: for an agent, its subscriptions for its clients. */
      kalenderabonnementer: Type.Array(Kalenderabonnement),
    }),
  ),
  forespoersler: Type.Array(
    Type.Object({
      id: Uuid,
      tittel: Type.Union([Type.String(), Type.Null()]),
      system: System,
      type: Type.Union([Type.Literal('standard'), Type.Literal('agent')]),
      tilganger: Type.Array(Type.String()),
      opprettet: Tidspunkt,
    }),
  ),
  systemer: Type.Array(System),
  samtykker: Type.Array(
    Type.Object({
      id: Uuid,
      mottaker: Organisasjon,
      tilganger: Type.Array(Type.String()),
      /** `venter`: a bank's request the business has not answered yet. */
      status: Type.Union([Type.Literal('venter'), Type.Literal('aktivt'), Type.Literal('utloept'), Type.Literal('trukket')]),
      samtykket: Type.Union([Tidspunkt, Type.Null()]),
      /** The business date it was given (decision 0104): "Gitt". */
      gittDato: Type.Union([Type.String(), Type.Null()]),
      gyldigTil: Tidspunkt,
      trukket: Type.Union([Tidspunkt, Type.Null()]),
      trukketAv: Type.Union([Type.String(), Type.Null()]),
      /** What revoking it ends (none once it is no longer active). */
      kalenderabonnementer: Type.Array(Kalenderabonnement),
    }),
  ),
});
export type SystemtilgangerSvar = Static<typeof SystemtilgangerSvar>;

export const OpprettSystemtilgangBody = Type.Object({ systemId: Type.String({ pattern: '^[0-9]{9}_[a-z0-9_]{1,100}$' }) }, { additionalProperties: false });

export type Kalenderabonnement = Static<typeof Kalenderabonnement>;
export type System = Static<typeof System>;
export type Organisasjon = Static<typeof Organisasjon>;
export type Systembruker = SystemtilgangerSvar['systembrukere'][number];
export type Forespoersel = SystemtilgangerSvar['forespoersler'][number];
export type Samtykke = SystemtilgangerSvar['samtykker'][number];

export const OpprettetSystemtilgang = Type.Object({ id: Uuid });
export type OpprettetSystemtilgang = Static<typeof OpprettetSystemtilgang>;
/** What a change answers: Altinn's status of the object. */
export const Endringssvar = Type.Object({ status: Type.String() });
export type Endringssvar = Static<typeof Endringssvar>;
