import type { ColumnType } from 'kysely';

/** jsonb: written as JSON text, read back as the parsed value. */
type Json<T> = ColumnType<T, string, string>;

/** Everything the built-in identity provider keeps; `model` is oidc-provider's model name. */
export interface IdportenOidcTable {
  model: string;
  id: string;
  payload: Json<Record<string, unknown>>;
  grant_id: string | null;
  user_code: string | null;
  uid: string | null;
  expires_at_ms: number | null;
  consumed_at_ms: number | null;
}

/** Named secrets of the identity provider (signing key, cookie keys, pairwise salt, client secret). */
export interface IdportenNoekkelTable {
  navn: string;
  verdi: Json<unknown>;
  opprettet_ms: number;
}

export interface IdportenTables {
  idporten_oidc: IdportenOidcTable;
  idporten_noekkel: IdportenNoekkelTable;
}
