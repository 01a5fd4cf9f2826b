import { localDate } from '../../src/domain/dates.js';
import { toOere } from '../../src/domain/money.js';
import type { DebetPost } from '../../src/ledger/covering.js';
import type { KreditPost } from '../../src/ledger/motregning.js';

export const skatteinnkreving = '76940524802';
export const merverdiavgiftKonto = '76940518888';

/** An open debit item for the pure planners; kroner in, øre inside. */
export function debet(
  id: string,
  kroner: number,
  forfallsdato: string,
  options: Partial<Pick<DebetPost, 'nummer' | 'kravgruppe' | 'erForsinkelsesrente' | 'rentebaerende' | 'mottakerkonto' | 'utsatt'>> & { kravId?: string; opprettet?: string } = {},
): DebetPost {
  const erForsinkelsesrente = options.erForsinkelsesrente ?? false;
  return {
    ref: { kind: 'kravforfall', kravforfallId: id },
    kravId: options.kravId ?? `k${id}`,
    nummer: options.nummer ?? 1,
    forfallsdato: localDate(forfallsdato),
    kravOpprettetDato: localDate(options.opprettet ?? forfallsdato),
    kravgruppe: options.kravgruppe ?? 'skatt',
    mottakerkonto: options.mottakerkonto ?? skatteinnkreving,
    gjenstaaendeOere: toOere(Math.round(kroner * 100)),
    erForsinkelsesrente,
    rentebaerende: options.rentebaerende ?? !erForsinkelsesrente,
    utsatt: options.utsatt ?? false,
  };
}

export function kreditt(id: string, kroner: number, forfallsdato: string, opprettet = forfallsdato): KreditPost {
  return {
    kravforfallId: id,
    kravId: `k${id}`,
    nummer: 1,
    forfallsdato: localDate(forfallsdato),
    kravOpprettetDato: localDate(opprettet),
    gjenstaaendeOere: toOere(-Math.round(kroner * 100)),
  };
}
