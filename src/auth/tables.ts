import type { JWK } from 'jose';
import type { ColumnType } from 'kysely';

/**
 * Row types of the access-control tables (migration 0002-auth). jsonb columns are written as
 * JSON text (`toJson`) because `pg` would turn a JS array into a PostgreSQL array literal.
 */
type Json<T> = ColumnType<T, string, string>;
type Timestamp = ColumnType<Date, Date, Date>;
type TimestampOptional = ColumnType<Date | null, Date | null | undefined, Date | null>;

export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

export type SigningKeyPurpose = 'maskinporten' | 'altinn';
/** A JSON Web Key as stored (public or private). */
export type StoredJwk = JWK;

export interface SigningKeyTable {
  kid: string;
  purpose: SigningKeyPurpose;
  alg: 'RS256';
  private_jwk: Json<StoredJwk>;
  public_jwk: Json<StoredJwk>;
  created_at: Timestamp;
  retired_at: TimestampOptional;
}

export interface ClientTable {
  client_id: string;
  org: string;
  name: string;
  scopes: Json<string[]>;
  created_at: Timestamp;
}

export interface ClientKeyTable {
  client_id: string;
  kid: string;
  public_jwk: Json<StoredJwk>;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface GrantJtiTable {
  client_id: string;
  jti: string;
  expires_at: Timestamp;
}

export interface AltinnOrganizationTable {
  orgnr: string;
  name: string;
  party_uuid: string;
}

export type ErRole = 'regnskapsforer' | 'revisor' | 'forretningsforer';

export interface AltinnErRoleTable {
  client_orgnr: string;
  role: ErRole;
  holder_orgnr: string;
}

/** `{ "resource": [{ "id": "urn:altinn:resource", "value": "ske-krav-og-betalinger" }] }` */
export interface Right {
  resource: { id: string; value: string }[];
}
/** `{ "urn": "urn:altinn:accesspackage:krav-og-utlegg" }` */
export interface AccessPackageRef {
  urn: string;
}
export type LocalizedText = Record<string, string>;

export interface AltinnSystemTable {
  system_id: string;
  internal_id: string;
  vendor_orgnr: string;
  name: Json<LocalizedText>;
  description: Json<LocalizedText>;
  rights: Json<Right[]>;
  access_packages: Json<AccessPackageRef[]>;
  allowed_redirect_urls: Json<string[]>;
  is_visible: boolean;
  is_deleted: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AltinnSystemClientTable {
  client_id: string;
  system_id: string;
}

export type SystemUserType = 'standard' | 'agent';

export interface AltinnSystemUserTable {
  id: string;
  system_id: string;
  owner_orgnr: string;
  external_ref: string;
  integration_title: string;
  user_type: SystemUserType;
  rights: Json<Right[]>;
  access_packages: Json<AccessPackageRef[]>;
  is_deleted: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  deleted_at: TimestampOptional;
}

export type RequestStatus = 'New' | 'Accepted' | 'Rejected' | 'Denied' | 'Timedout';
export type ChangeRequestStatus = RequestStatus | 'NoChangeNeeded';

export interface AltinnRequestTable {
  id: string;
  user_type: SystemUserType;
  system_id: string;
  party_orgnr: string;
  external_ref: string;
  integration_title: string | null;
  rights: Json<Right[]>;
  access_packages: Json<AccessPackageRef[]>;
  redirect_url: string | null;
  status: RequestStatus;
  escalated: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  timeout_at: Timestamp;
  decided_at: TimestampOptional;
  system_user_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AltinnChangeRequestTable {
  id: string;
  system_user_id: string;
  required_rights: Json<Right[]>;
  unwanted_rights: Json<Right[]>;
  required_access_packages: Json<AccessPackageRef[]>;
  unwanted_access_packages: Json<AccessPackageRef[]>;
  redirect_url: string | null;
  status: ChangeRequestStatus;
  created_at: Timestamp;
  timeout_at: Timestamp;
  decided_at: TimestampOptional;
}

export interface AltinnClientDelegationTable {
  system_user_id: string;
  client_orgnr: string;
  created_at: Timestamp;
}

export type ConsentStatus = 'Created' | 'Accepted' | 'Rejected' | 'Revoked';

/** Altinn 3: `{ "action": ["consent"], "resource": [{ "type": "urn:altinn:resource", "value": "…" }] }`. */
export interface ConsentRight {
  action: string[];
  resource: { type: string; value: string }[];
  metadata?: Record<string, string>;
}

export interface AltinnConsentTable {
  id: string;
  generation: 2 | 3;
  from_party: string;
  to_orgnr: string;
  valid_to: Timestamp;
  consent_rights: Json<ConsentRight[]>;
  redirect_url: string | null;
  status: ConsentStatus;
  created_at: Timestamp;
  consented_at: TimestampOptional;
  revoked_at: TimestampOptional;
}

export type ChangeAction =
  | 'request.approved'
  | 'request.rejected'
  | 'change_request.approved'
  | 'change_request.rejected'
  | 'system_user.created'
  | 'system_user.deleted'
  | 'client.added'
  | 'client.removed'
  | 'consent.accepted'
  | 'consent.rejected'
  | 'consent.revoked';

/** One change of a party's access (migration 0005): append-only. */
export interface AltinnChangeLogTable {
  id: ColumnType<number, never, never>;
  at: ColumnType<Date, Date, never>;
  party: ColumnType<string, string, never>;
  action: ColumnType<ChangeAction, ChangeAction, never>;
  object_id: ColumnType<string, string, never>;
  actor_kind: ColumnType<'person' | 'client' | 'seed', 'person' | 'client' | 'seed', never>;
  actor_id: ColumnType<string, string, never>;
  actor_name: ColumnType<string | null, string | null, never>;
}

export interface AuthTables {
  auth_signing_key: SigningKeyTable;
  auth_client: ClientTable;
  auth_client_key: ClientKeyTable;
  auth_grant_jti: GrantJtiTable;
  altinn_organization: AltinnOrganizationTable;
  altinn_er_role: AltinnErRoleTable;
  altinn_system: AltinnSystemTable;
  altinn_system_client: AltinnSystemClientTable;
  altinn_system_user: AltinnSystemUserTable;
  altinn_request: AltinnRequestTable;
  altinn_change_request: AltinnChangeRequestTable;
  altinn_client_delegation: AltinnClientDelegationTable;
  altinn_consent: AltinnConsentTable;
  altinn_change_log: AltinnChangeLogTable;
}
