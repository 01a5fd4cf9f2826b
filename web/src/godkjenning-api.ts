import { hentJson, sendJson } from './api';
import type { ApprovalKind } from '../../src/auth/altinn/approval-pages';
import type { Godkjenningsresultat, Godkjenningssvar } from '../../src/portal/api/godkjenning-schemas';

/** The approval pages' API (src/portal/api/godkjenning-routes.ts); types from its schemas. */
export type { Godkjenningsresultat, Godkjenningssvar } from '../../src/portal/api/godkjenning-schemas';

const forespoersel = (side: ApprovalKind, id: string) => `/godkjenning/${side}/${encodeURIComponent(id)}`;
export const hentForespoersel = (side: ApprovalKind, id: string) => hentJson<Godkjenningssvar>(forespoersel(side, id));
export const svarPaaForespoersel = (side: ApprovalKind, id: string, csrfToken: string, godkjenn: boolean) =>
  sendJson<Godkjenningsresultat>(`${forespoersel(side, id)}/${godkjenn ? 'godkjenn' : 'avvis'}`, csrfToken);
