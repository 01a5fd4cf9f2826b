import { ApiFeil, TokenFeil } from '../../packages/klient/src/index.js';
import { IngenTilgang } from './tilgang.js';

/**
 * The sentence an agent gets for a call that failed in a way it can act on: the API's code and
 * words, Maskinporten's reason, or a party the access cannot reach. Anything else is a bug: undefined.
 */
export function feiltekst(error: unknown): string | undefined {
  if (error instanceof ApiFeil) return `${error.kode}: ${error.melding} (korrelasjonsid ${error.korrelasjonsid})`;
  if (error instanceof TokenFeil) return `Maskinporten ga ikke token (${error.error}): ${error.beskrivelse}`;
  if (error instanceof IngenTilgang) return error.message;
  return undefined;
}
