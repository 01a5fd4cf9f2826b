import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { readInnbetalingsfil, type BankfilFeil, type Innbetalingsfil } from '../bankfiler/index.js';
import type { Database } from '../db/database.js';
import type { LocalDate } from '../domain/dates.js';
import { bokfoerBanktransaksjon } from './banktransaksjon.js';
import { rapport, type Innbetalingsfilrapport, type Transaksjonsutfall } from './rapport.js';

/** What became of a delivered payment file. */
export type Mottak =
  /** Read and booked now. */
  | { readonly kind: 'bokfoert'; readonly rapport: Innbetalingsfilrapport }
  /** Delivered before: the report it got then; nothing booked now. */
  | { readonly kind: 'tidligereMottatt'; readonly rapport: Innbetalingsfilrapport }
  /** Not a file this system reads: nothing booked. */
  | { readonly kind: 'avvist'; readonly feil: BankfilFeil }
  /** Another file came before under the same identity: nothing booked. */
  | { readonly kind: 'identitetskonflikt'; readonly filidentitet: string };

/**
 * Takes a payment file (Nets OCR giro or camt.054, told from the content) and books each of its
 * transactions on the business date (decision 0171). A file that cannot be read is refused whole
 * before anything is booked; a file taken before answers with its report and books nothing, and
 * another file under a known identity is refused (decision 0170).
 * Each transaction books in its debtor group's own transaction, keyed by the file's identity and
 * its own, so a file taken again after a stop halfway books only what is missing.
 */
export async function mottaInnbetalingsfil(db: Kysely<Database>, input: { readonly innhold: string; readonly bokfoertDato: LocalDate }): Promise<Mottak> {
  const lesing = readInnbetalingsfil(input.innhold);
  if (!lesing.ok) return { kind: 'avvist', feil: lesing.feil };
  const fil = lesing.value;
  const digest = innholdDigest(fil);
  const tidligere = await lagretFil(db, fil.identitet);
  if (tidligere) return tidligere.digest === digest ? { kind: 'tidligereMottatt', rapport: tidligere.rapport } : { kind: 'identitetskonflikt', filidentitet: fil.identitet };

  const utfall: Transaksjonsutfall[] = [];
  for (const tx of fil.transaksjoner) utfall.push(await bokfoerBanktransaksjon(db, fil.identitet, tx, input.bokfoertDato));
  const ny = rapport(fil, input.bokfoertDato, utfall);
  const inserted = await db
    .insertInto('bankfil')
    .values({ identitet: fil.identitet, format: fil.format, innhold_sha256: digest, bokfoert_dato: input.bokfoertDato, rapport: JSON.stringify(ny) })
    .onConflict((oc) => oc.column('identitet').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { kind: 'bokfoert', rapport: ny };
  // The same file at the same moment in another process: its report is the one kept.
  const kept = (await lagretFil(db, fil.identitet))!;
  return kept.digest === digest ? { kind: 'tidligereMottatt', rapport: kept.rapport } : { kind: 'identitetskonflikt', filidentitet: fil.identitet };
}

/** The report a file got, by its identity. */
export async function innbetalingsfilrapport(db: Kysely<Database>, filidentitet: string): Promise<Innbetalingsfilrapport | undefined> {
  return (await lagretFil(db, filidentitet))?.rapport;
}

async function lagretFil(db: Kysely<Database>, identitet: string): Promise<{ digest: string; rapport: Innbetalingsfilrapport } | undefined> {
  const row = await db.selectFrom('bankfil').select(['innhold_sha256', 'rapport']).where('identitet', '=', identitet).executeTakeFirst();
  return row && { digest: row.innhold_sha256, rapport: row.rapport as Innbetalingsfilrapport };
}

/** What the file says, without where it says it: the same for a re-delivery laid out anew. */
function innholdDigest(fil: Innbetalingsfil): string {
  const content = fil.transaksjoner.map(({ sted: _sted, ...tx }) => tx);
  return createHash('sha256').update(JSON.stringify({ format: fil.format, transaksjoner: content })).digest('hex');
}
