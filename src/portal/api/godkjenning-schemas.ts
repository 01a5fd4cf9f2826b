import { Type, type Static } from '@fastify/type-provider-typebox';
import { approvalKinds, type ApprovalKind } from '../../auth/altinn/approval-pages.js';
import { Organisasjon, System, Tidspunkt, Uuid } from './systemtilganger-schemas.js';

/**
 * The approval page's data and answer (src/portal/api/godkjenning-routes.ts, decision 0156); the
 * browser imports these types. `side` is the request's kind as Altinn names its page.
 */
export const Side = Type.Unsafe<ApprovalKind>(Type.String({ enum: [...approvalKinds] }));
export const GodkjenningParams = Type.Object({ side: Side, id: Uuid });

export const Godkjenningsstatus = Type.Union([Type.Literal('venter'), Type.Literal('godkjent'), Type.Literal('avvist'), Type.Literal('utloept'), Type.Literal('trukket')]);

export const Godkjenningssvar = Type.Object({
  side: Side,
  id: Uuid,
  status: Godkjenningsstatus,
  /** The business (or, for a consent asked of a person, the person) the request is for. */
  part: Type.Object({ id: Type.String(), navn: Type.String(), erPerson: Type.Boolean() }),
  /** Whether the logged-in person may answer: the business's Tilgangsstyrer, or the person asked (decision 0070). */
  kanSvare: Type.Boolean(),
  /** The system asking and its vendor (system users). */
  system: Type.Union([System, Type.Null()]),
  /** The bank asking (consent). */
  mottaker: Type.Union([Organisasjon, Type.Null()]),
  /** What approving gives, in words; for a change request what it adds. */
  gir: Type.Array(Type.String()),
  /** What approving a change request takes away, in words. */
  fjerner: Type.Array(Type.String()),
  /** Until when a consent would hold. */
  gyldigTil: Type.Union([Tidspunkt, Type.Null()]),
  /** The host an answer sends the browser on to (the request's `redirectUrl`), so the page can say so. */
  sendesTil: Type.Union([Type.String(), Type.Null()]),
});
export type Godkjenningssvar = Static<typeof Godkjenningssvar>;

/** What an answer did, and where the browser goes now: the `redirectUrl` with Altinn's parameters, or null for a receipt. */
export const Godkjenningsresultat = Type.Object({ status: Godkjenningsstatus, videre: Type.Union([Type.String(), Type.Null()]) });
export type Godkjenningsresultat = Static<typeof Godkjenningsresultat>;
