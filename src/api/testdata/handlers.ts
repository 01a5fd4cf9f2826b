import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { approvedSystemUserForClient, type AltinnContext, type VerifiedAccessToken } from '../../auth/index.js';
import { lagUtbetalingsfil, mottaInnbetalingsfil, type Innbetalingsfilrapport, type Mottak } from '../../bank/index.js';
import type { Database } from '../../db/database.js';
import { dateParts, type LocalDate } from '../../domain/dates.js';
import { sumOere, toOere, type Oere } from '../../domain/money.js';
import {
  apiKravtype,
  bokfoerInnbetaling,
  bokfoerKrav,
  finnInnbetaler,
  kjoerOppgjoer,
  kravtypeFraNavn,
  registrerUidentifisertInnbetaling,
  standardMottakerkonto,
  tildelUidentifisertInnbetaling,
  uidentifiserteInnbetalinger,
  type InnbetalingResultat,
  type Utfall,
} from '../../ledger/index.js';
import { nyTestvirksomhet } from '../../testdata/index.js';
import { exactOere } from '../kroner.js';
import { tdErrors } from './errors.js';
import type { Bankfilrapport, Innbetaling, NyInnbetaling, NyttKrav, NyVirksomhet, Oppgjoer, Virksomhet } from './schemas.js';

/**
 * What each route of the test-support API does, from its validated body to its answer: the
 * ledger's, the bank layer's and synthetic Norway's own functions, nothing of their own. Money
 * crosses as kroner at the edge and øre inside.
 */
export interface TestdataContext {
  readonly db: Kysely<Database>;
  readonly altinn: AltinnContext;
}

const kroner = (oere: number): number => oere / 100;
const oere = (value: number): Oere => toOere(exactOere(value)!);

export async function nyVirksomhet(ctx: TestdataContext, body: NyVirksomhet, token: VerifiedAccessToken, idag: LocalDate): Promise<Virksomhet> {
  const virksomhet = await nyTestvirksomhet(ctx.db, { organisasjonsform: body.organisasjonsform, navn: body.navn, mvaTermintype: body.mvaTermintype, registrertDato: idag });
  if (body.systembruker !== true) return { ...virksomhet, personer: [...virksomhet.personer] };
  const systembruker = await approvedSystemUserForClient(ctx.altinn, { clientId: token.clientId, vendorOrgnr: token.consumerOrgnr, partyOrgnr: virksomhet.organisasjonsnummer, partyName: virksomhet.navn });
  return { ...virksomhet, personer: [...virksomhet.personer], systembruker: { systemId: systembruker.systemId, systembrukerId: systembruker.systemUserId } };
}

export async function nyttKrav(ctx: TestdataContext, body: NyttKrav, idag: LocalDate, idempotencyKey: string | undefined) {
  const kravtype = kravtypeFraNavn(body.kravtype);
  if (kravtype === undefined) throw tdErrors.invalidInput(`kravtype ${body.kravtype} finnes verken som API-ets kravtype eller i kodelisten`);
  const beloepOere = oere(body.beloep);
  if (beloepOere === 0) throw tdErrors.invalidInput('beloep kan ikke være 0');
  const aar = body.periode?.aar ?? dateParts(body.forfallsdato as LocalDate).year;
  const termin = body.periode?.termin;
  const krav = await bokfoerKrav(ctx.db, {
    idempotencyKey: idempotencyKey ?? `testdata-krav:${randomUUID()}`,
    bokfoertDato: idag,
    partId: body.partIdentifikator,
    kravtype: kravtype.kode,
    periode: { beskrivelse: body.periode?.beskrivelse ?? (termin === undefined ? 'Inntektsår' : 'Termin'), aar, termin },
    forfall: [{ forfallsdato: body.forfallsdato as LocalDate, beloepOere }],
  });
  const forfall = krav.forfall[0]!;
  return {
    kravidentifikator: krav.kravId,
    kravtype: apiKravtype(krav.kravtype),
    beloep: kroner(forfall.beloepOere),
    forfallsdato: forfall.forfallsdato,
    kidnummer: forfall.kid ?? undefined,
    kontonummer: standardMottakerkonto(krav.kravgruppe),
  };
}

/**
 * A payment as a bank would bring it: on the party named, else on the party of the claim its KID
 * names; with neither, kept as an unidentified payment (as from a bank file).
 */
export async function nyInnbetaling(ctx: TestdataContext, body: NyInnbetaling, idag: LocalDate, idempotencyKey: string | undefined): Promise<Innbetaling> {
  if (body.kidnummer === undefined && body.partIdentifikator === undefined) throw tdErrors.invalidInput('Oppgi kidnummer, partIdentifikator eller begge');
  const betaling = {
    idempotencyKey: idempotencyKey ?? `testdata-innbetaling:${randomUUID()}`,
    bokfoertDato: idag,
    beloepOere: oere(body.beloep),
    innbetalingsdato: body.dato as LocalDate | undefined,
    kid: body.kidnummer,
    melding: body.melding,
  };
  const partId = body.partIdentifikator ?? (await finnInnbetaler(ctx.db, { kid: body.kidnummer }))?.partId;
  if (partId === undefined) {
    const kept = await registrerUidentifisertInnbetaling(ctx.db, betaling);
    return { uidentifisertId: kept.uidentifisertId, beloep: kroner(kept.beloepOere), innbetalingsdato: kept.innbetalingsdato, plasseringer: [], renter: [], uplassert: 0 };
  }
  return innbetalingSvar(await bokfoerInnbetaling(ctx.db, { ...betaling, partId }));
}

export function innbetalingSvar(resultat: Utfall<InnbetalingResultat>): Innbetaling {
  return {
    innbetalingId: resultat.innbetalingId,
    partIdentifikator: resultat.partId,
    beloep: kroner(resultat.beloepOere),
    innbetalingsdato: resultat.innbetalingsdato,
    plasseringer: resultat.plasseringer.map((p) => ({ kravidentifikator: p.kravId, beskrivelse: p.beskrivelse, forfallsdato: p.forfallsdato, beloep: kroner(p.plassertOere), gjenstaaende: kroner(p.gjenstaaendeOere) })),
    renter: resultat.renteKrav.map((r) => ({ kravidentifikator: r.kravId, hovedstolKravidentifikator: r.hovedstolKravId, beloep: kroner(r.beloepOere) })),
    uplassert: kroner(resultat.uplassertOere),
  };
}

/** A bank file in: 201 booked now, 200 delivered before (its report then), or the refusal. */
export async function innbetalingsfil(ctx: TestdataContext, innhold: string, idag: LocalDate): Promise<{ readonly status: 200 | 201; readonly rapport: Bankfilrapport }> {
  const mottak: Mottak = await mottaInnbetalingsfil(ctx.db, { innhold, bokfoertDato: idag });
  switch (mottak.kind) {
    case 'avvist':
      throw tdErrors.unreadableFile(mottak.feil);
    case 'identitetskonflikt':
      throw tdErrors.conflict(`En annen fil med identiteten ${mottak.filidentitet} er allerede mottatt; ingenting er bokført`);
    case 'tidligereMottatt':
      return { status: 200, rapport: rapportSvar(mottak.rapport) };
    case 'bokfoert':
      return { status: 201, rapport: rapportSvar(mottak.rapport) };
  }
}

function rapportSvar(rapport: Innbetalingsfilrapport): Bankfilrapport {
  return {
    filidentitet: rapport.filidentitet,
    format: rapport.format,
    bokfoeringsdato: rapport.bokfoertDato,
    antallTransaksjoner: rapport.antallTransaksjoner,
    bokfoertBeloep: kroner(rapport.bokfoertOere),
    plassertBeloep: kroner(rapport.plassertOere),
    uplassertBeloep: kroner(rapport.uplassertOere),
    uidentifisertBeloep: kroner(rapport.uidentifisertOere),
    antallUtbetalingerBekreftet: rapport.antallUtbetalingerBekreftet,
    antallUtbetalingerReturnert: rapport.antallUtbetalingerReturnert,
    antallAvvist: rapport.antallAvvist,
    transaksjoner: rapport.transaksjoner.map((t) => ({
      identitet: t.identitet,
      sted: t.sted,
      art: t.art,
      beloep: kroner(t.beloepOere),
      kidnummer: t.kid,
      utfall: t.utfall,
      partIdentifikator: 'partId' in t ? t.partId : undefined,
      innbetalingId: t.utfall === 'innbetaling' ? t.innbetalingId : undefined,
      uidentifisertId: t.utfall === 'uidentifisert' ? t.uidentifisertId : undefined,
      utbetalingId: 'utbetalingId' in t ? t.utbetalingId : undefined,
      plassert: t.utfall === 'innbetaling' ? kroner(t.plassertOere) : undefined,
      uplassert: t.utfall === 'innbetaling' ? kroner(t.uplassertOere) : undefined,
      grunn: t.utfall === 'avvist' ? t.grunn : undefined,
    })),
  };
}

export async function oppgjoer(ctx: TestdataContext, body: Oppgjoer, idag: LocalDate) {
  const dato = (body.dato as LocalDate | undefined) ?? idag;
  const runs = await kjoerOppgjoer(ctx.db, { bokfoertDato: dato, refunderUplassert: body.refunderUplassert ?? false });
  return {
    dato,
    antallSkyldnergrupper: runs.length,
    motregnet: kroner(sumOere(runs.flatMap((run) => run.motregninger.map((m) => m.beloepOere)))),
    utbetalinger: runs.flatMap((run) =>
      run.utbetalinger.map((u) => ({ utbetalingId: u.utbetalingId, partIdentifikator: u.partId, beloep: kroner(u.beloepOere), konto: u.konto, melding: u.melding, utbetalingstatus: 'underUtbetaling' })),
    ),
    ikkeUtbetalt: runs.flatMap((run) => run.ikkeUtbetalt.map((i) => ({ partIdentifikator: i.partId, beloep: kroner(i.beloepOere), grunn: i.grunn }))),
  };
}

export async function utbetalingsfil(ctx: TestdataContext, dato: LocalDate): Promise<string> {
  const fil = await lagUtbetalingsfil(ctx.db, dato);
  if (fil === undefined) throw tdErrors.noPayouts(dato);
  return fil.xml;
}

export async function uidentifiserte(ctx: TestdataContext) {
  const liste = await uidentifiserteInnbetalinger(ctx.db);
  return {
    uidentifiserte: liste.map((u) => ({
      uidentifisertId: u.uidentifisertId,
      beloep: kroner(u.beloepOere),
      innbetalingsdato: u.innbetalingsdato,
      bokfoeringsdato: u.bokfoertDato,
      kidnummer: u.kid ?? undefined,
      melding: u.melding ?? undefined,
      betalerNavn: u.betalerNavn ?? undefined,
      betalerKonto: u.betalerKonto ?? undefined,
      mottakerkonto: u.mottakerkonto,
    })),
  };
}

export async function tildel(ctx: TestdataContext, uidentifisertId: string, partIdentifikator: string, idag: LocalDate): Promise<Innbetaling> {
  return innbetalingSvar(await tildelUidentifisertInnbetaling(ctx.db, { bokfoertDato: idag, uidentifisertId, partId: partIdentifikator }));
}
