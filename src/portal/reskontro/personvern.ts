import type { Representasjon } from '../../auth/index.js';
import { formatMaskertKontonummer } from '../../domain/format.js';
import type { PartView } from '../../ledger/index.js';

/**
 * What Min side shows of the people behind the figures (decision 0065). The view is the party's
 * own data, so claims, amounts, dates, KIDs and Skatteetaten's accounts are always shown. When
 * the party or the ENK's owner is shielded (skjermet) and the person logged in is not the owner,
 * names, the accounts money came from or went to, and free-text messages are held back, since
 * they may reveal where the shielded person lives or banks. Every account money came from or
 * went to, a payer's or the party's own payout account, is masked by one rule (decision 0103):
 * "**** ** 78903".
 */
export interface Personvern {
  readonly skjult: boolean;
  /** A payer's account or the account a payout went to: "**** ** 12345", or null when unknown or held back. */
  konto(kontonummer: string | null): string | null;
  /** A name or message, or null when held back. */
  tekst(tekst: string | null): string | null;
}

export function personvernFor(view: Pick<PartView, 'skjermet'>, representasjon: Pick<Representasjon, 'grunnlag'>): Personvern {
  const skjult = view.skjermet && !representasjon.grunnlag.includes('innehaver');
  return {
    skjult,
    konto: (kontonummer) => (skjult || kontonummer === null ? null : formatMaskertKontonummer(kontonummer)),
    tekst: (tekst) => (skjult ? null : tekst),
  };
}
