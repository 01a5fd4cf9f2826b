import { commonMeldinger, defineErrorCatalogue, echo, sentence } from '../error-catalogue.js';
import type { PartyRefusal } from '../access-hooks.js';

/**
 * The Frister API's error codes exactly as Skatteetaten publishes them (api-dokumentasjon,
 * docs/api/frister.md, "Feilkoder"); decision 0059 says which situation gets which.
 */
export type FristerErrorCode = 'FRI-001' | 'FRI-002' | 'FRI-003' | 'FRI-004' | 'FRI-005' | 'FRI-006' | 'FRI-007' | 'FRI-008' | 'FRI-009';

export const fristerErrors = defineErrorCatalogue<FristerErrorCode>({
  'FRI-001': { httpStatus: 500, beskrivelse: 'Uventet feil på tjenesten.', description: 'Unexpected failure inside the service.' },
  'FRI-002': { httpStatus: 500, beskrivelse: 'Uventet feil i et bakenforliggende system.', description: 'Unexpected failure in a back-end system.' },
  'FRI-003': { httpStatus: 404, beskrivelse: 'Ukjent url benyttet.', description: 'Unknown URL.' },
  'FRI-004': { httpStatus: 401, beskrivelse: 'Feil i forbindelse med autentisering.', description: 'Authentication failed.' },
  'FRI-005': { httpStatus: 403, beskrivelse: 'Feil i forbindelse med autorisering.', description: 'Authorization failed (system user).' },
  'FRI-006': { httpStatus: 400, beskrivelse: 'Feil i forbindelse med validering av inputdata.', description: 'Input validation failed.' },
  'FRI-007': { httpStatus: 404, beskrivelse: 'Ingen frister funnet for angitt organisasjonsnummer.', description: 'No deadlines for the organisation number.' },
  'FRI-008': { httpStatus: 406, beskrivelse: 'Feil tilknyttet dataformat. Kun json er støttet.', description: 'Only JSON is supported.' },
  'FRI-009': { httpStatus: 403, beskrivelse: 'Feil i forbindelse med samtykke.', description: 'Consent failed.' },
});

const error = fristerErrors.error;


export const friErrors = {
  internal: () => error('FRI-001', commonMeldinger.internal),
  backend: () => error('FRI-002', commonMeldinger.backend),
  unknownPath: (method: string, path: string) =>
    error('FRI-003', `Fant ingen ressurs for ${method} ${echo(path)}. Tjenesten har bare GET /api/frister/v1/{organisasjonsnummer}.`),
  authentication: (reason: string) => error('FRI-004', sentence(reason)),
  /** A refused consent is FRI-009; a system user without rights, or a token with neither, FRI-005. */
  authorization: (refusal: PartyRefusal) =>
    error(refusal.mechanism === 'finans' ? 'FRI-009' : 'FRI-005', sentence(`Ingen tilgang til ${refusal.partIdentifikator} – ${refusal.reason}`)),
  invalidInput: (melding: string) => error('FRI-006', melding),
  noDeadlines: (organisasjonsnummer: string, fraOgMed: string, tilOgMed: string) =>
    error('FRI-007', `Fant ingen frister for organisasjonsnummer ${organisasjonsnummer} fra ${fraOgMed} til ${tilOgMed}.`),
  notAcceptable: (accept: string) => error('FRI-008', `Formatet i Accept-headeren (${echo(accept)}) støttes ikke. Kun application/json er støttet.`),
};
