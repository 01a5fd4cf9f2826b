import fs from 'node:fs/promises';
import type { Command } from 'commander';
import { generateClientKey, registerClient, writeCredentials } from '../auth/index.js';
import { withRuntime, type GlobalOptions } from './runtime.js';

/** `kob clients create`: registers a Maskinporten client with a fresh key; the private JWK goes to a file. */
export function registerClientsCommand(program: Command): void {
  const clients = program.command('clients').description('Maskinporten clients (integrations)');
  clients
    .command('create')
    .description('Register a client; prints {"client_id","kid"} and writes the private JWK to --jwk-out')
    .requiredOption('--org <orgnr>', 'the organisation that owns the client')
    .requiredOption('--name <name>', 'a name for the integration')
    .requiredOption('--scope <scope...>', 'scopes the client may ask for')
    .requiredOption('--jwk-out <file>', 'where to write the private key (JWK, mode 0600)')
    .action(async (options: { org: string; name: string; scope: string[]; jwkOut: string }, command: Command) => {
      await fs.access(options.jwkOut).then(
        () => {
          throw Object.assign(new Error(`${options.jwkOut} finnes allerede; velg en annen fil (will not overwrite a key file)`), { userFacing: true });
        },
        () => undefined,
      );
      const { privateJwk, publicJwk } = await generateClientKey();
      const client = await withRuntime(command.optsWithGlobals() as GlobalOptions, ({ database, clock }) =>
        registerClient(database.db, clock, { org: options.org, name: options.name, scopes: options.scope, publicJwk }),
      );
      await writeCredentials(options.jwkOut, privateJwk);
      console.log(JSON.stringify({ client_id: client.clientId, kid: client.kid }));
    });
}
