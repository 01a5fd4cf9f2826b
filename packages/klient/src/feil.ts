/**
 * An error answer from Krav og betalinger (KB-…), the Kalendertjeneste (KAL-…) or the Frister API
 * (FRI-…): the shared body `{kode, melding, korrelasjonsid}` with the HTTP status.
 */
export class ApiFeil extends Error {
  override readonly name = 'ApiFeil';
  constructor(
    readonly status: number,
    readonly kode: string,
    readonly melding: string,
    readonly korrelasjonsid: string,
  ) {
    super(`${kode}: ${melding} (korrelasjonsid ${korrelasjonsid})`);
  }
}

/** Maskinporten refused the grant (its `error` and `error_description`). */
export class TokenFeil extends Error {
  override readonly name = 'TokenFeil';
  constructor(
    readonly status: number,
    readonly error: string,
    readonly beskrivelse: string,
  ) {
    super(`${error}: ${beskrivelse}`);
  }
}

export async function apiFeilFra(response: Response, korrelasjonsid: string): Promise<ApiFeil> {
  const body = (await response.json().catch(() => ({}))) as { kode?: unknown; melding?: unknown; korrelasjonsid?: unknown };
  return new ApiFeil(
    response.status,
    typeof body.kode === 'string' ? body.kode : `HTTP-${response.status}`,
    typeof body.melding === 'string' ? body.melding : response.statusText,
    typeof body.korrelasjonsid === 'string' ? body.korrelasjonsid : (response.headers.get('korrelasjonsid') ?? korrelasjonsid),
  );
}
