import type { Kysely } from 'kysely';
import { accountIdentification, writePain001 } from '../bankfiler/index.js';
import type { Database } from '../db/database.js';
import type { LocalDate } from '../domain/dates.js';
import { sumOere, type Oere } from '../domain/money.js';
import { mottakerkontoer, skatteinnkrevingKonto, utbetalingsordrer } from '../ledger/index.js';

/** Skatteetaten, the payer of every payout: its organisasjonsnummer in Enhetsregisteret. */
export const skatteetatenOrganisasjonsnummer = '974761076';

export interface Utbetalingsfil {
  /** pain.001.001.09, UTF-8. */
  readonly xml: string;
  readonly messageId: string;
  readonly antall: number;
  readonly beloepOere: Oere;
}

/**
 * The day's payouts as one payment order to the bank (pain.001.001.09, decision 0174), or
 * `undefined` for a day without payouts (the format holds at least one transfer). Every payout the
 * daily run made that day is in it, whatever its status since, so the file is the same bytes each
 * time it is asked for: its MsgId names the day, and the bank refuses an order it has seen.
 * Skatteetaten pays from the tax-collection account, as the receiving accounts name it.
 */
export async function lagUtbetalingsfil(db: Kysely<Database>, dato: LocalDate): Promise<Utbetalingsfil | undefined> {
  const ordrer = await utbetalingsordrer(db, dato);
  if (ordrer.length === 0) return undefined;
  const konto = (await mottakerkontoer(db)).get(skatteinnkrevingKonto())!;
  const messageId = `KOB-UTB-${dato}`;
  const xml = writePain001({
    messageId,
    // The day's file, made the same whenever it is asked for: no clock.
    creationDateTime: `${dato}T00:00:00`,
    requestedExecutionDate: dato,
    debtor: { name: konto.kontoeiersNavn, organisasjonsnummer: skatteetatenOrganisasjonsnummer, account: accountIdentification(konto.kontonummer), bic: konto.swiftBic },
    payments: ordrer.map((ordre) => ({
      endToEndId: ordre.utbetalingId,
      beloepOere: ordre.beloepOere,
      creditorName: ordre.mottakerNavn,
      creditorAccount: accountIdentification(ordre.konto),
      remittanceInformation: ordre.melding ?? undefined,
    })),
  });
  return { xml, messageId, antall: ordrer.length, beloepOere: sumOere(ordrer.map((o) => o.beloepOere)) };
}
