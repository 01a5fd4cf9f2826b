import fs from 'node:fs/promises';
import type { Command } from 'commander';
import type { JWK } from 'jose';
import { maskinportenIssuer, requestToken, signGrant } from '../auth/index.js';
import { systemClock } from '../clock.js';
import { configFrom, type GlobalOptions } from './runtime.js';

interface TokenOptions {
  clientId: string;
  jwk: string;
  scope: string[];
  systemuserOrg?: string;
  externalRef?: string;
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
  program
    .command('token')
    .description('Sign a JWT grant with the JWK file and get a Maskinporten access token (printed alone)')
    .requiredOption('--client-id <id>', 'the client id (iss of the grant)')
    .requiredOption('--jwk <file>', 'the private JWK, or a demo file from <data-dir>/demo/')
    .requiredOption('--scope <scope...>', 'scopes to ask for')
    .option('--systemuser-org <orgnr>', 'ask for the system user owned by this organisation')
    .option('--external-ref <ref>', 'externalRef of the system user, when it is not the org number')
    .option('--consent-id <id>', 'ask for an Altinn 3 consent (the consent request id)')
    .option('--consent-from <orgnr>', 'the consenting party (read from the demo file when omitted)')
    .option('--url <base>', 'server base URL (default KOB_PUBLIC_URL or http://localhost:$PORT)')
    .action(async (options: TokenOptions, command: Command) => {
      const baseUrl = (options.url ?? configFrom(command.optsWithGlobals() as GlobalOptions).publicUrl).replace(/\/+$/, '');
      const file = JSON.parse(await fs.readFile(options.jwk, 'utf8')) as { jwk?: JWK; consents?: { id: string; from: string }[] } & JWK;
      const jwk = file.jwk ?? file;
      const issuer = maskinportenIssuer(baseUrl);
      const assertion = await signGrant({
        clientId: options.clientId,
        jwk,
        audience: issuer,
        scope: options.scope.join(' '),
        nowSeconds: Math.floor(systemClock().nowEpochMs() / 1000),
        systemUserOrg: options.systemuserOrg,
        externalRef: options.externalRef,
        consent: options.consentId ? { id: options.consentId, from: consentFrom(options, file.consents) } : undefined,
      });
      const token = await requestToken(`${issuer}token`, assertion);
      console.log(token.access_token);
    });
}

function consentFrom(options: TokenOptions, consents: { id: string; from: string }[] | undefined): string {
  if (options.consentFrom) return /^\d{9}$/.test(options.consentFrom) ? `urn:altinn:organization:identifier-no:${options.consentFrom}` : options.consentFrom;
  const known = consents?.find((consent) => consent.id === options.consentId);
  if (!known) throw Object.assign(new Error('oppgi --consent-from <orgnr> (the consenting party is not in the JWK file)'), { userFacing: true });
  return known.from;
}
