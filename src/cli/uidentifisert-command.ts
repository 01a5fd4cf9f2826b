import type { Command } from 'commander';
import { tildelUidentifisertInnbetaling, uidentifiserteInnbetalinger, type UidentifisertInnbetaling } from '../ledger/index.js';
import { formatKroner } from './format.js';
import { describeInnbetaling } from './innbetal-command.js';
import { withRuntime, type GlobalOptions } from './runtime.js';

/**
 * `kob uidentifisert liste` and `kob uidentifisert tildel ID --part P`: the payments bank files
 * brought that named no claim and no known party (decision 0173), and booking one on the party
 * it turned out to belong to.
 */
export function registerUidentifisertCommand(program: Command): void {
  const uidentifisert = program.command('uidentifisert').description('Payments from bank files that name no claim and no known party');
  uidentifisert
    .command('liste')
    .description('List the unidentified payments not yet assigned, oldest first')
    .action(async (_options: unknown, command: Command) => {
      const liste = await withRuntime(command.optsWithGlobals() as GlobalOptions, ({ database }) => uidentifiserteInnbetalinger(database.db));
      console.log(liste.length === 0 ? 'Ingen uidentifiserte innbetalinger.' : liste.map(describeUidentifisert).join('\n'));
    });
  uidentifisert
    .command('tildel')
    .description("Book an unidentified payment as the party's payment (once)")
    .argument('<uidentifisertId>', 'the id `liste` shows')
    .requiredOption('--part <partId>', 'organisation number or fødselsnummer of the party it belongs to')
    .action(async (uidentifisertId: string, options: { part: string }, command: Command) => {
      await withRuntime(command.optsWithGlobals() as GlobalOptions, async ({ database, clock }) => {
        const bokfoertDato = clock.today();
        const result = await tildelUidentifisertInnbetaling(database.db, { bokfoertDato, uidentifisertId, partId: options.part });
        console.log(describeInnbetaling(result, bokfoertDato));
      });
    });
}

/** "86000001  250,00 kr  innbetalt 2024-03-19, bokført 2024-03-20  KID 9990001112225  fra Ola Nordmann 12345678903  «Betaling for mars»" */
function describeUidentifisert(u: UidentifisertInnbetaling): string {
  const parts = [u.uidentifisertId, formatKroner(u.beloepOere), `innbetalt ${u.innbetalingsdato}, bokført ${u.bokfoertDato}`];
  if (u.kid !== null) parts.push(`KID ${u.kid}`);
  const fra = [u.betalerNavn, u.betalerKonto].filter((part) => part !== null);
  if (fra.length > 0) parts.push(`fra ${fra.join(' ')}`);
  if (u.melding !== null) parts.push(`«${u.melding}»`);
  return parts.join('  ');
}
