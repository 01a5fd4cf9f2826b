import { hentJson } from '../api';
import type {
  AarValgSvar,
  BetalteKravSvar,
  InnbetalingerSvar,
  KravOversiktSvar,
  UbetalteKravSvar,
  UtbetalingerSvar,
} from '../../../src/portal/api/reskontro-schemas';

/**
 * The ledger pages' data from /portal/api. The types are the server's own response schemas
 * (src/portal/api/reskontro-schemas.ts), imported as types only, so the two cannot drift.
 */
export type * from '../../../src/portal/api/reskontro-schemas';

const medAar = (sti: string, aar: number | undefined) => (aar === undefined ? sti : `${sti}?aar=${aar}`);

export const hentKravOversikt = () => hentJson<KravOversiktSvar>('/krav/oversikt');
export const hentUbetalteKrav = () => hentJson<UbetalteKravSvar>('/krav/ubetalte');
export const hentBetalteKrav = (aar?: number) => hentJson<BetalteKravSvar>(medAar('/krav/betalte', aar));
export const hentInnbetalinger = (aar?: number) => hentJson<InnbetalingerSvar>(medAar('/innbetalinger', aar));
export const hentUtbetalinger = (aar?: number) => hentJson<UtbetalingerSvar>(medAar('/utbetalinger', aar));
export const hentAarValg = () => hentJson<AarValgSvar>('/krav/aar');

export type Filformat = 'xlsx' | 'csv';

/** The download URL of the kontoutskrift (a plain link: the browser saves the attachment). */
export const kontoutskriftUrl = (aar: number, format: Filformat) => `/portal/api/kontoutskrift?aar=${aar}&format=${format}`;
