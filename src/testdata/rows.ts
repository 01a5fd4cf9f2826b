import type { BankbekreftelseResultat, InnbetalingResultat, Kommando, KravResultat, OppgjoerResultat, Utfall, UtsettelseResultat } from '../ledger/index.js';

/**
 * The rows a booked command wrote to the ledger's fact tables (the `part_siste_seq` cache aside),
 * from its result: the seeder's rate counts what was booked, without counting tables while it
 * runs. A replayed command wrote nothing. Tested against the tables (test/testdata/seed.test.ts).
 */
export function rowsWritten(kommando: Kommando<unknown>, utfall: Utfall<unknown>): number {
  if (utfall.replayed) return 0;
  const kommandoRow = 1;
  const rente = (renteKrav: readonly unknown[]) => 2 * renteKrav.length;
  switch (kommando.type) {
    case 'registrerLevering':
      return kommandoRow + 1;
    case 'registrerUtsettelse':
      return kommandoRow + (utfall as unknown as UtsettelseResultat).kravforfallIds.length;
    case 'bokfoerKrav': {
      const krav = utfall as unknown as KravResultat;
      return kommandoRow + 1 + krav.forfall.length + krav.plasseringer.length + krav.motregninger.length + rente(krav.renteKrav);
    }
    case 'bokfoerInnbetaling': {
      const innbetaling = utfall as unknown as InnbetalingResultat;
      return kommandoRow + 1 + innbetaling.plasseringer.length + rente(innbetaling.renteKrav);
    }
    case 'kjoerOppgjoer': {
      const oppgjoer = utfall as unknown as OppgjoerResultat;
      // A refund: a debit and a credit claim of one item each, both naming the payment, and the payment placed on the debit.
      const refusjoner = 7 * oppgjoer.refusjoner.length;
      const utbetalinger = oppgjoer.utbetalinger.reduce((sum, u) => sum + 2 + u.kreditter.length, 0);
      return kommandoRow + oppgjoer.motregninger.length + rente(oppgjoer.renteKrav) + refusjoner + utbetalinger;
    }
    case 'bankbekreftelse':
      return kommandoRow + (utfall as unknown as BankbekreftelseResultat).utbetalingIds.length;
    default:
      throw new Error(`rowsWritten: unknown command type ${kommando.type}`);
  }
}
