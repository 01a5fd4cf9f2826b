import fs from 'node:fs/promises';
import type { Command } from 'commander';
import type { JWK } from 'jose';
import { generateClientKey, registerClient, writeCredentials } from '../auth/index.js';
import { CliInputError } from './input-error.js';
import { withRuntime, type GlobalOptions } from './runtime.js';

interface CreateOptions {
  readonly org: string;
  readonly name: string;
  readonly scope: string[];
  readonly jwkOut?: string;
  readonly publicJwk?: string;
}

/**
 * `kob clients create`: registers a Maskinporten client, either with a fresh RSA key whose private
 * JWK goes to `--jwk-out`, or with the public key the vendor already has (`--public-jwk`, RSA of at
 * least 2048 bits or EC P-256; a weak key is refused with the reason).
 */
export function registerClientsCommand(program: Command): void {
  const clients = program.command('clients').description('Maskinporten clients (integrations)');
  clients
    .command('create')
    .description('Register a client; prints {"client_id","kid"} and writes the private JWK to --jwk-out')
    .requiredOption('--org <orgnr>', 'the organisation that owns the client')
    .requiredOption('--name <name>', 'a name for the integration')
    .requiredOption('--scope <scope...>', 'scopes the client may ask for')
    .option('--jwk-out <file>', 'make a key pair and write the private key here (JWK, mode 0600)')
    .option('--public-jwk <file>', 'register this public key instead (JWK: RSA ≥ 2048 bits or EC P-256)')
    .action(async (options: CreateOptions, command: Command) => {
      if ((options.jwkOut === undefined) === (options.publicJwk === undefined)) {
        throw new CliInputError('oppgi enten --jwk-out (ny nøkkel) eller --public-jwk (din egen offentlige nøkkel) (give exactly one of --jwk-out and --public-jwk)');
      }
      const key = options.jwkOut !== undefined ? await freshKey(options.jwkOut) : { publicJwk: await readPublicJwk(options.publicJwk!), privateJwk: undefined };
      const client = await withRuntime(command.optsWithGlobals() as GlobalOptions, ({ database, clock }) =>
        registerClient(database.db, clock, { org: options.org, name: options.name, scopes: options.scope, publicJwk: key.publicJwk }),
      );
      if (key.privateJwk !== undefined) await writeCredentials(options.jwkOut!, key.privateJwk);
      console.log(JSON.stringify({ client_id: client.clientId, kid: client.kid }));
    });
}

async function freshKey(jwkOut: string) {
  const exists = await fs.access(jwkOut).then(
    () => true,
    () => false,
  );
  if (exists) throw new CliInputError(`${jwkOut} finnes allerede; velg en annen fil (will not overwrite a key file)`);
  return generateClientKey();
}

async function readPublicJwk(file: string): Promise<JWK> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new CliInputError(`kan ikke lese ${file} (cannot read the key file)`);
  }
  let jwk: unknown;
  try {
    jwk = JSON.parse(text);
  } catch {
    throw new CliInputError(`${file} er ikke JSON; oppgi en offentlig nøkkel som JWK (the key file must be a JWK)`);
  }
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) throw new CliInputError(`${file} må inneholde ett JWK-objekt (the key file must hold one JWK object)`);
  return jwk as JWK;
}
