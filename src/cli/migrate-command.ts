import type { Command } from 'commander';
import { withRuntime, type GlobalOptions } from './runtime.js';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Bring the database schema to the newest version')
    .action(async (_options: unknown, command: Command) => {
      await withRuntime(command.optsWithGlobals() as GlobalOptions, async ({ database }) => {
        console.log(`Databasen (${database.kind}) er på nyeste versjon.`);
      });
    });
}
