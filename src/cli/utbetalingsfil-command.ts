import fs from 'node:fs/promises';
import type { Command } from 'commander';
import { lagUtbetalingsfil } from '../bank/index.js';
import { parseLocalDate } from '../domain/dates.js';
import { formatKroner } from './format.js';
import { CliInputError } from './input-error.js';
import { withRuntime, type GlobalOptions } from './runtime.js';

/**
 * `kob utbetalingsfil --dato D [--ut FILE]`: the payouts the daily run made on D as one pain.001
 * payment order to the bank, on stdout or in a file. Each payout stays `underUtbetaling` until the
 * bank's camt.054 confirms or returns it (`kob innbetalingsfil`). A day without payouts has no file.
 */
export function registerUtbetalingsfilCommand(program: Command): void {
  program
    .command('utbetalingsfil')
    .description("Write a day's payouts as ISO 20022 pain.001.001.09 (CustomerCreditTransferInitiation)")
    .requiredOption('--dato <date>', 'the payout date YYYY-MM-DD')
    .option('--ut <file>', 'write the file here instead of stdout')
    .action(async (options: { dato: string; ut?: string }, command: Command) => {
      const dato = parseLocalDate(options.dato);
      if (dato === undefined) throw new CliInputError(`--dato: "${options.dato}" er ikke en dato på formen ÅÅÅÅ-MM-DD`);
      const fil = await withRuntime(command.optsWithGlobals() as GlobalOptions, ({ database }) => lagUtbetalingsfil(database.db, dato));
      if (fil === undefined) throw new CliInputError(`ingen utbetalinger ${dato}, så ingen fil (no payouts that day)`);
      if (options.ut === undefined) {
        process.stdout.write(fil.xml);
        return;
      }
      await fs.writeFile(options.ut, fil.xml, { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
        throw new CliInputError(error.code === 'EEXIST' ? `${options.ut} finnes allerede (will not overwrite)` : `kan ikke skrive ${options.ut} (cannot write the file)`);
      });
      console.log(`${options.ut}: ${fil.antall} utbetalinger på ${formatKroner(fil.beloepOere)} (${fil.messageId}).`);
    });
}
