import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { KidAlgorithm } from '../domain/kid.js';

/** Skatteetaten's receiving accounts: reference data seeded by migration, never changed while the ledger runs. */
export interface MottakerkontoInfo {
  readonly kontonummer: string;
  readonly kontoeiersNavn: string;
  readonly iban: string;
  readonly swiftBic: string;
  readonly bankinformasjon: string | null;
  readonly kidAlgoritme: KidAlgorithm;
}

export type Mottakerkontoer = ReadonlyMap<string, MottakerkontoInfo>;

const loaded = new WeakMap<Kysely<Database>, Promise<Mottakerkontoer>>();

/** The accounts, read once per database handle (a transaction reads them again: three rows). */
export function mottakerkontoer(db: Kysely<Database>): Promise<Mottakerkontoer> {
  let accounts = loaded.get(db);
  if (accounts === undefined) {
    accounts = load(db);
    loaded.set(db, accounts);
    accounts.catch(() => loaded.delete(db));
  }
  return accounts;
}

async function load(db: Kysely<Database>): Promise<Mottakerkontoer> {
  const rows = await db.selectFrom('mottakerkonto').selectAll().orderBy('kontonummer').execute();
  return new Map(
    rows.map((row) => [
      row.kontonummer,
      Object.freeze({
        kontonummer: row.kontonummer,
        kontoeiersNavn: row.kontoeiers_navn,
        iban: row.iban,
        swiftBic: row.swift_bic,
        bankinformasjon: row.bankinformasjon,
        kidAlgoritme: row.kid_algoritme,
      }),
    ]),
  );
}
