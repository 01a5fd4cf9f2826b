import { commonMeldinger, defineErrorCatalogue, echo, sentence } from '../error-catalogue.js';
import type { PartyRefusal } from '../access-hooks.js';

/**
 * The Kalendertjeneste's error catalogue (decision 0057). The published beta defines none, so
 * the codes mirror Krav og betalinger's: KAL-nnn means what KB-nnn means, so a client handles
 * both alike. KB-007 (nothing in the period) has no twin: an empty calendar is an answer (200);
 * KAL-009 also answers for an unknown subscription. Two codes are the calendar's own, for a POST
 * with a body: KAL-010 (too large) and KAL-011 (not JSON or XML). `test/api/kalender/errors.test.ts` walks the catalogue.
 */
export type KalenderErrorCode = 'KAL-001' | 'KAL-002' | 'KAL-003' | 'KAL-004' | 'KAL-005' | 'KAL-006' | 'KAL-008' | 'KAL-009' | 'KAL-010' | 'KAL-011';

export const kalenderErrors = defineErrorCatalogue<KalenderErrorCode>({
  'KAL-001': { httpStatus: 500, beskrivelse: 'Uventet feil i tjenesten.', description: 'Unexpected failure inside the service.' },
  'KAL-002': { httpStatus: 500, beskrivelse: 'Uventet feil i et bakenforliggende system.', description: 'Unexpected failure in a back-end system (the ledger).' },
  'KAL-003': { httpStatus: 404, beskrivelse: 'Ukjent sti eller metode.', description: 'Unknown URL or method.' },
  'KAL-004': { httpStatus: 401, beskrivelse: 'Feil ved autentisering (Maskinporten-token).', description: 'Authentication failed (Maskinporten token).' },
  'KAL-005': { httpStatus: 403, beskrivelse: 'Mangler samtykke eller systemtilgang for en part.', description: 'No consent or system-user access for a party.' },
  'KAL-006': { httpStatus: 400, beskrivelse: 'Ugyldig forespørsel (kalenderRequest, identifikator, periode, antall parter).', description: 'Input validation failed.' },
  'KAL-008': { httpStatus: 406, beskrivelse: 'Formatet i Accept støttes ikke.', description: 'Unsupported Accept.' },
  'KAL-009': { httpStatus: 404, beskrivelse: 'Fant ingen part eller ikke noe abonnement med denne identifikatoren.', description: 'Unknown party or subscription.' },
  'KAL-010': { httpStatus: 413, beskrivelse: 'Forespørselen er for stor.', description: 'Request body too large.' },
  'KAL-011': { httpStatus: 415, beskrivelse: 'Content-Type støttes ikke; send JSON eller XML.', description: 'Unsupported Content-Type.' },
});

const error = kalenderErrors.error;


/** One constructor per situation, so every melding is written once. */
export const kalErrors = {
  internal: () => error('KAL-001', commonMeldinger.internal),
  backend: () => error('KAL-002', commonMeldinger.backend),
  unknownPath: (method: string, path: string, served: string) => error('KAL-003', `Fant ingen ressurs for ${method} ${echo(path)}. Tjenesten har ${served}.`),
  authentication: (reason: string) => error('KAL-004', sentence(reason)),
  authorization: (refused: readonly PartyRefusal[], asked: number) => {
    const reasons = refused.map((refusal) => `${refusal.partIdentifikator}: ${refusal.reason}`).join('; ');
    const lead = asked === 1 ? 'Ingen tilgang til parten' : `Ingen tilgang til ${refused.length} av ${asked} parter`;
    return error('KAL-005', sentence(`${lead} – ${reasons}`));
  },
  invalidInput: (melding: string) => error('KAL-006', melding),
  notAcceptable: (accept: string, formats: string) =>
    error('KAL-008', `Formatet i Accept-headeren (${echo(accept)}) støttes ikke. Tjenesten svarer med ${formats}.`),
  unknownParties: (parties: readonly string[]) =>
    error('KAL-009', parties.length === 1 ? `Fant ingen part med identifikator ${parties[0]}.` : `Fant ingen parter med identifikatorene ${parties.join(', ')}.`),
  unknownSubscription: (abonnementId: string, partIdentifikator: string) =>
    error('KAL-009', `Fant ikke abonnementet ${echo(abonnementId)} for parten ${partIdentifikator}.`),
  tooLarge: (bytesMax: number) => error('KAL-010', `Forespørselen er større enn ${bytesMax} byte.`),
  unsupportedMediaType: (contentType: string) =>
    error('KAL-011', `Content-Type ${echo(contentType)} støttes ikke. Send kalenderRequest som application/json eller application/xml.`),
};
