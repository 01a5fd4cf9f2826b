import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { isValidPersonId } from '../domain/foedselsnummer.js';
import { isValidOrganisasjonsnummer } from '../domain/organisasjonsnummer.js';

/** How a payment from a bank file was tied to a party (decision 0173). */
export interface Innbetaler {
  readonly partId: string;
  /** `kid`: a claim carries the payment's KID; `melding`: the free text names the party's number. */
  readonly grunnlag: 'kid' | 'melding';
}

/**
 * Whom a payment belongs to, from what the bank file says: the party of the claim its KID names
 * (any claim, open or settled: an overpayment is still that party's money), else the first
 * organisasjonsnummer or fødselsnummer in its free text (check digits valid) that is a known party.
 * `undefined` when neither: an unidentified payment.
 */
export async function finnInnbetaler(db: Kysely<Database>, betaling: { readonly kid?: string | undefined; readonly melding?: string | undefined }): Promise<Innbetaler | undefined> {
  if (betaling.kid !== undefined) {
    const row = await db
      .selectFrom('kravforfall as f')
      .innerJoin('krav as k', 'k.krav_id', 'f.krav_id')
      .select('k.part_id')
      .where('f.kid', '=', betaling.kid)
      .orderBy('f.kravforfall_id')
      .limit(1)
      .executeTakeFirst();
    if (row) return { partId: row.part_id, grunnlag: 'kid' };
  }
  const named = identifikatorerI(betaling.melding ?? '');
  if (named.length === 0) return undefined;
  const known = new Set((await db.selectFrom('part').select('part_id').where('part_id', 'in', named).execute()).map((row) => row.part_id));
  const partId = named.find((id) => known.has(id));
  return partId === undefined ? undefined : { partId, grunnlag: 'melding' };
}

/** The organisation and person numbers a text names, in order: runs of exactly 9 or 11 digits with valid check digits. */
function identifikatorerI(tekst: string): string[] {
  const runs = tekst.match(/(?<!\d)(\d{11}|\d{9})(?!\d)/g) ?? [];
  return [...new Set(runs.filter((run) => isValidOrganisasjonsnummer(run) || isValidPersonId(run)))];
}
