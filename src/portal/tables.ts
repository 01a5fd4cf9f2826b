import type { ColumnType } from 'kysely';

/** A login in progress, found by the SHA-256 of the random value in the browser's binding cookie. */
export interface PortalInnloggingTable {
  binding_hash: string;
  state: string;
  nonce: string;
  code_verifier: string;
  utloeper_ms: number;
  /** The business to choose after login ("Logg inn som" on the Testdata page), if any. */
  valgt_orgnr: ColumnType<string | null, string | null | undefined, never>;
  /** The page on this host to return to after login (an approval page), if any. */
  tilbake_sti: ColumnType<string | null, string | null | undefined, never>;
}

/** A logged-in session, found by the SHA-256 of the session id in the cookie (never the id itself). */
export interface PortalSesjonTable {
  sesjon_hash: string;
  fnr: string;
  /** Kept for RP-initiated logout at the identity provider (`id_token_hint`). */
  id_token: string | null;
  opprettet_ms: number;
  sist_aktiv_ms: number;
  utloeper_ms: number;
}

export interface PortalTables {
  portal_innlogging: PortalInnloggingTable;
  portal_sesjon: PortalSesjonTable;
}
