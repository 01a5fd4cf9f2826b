import type { BankfilFeil } from '../../bankfiler/index.js';
import { commonMeldinger, defineErrorCatalogue, echo, sentence } from '../error-catalogue.js';

/**
 * The test-support API's error catalogue (decision 0176). The codes mirror Krav og betalinger's
 * where the meaning is the same (TD-nnn means KB-nnn), so a client handles them alike; TD-010 and
 * TD-011 are the Kalendertjeneste's (a body too large, a Content-Type not taken) and TD-012 is a
 * request that conflicts with what is booked. `test/api/testdata/testdata-api.test.ts` answers every code
 * through the real routes, and `openapi.test.ts` checks each is documented.
 */
export type TestdataErrorCode = 'TD-001' | 'TD-003' | 'TD-004' | 'TD-006' | 'TD-007' | 'TD-009' | 'TD-010' | 'TD-011' | 'TD-012';

export const testdataErrors = defineErrorCatalogue<TestdataErrorCode>({
  'TD-001': { httpStatus: 500, beskrivelse: 'Uventet feil i tjenesten.', description: 'Unexpected failure inside the service.' },
  'TD-003': { httpStatus: 404, beskrivelse: 'Ukjent sti eller metode.', description: 'Unknown URL or method.' },
  'TD-004': { httpStatus: 401, beskrivelse: 'Feil ved autentisering (Maskinporten-token med scope kob:testdata).', description: 'Authentication failed (a token with scope kob:testdata).' },
  'TD-006': { httpStatus: 400, beskrivelse: 'Ugyldig forespørsel, eller en bankfil som ikke kan leses (linjen eller elementet er nevnt).', description: 'Invalid input, or a bank file that cannot be read (its line or element named).' },
  'TD-007': { httpStatus: 404, beskrivelse: 'Fant ingenting: ingen utbetalinger den dagen.', description: 'Nothing found: no payouts that day.' },
  'TD-009': { httpStatus: 404, beskrivelse: 'Fant ingen part, utbetaling eller uidentifisert innbetaling med denne identifikatoren.', description: 'Unknown party, payout or unidentified payment.' },
  'TD-010': { httpStatus: 413, beskrivelse: 'Forespørselen er for stor.', description: 'Request body too large.' },
  'TD-011': { httpStatus: 415, beskrivelse: 'Content-Type støttes ikke her.', description: 'Unsupported Content-Type.' },
  'TD-012': { httpStatus: 409, beskrivelse: 'Strider mot det som er bokført (tilbake i tid, allerede tildelt, en annen fil med samme identitet, samme idempotensnøkkel med en annen forespørsel).', description: 'Conflicts with what is booked.' },
});

const error = testdataErrors.error;

export const tdErrors = {
  internal: () => error('TD-001', commonMeldinger.internal),
  unknownPath: (method: string, path: string) => error('TD-003', `Fant ingen ressurs for ${method} ${echo(path)}. Se /docs, avsnittet Testdata (sandkasse).`),
  authentication: (reason: string) => error('TD-004', sentence(reason)),
  invalidInput: (melding: string) => error('TD-006', sentence(melding)),
  unreadableFile: (feil: BankfilFeil) => {
    const sted = feil.linje !== undefined ? `linje ${feil.linje}` : feil.element !== undefined ? `elementet ${feil.element}` : 'filen';
    return error('TD-006', sentence(`Bankfilen kan ikke leses (${feil.kode}, ${sted}): ${feil.melding}`));
  },
  noPayouts: (dato: string) => error('TD-007', `Fant ingen utbetalinger ${dato}, så ingen utbetalingsfil.`),
  unknown: (melding: string) => error('TD-009', sentence(melding)),
  tooLarge: (bytesMax: number) => error('TD-010', `Forespørselen er større enn ${bytesMax} byte.`),
  unsupportedMediaType: (contentType: string, expected: string) => error('TD-011', `Content-Type ${echo(contentType)} støttes ikke her; send ${expected}.`),
  conflict: (melding: string) => error('TD-012', sentence(melding)),
};
