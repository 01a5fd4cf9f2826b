import type { Representasjon } from '../../auth/index.js';
import { formatKontonummer, formatMaskertKontonummer } from '../../domain/format.js';
import type { Kontonummer } from '../../domain/kontonummer.js';
import type { PartView } from '../../ledger/index.js';

/**
 * What Min side shows of the people behind the figures (decision 0065). The view is the party's
 * own data, so claims, amounts, dates, KIDs and Skatteetaten's accounts are always shown. When
 * the party or the ENK's owner is shielded (skjermet) and the person logged in is not the owner,
 * names, the accounts money came from or went to, and free-text messages are held back, since
 * they may reveal where the shielded person lives or banks. A payer's account is always masked;
 * the party's own payout account is shown in full, as the API shows it (decision 0034).
 */
export interface Personvern {
  readonly skjult: boolean;
  /** A payer's account: "**** ** 12345", or null when unknown or held back. */
  betalerKonto(kontonummer: string | null): string | null;
  /** The party's own registered account a payout went to: "1234 56 12345", or null when held back. */
  egenKonto(kontonummer: string): string | null;
  /** A name or message, or null when held back. */
  tekst(tekst: string | null): string | null;
}

export function personvernFor(view: Pick<PartView, 'skjermet'>, representasjon: Pick<Representasjon, 'grunnlag'>): Personvern {
  const skjult = view.skjermet && !representasjon.grunnlag.includes('innehaver');
  return {
    skjult,
    betalerKonto: (kontonummer) => (skjult || kontonummer === null ? null : formatMaskertKontonummer(kontonummer)),
    egenKonto: (kontonummer) => (skjult ? null : formatKontonummer(kontonummer as Kontonummer)),
    tekst: (tekst) => (skjult ? null : tekst),
  };
}
