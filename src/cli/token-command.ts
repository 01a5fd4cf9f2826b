import type { Command } from 'commander';
import { maskinportenIssuer, requestToken, signGrant } from '../auth/index.js';
import { systemClock } from '../clock.js';
import { addAccessOptions, consentingPartyUrn, readKeyFile, type AccessOptions } from './access-options.js';
import { configFrom, type GlobalOptions } from './runtime.js';

interface TokenOptions extends AccessOptions {
  clientId: string;
  scope: string[];
  consentId?: string;
  consentFrom?: string;
  url?: string;
}

/**
 * `kob token`: the real client flow — sign a JWT grant with the client's private key and post it
 * to the token endpoint — so a newcomer sees exactly what their integration must do. Talks to the
 * server over HTTP only (the server may hold the embedded database).
 */
export function registerTokenCommand(program: Command): void {
  const command = program
    .command('token')
    .description('Sign a JWT grant with the JWK file and get a Maskinporten access token (printed alone)')
    .requiredOption('--client-id <id>', 'the client id (iss of the grant)')
    .requiredOption('--scope <scope...>', 'scopes to ask for');
  addAccessOptions(command, 'one')
    .option('--url <base>', 'server base URL (default KOB_PUBLIC_URL or http://localhost:$PORT)')
    .action(async (options: TokenOptions, command: Command) => {
      const baseUrl = (options.url ?? configFrom(command.optsWithGlobals() as GlobalOptions).publicUrl).replace(/\/+$/, '');
      const keyFile = await readKeyFile(options.jwk);
      const issuer = maskinportenIssuer(baseUrl);
      const assertion = await signGrant({
        clientId: options.clientId,
        jwk: keyFile.jwk,
        audience: issuer,
        scope: options.scope.join(' '),
        nowSeconds: Math.floor(systemClock().nowEpochMs() / 1000),
        systemUserOrg: options.systemuserOrg,
        externalRef: options.externalRef,
        consent: options.consentId ? { id: options.consentId, from: consentingPartyUrn(options.consentId, options.consentFrom, keyFile) } : undefined,
      });
      const token = await requestToken(`${issuer}token`, assertion);
      console.log(token.access_token);
    });
}
