import type { Kysely } from 'kysely';
import type { Representasjon } from '../../auth/index.js';
import type { Database } from '../../db/database.js';
import { aarene } from '../../domain/aarsvalg.js';
import { compareDates, type LocalDate } from '../../domain/dates.js';
import { buildPartView, type PartView, type PartViewQuery } from '../../ledger/index.js';
import type { AarValgSvar, BetalteKravSvar, InnbetalingerSvar, KravOversiktSvar, KravSide, UbetalteKravSvar, UtbetalingerSvar } from '../api/reskontro-schemas.js';
import { aarAv, aarForSide, aarsvalgForPart, alleAar } from './aar.js';
import { innbetalingSide, utbetalingSide } from './betalinger-side.js';
import { kravSide, type Leser } from './krav-side.js';
import { personvernFor } from './personvern.js';

/** One page's reading: the chosen business's view as of the business date. */
export interface SideKontekst {
  readonly db: Kysely<Database>;
  readonly idag: LocalDate;
  readonly representasjon: Representasjon;
}

export interface Lest {
  readonly view: PartView;
  readonly leser: Leser;
  readonly felles: { readonly dato: LocalDate; readonly personopplysningerSkjult: boolean };
}

/** The party view of the chosen business (an ENK's includes its owner, API spec §4.2). */
export async function lesPart(kontekst: SideKontekst, query: Omit<PartViewQuery, 'partId' | 'asOf'>): Promise<Lest> {
  const view = await buildPartView(kontekst.db, { partId: kontekst.representasjon.orgnr, asOf: kontekst.idag, ...query });
  const personvern = personvernFor(view, kontekst.representasjon);
  return { view, leser: { partId: view.partId, personvern }, felles: { dato: view.asOf, personopplysningerSkjult: personvern.skjult } };
}

/** Oversikt: the very `totalOversikt` sums of the API (the ledger's §7 summary), with their claim counts. */
export async function kravOversikt(kontekst: SideKontekst): Promise<KravOversiktSvar> {
  const { view, felles } = await lesPart(kontekst, { aapne: true });
  const total = view.aapne!.oversikt.total;
  return {
    ...felles,
    antallUbetalteKrav: view.aapne!.krav.filter((k) => k.gjenstaaendeOere > 0).length,
    forfalte: { antall: total.antallKravForfalt, beloepOere: total.sumForfalteKravOere },
    fremtidige: { antall: total.antallKravIkkeForfalt, beloepOere: total.sumIkkeForfalteKravOere },
    stipulerteRenterOere: total.sumStipulerteRenterOere,
    uplasserteInnbetalingerOere: total.sumUplasserteInnbetalingerOere,
    saldoOere: total.saldoOere,
  };
}

/** Ubetalte krav: open debit claims, the first due soonest; open credits apart. */
export async function ubetalteKrav(kontekst: SideKontekst): Promise<UbetalteKravSvar> {
  const { view, leser, felles } = await lesPart(kontekst, { aapne: true });
  const krav = view.aapne!.krav.map((k) => kravSide(k, leser));
  const forfallsdato = (k: KravSide) => k.nesteForfall!.forfallsdato as LocalDate;
  return {
    ...felles,
    krav: krav.filter((k) => k.gjenstaaendeOere > 0).sort((a, b) => compareDates(forfallsdato(a), forfallsdato(b))),
    tilGode: krav.filter((k) => k.gjenstaaendeOere < 0),
  };
}

/** Betalte krav for a year: debit claims settled in it (decision 0066), the latest first. */
export async function betalteKrav(kontekst: SideKontekst, spurt: number | undefined): Promise<BetalteKravSvar> {
  const { view, leser, felles } = await lesPart(kontekst, { kravOpprettet: alleAar(kontekst.idag) });
  const betaltDato = (k: KravSide) => k.betaltDato as LocalDate;
  const betalte = view
    .kravOpprettet!.filter((k) => k.opprinneligOere > 0)
    .map((k) => kravSide(k, leser))
    .filter((k) => k.betaltDato !== null);
  const aar = aarForSide(aarsvalgForPart(view), betalte.map(betaltDato), spurt);
  const krav = betalte.filter((k) => aarAv(betaltDato(k)) === aar.aar).sort((a, b) => compareDates(betaltDato(b), betaltDato(a)));
  return { ...felles, ...aar, krav };
}

/** Innbetalinger for a year, the latest first, each with what it covered. */
export async function innbetalinger(kontekst: SideKontekst, spurt: number | undefined): Promise<InnbetalingerSvar> {
  const { view, leser, felles } = await lesPart(kontekst, { innbetalt: alleAar(kontekst.idag) });
  const alle = view.innbetalinger!;
  const aar = aarForSide(aarsvalgForPart(view), alle.map((i) => i.innbetalingsdato), spurt);
  const aarets = alle.filter((i) => aarAv(i.innbetalingsdato) === aar.aar);
  return { ...felles, ...aar, innbetalinger: aarets.map((i) => innbetalingSide(i, leser)).reverse() };
}

/** Utbetalinger for a year, the latest first, each with the credits it settled. */
export async function utbetalinger(kontekst: SideKontekst, spurt: number | undefined): Promise<UtbetalingerSvar> {
  const { view, leser, felles } = await lesPart(kontekst, { utbetalt: alleAar(kontekst.idag) });
  const alle = view.utbetalinger!;
  const aar = aarForSide(aarsvalgForPart(view), alle.map((u) => u.utbetaltdato), spurt);
  const aarets = alle.filter((u) => aarAv(u.utbetaltdato) === aar.aar);
  return { ...felles, ...aar, utbetalinger: aarets.map((u) => utbetalingSide(u, leser)).reverse() };
}

/** The years the pickers offer, from the party's registration (no claims read): the kontoutskrift's. */
export async function aarValgFor(kontekst: SideKontekst): Promise<AarValgSvar> {
  const { view } = await lesPart(kontekst, {});
  const valg = aarsvalgForPart(view);
  return { dato: view.asOf, aar: valg.sisteAar, aarValg: aarene(valg) };
}
