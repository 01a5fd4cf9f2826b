/**
 * Input the ledger refuses. Every refusal has a stable code and a Norwegian sentence a user can
 * act on; a broken invariant is an `InvariantError` instead (a bug, never the caller's fault).
 * `userFacing` tells the CLI to print the message on one line without a stack trace.
 */
export type LedgerErrorCode =
  | 'ukjentPart'
  | 'ugyldigPart'
  | 'ugyldigBeloep'
  | 'ugyldigDato'
  | 'ugyldigKid'
  | 'ugyldigKrav'
  | 'ugyldigKonto'
  | 'ugyldigTekst'
  | 'ugyldigNoekkel'
  | 'ukjentKravtype'
  | 'ukjentUtbetaling'
  | 'utbetalingStatus'
  | 'ukjentUidentifisert'
  | 'alleredeTildelt'
  | 'tilbakedatert'
  | 'idempotensKonflikt';

export class LedgerInputError extends Error {
  override readonly name: string = 'LedgerInputError';
  readonly userFacing = true;
  constructor(
    readonly code: LedgerErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The same idempotency key was sent with a different request (TigerBeetle's `exists_with_different_*`). */
export class IdempotencyConflictError extends LedgerInputError {
  override readonly name = 'IdempotencyConflictError';
  constructor(readonly idempotencyKey: string) {
    super('idempotensKonflikt', `Idempotensnøkkelen "${idempotencyKey}" er allerede brukt for en annen forespørsel`);
  }
}
