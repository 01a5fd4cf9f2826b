import { hentJson, medAar, virksomhetApi } from '../api';
import type {
  AarValgSvar,
  BetalteKravSvar,
  InnbetalingerSvar,
  KravOversiktSvar,
  UbetalteKravSvar,
  UtbetalingerSvar,
} from '../../../src/portal/api/reskontro-schemas';

/**
 * The ledger pages' data from /portal/api/virksomhet/{orgnr}. The types are the server's own
 * response schemas (src/portal/api/reskontro-schemas.ts), imported as types only.
 */
export type * from '../../../src/portal/api/reskontro-schemas';

export const hentKravOversikt = (orgnr: string) => hentJson<KravOversiktSvar>(virksomhetApi(orgnr, '/krav/oversikt'));
export const hentUbetalteKrav = (orgnr: string) => hentJson<UbetalteKravSvar>(virksomhetApi(orgnr, '/krav/ubetalte'));
export const hentBetalteKrav = (orgnr: string, aar?: number) => hentJson<BetalteKravSvar>(virksomhetApi(orgnr, medAar('/krav/betalte', aar)));
export const hentInnbetalinger = (orgnr: string, aar?: number) => hentJson<InnbetalingerSvar>(virksomhetApi(orgnr, medAar('/innbetalinger', aar)));
export const hentUtbetalinger = (orgnr: string, aar?: number) => hentJson<UtbetalingerSvar>(virksomhetApi(orgnr, medAar('/utbetalinger', aar)));
export const hentAarValg = (orgnr: string) => hentJson<AarValgSvar>(virksomhetApi(orgnr, '/krav/aar'));

export type Filformat = 'xlsx' | 'csv';

/** The download URL of the kontoutskrift (a plain link: the browser saves the attachment). */
export const kontoutskriftUrl = (orgnr: string, aar: number, format: Filformat) => `/portal/api${virksomhetApi(orgnr, `/kontoutskrift?aar=${aar}&format=${format}`)}`;
