import type { LocalDate } from '../dates.js';
import { fristDatoer } from './frist-datoer.js';
import type { Matchnoekkel } from './matchnoekkel.js';
import type { Produktomraade } from './produktomraade.js';

/** `OverordnetOppgaveType` (Kalendertjeneste schema enum, domain-rules §5.5). */
export type OppgaveType = 'betalingskrav' | 'rapporteringskrav' | 'dokumentasjonskrav' | 'registreringskrav';

/** `FristType` (UML code list, domain-rules §5.5; a free string in the schemas). */
export type FristType = 'leveringsfrist' | 'innhentingsfrist' | 'betalingsfrist' | 'klagefrist';

/**
 * What the business must do. Every kind but `krav` follows from its registrations; `krav` is the
 * due item of an actual claim that no registration explains (restskatt, interest, fees, …).
 */
export type ObligationKind =
  | 'mvaMelding'
  | 'mvaBetaling'
  | 'aMelding'
  | 'arbeidsgiveravgiftForskuddstrekk'
  | 'forskuddsskatt'
  | 'skattemelding'
  | 'krav';

/** The period an obligation is about (not when it falls due). */
export interface Referanseperiode {
  /** The year the term belongs to: the income year for forskuddsskatt and skattemelding. */
  readonly aar: number;
  /** Mva or AGA term 1–6, a-melding month 1–12, forskuddsskatt instalment; null for a whole year. */
  readonly termin: number | null;
  readonly fraOgMed: LocalDate;
  readonly tilOgMed: LocalDate;
}

/**
 * One deadline of one party: the engine's output, mapped by each surface (Kalendertjeneste
 * `oppgave`, Frister API, iCalendar, portal). Frozen.
 */
export interface Obligation {
  /** Stable within the party: the same obligation has the same id whatever the data (decision 0013). */
  readonly id: string;
  readonly kind: ObligationKind;
  /** Null only for a claim that states no period. */
  readonly periode: Referanseperiode | null;
  /** The date the rule gives. */
  readonly nominellFrist: LocalDate;
  /** The date that applies: the nominal date moved to the next working day. */
  readonly frist: LocalDate;
  readonly myndighet: string;
  readonly produktomraade: Produktomraade;
  readonly oppgaveType: OppgaveType;
  readonly fristType: FristType;
  /** Norwegian, e.g. "Lever mva-melding for 3. termin 2026". */
  readonly oppgaveBeskrivelse: string;
  /** How ledger facts (a filing, claims) are found for this obligation. */
  readonly noekkel: Matchnoekkel;
}

/** Every obligation we derive is Skatteetaten's (the schema's example value, decision 0012). */
export const myndighet = 'Skatteetaten';

const idPrefix: Readonly<Record<Exclude<ObligationKind, 'krav'>, string>> = Object.freeze({
  mvaMelding: 'mva-melding',
  mvaBetaling: 'mva-betaling',
  aMelding: 'a-melding',
  arbeidsgiveravgiftForskuddstrekk: 'aga-forskuddstrekk',
  forskuddsskatt: 'forskuddsskatt',
  skattemelding: 'skattemelding',
});

/**
 * Decision 0013: the id is built from what the obligation *is* (kind, year, term), never from
 * dates or amounts, so it survives new facts and rule corrections.
 *
 * @example obligationId('mvaMelding', 2026, 3) === 'mva-melding-2026-03'
 * @example obligationId('skattemelding', 2025, null) === 'skattemelding-2025'
 */
export function obligationId(kind: Exclude<ObligationKind, 'krav'>, aar: number, termin: number | null): string {
  const term = termin === null ? '' : `-${String(termin).padStart(2, '0')}`;
  return `${idPrefix[kind]}-${aar}${term}`;
}

/** Decision 0013: a claim's due item is identified by its (booked, never reused) id. */
export function kravforfallObligationId(kravforfallId: string): string {
  return `kravforfall-${kravforfallId}`;
}

/** What a kind's module states; `makeObligation` adds the effective date and the authority. */
export type ObligationFields = Omit<Obligation, 'frist' | 'myndighet'>;

/** The one place an obligation is made: the effective date and the authority are filled in here. */
export function makeObligation(fields: ObligationFields): Obligation {
  return Object.freeze({
    id: fields.id,
    kind: fields.kind,
    periode: fields.periode === null ? null : Object.freeze({ ...fields.periode }),
    nominellFrist: fields.nominellFrist,
    frist: fristDatoer(fields.nominellFrist).effective,
    myndighet,
    produktomraade: fields.produktomraade,
    oppgaveType: fields.oppgaveType,
    fristType: fields.fristType,
    oppgaveBeskrivelse: fields.oppgaveBeskrivelse,
    noekkel: Object.freeze({ ...fields.noekkel }),
  });
}
