import fs from 'node:fs/promises';
import type { Command } from 'commander';
import type { JWK } from 'jose';
import { isPartIdentifikator } from '../api/ajv.js';
import { identifikatorMelding } from '../api/identifikator-melding.js';
import { partyFromUrn, partyUrn } from '../auth/index.js';
import { CliInputError } from './input-error.js';

/**
 * The key and access options `kob token` and `kob mcp` share, so both ask Maskinporten for the
 * same things in the same words: whose system user (`--systemuser-org`, `--external-ref`) or
 * which consent (`--consent-id`, `--consent-from`). `kob mcp` takes several consents, one per party.
 */
export interface AccessOptions {
  jwk: string;
  systemuserOrg?: string;
  externalRef?: string;
  consentFrom?: string | string[];
}

/** A consent known to the key file: its id and the consenting party's URN (the demo bank's file lists them). */
export interface KnownConsent {
  readonly id: string;
  readonly from: string;
}

export interface KeyFile {
  readonly jwk: JWK;
  readonly consents: readonly KnownConsent[];
}

export function addAccessOptions(command: Command, consents: 'one' | 'per party'): Command {
  const many = consents === 'per party';
  return command
    .requiredOption('--jwk <file>', 'the private JWK, or a demo file from <data-dir>/demo/')
    .option('--systemuser-org <orgnr>', 'act through the system user owned by this organisation (an accounting firm: its agent system user, for its clients)')
    .option('--external-ref <ref>', 'externalRef of the system user, when it is not the org number')
    .option(many ? '--consent-id <id...>' : '--consent-id <id>', many ? 'act as a bank through these Altinn 3 consents (the consent request ids), one per party' : 'ask for an Altinn 3 consent (the consent request id)')
    .option(
      many ? '--consent-from <party...>' : '--consent-from <party>',
      `the consenting party: organisation number, fødselsnummer or Altinn URN${many ? ', one per --consent-id in the same order' : ''} (read from the key file when omitted)`,
    );
}

/** The key file: a private JWK, or a demo credential file `{ client_id, jwk, consents? }`. Never printed. */
export async function readKeyFile(file: string): Promise<KeyFile> {
  const content = JSON.parse(await fs.readFile(file, 'utf8')) as { jwk?: JWK; consents?: KnownConsent[] } & JWK;
  return { jwk: content.jwk ?? content, consents: content.consents ?? [] };
}

/**
 * The party a consent is from: `--consent-from` (an organisation number or fødselsnummer with
 * valid check digits, or its URN), else the party the key file lists for the consent id.
 */
export function consentingParty(consentId: string, consentFrom: string | undefined, keyFile: KeyFile): string {
  if (consentFrom !== undefined) return partyOf(consentFrom, '--consent-from');
  const known = keyFile.consents.find((consent) => consent.id === consentId);
  if (!known) throw new CliInputError(`oppgi --consent-from for samtykke ${consentId} (the consenting party is not in the key file)`);
  return partyOf(known.from, `samtykket ${consentId} i nøkkelfilen`);
}

/** `authorization_details.from` as Altinn names the party. */
export function consentingPartyUrn(consentId: string, consentFrom: string | undefined, keyFile: KeyFile): string {
  return partyUrn(consentingParty(consentId, consentFrom, keyFile));
}

/** An organisation number or fødselsnummer, bare or as an Altinn URN; refused with the rule it breaks. */
export function partyOf(value: string, subject: string): string {
  if (value.startsWith('urn:')) {
    const party = partyFromUrn(value);
    if (party === undefined) throw new CliInputError(`${subject} (${value}) er ikke urn:altinn:organization:identifier-no:<orgnr> eller urn:altinn:person:identifier-no:<fødselsnummer>`);
    return party;
  }
  if (!isPartIdentifikator(value)) throw new CliInputError(identifikatorMelding(`${subject} (${value})`, value, 'partIdentifikator'));
  return value;
}
