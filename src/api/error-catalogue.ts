/**
 * The one error mechanism of every API surface (Krav og betalinger `KB-`, Kalendertjeneste `KAL-`,
 * Frister API `FRI-`): each surface defines its catalogue of codes with `defineErrorCatalogue`,
 * throws `ApiError`s made from it, and renders them with `sendApiError` (error-reply.ts) as
 * `{kode, melding, korrelasjonsid}`. Nothing else invents error bodies; each surface's
 * `errors.test.ts` walks its catalogue so no code goes untested.
 */
export type ErrorHttpStatus = 400 | 401 | 403 | 404 | 406 | 409 | 413 | 415 | 500;

export interface CatalogueEntry {
  readonly httpStatus: ErrorHttpStatus;
  /** What the code means (Norwegian, shown in the OpenAPI document). */
  readonly beskrivelse: string;
  /** The same in English, for readers of the code and logs. */
  readonly description: string;
}

/**
 * A catalogued error: thrown anywhere in a surface, rendered by its error handler with the
 * catalogue's status. `melding` is shown to the caller, so it names the field at fault and never
 * carries internals.
 */
export class ApiError<Code extends string = string> extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly kode: Code,
    readonly melding: string,
    readonly httpStatus: ErrorHttpStatus,
  ) {
    super(`${kode}: ${melding}`);
  }
}

export interface ErrorCatalogue<Code extends string> {
  readonly entries: Readonly<Record<Code, CatalogueEntry>>;
  /** Every code, in catalogue order. */
  readonly codes: readonly Code[];
  /** An error with this code and melding, carrying the code's HTTP status. */
  error(kode: Code, melding: string): ApiError<Code>;
}

export function defineErrorCatalogue<Code extends string>(entries: Readonly<Record<Code, CatalogueEntry>>): ErrorCatalogue<Code> {
  const frozen = Object.freeze({ ...entries });
  return Object.freeze({
    entries: frozen,
    codes: Object.freeze(Object.keys(frozen) as Code[]),
    error: (kode: Code, melding: string) => new ApiError(kode, melding, frozen[kode].httpStatus),
  });
}

/** Values from the request echoed in a melding are cut short: they are the caller's input. */
export function echo(value: string): string {
  return value.length <= 120 ? value : `${value.slice(0, 120)}…`;
}

/** A melding is a sentence and ends with a full stop, also when it ends with a reason in parentheses. */
export function sentence(text: string): string {
  return text.endsWith('.') ? text : `${text}.`;
}

/** The meldinger every surface gives for its own failures (x-001) and its back end's (x-002). */
export const commonMeldinger = Object.freeze({
  internal: 'Det oppstod en uventet feil i tjenesten. Oppgi korrelasjonsid hvis du kontakter Skatteetaten.',
  backend: 'Det oppstod en uventet feil i et bakenforliggende system. Prøv igjen senere, og oppgi korrelasjonsid hvis feilen vedvarer.',
});
