import { Command, CommanderError } from 'commander';
import { registerClientsCommand } from './cli/clients-command.js';
import { registerKeysCommand } from './cli/keys-command.js';
import { registerInnbetalCommand } from './cli/innbetal-command.js';
import { registerInnbetalingsfilCommand } from './cli/innbetalingsfil-command.js';
import { registerMcpCommand } from './cli/mcp-command.js';
import { registerMigrateCommand } from './cli/migrate-command.js';
import { registerOppgjoerCommand } from './cli/oppgjoer-command.js';
import { registerSeedCommand } from './cli/seed-command.js';
import { registerServeCommand } from './cli/serve-command.js';
import { registerTokenCommand } from './cli/token-command.js';
import { registerUidentifisertCommand } from './cli/uidentifisert-command.js';
import { registerUtbetalingsfilCommand } from './cli/utbetalingsfil-command.js';
import { ClientRegistrationError, TokenRequestError } from './auth/index.js';
import { ConfigError } from './config.js';
import { DataDirLockedError } from './db/data-dir-lock.js';
import { MigrationError } from './db/migrate.js';
import { MissingRateError } from './domain/interest.js';

/** The `kob` command. Every subcommand honours --data-dir, --database-url and --today. */
export function buildProgram(): Command {
  const program = new Command('kob')
    .description('krav-og-betalinger: reskontro, Krav og betalinger API, kalender og Min side')
    .option('--data-dir <dir>', 'embedded database directory (env KOB_DATA_DIR, default ./data)')
    .option('--database-url <url>', 'PostgreSQL server instead of the embedded database (env DATABASE_URL)')
    .option('--today <date>', 'fixed business date YYYY-MM-DD (env KOB_TODAY)')
    .showHelpAfterError()
    .exitOverride();
  registerServeCommand(program);
  registerSeedCommand(program);
  registerMigrateCommand(program);
  registerClientsCommand(program);
  registerTokenCommand(program);
  registerKeysCommand(program);
  registerInnbetalCommand(program);
  registerOppgjoerCommand(program);
  registerInnbetalingsfilCommand(program);
  registerUtbetalingsfilCommand(program);
  registerUidentifisertCommand(program);
  registerMcpCommand(program);
  return program;
}

/** Errors a user can fix print one line; anything else is a bug and keeps its stack. */
const userErrors = [ConfigError, DataDirLockedError, MigrationError, MissingRateError, ClientRegistrationError, TokenRequestError];

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    if (userErrors.some((type) => error instanceof type) || (error as { userFacing?: boolean }).userFacing) {
      console.error(`kob: ${(error as Error).message}`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
}
