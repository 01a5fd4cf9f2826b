/**
 * A refused token request, as Maskinporten answers it: an RFC 6749 §5.2 body whose
 * `error_description` says in plain language which check failed and what to do, followed by the
 * MP code of Digdir's troubleshooting table (spec §3.7). Always HTTP 400.
 */
export type MpCode =
  | 'MP-011'
  | 'MP-012'
  | 'MP-100'
  | 'MP-110'
  | 'MP-121'
  | 'MP-123'
  | 'MP-124'
  | 'MP-130'
  | 'MP-200'
  | 'MP-251'
  | 'MP-301'
  | 'MP-302'
  | 'MP-303';

export type OAuthErrorCode =
  | 'invalid_request'
  | 'unsupported_grant_type'
  | 'invalid_grant'
  | 'invalid_scope'
  | 'invalid_authorization_details'
  | 'invalid_altinn_customer_configuration';

export class GrantError extends Error {
  override readonly name = 'GrantError';
  constructor(
    readonly error: OAuthErrorCode,
    readonly mpCode: MpCode,
    /** Plain language, no secrets: shown to the client and logged. */
    readonly reason: string,
  ) {
    super(`${reason} (${mpCode})`);
  }
}

export interface OAuthErrorBody {
  error: OAuthErrorCode;
  error_description: string;
}

export function oauthErrorBody(grantError: GrantError, correlationId: string): OAuthErrorBody {
  return { error: grantError.error, error_description: `${grantError.reason} (${grantError.mpCode}) korrelasjonsid: ${correlationId}` };
}

export const invalidRequest = (mpCode: MpCode, reason: string) => new GrantError('invalid_request', mpCode, reason);
export const invalidGrant = (mpCode: MpCode, reason: string) => new GrantError('invalid_grant', mpCode, reason);
