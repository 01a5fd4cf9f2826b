import type { Kysely } from 'kysely';
import type { Banktransaksjon } from '../bankfiler/index.js';
import type { Database } from '../db/database.js';
import type { LocalDate } from '../domain/dates.js';
import { sumOere } from '../domain/money.js';
import {
  bokfoerInnbetaling,
  finnInnbetaler,
  lagretUtfall,
  LedgerInputError,
  registrerUidentifisertInnbetaling,
  registrerUtbetalingBekreftet,
  registrerUtbetalingReturnert,
  type InnbetalingResultat,
  type UidentifisertInnbetaling,
  type UtbetalingBekreftetResultat,
  type UtbetalingReturnertResultat,
} from '../ledger/index.js';
import type { Transaksjonssted, Transaksjonsutfall } from './rapport.js';

/**
 * Books one transaction of a payment file through the ledger's own commands (decision 0171),
 * keyed by the file's identity and the transaction's, so a file delivered again — or taken again
 * after a stop halfway — books nothing twice:
 *
 * - a payment in: on the party its KID or text names (`bokfoerInnbetaling`, as `kob innbetal`),
 *   else kept as an unidentified payment;
 * - a debit naming a payout: the payout `bekreftet`; a returned payout: `returnert`;
 * - a payment taken back, or anything the bank has not booked: refused, with the reason.
 *
 * A key booked before answers with what it was booked as then, even if the payment would be
 * identified otherwise now (a claim with its KID came later): the first decision stands.
 */
export async function bokfoerBanktransaksjon(db: Kysely<Database>, filidentitet: string, tx: Banktransaksjon, bokfoertDato: LocalDate): Promise<Transaksjonsutfall> {
  const sted: Transaksjonssted = { identitet: tx.identitet, sted: tx.sted, art: tx.art, beloepOere: tx.beloepOere, kid: tx.kid };
  const idempotencyKey = `bankfil:${filidentitet}:${tx.identitet}`;
  try {
    const tidligere = await lagretUtfall(db, idempotencyKey);
    if (tidligere !== undefined) return { ...sted, ...fraLagret(tidligere.kommandoType, tidligere.resultat) };
    return { ...sted, ...(await bokfoer(db, tx, { idempotencyKey, bokfoertDato })) };
  } catch (error) {
    if (error instanceof LedgerInputError) return { ...sted, utfall: 'avvist', grunn: error.message };
    throw error;
  }
}

type Utfall = DistributiveOmit<Transaksjonsutfall, keyof Transaksjonssted>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

async function bokfoer(db: Kysely<Database>, tx: Banktransaksjon, key: { idempotencyKey: string; bokfoertDato: LocalDate }): Promise<Utfall> {
  if (!tx.bokfoert) return { utfall: 'avvist', grunn: 'Banken har ikke bokført transaksjonen ennå (status annen enn BOOK); den bokføres når den kommer som bokført.' };
  switch (tx.art) {
    case 'innbetaling':
      return innbetaling(db, tx, key);
    case 'utbetalingBekreftet':
      if (tx.utbetalingId === undefined) return utenUtbetalingId;
      return fraBekreftet(await registrerUtbetalingBekreftet(db, { ...key, utbetalingId: tx.utbetalingId }));
    case 'utbetalingReturnert':
      if (tx.utbetalingId === undefined) return utenUtbetalingId;
      return fraReturnert(await registrerUtbetalingReturnert(db, { ...key, utbetalingId: tx.utbetalingId }));
    case 'innbetalingTilbakefoert':
      return { utfall: 'avvist', grunn: 'En tilbakeført innbetaling bokføres ikke automatisk: den må behandles for hånd mot innbetalingen den gjelder.' };
  }
}

const utenUtbetalingId: Utfall = { utfall: 'avvist', grunn: 'Transaksjonen gjelder en utbetaling, men oppgir ingen utbetalings-id (EndToEndId).' };

async function innbetaling(db: Kysely<Database>, tx: Banktransaksjon, key: { idempotencyKey: string; bokfoertDato: LocalDate }): Promise<Utfall> {
  const betaling = {
    ...key,
    beloepOere: tx.beloepOere,
    innbetalingsdato: tx.betalingsdato,
    kid: tx.kid,
    melding: tx.melding,
    betalerNavn: tx.motpart.navn,
    betalerKonto: tx.motpart.konto,
    mottakerkonto: tx.mottakerkonto,
    innbetalingstype: tx.kid === undefined ? ('bankoverfoering' as const) : ('ocr' as const),
  };
  const innbetaler = await finnInnbetaler(db, tx);
  if (innbetaler === undefined) return fraUidentifisert(await registrerUidentifisertInnbetaling(db, betaling));
  return fraInnbetaling(await bokfoerInnbetaling(db, { ...betaling, partId: innbetaler.partId }));
}

function fraInnbetaling(resultat: InnbetalingResultat): Utfall {
  return {
    utfall: 'innbetaling',
    partId: resultat.partId,
    innbetalingId: resultat.innbetalingId,
    plassertOere: sumOere(resultat.plasseringer.map((p) => p.plassertOere)),
    uplassertOere: resultat.uplassertOere,
  };
}

function fraUidentifisert(resultat: UidentifisertInnbetaling): Utfall {
  return { utfall: 'uidentifisert', uidentifisertId: resultat.uidentifisertId };
}

function fraBekreftet(resultat: UtbetalingBekreftetResultat): Utfall {
  return { utfall: 'utbetalingBekreftet', utbetalingId: resultat.utbetalingId, partId: resultat.partId };
}

function fraReturnert(resultat: UtbetalingReturnertResultat): Utfall {
  return { utfall: 'utbetalingReturnert', utbetalingId: resultat.utbetalingId, partId: resultat.partId, kreditKravId: resultat.kreditKravId };
}

/** The outcome of a transaction booked before, from the stored result of the command it was booked with. */
function fraLagret(kommandoType: string, resultat: unknown): Utfall {
  switch (kommandoType) {
    case 'bokfoerInnbetaling':
      return fraInnbetaling(resultat as InnbetalingResultat);
    case 'registrerUidentifisertInnbetaling':
      return fraUidentifisert(resultat as UidentifisertInnbetaling);
    case 'registrerUtbetalingBekreftet':
      return fraBekreftet(resultat as UtbetalingBekreftetResultat);
    case 'registrerUtbetalingReturnert':
      return fraReturnert(resultat as UtbetalingReturnertResultat);
    default:
      throw new LedgerInputError('idempotensKonflikt', `Nøkkelen til transaksjonen er allerede brukt av en annen kommando (${kommandoType}).`);
  }
}
