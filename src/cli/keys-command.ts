import type { Command } from 'commander';
import { rotateSigningKey } from '../auth/index.js';
import { withRuntime, type GlobalOptions } from './runtime.js';

/** `kob keys rotate`: a new signing key; the old one stays in the JWKS until its tokens have expired. */
export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('Signing keys of the token server');
  keys
    .command('rotate')
    .description('Make a new signing key active (Maskinporten tokens, or Altinn 2 consent tokens)')
    .option('--purpose <purpose>', 'maskinporten or altinn', 'maskinporten')
    .action(async (options: { purpose: string }, command: Command) => {
      if (options.purpose !== 'maskinporten' && options.purpose !== 'altinn') {
        throw Object.assign(new Error('--purpose må være maskinporten eller altinn'), { userFacing: true });
      }
      const purpose = options.purpose;
      const result = await withRuntime(command.optsWithGlobals() as GlobalOptions, ({ database, clock }) => rotateSigningKey(database.db, clock, purpose));
      console.log(JSON.stringify({ kid: result.kid, retired_kid: result.retiredKid ?? null }));
    });
}
