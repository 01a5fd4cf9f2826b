import type { LocalDate } from '../domain/dates.js';
import type { Oere } from '../domain/money.js';
import type { Plasseringsgrunnlag } from './allocation.js';
import type { GruppeKravforfall } from './bokfoering.js';

/**
 * What the commands report back (and store under the idempotency key): plain JSON, ids and øre,
 * enough for `kob innbetal` to tell a user where the money went without another query.
 */
export interface DekketPost {
  readonly kravforfallId: string;
  readonly kravId: string;
  readonly partId: string;
  readonly kravtype: string;
  readonly beskrivelse: string;
  /** Instalment number and count, for "(1 av 4)". */
  readonly nummer: number;
  readonly antallForfall: number;
  readonly forfallsdato: LocalDate;
  /** What remains of the item after this command (signed: negative for a credit). */
  readonly gjenstaaendeOere: Oere;
}

export interface Plassering extends DekketPost {
  readonly innbetalingId: string;
  readonly plassertOere: Oere;
  readonly grunnlag: Plasseringsgrunnlag;
}

export interface Motregning {
  readonly beloepOere: Oere;
  /** The credit item used. */
  readonly kreditt: DekketPost;
  /** The debit item covered. */
  readonly debet: DekketPost;
}

export interface RenteKrav {
  readonly kravId: string;
  readonly kravforfallId: string;
  readonly partId: string;
  readonly hovedstolKravId: string;
  readonly kravtype: string;
  readonly kravgruppe: string;
  readonly beskrivelse: string;
  readonly beloepOere: Oere;
  readonly forfallsdato: LocalDate;
}

export function dekketPost(item: GruppeKravforfall): DekketPost {
  return {
    kravforfallId: item.kravforfallId,
    kravId: item.kravId,
    partId: item.partId,
    kravtype: item.kravtype,
    beskrivelse: item.beskrivelse,
    nummer: item.nummer,
    antallForfall: item.antallForfall,
    forfallsdato: item.forfallsdato,
    gjenstaaendeOere: item.gjenstaaendeOere,
  };
}
