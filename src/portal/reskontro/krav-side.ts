import { compareDates, type LocalDate } from '../../domain/dates.js';
import { formatKontonummer } from '../../domain/format.js';
import { formatIban } from '../../domain/iban.js';
import type { Kontonummer } from '../../domain/kontonummer.js';
import type { KravforfallRef, KravforfallView, KravView } from '../../ledger/index.js';
import type { Betalingsinformasjon, DekketKrav, Dekning, Forfall, KravSide } from '../api/reskontro-schemas.js';
import { periodeTekst } from './periode-tekst.js';
import type { Personvern } from './personvern.js';

/** Who the page is for: the chosen business, and what shielding lets it see. */
export interface Leser {
  readonly partId: string;
  readonly personvern: Personvern;
}

const fastsettingsmaateTekst: Readonly<Record<string, string | null>> = { egenfastsatt: 'Egenfastsatt', myndighetsfastsatt: 'Myndighetsfastsatt', blank: null };

/** "Egenfastsatt", "Myndighetsfastsatt", or nothing. */
export function fastsettingsmaate(kode: string | null): string | null {
  return kode === null ? null : (fastsettingsmaateTekst[kode] ?? kode);
}

/** A claim as the ledger pages show it: mapped from the view, nothing recomputed. */
export function kravSide(krav: KravView, leser: Leser): KravSide {
  const aapne = krav.forfall.filter((f) => f.gjenstaaendeOere !== 0);
  const neste = aapne[0];
  const konto = neste?.mottakerkonto ?? null;
  return {
    kravId: krav.kravId,
    beskrivelse: krav.beskrivelse,
    kravtypeTekst: krav.kravtypeTekst,
    kravgruppe: krav.kravgruppeTekst,
    periode: periodeTekst(krav.periode),
    gjelderInnehaver: krav.partId !== leser.partId,
    opprettetDato: krav.opprettetDato,
    fastsettingsmaate: fastsettingsmaate(krav.fastsettingsmaate),
    opprinneligOere: krav.opprinneligOere,
    gjenstaaendeOere: krav.gjenstaaendeOere,
    stipulerteRenterOere: krav.stipulerteRenterOere,
    forfalt: aapne.some((f) => f.forfalt),
    nesteForfall: neste ? { forfallsdato: neste.forfallsdato, nummer: neste.nummer, antallForfall: krav.antallForfall } : null,
    betaling: neste && krav.gjenstaaendeOere > 0 ? betalingsinformasjon(krav.gjenstaaendeOere, neste.kid, konto) : null,
    betaltDato: krav.gjenstaaendeOere === 0 ? sisteDekning(krav) : null,
    forfall: krav.forfall.map((f) => forfall(f, krav.antallForfall, leser)),
  };
}

/** Every Skatteetaten receiving account is printed alike: the name Min side gives them all. */
export const mottakerNavn = 'Skatteetaten';

/**
 * How to pay a claim, the same for every claim whichever of Skatteetaten's accounts it is paid
 * to: the account printed "7694 05 24802", the IBAN in groups of four, the BIC in its 11-character
 * form and one recipient name (the reference data writes them in different ways).
 */
export function betalingsinformasjon(beloepOere: number, kid: string | null, konto: KravforfallView['mottakerkonto']): Betalingsinformasjon {
  return {
    beloepOere,
    kid,
    kontonummer: konto ? formatKontonummer(konto.kontonummer as Kontonummer) : null,
    iban: konto?.iban ? formatIban(konto.iban) : null,
    swiftBic: konto?.swiftBic ? konto.swiftBic.padEnd(11, 'X') : null,
    kontoeiersNavn: konto ? mottakerNavn : null,
  };
}

/** The day the claim's last covering was placed: when it became settled. */
function sisteDekning(krav: KravView): LocalDate | null {
  const datoer = krav.forfall.flatMap((f) => [...f.plassertInnbetaling, ...f.plassertMotkrav, ...f.plassertUtbetaling].map((p) => p.plassertDato));
  return datoer.sort(compareDates).at(-1) ?? null;
}

function forfall(item: KravforfallView, antallForfall: number, leser: Leser): Forfall {
  return {
    kravforfallId: item.kravforfallId,
    nummer: item.nummer,
    antallForfall,
    forfallsdato: item.forfallsdato,
    forfalt: item.forfalt,
    opprinneligOere: item.opprinneligOere,
    gjenstaaendeOere: item.gjenstaaendeOere,
    kid: item.kid,
    dekninger: dekninger(item, leser),
    utsatt: item.utsettelse === null ? null : { grunn: item.utsettelse.grunn, tilOgMed: item.utsettelse.tilOgMed },
  };
}

/** What covered the item, oldest first: payments, set-offs and (on a credit) payouts. */
export function dekninger(item: KravforfallView, { personvern }: Leser): Dekning[] {
  const list: Dekning[] = [
    ...item.plassertInnbetaling.map(({ innbetaling, plassertOere }) => ({
      kilde: 'innbetaling' as const,
      beskrivelse: innbetaling.innbetalingstypeTekst,
      dato: innbetaling.innbetalingsdato,
      innbetaltOere: innbetaling.beloepOere,
      benyttetOere: plassertOere,
      konto: personvern.konto(innbetaling.betalerKonto),
    })),
    ...item.plassertMotkrav.map(({ motkrav, plassertOere, plassertDato }) => ({
      kilde: 'motregning' as const,
      beskrivelse: `Motregnet mot ${motkrav.beskrivelse} (${periodeTekst(motkrav.periode)})`,
      dato: plassertDato,
      innbetaltOere: null,
      benyttetOere: plassertOere,
      konto: null,
    })),
    ...item.plassertUtbetaling.map(({ utbetaling, plassertOere }) => ({
      kilde: 'utbetaling' as const,
      beskrivelse: 'Utbetalt',
      dato: utbetaling.utbetaltdato,
      innbetaltOere: utbetaling.beloepOere,
      benyttetOere: plassertOere,
      konto: personvern.konto(utbetaling.konto),
    })),
  ];
  return list.sort((a, b) => compareDates(a.dato as LocalDate, b.dato as LocalDate));
}

/** A due item seen from a payment or payout that covered it. */
export function dekketKrav(krav: KravforfallRef, beloepOere: number, dato: LocalDate): DekketKrav {
  return {
    kravId: krav.kravId,
    beskrivelse: krav.beskrivelse,
    periode: periodeTekst(krav.periode),
    forfallsdato: krav.forfallsdato,
    nummer: krav.nummer,
    antallForfall: krav.antallForfall,
    beloepOere,
    dato,
  };
}
