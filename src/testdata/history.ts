import { assertInvariant } from '../domain/assert.js';
import { addDays, compareDates, makeDate, maxDate, type LocalDate } from '../domain/dates.js';
import {
  fristDatoer,
  obligationsForReferenceYear,
  restskattForfall,
  skattytertypeFor,
  terminTekst,
  type Obligation,
  type Registreringer,
  type Skattytertype,
} from '../domain/deadlines/index.js';
import { nextWorkingDay } from '../domain/holidays.js';
import { makeKid } from '../domain/kid.js';
import { toOere, type Oere } from '../domain/money.js';
import { findKravtype, skatteinnkrevingKonto, standardMottakerkonto, type KravInput, type PartInput } from '../ledger/index.js';
import {
  betalingsdato,
  leveringsdato,
  trekkBetaling,
  trekkLevering,
  type Betalingsmaate,
  type Disiplin,
  type Leveringsmaate,
} from './behaviour.js';
import type { Hendelse } from './events.js';
import type { Prng } from './prng.js';

/** A business whose history the planner writes: an ENK with its owner, or an AS. */
export interface Virksomhet {
  readonly organisasjon: PartInput & { readonly organisasjonsform: string };
  /** The owner of an ENK: forskuddsskatt, skattemelding and restskatt are the owner's. */
  readonly eier?: PartInput | undefined;
  readonly disiplin: { readonly levering: Disiplin; readonly betaling: Disiplin };
  /** Size: 1 is a typical small business; amounts scale with it. */
  readonly skala: number;
  /** The payer's own account, on payments. */
  readonly betalerKonto: string;
}

/** What the demo fixes instead of drawing, per obligation id (`mva-betaling-2025-02`, `forskuddsskatt-2025`, …). */
export interface Overstyring {
  readonly levering?: Leveringsmaate;
  /** Per debit due item of the obligation's claims, in order (AGA before forskuddstrekk). */
  readonly betaling?: readonly Betalingsmaate[];
  /** The claim's amount, signed (negative: a credit, tilgode). For AGA + forskuddstrekk: the wages. */
  readonly beloepOere?: Oere;
  /** A missing filing gets a tvangsmulkt (a-melding) or an assessment (mva-melding). */
  readonly reaksjon?: boolean;
  /** The tax settlement after a skattemelding. */
  readonly skatteoppgjoer?: 'restskatt' | 'tilgode' | 'ingen';
}

export interface PlanOptions {
  /** The first business date of the history: nothing is booked before it. */
  readonly fra: LocalDate;
  /** Reference years (the term's year, the income year), both inclusive. */
  readonly aarFra: number;
  readonly aarTil: number;
  readonly prng: Prng;
  readonly overstyr?: ((obligasjonId: string) => Overstyring | undefined) | undefined;
}

/** Typical amounts in kroner for a business of size 1 (docs/decisions/0061-syntetiske-fordelinger.md). */
const typisk = Object.freeze({
  mvaTerminKroner: { ENK: 16_000, AS: 48_000 },
  mvaAarKroner: { ENK: 12_000, AS: 25_000 },
  loennTerminKroner: { ENK: 70_000, AS: 260_000 },
  forskuddsskattAarKroner: { personlig: 55_000, upersonlig: 120_000 },
  arbeidsgiveravgiftSats: 0.141,
  forskuddstrekkSats: 0.33,
  tilgodeMvaAndel: 0.08,
});

/** KID bodies: the party, a claim kind, the year and the term make one KID per claim. */
const kidKind = Object.freeze({ mva: '10', fastsetting: '11', aga: '20', trekk: '21', forskudd: '30', restskatt: '31', tvangsmulkt: '40' });

/**
 * The whole history of one business over the reference years, as planned events: the filings,
 * claims and payments its registrations give (the deadline engine says which obligations and
 * when they fall due), drawn from the business's behaviour unless the demo fixes them. Interest,
 * set-off and allocation are the ledger's work when the events are booked.
 */
export function planHistory(virksomhet: Virksomhet, options: PlanOptions): Hendelse[] {
  return new Planner(virksomhet, options).plan();
}

interface Forfall {
  readonly forfallsdato: LocalDate;
  readonly beloepOere: Oere;
}

class Planner {
  readonly #v: Virksomhet;
  readonly #o: PlanOptions;
  readonly #prng: Prng;
  readonly #events: Hendelse[] = [];
  readonly #org: string;
  /** Who owes tax personally: the owner of an ENK, else the organisation. */
  readonly #skattyter: string;
  readonly #skattytertype: Skattytertype;
  readonly #form: 'ENK' | 'AS';

  constructor(virksomhet: Virksomhet, options: PlanOptions) {
    this.#v = virksomhet;
    this.#o = options;
    this.#prng = options.prng;
    this.#org = virksomhet.organisasjon.partId;
    this.#skattyter = virksomhet.eier?.partId ?? this.#org;
    this.#skattytertype = skattytertypeFor(virksomhet.organisasjon.organisasjonsform);
    this.#form = virksomhet.organisasjon.organisasjonsform === 'ENK' ? 'ENK' : 'AS';
  }

  plan(): Hendelse[] {
    const org = this.#v.organisasjon;
    const registreringer: Registreringer = {
      organisasjonsform: org.organisasjonsform,
      mvaTermintype: org.mvaTermintype ?? null,
      arbeidsgiver: org.arbeidsgiver ?? false,
      forskuddspliktig: org.forskuddspliktig ?? false,
      registrertDato: org.registrertDato,
    };
    for (let aar = this.#o.aarFra; aar <= this.#o.aarTil; aar++) {
      const obligations = obligationsForReferenceYear(registreringer, aar);
      const byId = new Map(obligations.map((o) => [o.id, o]));
      const ameldinger = new Map<number, LocalDate | null>();
      for (const o of obligations) {
        if (o.kind === 'mvaMelding') this.#mva(o, byId.get(o.id.replace('mva-melding', 'mva-betaling'))!);
        if (o.kind === 'aMelding') ameldinger.set(o.periode!.termin!, this.#aMelding(o));
        if (o.kind === 'arbeidsgiveravgiftForskuddstrekk') this.#arbeidsgiveravgift(o, byId.get(`a-melding-${aar}-${String(2 * o.periode!.termin!).padStart(2, '0')}`)!, ameldinger);
        if (o.kind === 'skattemelding') this.#skattemelding(o);
      }
      const forskudd = obligations.filter((o) => o.kind === 'forskuddsskatt');
      if (forskudd.length > 0) this.#forskuddsskatt(aar, forskudd);
    }
    return this.#events;
  }

  #overstyring(id: string): Overstyring {
    return this.#o.overstyr?.(id) ?? {};
  }

  #kroner(typiskKroner: number, spread: number): number {
    return Math.max(100, Math.round(typiskKroner * this.#v.skala * (1 - spread + 2 * spread * this.#prng.float())));
  }

  #inWindow(dato: LocalDate): boolean {
    return compareDates(dato, this.#o.fra) >= 0;
  }

  #push(hendelse: Hendelse): void {
    this.#events.push(hendelse);
  }

  /** Delivers a filing; returns the delivery date, or null when it is missing. */
  #lever(o: Obligation, maate: Leveringsmaate, partId: string): LocalDate | null {
    if (maate === 'mangler') return null;
    const periode = o.periode!;
    const dato = leveringsdato(this.#prng, maate, o.frist, periode.tilOgMed);
    if (this.#inWindow(dato)) {
      const noekkel = o.noekkel;
      assertInvariant(noekkel.kind === 'levering', `${o.id} is not a filing`);
      const termin = noekkel.termin === null ? (noekkel.leveringstype === 'mva-melding' ? 'aar' : undefined) : String(noekkel.termin).padStart(2, '0');
      this.#push({ kind: 'levering', navn: `${o.id}:levert`, dato, input: { partId, leveringstype: noekkel.leveringstype, periodeAar: periode.aar, termin } });
    }
    return dato;
  }

  #mva(melding: Obligation, betaling: Obligation): void {
    const meldingOverstyring = this.#overstyring(melding.id);
    const overstyring = this.#overstyring(betaling.id);
    const levert = this.#lever(melding, meldingOverstyring.levering ?? trekkLevering(this.#prng, this.#v.disiplin.levering), this.#org);
    const periode = betaling.periode!;
    const aarlig = periode.termin === null;
    const estimat = this.#kroner(aarlig ? typisk.mvaAarKroner[this.#form] : typisk.mvaTerminKroner[this.#form], 0.35);
    const kravPeriode = { beskrivelse: terminTekst(periode.aar, periode.termin), aar: periode.aar, fra: periode.fraOgMed, til: periode.tilOgMed, termin: aarlig ? 'aar' : String(periode.termin).padStart(2, '0') };
    if (levert === null) {
      if (!(meldingOverstyring.reaksjon ?? this.#prng.chance(0.7))) return;
      // No mva-melding: Skatteetaten assesses the term and the assessment falls due three weeks after notice.
      const varslet = nextWorkingDay(addDays(melding.frist, 45));
      this.#krav(`${betaling.id}:fastsetting`, varslet, {
        partId: this.#org,
        kravtype: 'fastsettingMva',
        beskrivelse: 'Merverdiavgift fastsetting',
        periode: kravPeriode,
        fastsettingsmaate: 'myndighetsfastsatt',
        forfall: [{ forfallsdato: fristDatoer(addDays(varslet, 21)).effective, beloepOere: toOere(Math.round(estimat * 1.25) * 100) }],
      }, kid(this.#org, kidKind.fastsetting, periode.aar, periode.termin ?? 0), overstyring.betaling);
      return;
    }
    const beloepOere = overstyring.beloepOere ?? toOere((this.#prng.chance(typisk.tilgodeMvaAndel) ? -Math.round(estimat * 0.4) : estimat) * 100);
    this.#krav(`${betaling.id}:krav`, levert, {
      partId: this.#org,
      kravtype: beloepOere < 0 ? 'tilgodeMva' : 'åBetaleMva',
      beskrivelse: 'Mva-melding',
      periode: kravPeriode,
      fastsettingsmaate: 'egenfastsatt',
      forfall: [{ forfallsdato: betaling.frist, beloepOere }],
    }, kid(this.#org, kidKind.mva, periode.aar, periode.termin ?? 0), overstyring.betaling);
  }

  #aMelding(o: Obligation): LocalDate | null {
    const overstyring = this.#overstyring(o.id);
    const levert = this.#lever(o, overstyring.levering ?? trekkLevering(this.#prng, this.#v.disiplin.levering), this.#org);
    if (levert === null && (overstyring.reaksjon ?? this.#prng.chance(0.6))) {
      // A missing a-melding draws a coercive fine, due three weeks after notice.
      const varslet = nextWorkingDay(addDays(o.frist, 30));
      const { aar, termin } = o.periode!;
      this.#krav(`${o.id}:tvangsmulkt`, varslet, {
        partId: this.#org,
        kravtype: 'tvangsmulkt',
        beskrivelse: `Tvangsmulkt a-melding ${termin}/${aar}`,
        periode: { beskrivelse: `a-melding ${termin}/${aar}`, aar, fra: o.periode!.fraOgMed, til: o.periode!.tilOgMed },
        fastsettingsmaate: 'myndighetsfastsatt',
        forfall: [{ forfallsdato: fristDatoer(addDays(varslet, 21)).effective, beloepOere: toOere(this.#prng.int(10, 50) * 100_00) }],
      }, kid(this.#org, kidKind.tvangsmulkt, aar, termin ?? 0), overstyring.betaling);
    }
    return levert;
  }

  /** AGA and forskuddstrekk of a term are known from the term's last a-melding, and due together. */
  #arbeidsgiveravgift(o: Obligation, sisteAmelding: Obligation, ameldinger: ReadonlyMap<number, LocalDate | null>): void {
    const overstyring = this.#overstyring(o.id);
    const { aar, termin } = o.periode!;
    const loennOere = overstyring.beloepOere ?? toOere(this.#kroner(typisk.loennTerminKroner[this.#form], 0.15) * 100);
    const levert = ameldinger.get(2 * termin!) ?? null;
    const bokfoert = levert ?? nextWorkingDay(addDays(sisteAmelding.frist, 1));
    const periode = { beskrivelse: terminTekst(aar, termin), aar, fra: o.periode!.fraOgMed, til: o.periode!.tilOgMed, termin: String(termin) };
    const betaling = overstyring.betaling ?? [];
    const parts = [
      { kravtype: 'arbeidsgiveravgift', tekst: 'Arbeidsgiveravgift', sats: typisk.arbeidsgiveravgiftSats, kind: kidKind.aga },
      { kravtype: 'forskuddstrekk', tekst: 'Forskuddstrekk', sats: typisk.forskuddstrekkSats, kind: kidKind.trekk },
    ];
    parts.forEach((part, index) => {
      this.#krav(`${o.id}:${part.kravtype}`, bokfoert, {
        partId: this.#org,
        kravtype: part.kravtype,
        beskrivelse: `${part.tekst} - ${aar}/${termin}`,
        periode,
        forfall: [{ forfallsdato: o.frist, beloepOere: toOere(Math.round((loennOere * part.sats) / 100) * 100) }],
      }, kid(this.#org, part.kind, aar, termin!), betaling[index] === undefined ? undefined : [betaling[index]!]);
    });
  }

  /** One claim per income year whose due items are the terms (the published UTSKR_FORSKSKATT). */
  #forskuddsskatt(aar: number, terminer: readonly Obligation[]): void {
    const overstyring = this.#overstyring(`forskuddsskatt-${aar}`);
    const personlig = this.#skattytertype === 'personlig';
    const aarOere = overstyring.beloepOere ?? toOere(this.#kroner(typisk.forskuddsskattAarKroner[this.#skattytertype], 0.1) * 100);
    const sorted = [...terminer].sort((a, b) => compareDates(a.frist, b.frist));
    const perTermin = Math.floor(aarOere / sorted.length / 100) * 100;
    const forfall = sorted.map((o, index) => ({
      forfallsdato: o.frist,
      beloepOere: toOere(index === 0 ? aarOere - perTermin * (sorted.length - 1) : perTermin),
    }));
    // Issued in January: personal taxpayers for the income year, others for the year before.
    const utskrevet = nextWorkingDay(makeDate(personlig ? aar : aar + 1, 1, 20));
    this.#krav(`forskuddsskatt-${aar}:krav`, utskrevet, {
      partId: this.#skattyter,
      kravtype: personlig ? 'utskrevetForskuddsskattPerson' : 'utskrevetForskuddsskatt',
      beskrivelse: `${personlig ? 'Utskrevet forskuddsskatt, person' : 'Utskrevet forskuddsskatt'} - ${aar}`,
      periode: { beskrivelse: `Inntektsår ${aar}`, aar },
      forfall,
    }, kid(this.#skattyter, kidKind.forskudd, aar, 0), overstyring.betaling);
  }

  /** The skattemelding, then the settlement: restskatt, money back, or nothing. */
  #skattemelding(o: Obligation): void {
    const overstyring = this.#overstyring(o.id);
    const levert = this.#lever(o, overstyring.levering ?? trekkLevering(this.#prng, this.#v.disiplin.levering), this.#skattyter);
    if (levert === null) return;
    const aar = o.periode!.aar;
    const personlig = this.#skattytertype === 'personlig';
    const utfall = overstyring.skatteoppgjoer ?? this.#prng.weighted(personlig ? { restskatt: 45, tilgode: 35, ingen: 20 } : { restskatt: 55, tilgode: 0, ingen: 45 });
    const tidligst = addDays(levert, 14);
    const normal = addDays(makeDate(aar + 1, 6, 20), this.#prng.int(0, 110));
    const skatteoppgjoerDato = nextWorkingDay(compareDates(tidligst, normal) > 0 ? tidligst : normal);
    const grunnlag = typisk.forskuddsskattAarKroner[this.#skattytertype];
    const periode = { beskrivelse: `Inntektsår ${aar}`, aar };
    if (utfall === 'restskatt') {
      const forfall = restskattForfall({ skatteoppgjoerDato, beloepOere: overstyring.beloepOere ?? toOere(this.#kroner(grunnlag * 0.2, 0.8) * 100), skattytertype: this.#skattytertype });
      if (forfall.length === 0) return;
      this.#krav(`skatteoppgjoer-${aar}:restskatt`, skatteoppgjoerDato, {
        partId: this.#skattyter,
        kravtype: personlig ? 'restskattPerson' : 'restskatt',
        beskrivelse: `${personlig ? 'Restskatt, person' : 'Restskatt'} - ${aar}`,
        periode,
        // As Skatteetaten's published RESTSKATT example: the settlement's amount has no assessment method of its own (decision 0164).
        fastsettingsmaate: 'blank',
        forfall: forfall.map((f) => ({ forfallsdato: f.effective, beloepOere: f.beloepOere })),
      }, kid(this.#skattyter, kidKind.restskatt, aar, 0), overstyring.betaling);
    } else if (utfall === 'tilgode') {
      const beloepOere = overstyring.beloepOere ?? toOere(-this.#kroner(grunnlag * 0.1, 0.8) * 100);
      this.#krav(`skatteoppgjoer-${aar}:tilgode`, skatteoppgjoerDato, {
        partId: this.#skattyter,
        kravtype: 'motpostForskuddOverskytendePerson',
        beskrivelse: `Skatt til gode - ${aar}`,
        periode,
        forfall: [{ forfallsdato: skatteoppgjoerDato, beloepOere }],
      }, null, undefined);
    }
  }

  /**
   * Books a claim (when it falls in the window) and plans its payments: a credit is set off by the
   * ledger at once and paid out by a daily run a few days later.
   */
  #krav(navn: string, bokfoert: LocalDate, input: Omit<KravInput, 'idempotencyKey' | 'bokfoertDato'>, kravKid: string | null, maater: readonly Betalingsmaate[] | undefined): void {
    if (!this.#inWindow(bokfoert)) return;
    const kreditt = input.forfall[0]!.beloepOere < 0;
    const forfall = input.forfall.map((f) => ({ ...f, kid: kreditt ? undefined : (kravKid ?? undefined) }));
    this.#push({ kind: 'krav', navn, dato: bokfoert, input: { ...input, forfall } });
    if (kreditt) {
      // The daily run pays a credit out once it is due.
      this.#oppgjoer(nextWorkingDay(addDays(maxDate(bokfoert, forfall[0]!.forfallsdato), this.#prng.int(1, 7))), false);
      return;
    }
    const kravgruppe = findKravtype(input.kravtype)!.kravgruppe;
    forfall.forEach((item, index) => this.#betal(`${navn}:betaling-${index + 1}`, input.partId, item, bokfoert, kravKid, kravgruppe, maater?.[index]));
  }

  #betal(navn: string, betaler: string, item: Forfall, bokfoert: LocalDate, kravKid: string | null, kravgruppe: string, fast: Betalingsmaate | undefined): void {
    let maate = fast ?? trekkBetaling(this.#prng, this.#v.disiplin.betaling);
    // Without a KID the money lands on the tax-collection account, so only its claims are paid that way.
    if (maate === 'utenKid' && (standardMottakerkonto(kravgruppe) !== skatteinnkrevingKonto() || kravKid === null)) maate = 'iTide';
    if (maate === 'ikke') return;
    const dato = betalingsdato(this.#prng, maate, item.forfallsdato, bokfoert);
    const kroner = item.beloepOere / 100;
    const beloepKroner = maate === 'delvis' ? Math.max(1, Math.round(kroner * (0.3 + 0.6 * this.#prng.float()))) : maate === 'forMye' ? Math.round(kroner * (1.05 + 0.55 * this.#prng.float())) : kroner;
    const utenKid = maate === 'utenKid';
    this.#push({
      kind: 'innbetaling',
      navn,
      dato,
      input: {
        partId: betaler,
        beloepOere: toOere(Math.round(beloepKroner * 100)),
        innbetalingsdato: dato,
        kid: utenKid ? undefined : (kravKid ?? undefined),
        melding: utenKid ? `Innbetaling ${this.#v.organisasjon.navn}` : undefined,
        betalerNavn: betaler === this.#org ? this.#v.organisasjon.navn : this.#v.eier!.navn,
        betalerKonto: this.#v.betalerKonto,
        mottakerkonto: standardMottakerkonto(kravgruppe),
      },
    });
    // Some who paid too much ask for the rest back; the others leave it for the next claim.
    if (maate === 'forMye' && this.#prng.chance(0.5)) this.#oppgjoer(nextWorkingDay(addDays(dato, this.#prng.int(5, 20))), true);
  }

  /** The daily run, and the bank confirming its payouts the next working day. */
  #oppgjoer(dato: LocalDate, refunderUplassert: boolean): void {
    this.#push({ kind: 'oppgjoer', navn: `oppgjoer-${dato}-${refunderUplassert ? 'refusjon' : 'standard'}`, dato, refunderUplassert });
    const bekreftet = nextWorkingDay(addDays(dato, 1));
    this.#push({ kind: 'bankbekreftelse', navn: `bankbekreftelse-${bekreftet}`, dato: bekreftet });
  }
}

/** The KID the planner gives a claim of a business: the demo names a claim by it before it is booked. */
export function planlagtKid(partId: string, kind: keyof typeof kidKind, aar: number, termin: number): string {
  return kid(partId, kidKind[kind], aar, termin);
}

/** A MOD11 KID naming one claim of one party (both of Skatteetaten's accounts use MOD11). */
function kid(partId: string, kind: string, aar: number, termin: number): string {
  return makeKid(`${partId}${kind}${String(aar % 100).padStart(2, '0')}${String(termin).padStart(2, '0')}`, 'MOD11');
}
