import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { dateParts, makeDate, type LocalDate } from '../domain/dates.js';
import {
  matcherKravforfall,
  matcherLevering,
  obligationsForPeriod,
  obligationsForReferenceYear,
  oppgaveFraKrav,
  oppgaveStatus,
  sortObligations,
  type KravforfallReferanse,
  type Obligation,
  type OppgaveStatus,
  type Periode,
  type Registreringer,
} from '../domain/deadlines/index.js';
import { isValidKontonummer, type Kontonummer } from '../domain/kontonummer.js';
import { sumOere, type Oere } from '../domain/money.js';
import { buildPartView, finnLeveringer, kravgruppeFor, LedgerInputError, type KravView, type Levering, type PartInfo } from '../ledger/index.js';

/**
 * "Which deadlines apply to me?" for one party, from its own situation: the obligations its
 * registrations give in the period, and the open claims in the ledger that no obligation
 * explains, each with its status as of the business date. The one service behind every surface:
 * the Kalendertjeneste (JSON and XML), the Frister API, the iCalendar feed and the portal
 * (decision 0055).
 */
export interface CalendarQuery {
  readonly partId: string;
  /** The business date: statuses and the ledger's view are as of it. */
  readonly idag: LocalDate;
  /** Tasks whose effective deadline lies in it (decision 0014); limits are the caller's to check. */
  readonly periode: Periode;
}

/** One debit due item that pays (part of) a payment task, as the ledger shows it on the business date. */
export interface Betalingspost {
  readonly kravforfallId: string;
  readonly kravId: string;
  readonly kravbeskrivelse: string;
  readonly forfallsdato: LocalDate;
  readonly opprinneligOere: Oere;
  readonly gjenstaaendeOere: Oere;
  readonly kid: string | null;
  /** Skatteetaten's receiving account for it. */
  readonly kontonummer: Kontonummer | null;
  /** The last day of a deferral of its collection in force on the business date (decision 0161). */
  readonly utsattTil: LocalDate | null;
}

/** What the ledger holds for a payment task; no posts before the claim exists (amount not known). */
export interface Betaling {
  readonly opprinneligOere: Oere;
  readonly gjenstaaendeOere: Oere;
  readonly poster: readonly Betalingspost[];
}

export interface CalendarTask {
  readonly obligation: Obligation;
  readonly status: OppgaveStatus;
  /** A reporting task's filing, delivered on or before the business date; null otherwise. */
  readonly levertDato: LocalDate | null;
  /** A payment task's claims; null for a reporting task. */
  readonly betaling: Betaling | null;
}

export interface PartyCalendar {
  readonly partId: string;
  /** What the registers say about the party: the source of its obligations. */
  readonly registreringer: Registreringer;
  readonly idag: LocalDate;
  readonly periode: Periode;
  /** Ordered by effective deadline, reporting before payment, then id (`sortObligations`). */
  readonly oppgaver: readonly CalendarTask[];
}

/** Where a surface gets calendars: `calendarForParty` on a database, or a stand-in in tests. */
export type CalendarSource = (query: CalendarQuery) => Promise<PartyCalendar | undefined>;

/** A due item with what a task needs from its claim. */
interface Post {
  readonly referanse: KravforfallReferanse;
  readonly krav: KravView;
  readonly betalingspost: Betalingspost;
}

/** The calendar of a party, or undefined when the ledger does not know the party. */
export async function calendarForParty(db: Kysely<Database>, query: CalendarQuery): Promise<PartyCalendar | undefined> {
  const facts = await loadFacts(db, query);
  if (facts === undefined) return undefined;
  const registreringer = registreringerFor(facts.part);
  const tasks = new Map<string, CalendarTask>();
  for (const obligation of obligationsForPeriod(registreringer, query.periode)) {
    tasks.set(obligation.id, registrationTask(obligation, facts, query.idag));
  }
  for (const task of claimTasks(registreringer, facts.aapnePoster, query)) tasks.set(task.obligation.id, task);
  const oppgaver = sortObligations([...tasks.values()].map((task) => task.obligation)).map((obligation) => tasks.get(obligation.id)!);
  return Object.freeze({ partId: facts.part.partId, registreringer, idag: query.idag, periode: query.periode, oppgaver: Object.freeze(oppgaver) });
}

interface Facts {
  readonly part: PartInfo;
  /** Every due item the view holds: the open claims' and those of claims created since two years before the period. */
  readonly poster: readonly Post[];
  /** The due items of claims still open on the business date. */
  readonly aapnePoster: readonly Post[];
  readonly leveringer: readonly Levering[];
}

async function loadFacts(db: Kysely<Database>, { partId, idag, periode }: CalendarQuery): Promise<Facts | undefined> {
  const firstYear = dateParts(periode.fraOgMed).year;
  // A claim that pays an obligation of the period is made at the latest when it falls due and
  // at the earliest in the year before its reference year (forskuddsskatt AS); two years back covers it.
  const createdFrom = makeDate(firstYear - 2, 1, 1);
  const view = await buildPartView(db, {
    partId,
    asOf: idag,
    aapne: true,
    ...(createdFrom <= idag ? { kravOpprettet: { fraOgMed: createdFrom, tilOgMed: idag } } : {}),
  }).catch((error: unknown) => {
    if (error instanceof LedgerInputError && error.code === 'ukjentPart') return undefined;
    throw error;
  });
  if (view === undefined) return undefined;
  const referenceYears = range(firstYear - 1, dateParts(periode.tilOgMed).year);
  const leveringer = await Promise.all([
    finnLeveringer(db, { partId, asOf: idag, periodeAar: referenceYears }),
    // An ENK's skattemelding is its owner's own tax return: count it when booked on the owner.
    view.eier === null ? [] : finnLeveringer(db, { partId: view.eier.partId, asOf: idag, periodeAar: referenceYears }).then((found) => found.filter((l) => l.leveringstype === 'skattemelding')),
  ]);
  const aapne = view.aapne?.krav ?? [];
  const seen = new Set(aapne.map((krav) => krav.kravId));
  const alle = [...aapne, ...(view.kravOpprettet ?? []).filter((krav) => !seen.has(krav.kravId))];
  return { part: view.part, poster: alle.flatMap(posterFor), aapnePoster: aapne.flatMap(posterFor), leveringer: leveringer.flat() };
}

function posterFor(krav: KravView): Post[] {
  return krav.forfall.map((forfall) => {
    const konto = forfall.mottakerkonto?.kontonummer;
    const referanse: KravforfallReferanse = {
      kravforfallId: forfall.kravforfallId,
      kravtype: krav.kravtype,
      periodeAar: krav.periode.aar ?? null,
      termin: krav.periode.termin ?? null,
      forfallNummer: forfall.nummer,
    };
    const betalingspost: Betalingspost = {
      kravforfallId: forfall.kravforfallId,
      kravId: krav.kravId,
      kravbeskrivelse: krav.beskrivelse,
      forfallsdato: forfall.forfallsdato,
      opprinneligOere: forfall.opprinneligOere,
      gjenstaaendeOere: forfall.gjenstaaendeOere,
      kid: forfall.kid,
      kontonummer: konto !== undefined && isValidKontonummer(konto) ? konto : null,
      utsattTil: forfall.utsettelse?.tilOgMed ?? null,
    };
    return { krav, referanse, betalingspost };
  });
}

/** A person's registrations are those of a taxpayer without a business (organisasjonsform "person"). */
export function registreringerFor(part: PartInfo): Registreringer {
  return {
    organisasjonsform: part.organisasjonsform ?? 'person',
    mvaTermintype: part.mvaTermintype,
    arbeidsgiver: part.arbeidsgiver,
    forskuddspliktig: part.forskuddspliktig,
    registrertDato: part.registrertDato,
  };
}

function registrationTask(obligation: Obligation, facts: Facts, idag: LocalDate): CalendarTask {
  if (obligation.oppgaveType !== 'betalingskrav') {
    const levert = facts.leveringer
      .filter((levering) => matcherLevering(obligation.noekkel, levering))
      .map((levering) => levering.levertDato)
      .sort()[0];
    const status = oppgaveStatus(obligation, { kind: 'levering', levertDato: levert ?? null }, idag);
    return { obligation, status, levertDato: levert ?? null, betaling: null };
  }
  return paymentTask(obligation, facts.poster.filter((post) => matcherKravforfall(obligation.noekkel, post.referanse)), idag);
}

function paymentTask(obligation: Obligation, poster: readonly Post[], idag: LocalDate): CalendarTask {
  const kravforfall = poster.map(({ betalingspost }) => ({
    kravforfallId: betalingspost.kravforfallId,
    opprinneligBeloepOere: betalingspost.opprinneligOere,
    gjenstaaendeBeloepOere: betalingspost.gjenstaaendeOere,
    utsattTil: betalingspost.utsattTil ?? undefined,
  }));
  const status = oppgaveStatus(obligation, { kind: 'betaling', kravforfall }, idag);
  // Credits pay nothing: the amount and KID to pay come from the debit items.
  const gjeld = poster.map((post) => post.betalingspost).filter((post) => post.opprinneligOere > 0);
  const betaling: Betaling = {
    opprinneligOere: sumOere(gjeld.map((post) => post.opprinneligOere)),
    gjenstaaendeOere: sumOere(gjeld.map((post) => post.gjenstaaendeOere)),
    poster: gjeld,
  };
  return { obligation, status, levertDato: null, betaling };
}

/**
 * Tasks for the debit due items of open claims that no obligation of the registrations explains
 * (restskatt, interest, fees, assessments), in the period. A due item an obligation matches shows
 * once, under that obligation, whatever year the obligation falls in (decision 0013).
 */
function claimTasks(registreringer: Registreringer, aapnePoster: readonly Post[], query: CalendarQuery): CalendarTask[] {
  const byYear = new Map<number, readonly Obligation[]>();
  const obligationsOf = (aar: number) => {
    let found = byYear.get(aar);
    if (found === undefined) {
      found = obligationsForReferenceYear(registreringer, aar);
      byYear.set(aar, found);
    }
    return found;
  };
  const tasks: CalendarTask[] = [];
  for (const post of aapnePoster) {
    const { referanse, krav, betalingspost } = post;
    if (betalingspost.opprinneligOere <= 0) continue;
    const explained = referanse.periodeAar !== null && obligationsOf(referanse.periodeAar).some((o) => matcherKravforfall(o.noekkel, referanse));
    if (explained) continue;
    const obligation = oppgaveFraKrav({
      ...referanse,
      produktomraade: kravgruppeFor(krav.kravgruppe).produktomraade,
      kravbeskrivelse: krav.beskrivelse,
      periodeFra: krav.periode.fra ?? null,
      periodeTil: krav.periode.til ?? null,
      antallForfall: krav.antallForfall,
      forfallsdato: betalingspost.forfallsdato,
    });
    if (obligation.frist < query.periode.fraOgMed || obligation.frist > query.periode.tilOgMed) continue;
    tasks.push(paymentTask(obligation, [post], query.idag));
  }
  return tasks;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}
